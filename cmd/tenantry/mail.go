package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/server"
	"github.com/tenantry/tenantry/internal/store"
)

// mailCmd runs `tenantry mail list [-n N]`: the newest messages of the
// outbox with their delivery status and body — the local mailbox of a
// developer running without SMTP, and the place to see stuck or failed mail.
func mailCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "list" {
		return errors.New("mail: name a subcommand: list")
	}
	n := 20
	cfg, _, err := config.Load("mail list", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.IntVar(&n, "n", 20, "how many messages to show, newest first")
	})
	if err != nil {
		return err
	}
	if n < 1 || n > 1000 {
		return fmt.Errorf("mail list: -n must be between 1 and 1000")
	}
	if err := server.RequireDatabase(&cfg); err != nil {
		return err
	}
	db, err := server.OpenDB(ctx, &cfg, server.NewLogger(&cfg, stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	var msgs []*mail.Message
	err = db.ReadSystem(ctx, func(tx *store.Tx) (err error) { msgs, err = tx.ListMail(ctx, n); return })
	if err != nil {
		return err
	}
	if len(msgs) == 0 {
		fmt.Fprintln(stdout, "tenantry: the mail outbox is empty")
		return nil
	}
	for i := len(msgs) - 1; i >= 0; i-- { // oldest of the page first, like a mailbox
		printMail(stdout, msgs[i])
	}
	return nil
}

func printMail(w io.Writer, m *mail.Message) {
	fmt.Fprintf(w, "── %s  %s\n", m.CreatedAt.Format(time.DateTime+"Z"), m.ID)
	fmt.Fprintf(w, "To:      %s\nSubject: %s\nKind:    %s\nStatus:  %s\n", m.To, m.Subject, m.Kind, status(m))
	fmt.Fprintf(w, "\n%s\n\n", indent(strings.TrimRight(m.Text, "\n")))
}

// status describes where a message stands: sent where and when, pending
// (with its last error), or failed for good.
func status(m *mail.Message) string {
	switch m.Status() {
	case mail.StatusSent:
		where := "by SMTP"
		if m.Via == mail.ViaLocal {
			where = "to the local mailbox (no SMTP configured)"
		}
		return fmt.Sprintf("sent %s at %s", where, m.SentAt.Format(time.DateTime+"Z"))
	case mail.StatusFailed:
		return fmt.Sprintf("failed after %d attempts: %s", m.Attempts, m.LastError)
	}
	if m.Attempts == 0 {
		return "pending"
	}
	return fmt.Sprintf("pending, %d attempts so far, next at %s; last error: %s",
		m.Attempts, m.NextAttemptAt.Format(time.DateTime+"Z"), m.LastError)
}

// indent indents every non-empty line of s by four spaces.
func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
