package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/webhook"
)

// SealedColumn is one place where the store keeps values sealed with the
// master keys (package secret), and how to rebuild each value's seal
// context from its row.
type SealedColumn struct {
	Table  string
	Column string
	// Key is the table's primary key: rows are walked in its order.
	Key []string
	// With names more columns the seal context needs beyond the key.
	With []string
	// Field, when set, means Column holds a JSON array of objects, each
	// with its sealed value (or "") in Field and its id in ElemID.
	Field, ElemID string
	// Context is a value's seal context, from its row (the values of Key
	// then With) and, for a JSON array, its element's id.
	Context func(row []string, elemID string) string
}

// Name names the column as "table.column" (with "[].field" inside JSON).
func (c SealedColumn) Name() string {
	if c.Field != "" {
		return c.Table + "." + c.Column + "[]." + c.Field
	}
	return c.Table + "." + c.Column
}

// SealedColumns is the one list of sealed values, which master key
// rotation walks: a new sealed column adds its line here (the conformance
// suite fails on a column named *_sealed missing from it).
func SealedColumns() []SealedColumn {
	return []SealedColumn{
		{Table: "signing_keys", Column: "private_sealed", Key: []string{"id"},
			Context: func(k []string, _ string) string { return auth.SigningKeySealContext(k[0]) }},
		{Table: "user_totp", Column: "secret_sealed", Key: []string{"user_id"},
			Context: func(k []string, _ string) string { return auth.TOTPSealContext(k[0]) }},
		{Table: "auth_configs", Column: "providers", Key: []string{"tenant_id"}, Field: "client_secret_sealed", ElemID: "id",
			Context: func(k []string, elem string) string { return auth.ProviderSealContext(k[0], elem) }},
		{Table: "gateway_credentials", Column: "secret_sealed", Key: []string{"tenant_id", "id"}, With: []string{"provider"},
			Context: func(r []string, _ string) string { return credential.SealContext(r[0], credential.Provider(r[2])) }},
		{Table: "storage_configs", Column: "secret_sealed", Key: []string{"tenant_id"},
			Context: func(k []string, _ string) string { return storage.SealContext(k[0]) }},
		{Table: "webhook_endpoints", Column: "secret_sealed", Key: []string{"tenant_id", "id"},
			Context: func(k []string, _ string) string { return webhook.SealContext(k[1]) }},
		{Table: "webhook_endpoints", Column: "previous_sealed", Key: []string{"tenant_id", "id"},
			Context: func(k []string, _ string) string { return webhook.SealContext(k[1]) }},
		{Table: "platform_webhook_endpoints", Column: "secret_sealed", Key: []string{"id"},
			Context: func(k []string, _ string) string { return webhook.SealContext(k[0]) }},
		{Table: "platform_webhook_endpoints", Column: "previous_sealed", Key: []string{"id"},
			Context: func(k []string, _ string) string { return webhook.SealContext(k[0]) }},
	}
}

// Reseal is given each sealed value with its context and returns the value
// to store instead and true, or the value itself and false to leave it.
type Reseal func(sealed, context string) (string, bool, error)

// SealedBatch is what one ResealBatch did.
type SealedBatch struct {
	Next     []string // the key to continue after; nil when the column is done
	Rows     int      // rows read
	Values   int      // sealed values among them
	Resealed int      // values rewritten
	Raced    int      // values changed by someone else since read, left as they now are
}

// ResealBatch reads up to limit rows of col after the key after (nil: from
// the first row), gives each sealed value to reseal and writes back those it
// changes, each only if its row still holds what was read (so a concurrent
// change is never lost). It runs in a system transaction: one batch, one
// transaction. With a reseal that changes nothing it only reads, to check
// every value (in a read-only transaction too).
func (t *Tx) ResealBatch(ctx context.Context, col SealedColumn, after []string, limit int, reseal Reseal) (SealedBatch, error) {
	var b SealedBatch
	if !t.system {
		return b, errors.New("store: ResealBatch outside a system transaction")
	}
	if after != nil && len(after) != len(col.Key) || limit < 1 {
		return b, fmt.Errorf("store: ResealBatch %s: bad cursor or limit", col.Name())
	}
	rows, err := t.readSealed(ctx, col, after, limit)
	if err != nil {
		return b, err
	}
	for _, r := range rows {
		b.Rows++
		b.Next = r.row[:len(col.Key)]
		n, value, changed, err := resealRow(col, r, reseal)
		b.Values += n
		if err != nil {
			return b, fmt.Errorf("store: %s of %s: %w", col.Name(), strings.Join(b.Next, "/"), err)
		}
		if !changed {
			continue
		}
		where, args := keyMatch(col, b.Next)
		res, err := t.exec(ctx, `UPDATE `+col.Table+` SET `+col.Column+` = ? WHERE `+where+` AND `+col.Column+` = ?`,
			append(append([]any{value}, args...), r.value)...)
		if err != nil {
			return b, err
		}
		if affected(res) == 1 {
			b.Resealed += n
		} else {
			b.Raced++
		}
	}
	if len(rows) < limit {
		b.Next = nil
	}
	return b, nil
}

// sealedRow is one row of a sealed column: its key and With values, and
// its column's value.
type sealedRow struct {
	row   []string
	value string
}

func (t *Tx) readSealed(ctx context.Context, col SealedColumn, after []string, limit int) ([]sealedRow, error) {
	keys := strings.Join(col.Key, ", ")
	q := `SELECT ` + strings.Join(append(slices.Clone(col.Key), col.With...), ", ") + `, CAST(` + col.Column + ` AS TEXT) FROM ` + col.Table +
		` WHERE ` + col.Column + ` IS NOT NULL`
	var args []any
	if after != nil {
		q += ` AND (` + keys + `) > (` + strings.TrimSuffix(strings.Repeat("?, ", len(after)), ", ") + `)`
		for _, k := range after {
			args = append(args, k)
		}
	}
	rows, err := t.query(ctx, q+` ORDER BY `+keys+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedRow
	for rows.Next() {
		r := sealedRow{row: make([]string, len(col.Key)+len(col.With))}
		dest := make([]any, 0, len(r.row)+1)
		for i := range r.row {
			dest = append(dest, &r.row[i])
		}
		var v sql.NullString
		if err := rows.Scan(append(dest, &v)...); err != nil {
			return nil, fmt.Errorf("store: scan %s: %w", col.Name(), err)
		}
		r.value = v.String
		out = append(out, r)
	}
	return out, rows.Err()
}

// resealRow gives the row's sealed values to reseal and returns how many
// it holds and the row's new column value, if it changed.
func resealRow(col SealedColumn, r sealedRow, reseal Reseal) (n int, value string, changed bool, err error) {
	if col.Field == "" {
		v, ch, err := reseal(r.value, col.Context(r.row, ""))
		return 1, v, ch, err
	}
	var elems []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.value), &elems); err != nil {
		return 0, "", false, fmt.Errorf("decode json: %w", err)
	}
	for _, e := range elems {
		var sealed, elemID string
		if raw, ok := e[col.Field]; !ok || json.Unmarshal(raw, &sealed) != nil || sealed == "" {
			continue
		}
		_ = json.Unmarshal(e[col.ElemID], &elemID)
		n++
		v, ch, err := reseal(sealed, col.Context(r.row, elemID))
		if err != nil {
			return n, "", false, err
		}
		if ch {
			enc, _ := json.Marshal(v)
			e[col.Field], changed = enc, true
		}
	}
	if !changed {
		return n, r.value, false, nil
	}
	out, err := json.Marshal(elems)
	return n, string(out), err == nil, err
}

// keyMatch is the WHERE clause and arguments naming one row by its key.
func keyMatch(col SealedColumn, key []string) (string, []any) {
	parts := make([]string, len(col.Key))
	args := make([]any, len(col.Key))
	for i, k := range col.Key {
		parts[i], args[i] = k+" = ?", key[i]
	}
	return strings.Join(parts, " AND "), args
}

// CheckSealedColumns compares a schema's columns ("table.column", every
// column of every table) with SealedColumns: it names each column called
// *_sealed that the list lacks and each listed column the schema lacks, or
// returns "". The engines' tests give it their catalogs.
func CheckSealedColumns(schema []string) string {
	listed := map[string]bool{}
	for _, c := range SealedColumns() {
		listed[c.Table+"."+c.Column] = true
	}
	have := map[string]bool{}
	var problems []string
	for _, col := range schema {
		have[col] = true
		if strings.HasSuffix(col, "_sealed") && !listed[col] {
			problems = append(problems, col+" is named *_sealed but missing from store.SealedColumns (rotation would skip it)")
		}
	}
	for col := range listed {
		if !have[col] {
			problems = append(problems, "store.SealedColumns lists "+col+", which the schema does not have")
		}
	}
	if len(schema) < 20 {
		problems = append(problems, fmt.Sprintf("only %d columns in the schema", len(schema)))
	}
	slices.Sort(problems)
	return strings.Join(problems, "\n")
}
