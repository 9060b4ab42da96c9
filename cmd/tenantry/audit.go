package main

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/config"
)

// auditCmd runs `tenantry audit verify`: an export file offline (--file),
// or the database's chains, one tenant's (--tenant) or every tenant's.
func auditCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("usage: tenantry audit verify [--file PATH | --tenant ID]")
	}
	var file, keysFile, tenantID string
	flags := func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "verify this export file (GET /api/v1/audit-logs/export) offline, without the database")
		fs.StringVar(&keysFile, "keys", "", "with --file: trust only the keys of this JWKS file (the server's /.well-known/jwks.json), not the file's header")
		fs.StringVar(&tenantID, "tenant", "", "verify this tenant's chain in the database (default: every tenant's)")
	}
	if _, _, err := config.Load("audit", args[1:], getenv, stderr, flags); err != nil {
		return err
	}
	if file != "" {
		if tenantID != "" {
			return fmt.Errorf("--file and --tenant: choose one")
		}
		return verifyFile(file, keysFile, stdout)
	}
	a, err := adminApp(ctx, args[1:], stderr, getenv, flags)
	if err != nil {
		return err
	}
	defer a.DB().Close()
	var reports []audit.Report
	if tenantID != "" {
		r, err := a.VerifyTenantAudit(ctx, tenantID)
		if err != nil {
			return err
		}
		reports = append(reports, r)
	} else if reports, err = a.VerifyAllAudit(ctx); err != nil {
		return err
	}
	failed := 0
	for i := range reports {
		if !printReport(stdout, "tenant "+reports[i].TenantID, &reports[i]) {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("audit verify: %d of %d chains do not verify", failed, len(reports))
	}
	return nil
}

func verifyFile(path, keysFile string, stdout io.Writer) error {
	var trusted map[string]ed25519.PublicKey
	if keysFile != "" {
		var err error
		if trusted, err = readJWKS(keysFile); err != nil {
			return fmt.Errorf("audit verify --keys: %w", err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	defer f.Close()
	r, err := audit.VerifyFileKeys(f, trusted)
	if err != nil {
		return fmt.Errorf("audit verify %s: %w", path, err)
	}
	if !printReport(stdout, path+" (tenant "+r.TenantID+")", &r) {
		return fmt.Errorf("audit verify %s: the file does not verify", path)
	}
	return nil
}

// readJWKS reads the Ed25519 keys of a JWKS document.
func readJWKS(path string) (map[string]ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Keys []auth.JWK `json:"keys"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: not a JWKS document: %w", path, err)
	}
	out := map[string]ed25519.PublicKey{}
	for _, k := range doc.Keys {
		x, err := base64.RawURLEncoding.DecodeString(k.X)
		if err != nil || k.Crv != "Ed25519" || len(x) != ed25519.PublicKeySize {
			continue
		}
		out[k.Kid] = ed25519.PublicKey(x)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no Ed25519 key", path)
	}
	return out, nil
}

// printReport prints one verification and reports whether it was OK.
func printReport(w io.Writer, what string, r *audit.Report) bool {
	state := "OK"
	if !r.OK {
		state = "FAILED"
	}
	fmt.Fprintf(w, "tenantry: audit verify %s: %s: %d batches and %d events verified", what, state, r.Batches, r.Events)
	if r.Redacted > 0 {
		fmt.Fprintf(w, ", %d redacted (pseudonymised by a user erasure)", r.Redacted)
	}
	if r.PrunedBatches > 0 {
		fmt.Fprintf(w, ", %d pruned batches", r.PrunedBatches)
	}
	fmt.Fprintf(w, ", %d uncovered (after the last complete batch), %d not sealed yet\n", r.Uncovered, r.Unsealed)
	if p := r.Problem; p != nil {
		fmt.Fprintf(w, "tenantry:   first problem: %s", p.Kind)
		if p.Batch > 0 {
			fmt.Fprintf(w, ", batch %d", p.Batch)
		}
		if p.Seq > 0 {
			fmt.Fprintf(w, ", position %d", p.Seq)
		}
		if p.EventID != "" {
			fmt.Fprintf(w, ", event %s", p.EventID)
		}
		fmt.Fprintf(w, ": %s\n", p.Detail)
	}
	return r.OK
}
