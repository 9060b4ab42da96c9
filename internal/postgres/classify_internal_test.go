package postgres

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

// TestClassifyDuplicate classifies unique violations as PostgreSQL reports
// them and as a Citus coordinator passes on a shard's: the shard id
// appended to the constraint's name, and only the message left to read it
// from.
func TestClassifyDuplicate(t *testing.T) {
	msg := func(name string) string { return `duplicate key value violates unique constraint "` + name + `"` }
	cases := []struct {
		name string
		err  *pgconn.PgError
		key  string
	}{
		{"named", &pgconn.PgError{Code: "23505", ConstraintName: "uq__users__email", Message: msg("uq__users__email")}, "users.email"},
		{"shard named", &pgconn.PgError{Code: "23505", ConstraintName: "uq__users__email_102008", Message: msg("uq__users__email_102008")}, "users.email"},
		{"shard message only", &pgconn.PgError{Code: "23505", Message: msg("uq__users__email_102008")}, "users.email"},
		{"message only", &pgconn.PgError{Code: "23505", Message: msg("uq__tenant_slugs__slug")}, "tenant_slugs.slug"},
		{"underscored column", &pgconn.PgError{Code: "23505", Message: msg("uq__customers__email_key_102341")}, "customers.email_key"},
		{"primary key", &pgconn.PgError{Code: "23505", ConstraintName: "stripe_events_pkey"}, "stripe_events.pkey"},
		{"shard primary key", &pgconn.PgError{Code: "23505", Message: msg("stripe_events_pkey_102100")}, "stripe_events.pkey"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := engine{}.Classify(fmt.Errorf("insert: %w", c.err))
			if !store.IsDuplicate(err, c.key) || !errs.Is(err, errs.Conflict) {
				t.Errorf("Classify(%q, %q) = %v, want a Conflict Duplicate on %s", c.err.ConstraintName, c.err.Message, err, c.key)
			}
		})
	}
}
