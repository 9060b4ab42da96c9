// Command tenantry is the Tenantry server and its administration tool:
//
//	tenantry serve                   run the server (embedded SQLite unless DATABASE_URL is set)
//	tenantry migrate                 apply database migrations and exit
//	tenantry admin create-platform-admin --email E --password P
//	tenantry admin rotate-signing-key
//	tenantry admin rotate-master-key [-batch-size 200]
//	tenantry openapi                 print the OpenAPI 3.1 description (docs/openapi.json)
//	tenantry config-doc              print the settings table as Markdown (docs/configuration.md)
//	tenantry mail list [-n 20]       show the newest messages of the mail queue
//	tenantry jobs list [-kind K] [-status S] [-n 20]   show the newest jobs of the queue
//	tenantry jobs retry ID           put a failed job back in the queue
//	tenantry audit verify [--file PATH [--keys JWKS] | --tenant ID]   verify an export file offline, or the database's audit chains
//	tenantry export --tenant ID [-o FILE] [--format ndjson|json]     export a tenant's complete data (docs/export.md)
//	tenantry import [FILE] [--batch N]                                import an export (standard input without FILE); resumable
//
// Settings come from flags and environment variables; flags win.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/errs"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stdout, stderr, getenv)
	case "migrate":
		err = migrate(ctx, args[1:], stdout, stderr, getenv)
	case "admin":
		err = admin(ctx, args[1:], stdout, stderr, getenv)
	case "mail":
		err = mailCmd(ctx, args[1:], stdout, stderr, getenv)
	case "jobs":
		err = jobsCmd(ctx, args[1:], stdout, stderr, getenv)
	case "audit":
		err = auditCmd(ctx, args[1:], stdout, stderr, getenv)
	case "export":
		err = exportCmd(ctx, args[1:], stdout, stderr, getenv)
	case "import":
		err = importCmd(ctx, args[1:], os.Stdin, stdout, stderr, getenv)
	case "openapi":
		err = openapi(stdout)
	case "config-doc":
		err = config.Markdown(stdout)
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "tenantry: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "tenantry:", err)
		if e, ok := errs.As(err); ok {
			for _, f := range e.Fields {
				fmt.Fprintf(stderr, "  %s: %s (%s)\n", f.Field, f.Message, f.Code)
			}
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: tenantry <command> [flags]

commands:
  serve                     run the server
  migrate                   apply database migrations and exit
  admin create-platform-admin --email E --password P [--first-name F --last-name L]
  admin rotate-signing-key  add a new token signing key (older tokens stay valid)
  admin rotate-master-key [-batch-size 200]
                            re-seal every stored secret under the first of TENANTRY_MASTER_KEYS (resumable)
  openapi                   print the OpenAPI 3.1 description (docs/openapi.json)
  config-doc                print this settings table as Markdown (docs/configuration.md)
  mail list [-n 20]         show the newest messages of the mail queue (the local mailbox without SMTP)
  jobs list [-kind K] [-status pending|done|failed] [-tenant T] [-n 20]
                            show the newest jobs of the queue (mail, partner provisioning, billing)
  jobs retry ID             put a failed job back in the queue
  audit verify [--file PATH [--keys JWKS] | --tenant ID]
                            verify an audit export file offline, or the audit chain in the database
                            (one tenant's, or every tenant's); exit status 1 when a problem is found
  export --tenant ID [-o FILE] [--format ndjson|json]
                            write a tenant's complete data (no secrets) to FILE or standard output (docs/export.md)
  import [FILE] [--batch N] read an export (standard input without FILE) into this database, SQLite or PostgreSQL;
                            re-run after an interruption to continue

settings (flag, environment variable, default; flags win):
`)
	config.Usage(w)
}
