package test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// seedExample is one request example of a seed document, with the answer
// the document shows (test/testdata/compat/<seed>/examples.json).
type seedExample struct {
	Name     string         `json:"name"`
	Method   string         `json:"method"`
	Path     string         `json:"path"`
	Auth     string         `json:"auth"`
	Header   map[string]any `json:"header"`
	Body     any            `json:"body"`
	Status   int            `json:"status"`
	Response any            `json:"response"`
	// Deviation is where Tenantry answers otherwise on purpose: the
	// status it answers instead, and why.
	Deviation *struct {
		Status int    `json:"status"`
		Why    string `json:"why"`
	} `json:"deviation"`
}

// seedExamples reads a seed's examples.
func seedExamples(t *testing.T, seed string) []seedExample {
	t.Helper()
	b, err := os.ReadFile("testdata/compat/" + seed + "/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Examples []seedExample `json:"examples"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s examples: %v", seed, err)
	}
	return f.Examples
}

// sameShape returns what differs between got and the shape of want, as
// the seed's clients read it: every field of an object of want is in got
// with the same JSON type (null in want allows any); an array of want
// matches when got is an array with an element matching want's first
// element (or when want is empty). Values are not compared.
func sameShape(got, want any, at string) []string {
	switch w := want.(type) {
	case nil:
		return nil
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %s, want an object", at, jsonType(got))}
		}
		var out []string
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			v, ok := g[k]
			if !ok {
				out = append(out, at+"."+k+": missing")
				continue
			}
			out = append(out, sameShape(v, w[k], at+"."+k)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %s, want an array", at, jsonType(got))}
		}
		if len(w) == 0 {
			return nil
		}
		var first []string
		for i, e := range g {
			d := sameShape(e, w[0], fmt.Sprintf("%s[%d]", at, i))
			if len(d) == 0 {
				return nil
			}
			if first == nil {
				first = d
			}
		}
		if first == nil {
			return []string{at + ": empty, want elements like " + compactJSON(w[0])}
		}
		return append([]string{at + ": no element like the document's"}, first...)
	default:
		if jsonType(got) != jsonType(want) {
			return []string{fmt.Sprintf("%s: %s, want %s", at, jsonType(got), jsonType(want))}
		}
		return nil
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func compactJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// replace returns v (a decoded JSON value) with every string equal to a key
// of subst replaced by its value.
func replace(v any, subst map[string]string) any {
	switch x := v.(type) {
	case string:
		if r, ok := subst[x]; ok {
			return r
		}
		return x
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = replace(e, subst)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = replace(e, subst)
		}
		return out
	}
	return v
}

// fillPath replaces every {name} of path by vals[name] and the document's
// example ids by the run's.
func fillPath(path string, vals map[string]string) string {
	for k, v := range vals {
		path = strings.ReplaceAll(path, k, v)
	}
	return path
}
