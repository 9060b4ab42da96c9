package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// errorCases cover how store errors read in the log.
func errorCases() map[string]Case {
	return map[string]Case{
		"InternalErrorsNameTheirStatement": testInternalErrorsNameTheirStatement,
	}
}

// testInternalErrorsNameTheirStatement makes statements fail in ways no
// engine classifies (a write in a read-only transaction, a foreign key that
// points nowhere) and checks that the error names the store method, once,
// while classified errors keep their kind, code and text.
func testInternalErrorsNameTheirStatement(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "errors")
	o := newOutlet(x.ID, "Main", "")
	createOutlets(t, db, o)
	m := enqueue(t, db, x.ID, "errors@example.com", now)
	for name, run := range map[string]func() error{
		"store.(*Tx).SetOutletActive": func() error { // exec
			return db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.SetOutletActive(ctx, x.ID, o.ID, false, now) })
		},
		"store.(*Tx).ClaimJob": func() error { // query
			return db.ReadSystem(ctx, func(tx *store.Tx) error {
				_, err := tx.ClaimJob(ctx, m.ID, now, now.Add(time.Minute))
				return err
			})
		},
		"store.(*Tx).CreateMembership": func() error { // exec, refused by the database itself
			return db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
				return tx.CreateMembership(ctx, &membership.Membership{TenantID: x.ID, UserID: "usr_nobody", ID: id.New(id.Membership),
					Role: membership.Staff, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
			})
		},
	} {
		err := run()
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, name+": ") || strings.Count(msg, "store.(*Tx).") != 1 {
			t.Errorf("%s failed with %q, want it named once, first", name, msg)
		}
		if errs.KindOf(err) != errs.Internal {
			t.Errorf("%s: kind %v, want Internal", name, errs.KindOf(err))
		}
	}
	// Classified errors read as before.
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, newTenant("errors")) })
	if !store.IsDuplicate(err, "tenants.slug") || strings.Contains(err.Error(), "store.(*Tx)") {
		t.Errorf("duplicate slug: %v, want the Conflict unnamed", err)
	}
	err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetOutlet(ctx, x.ID, "out_missing"); return err })
	if errs.CodeOf(err) != "outlet_not_found" || strings.Contains(err.Error(), "store.(*Tx)") {
		t.Errorf("missing outlet: %v, want NotFound outlet_not_found unnamed", err)
	}
}
