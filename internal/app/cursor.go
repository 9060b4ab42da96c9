package app

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

// cursorParam reads the cursor s of the query parameter field: nil when
// s is "" (the first page), and a field error in c when it is no cursor.
func cursorParam(c *errs.Collector, field, s string) *store.TenantKey {
	if s == "" {
		return nil
	}
	k, ok := decodeCursor(s)
	c.Check(!ok, field, "invalid", "Not a cursor of this list.")
	return k
}

// encodeCursor is the opaque cursor of a keyset position (created_at, id),
// shared by the lists paged that way (tenants, customers, audit events).
func encodeCursor(k store.TenantKey) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + k.ID))
}

// decodeCursor reads a cursor of encodeCursor; false when s is not one.
func decodeCursor(s string) (*store.TenantKey, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" || len(id) > 64 {
		return nil, false
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return nil, false
	}
	return &store.TenantKey{CreatedAt: t, ID: id}, true
}
