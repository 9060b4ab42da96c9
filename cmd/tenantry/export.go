package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tenantry/tenantry/internal/app"
)

// exportCmd runs `tenantry export --tenant ID [-o FILE] [--format ndjson|json]`:
// the tenant's complete data (docs/export.md) to FILE or standard output,
// with a progress bar on a terminal.
func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	var tenantID, out, format string
	flags := func(fs *flag.FlagSet) {
		fs.StringVar(&tenantID, "tenant", "", "the tenant to export (required)")
		fs.StringVar(&out, "o", "", "write the export to this file (default: standard output)")
		fs.StringVar(&format, "format", app.ExportNDJSON, "ndjson (one record per line) or json (one document)")
	}
	a, err := adminApp(ctx, args, stderr, getenv, flags)
	if err != nil {
		return err
	}
	defer a.DB().Close()
	if tenantID == "" {
		return fmt.Errorf("usage: tenantry export --tenant ID [-o FILE] [--format ndjson|json]")
	}
	w := stdout
	var f *os.File
	if out != "" {
		if f, err = os.Create(out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = f
	}
	pr := newProgress(stderr, "export "+tenantID, -1)
	err = a.ExportTenantOffline(ctx, app.TenantExportInput{TenantID: tenantID, Format: format, Progress: pr.update}, w)
	pr.done(err)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// progress reports records and bytes as they go: a bar on a terminal
// (rate, and ETA when the total is known), plain lines every few seconds
// otherwise.
type progress struct {
	w       io.Writer
	what    string
	bar     *progressbar.ProgressBar
	started time.Time
	last    time.Time
	records int64
	bytes   int64
}

// plainEvery is how often a progress line is printed when not on a terminal.
const plainEvery = 5 * time.Second

// newProgress starts reporting on w; total is the bytes expected, or -1.
func newProgress(w io.Writer, what string, total int64) *progress {
	p := &progress{w: w, what: what, started: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowBytes(true), progressbar.OptionSetPredictTime(total > 0), progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionFullWidth(), progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) update(records, bytes int64) {
	p.records, p.bytes = records, bytes
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s: %d records", p.what, records))
		_ = p.bar.Set64(bytes)
		return
	}
	if now := time.Now(); now.Sub(p.last) >= plainEvery {
		p.last = now
		p.line("")
	}
}

func (p *progress) line(state string) {
	secs := time.Since(p.started).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.records) / secs
	}
	fmt.Fprintf(p.w, "%s: %d records, %s, %.0f records/s, %s%s\n", p.what, p.records, byteSize(p.bytes), rate,
		time.Since(p.started).Round(time.Second), state)
}

func (p *progress) done(err error) {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	state := ", done"
	if err != nil {
		state = ", failed"
	}
	p.line(state)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
