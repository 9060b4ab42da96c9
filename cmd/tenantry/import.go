package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/server"
)

// importCmd runs `tenantry import [FILE] [--batch N]`: an export (standard
// input without FILE) into this installation's database, created and
// migrated if need be (docs/export.md). Re-run after an interruption, it
// continues where it stopped.
func importCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	var batch int
	cfg, rest, err := config.Load("import", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&batch, "batch", app.DefaultImportBatch, "records per transaction")
	})
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("usage: tenantry import [FILE] [--batch N]")
	}
	in, what, total := stdin, "import", int64(-1)
	if len(rest) == 1 {
		f, err := os.Open(rest[0])
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			total = st.Size()
		}
		in, what = f, "import "+rest[0]
	}
	a, err := server.OpenApp(ctx, &cfg, server.NewLogger(&cfg, stderr))
	if err != nil {
		return err
	}
	defer a.DB().Close()
	pr := newProgress(stderr, what, total)
	rep, err := a.ImportTenant(ctx, in, app.ImportOptions{Batch: batch, Progress: pr.update})
	pr.done(err)
	if rep != nil {
		printImport(stdout, rep, err == nil)
	}
	if err != nil {
		return fmt.Errorf("import: %w (re-run the same command to continue)", err)
	}
	return nil
}

func printImport(w io.Writer, rep *app.ImportReport, done bool) {
	state := "imported"
	if !done {
		state = "NOT complete"
	}
	if rep.Resumed {
		state += " (resumed an earlier import of this export)"
	}
	fmt.Fprintf(w, "tenant %s (%s) %s: %d records read, %d rows written (records already present skipped)\n",
		rep.TenantID, rep.Slug, state, rep.Records, rep.Inserted)
	if rep.Users > 0 {
		fmt.Fprintf(w, "%d user accounts created WITHOUT a password: each must reset it (POST /api/v1/auth/forgot-password) or be invited again\n", rep.Users)
	}
	for _, l := range rep.Linked {
		fmt.Fprintf(w, "linked: %s is an existing account here (%s); the membership of exported user %s went to it\n",
			l.Email, l.UserID, l.ExportedID)
	}
	if done && len(rep.Reenter) > 0 {
		fmt.Fprintln(w, "to enter again (never exported):")
		for _, r := range rep.Reenter {
			fmt.Fprintf(w, "  - %s\n", r)
		}
	}
}
