package api

import (
	"reflect"

	"github.com/tenantry/tenantry/internal/text"
)

// normalizeStrings brings every string reachable from v (struct fields,
// pointers, slices, arrays and map values) to NFC with text.Normalize,
// except struct fields tagged text:"verbatim". Map keys are left as sent.
func normalizeStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			normalizeStrings(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("text") != "verbatim" {
				normalizeStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 { // raw bytes (json.RawMessage)
			return
		}
		for i := range v.Len() {
			normalizeStrings(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(iter.Value().Type()).Elem()
			val.Set(iter.Value())
			normalizeStrings(val)
			v.SetMapIndex(iter.Key(), val)
		}
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); s != "" {
				if n := text.Normalize(s); n != s {
					v.SetString(n)
				}
			}
		}
	}
}
