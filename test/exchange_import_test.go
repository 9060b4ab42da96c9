package test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

// TestExchangeConflicts refuses an import whose tenant id or slug this
// installation has, and one imported already; it links a member whose
// email an account here has, and reports it.
func TestExchangeConflicts(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, tok := h.richTenant(t, "Conflict Studio")
		file := h.export(t, acc.tenantID, tok)

		// The same installation: the tenant exists.
		_, err := h.importFile(t, bytes.NewReader(file), 0)
		if errs.CodeOf(err) != "tenant_exists" || !errs.Is(err, errs.Conflict) {
			t.Fatalf("import into its own installation: %v", err)
		}

		// Another installation with a tenant of the same slug.
		other := boot(t, h.engine, options{})
		taken := other.register(t, "Conflict Studio")
		if taken.slug != acc.slug {
			t.Fatalf("slugs %q and %q", taken.slug, acc.slug)
		}
		if _, err := other.importFile(t, bytes.NewReader(file), 0); errs.CodeOf(err) != "slug_taken" {
			t.Fatalf("import over a taken slug: %v", err)
		}

		// An empty installation takes it once; a second import of the same export is refused.
		third := boot(t, h.engine, options{})
		if _, err := third.importFile(t, bytes.NewReader(file), 0); err != nil {
			t.Fatalf("import: %v", err)
		}
		if _, err := third.importFile(t, bytes.NewReader(file), 0); errs.CodeOf(err) != "import_complete" {
			t.Fatalf("a second import of the same export: %v", err)
		}
	})
}

// TestExchangeLinksExistingEmail imports a tenant whose owner already has
// an account in the target installation (with a password): the membership
// goes to that account, which signs in to the imported tenant with its own
// password, and the import reports the link.
func TestExchangeLinksExistingEmail(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, tok := h.richTenant(t, "Linked Lounge")
		file := h.export(t, acc.tenantID, tok)
		dst := boot(t, h.engine, options{})
		// The same person registered another business there, with the same email.
		body := registration("Linked Other")
		body["admin_email"] = acc.email
		dst.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated)

		rep, err := dst.importFile(t, bytes.NewReader(file), 0)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if len(rep.Linked) != 1 || !strings.EqualFold(rep.Linked[0].Email, acc.email) || rep.Linked[0].UserID == rep.Linked[0].ExportedID {
			t.Fatalf("linked: %+v", rep.Linked)
		}
		if rep.Users != 1 { // the outlet manager; the owner was linked
			t.Errorf("users created: %d", rep.Users)
		}
		// The existing account's password opens the imported tenant, as its owner.
		owner := dst.scoped(t, acc.email, acc.password, acc.tenantID)
		dst.get(t, "/api/v1/customers", owner).expect(http.StatusOK)
	})
}

// TestExchangeResume cuts an import short after some batches (the file's
// reader fails), then runs it again with the whole file: it continues, and
// the result exports the same records as the source.
func TestExchangeResume(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, tok := h.richTenant(t, "Resume Rooms")
		file := h.export(t, acc.tenantID, tok)
		dst := boot(t, h.engine, options{})

		cut := len(file) * 2 / 3
		_, err := dst.importFile(t, &failingReader{r: bytes.NewReader(file), n: cut}, 2)
		if err == nil {
			t.Fatal("an import cut short succeeded")
		}
		ctx := context.Background()
		if err := dst.srv.App.DB().ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
			imp, err := tx.GetImport(ctx, acc.tenantID, exportID(t, file))
			if err == nil && imp.CompletedAt != nil {
				t.Errorf("the cut import is complete")
			}
			return err
		}); err != nil {
			t.Fatalf("the cut import left no record: %v", err)
		}
		// A truncated file (the transfer ended mid-way, no trailer) is refused too, and resumable.
		_, err = dst.importFile(t, bytes.NewReader(file[:cut]), 2)
		if code := errs.CodeOf(err); code != "export_truncated" {
			t.Fatalf("a truncated file: %v", err)
		}
		rep, err := dst.importFile(t, bytes.NewReader(file), 2)
		if err != nil {
			t.Fatalf("resume: %v", err)
		}
		if !rep.Resumed || rep.Inserted >= rep.Records {
			t.Errorf("resume report: %+v", rep)
		}
		sameRecords(t, file, dst.export(t, acc.tenantID, dst.admin(t)))
	})
}

// exportID is the export id of a file's header.
func exportID(t *testing.T, file []byte) string {
	t.Helper()
	first, _, _ := bytes.Cut(file, []byte("\n"))
	var h struct {
		ExportID string `json:"export_id"`
	}
	if err := json.Unmarshal(first, &h); err != nil {
		t.Fatal(err)
	}
	return h.ExportID
}
