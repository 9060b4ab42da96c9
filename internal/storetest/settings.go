package storetest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

// settingCases cover configuration values at every level and custom key
// definitions.
func settingCases() map[string]Case {
	return map[string]Case{
		"SettingLayers":      testSettingLayers,
		"SettingDefinitions": testSettingDefinitions,
		"SettingSchema":      testSettingSchema,
		"SettingDelete":      testSettingDelete,
	}
}

// foreignSetting is the value seedForeign gives tenant b.
func foreignSetting(tenantID string) *store.TenantSetting {
	return &store.TenantSetting{TenantID: tenantID, Key: setting.LogoURL,
		Entry: setting.Entry{Value: json.RawMessage(`"https://b.example/logo.png"`)}, UpdatedAt: now}
}

// settingForeignChecks are the foreign-tenant checks of the tenant-scoped
// setting methods (foreignChecks).
func settingForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"LoadSettings": func(tx *store.Tx, b *foreign) error { _, err := tx.LoadSettings(ctx, b.tenant.ID, "prod"); return err },
		"PutTenantSetting": func(tx *store.Tx, b *foreign) error {
			s := foreignSetting(b.tenant.ID)
			s.Entry.Value = json.RawMessage(`"https://hijacked.example/x.png"`)
			return tx.PutTenantSetting(ctx, s)
		},
		"DeleteTenantSetting": func(tx *store.Tx, b *foreign) error {
			_, err := tx.DeleteTenantSetting(ctx, b.tenant.ID, "", setting.LogoURL)
			return err
		},
	}
}

func testSettingLayers(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "settings-x")
	y, _ := seed(t, db, "settings-y")
	v := func(s string) setting.Entry { return setting.Entry{Value: json.RawMessage(s)} }
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for _, s := range []store.PlatformSetting{
			{Level: setting.Global, Key: setting.MFAEnforced, Entry: setting.Entry{Value: json.RawMessage(`true`), Locked: true}, UpdatedAt: now},
			{Level: setting.Plan, ScopeID: "plan_free", Key: setting.RetentionDays, Entry: v(`30`), UpdatedAt: now},
			{Level: setting.Plan, ScopeID: "plan_pro", Key: setting.RetentionDays, Entry: v(`90`), UpdatedAt: now},
		} {
			if err := tx.PutPlatformSetting(ctx, &s); err != nil {
				return err
			}
		}
		// Replacing keeps one row.
		return tx.PutPlatformSetting(ctx, &store.PlatformSetting{Level: setting.Plan, ScopeID: "plan_free",
			Key: setting.RetentionDays, Entry: v(`31`), UpdatedBy: "usr_admin", UpdatedAt: now})
	}))
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, s := range []*store.TenantSetting{
			{TenantID: x.ID, Key: setting.PrimaryColor, Entry: v(`"#000000"`), UpdatedAt: now},
			{TenantID: x.ID, Key: setting.PrimaryColor, Entry: v(`"#111111"`), UpdatedAt: now},
			{TenantID: x.ID, Environment: "prod", Key: setting.PrimaryColor, Entry: v(`"#222222"`), UpdatedAt: now},
			{TenantID: x.ID, Environment: "dev", Key: setting.PrimaryColor, Entry: v(`"#333333"`), UpdatedAt: now},
		} {
			if err := tx.PutTenantSetting(ctx, s); err != nil {
				return err
			}
		}
		return nil
	}))
	must(t, db.InTenant(ctx, y.ID, func(tx *store.Tx) error {
		return tx.PutTenantSetting(ctx, &store.TenantSetting{TenantID: y.ID, Key: setting.PrimaryColor, Entry: v(`"#ffffff"`), UpdatedAt: now})
	}))
	var got setting.Layers
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.LoadSettings(ctx, x.ID, "prod"); return }))
	want := setting.Layers{
		Global:      map[string]setting.Entry{setting.MFAEnforced: {Value: json.RawMessage(`true`), Locked: true}},
		Plan:        map[string]setting.Entry{setting.RetentionDays: v(`31`)},
		Tenant:      map[string]setting.Entry{setting.PrimaryColor: v(`"#111111"`)},
		Environment: map[string]setting.Entry{setting.PrimaryColor: v(`"#222222"`)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("layers of x in prod:\n got %+v\nwant %+v", got, want)
	}
	// Deleting returns to the inherited value; a second delete finds none.
	var gone, again bool
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		if gone, err = tx.DeleteTenantSetting(ctx, x.ID, "prod", setting.PrimaryColor); err != nil {
			return err
		}
		again, err = tx.DeleteTenantSetting(ctx, x.ID, "prod", setting.PrimaryColor)
		return err
	}))
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.LoadSettings(ctx, x.ID, "prod"); return }))
	if !gone || again || got.Environment != nil || string(got.Tenant[setting.PrimaryColor].Value) != `"#111111"` {
		t.Fatalf("after delete (%v, %v): %+v", gone, again, got)
	}
	var all []store.PlatformSetting
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { all, err = tx.PlatformSettings(ctx); return }))
	n := 0
	for _, s := range all {
		if s.Key == setting.RetentionDays && s.ScopeID == "plan_free" {
			n++
			if string(s.Entry.Value) != "31" || s.UpdatedBy != "usr_admin" || !s.UpdatedAt.Equal(now) {
				t.Errorf("platform setting %+v", s)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rows for the free plan's retention, want 1", n)
	}
}

func testSettingDefinitions(t *testing.T, db *store.DB) {
	d := &setting.Def{Key: "features.storetest_mode", Label: "Mode", Resource: "Features", Group: "Product", Section: "Beta",
		Type: setting.Enum, Values: []string{"a", "b"}, Default: json.RawMessage(`"a"`),
		Levels: []setting.Level{setting.Global, setting.Tenant}, Custom: true}
	var created, again bool
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { created, err = tx.PutSettingDefinition(ctx, d, now); return }))
	d2 := *d
	d2.Label, d2.Values = "Mode (renamed)", []string{"a", "b", "c"}
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) { again, err = tx.PutSettingDefinition(ctx, &d2, now); return }))
	if !created || again {
		t.Fatalf("created %v, then %v", created, again)
	}
	var list []*setting.Def
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { list, err = tx.SettingDefinitions(ctx); return }))
	for _, got := range list {
		if got.Key == d.Key {
			if !reflect.DeepEqual(got, &d2) {
				t.Fatalf("definition:\n got %+v\nwant %+v", got, &d2)
			}
			return
		}
	}
	t.Fatalf("definition %s not listed", d.Key)
}

// testSettingSchema: a definition's schema is stored and read back (as
// JSON: PostgreSQL's jsonb rewrites the text), replaced, and removed again
// (NULL reads as none).
func testSettingSchema(t *testing.T, db *store.DB) {
	d := &setting.Def{Key: "features.storetest_columns", Label: "Columns", Resource: "Features", Group: "Product",
		Section: "Reports", Type: setting.JSON, Default: json.RawMessage(`[]`), Levels: setting.Levels(),
		Schema: json.RawMessage(`{"type":"array","items":{"type":"string"},"maxItems":5}`), Custom: true}
	read := func() *setting.Def {
		t.Helper()
		var list []*setting.Def
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { list, err = tx.SettingDefinitions(ctx); return }))
		for _, got := range list {
			if got.Key == d.Key {
				return got
			}
		}
		t.Fatalf("definition %s not listed", d.Key)
		return nil
	}
	sameJSON := func(got, want json.RawMessage) bool {
		var g, w any
		return json.Unmarshal(got, &g) == nil && json.Unmarshal(want, &w) == nil && reflect.DeepEqual(g, w)
	}
	for _, schema := range []string{`{"type":"array","items":{"type":"string"},"maxItems":5}`, `{"type":"array","maxItems":2}`} {
		d.Schema = json.RawMessage(schema)
		must(t, db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.PutSettingDefinition(ctx, d, now); return err }))
		if got := read(); !sameJSON(got.Schema, d.Schema) {
			t.Fatalf("schema %s, want %s", got.Schema, d.Schema)
		}
	}
	d.Schema = nil
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.PutSettingDefinition(ctx, d, now); return err }))
	if got := read(); got.Schema != nil {
		t.Fatalf("schema %s after removing it", got.Schema)
	}
}

// testSettingDelete: deleting a platform-level value returns what it held
// and leaves the other scopes' values; a second delete is NotFound
// config_value_not_found.
func testSettingDelete(t *testing.T, db *store.DB) {
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for _, s := range []store.PlatformSetting{
			{Level: setting.Global, Key: setting.PrimaryColor, Entry: setting.Entry{Value: json.RawMessage(`"#010101"`), Locked: true}, UpdatedAt: now},
			{Level: setting.Plan, ScopeID: "plan_pro", Key: setting.PrimaryColor, Entry: setting.Entry{Value: json.RawMessage(`"#020202"`)}, UpdatedAt: now},
		} {
			if err := tx.PutPlatformSetting(ctx, &s); err != nil {
				return err
			}
		}
		return nil
	}))
	var old setting.Entry
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
		old, err = tx.DeletePlatformSetting(ctx, setting.Global, "", setting.PrimaryColor)
		return err
	}))
	if string(old.Value) != `"#010101"` || !old.Locked {
		t.Fatalf("deleted %+v", old)
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.DeletePlatformSetting(ctx, setting.Global, "", setting.PrimaryColor)
		return err
	})
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "config_value_not_found" {
		t.Fatalf("second delete: %v", err)
	}
	var all []store.PlatformSetting
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { all, err = tx.PlatformSettings(ctx); return }))
	left := 0
	for _, s := range all {
		if s.Key == setting.PrimaryColor {
			left++
			if s.Level != setting.Plan || s.ScopeID != "plan_pro" {
				t.Errorf("left %+v", s)
			}
		}
	}
	if left != 1 {
		t.Errorf("%d values of %s left, want the plan's", left, setting.PrimaryColor)
	}
}
