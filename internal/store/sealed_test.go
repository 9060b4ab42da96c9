package store

import (
	"reflect"
	"strings"
	"testing"
)

// TestSealedJSONFieldsListed: a sealed value kept inside a JSON column (a
// third-party provider's client secret) is in SealedColumns too. The row
// types stored as JSON are listed here; a field tagged *_sealed in one of
// them must have its line.
func TestSealedJSONFieldsListed(t *testing.T) {
	inJSON := map[string]reflect.Type{"auth_configs.providers": reflect.TypeFor[providerRow]()}
	listed := map[string]bool{}
	for _, c := range SealedColumns() {
		if c.Field != "" {
			listed[c.Table+"."+c.Column+"[]."+c.Field] = true
			if c.Name() != c.Table+"."+c.Column+"[]."+c.Field {
				t.Errorf("name %s", c.Name())
			}
		}
	}
	for col, typ := range inJSON {
		for _, f := range reflect.VisibleFields(typ) {
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if strings.HasSuffix(tag, "_sealed") && !listed[col+"[]."+tag] {
				t.Errorf("%s[].%s is sealed but missing from SealedColumns", col, tag)
			}
		}
	}
}
