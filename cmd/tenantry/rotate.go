package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tenantry/tenantry/internal/app"
)

// rotateMasterKey re-seals every stored secret under the current master
// key, printing each batch, the totals and a check that every value opens
// and names the current key (so the older keys can go).
func rotateMasterKey(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	batch := app.DefaultRotationBatch
	a, err := adminApp(ctx, args, stderr, getenv, func(fs *flag.FlagSet) {
		fs.IntVar(&batch, "batch-size", app.DefaultRotationBatch, "rows re-sealed per transaction")
	})
	if err != nil {
		return err
	}
	defer a.DB().Close()
	versions := a.MasterKeyVersions()
	current := versions[0]
	fmt.Fprintf(stdout, "tenantry: re-sealing every stored secret under master key %s (keys configured: %s)\n",
		current, strings.Join(versions, ", "))
	if len(versions) == 1 {
		fmt.Fprintln(stdout, "tenantry: only one master key is configured: values sealed before key versions existed get its version; "+
			"to move to a new key, set TENANTRY_MASTER_KEYS=<new>,<old> on every server first")
	}
	res, err := a.RotateMasterKey(ctx, batch, func(p app.RotationProgress) {
		state := "…"
		if p.Done {
			state = "done"
		}
		fmt.Fprintf(stdout, "tenantry:   %s: batch %d, %d values read, %d re-sealed %s\n", p.Column, p.Batches, p.Values, p.Resealed, state)
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stdout, "tenantry: interrupted after %d values re-sealed; committed batches stay: run the command again to resume\n", res.Resealed)
		}
		return err
	}
	fmt.Fprintf(stdout, "tenantry: %d sealed values: %d re-sealed, %d already under %s, %d changed by a running server meanwhile\n",
		res.Values, res.Resealed, res.Current, current, res.Raced)
	check, err := a.CheckSealedValues(ctx, batch)
	if err != nil {
		return err
	}
	for _, f := range check.Failed {
		fmt.Fprintln(stdout, "tenantry:   does not open: "+f)
	}
	switch older := check.Older(current); {
	case len(check.Failed) > 0:
		return fmt.Errorf("%d sealed values open with none of the configured keys", len(check.Failed))
	case older > 0:
		fmt.Fprintf(stdout, "tenantry: %d values are still under older keys (written meanwhile by a server whose first key is not %s): "+
			"put %s first on every server, then run this again\n", older, current, current)
	default:
		fmt.Fprintf(stdout, "tenantry: check: all %d values open and are under %s; the other keys may now be removed "+
			"from TENANTRY_MASTER_KEYS (restart every server with the shorter list)\n", check.Values, current)
	}
	return nil
}
