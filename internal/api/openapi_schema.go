package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// The OpenAPI document, reduced to the parts Tenantry uses. Maps marshal
// with sorted keys, so the output is deterministic.
type (
	document struct {
		OpenAPI    string              `json:"openapi"`
		Info       docInfo             `json:"info"`
		Servers    []docServer         `json:"servers"`
		Tags       []docTag            `json:"tags"`
		Paths      map[string]pathItem `json:"paths"`
		Components components          `json:"components"`
	}
	docInfo struct {
		Title       string `json:"title"`
		Version     string `json:"version"`
		Description string `json:"description"`
	}
	docServer struct {
		URL string `json:"url"`
	}
	docTag struct {
		Name string `json:"name"`
	}
	pathItem  map[string]*operation // keyed by lower-case method
	operation struct {
		OperationID string                `json:"operationId"`
		Summary     string                `json:"summary"`
		Description string                `json:"description"`
		Tags        []string              `json:"tags"`
		Security    []map[string][]string `json:"security"`
		Parameters  []parameter           `json:"parameters,omitempty"`
		RequestBody *requestBody          `json:"requestBody,omitempty"`
		Responses   map[string]*response  `json:"responses"`
	}
	parameter struct {
		Name        string  `json:"name"`
		In          string  `json:"in"`
		Description string  `json:"description,omitempty"`
		Required    bool    `json:"required"`
		Schema      *schema `json:"schema"`
	}
	requestBody struct {
		Required bool                 `json:"required"`
		Content  map[string]mediaType `json:"content"`
	}
	response struct {
		Ref         string               `json:"$ref,omitempty"`
		Description string               `json:"description,omitempty"`
		Headers     map[string]header    `json:"headers,omitempty"`
		Content     map[string]mediaType `json:"content,omitempty"`
	}
	mediaType struct {
		Schema *schema `json:"schema"`
	}
	header struct {
		Description string  `json:"description"`
		Schema      *schema `json:"schema"`
	}
	components struct {
		Schemas         map[string]*schema        `json:"schemas"`
		Responses       map[string]*response      `json:"responses"`
		SecuritySchemes map[string]securityScheme `json:"securitySchemes"`
	}
	securityScheme struct {
		Type         string `json:"type"`
		Scheme       string `json:"scheme,omitempty"`
		BearerFormat string `json:"bearerFormat,omitempty"`
		In           string `json:"in,omitempty"`   // apiKey schemes: where the key goes
		Name         string `json:"name,omitempty"` // apiKey schemes: the header's name
		Description  string `json:"description"`
	}
)

// schema is a JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) reduced to
// what the wire types need.
type schema struct {
	Ref                  string             `json:"$ref,omitempty"`
	Type                 any                `json:"type,omitempty"` // a type name, or []string{name, "null"}
	Format               string             `json:"format,omitempty"`
	Properties           map[string]*schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Items                *schema            `json:"items,omitempty"`
	AdditionalProperties *schema            `json:"additionalProperties,omitempty"`
	AnyOf                []*schema          `json:"anyOf,omitempty"`
}

// schemaSet builds schemas from Go types by reflection, collecting every
// named struct once under its Go type name for components.schemas.
type schemaSet struct {
	defs  map[string]*schema
	types map[string]reflect.Type
}

func newSchemaSet() *schemaSet {
	return &schemaSet{defs: map[string]*schema{}, types: map[string]reflect.Type{}}
}

// of returns the schema of t as used at one place in the document: named
// structs are references to their component.
func (c *schemaSet) of(t reflect.Type) (*schema, error) {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return &schema{Type: "string", Format: "date-time"}, nil
	case t == reflect.TypeFor[json.RawMessage](), t.Kind() == reflect.Interface:
		return &schema{}, nil // any JSON value
	case t == reflect.TypeFor[FilePart]():
		return &schema{Type: "string", Format: "binary"}, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, err := c.of(t.Elem())
		return nullable(s), err
	case reflect.String:
		return &schema{Type: "string"}, nil
	case reflect.Bool:
		return &schema{Type: "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Uint, reflect.Uint8, reflect.Uint16:
		return &schema{Type: "integer"}, nil
	case reflect.Int32, reflect.Uint32:
		return &schema{Type: "integer", Format: "int32"}, nil
	case reflect.Int64, reflect.Uint64:
		return &schema{Type: "integer", Format: "int64"}, nil
	case reflect.Float32:
		return &schema{Type: "number", Format: "float"}, nil
	case reflect.Float64:
		return &schema{Type: "number", Format: "double"}, nil
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return &schema{Type: "string", Format: "byte"}, nil // encoding/json writes base64
		}
		items, err := c.of(t.Elem())
		return &schema{Type: "array", Items: items}, err
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("schema of %s: map keys must be strings", t)
		}
		values, err := c.of(t.Elem())
		return &schema{Type: "object", AdditionalProperties: values}, err
	case reflect.Struct:
		if t.Name() == "" {
			return c.object(t)
		}
		return c.ref(t)
	}
	return nil, fmt.Errorf("schema of %s: unsupported kind %s", t, t.Kind())
}

// ref registers the named struct t as a component (once) and returns a
// reference to it.
func (c *schemaSet) ref(t reflect.Type) (*schema, error) {
	name := t.Name()
	if !validComponentName(name) {
		return nil, fmt.Errorf("schema of %s: %q is not a valid component name", t, name)
	}
	if prev, ok := c.types[name]; ok && prev != t {
		return nil, fmt.Errorf("schema of %s: name %q is already used by %s", t, name, prev)
	}
	out := &schema{Ref: "#/components/schemas/" + name}
	if _, ok := c.types[name]; ok {
		return out, nil
	}
	c.types[name] = t // registered before building, so recursive types terminate
	obj, err := c.object(t)
	if err != nil {
		return nil, err
	}
	c.defs[name] = obj
	return out, nil
}

// object is the schema of struct t: a property per JSON field, required
// unless the field is omitempty or omitzero.
func (c *schemaSet) object(t reflect.Type) (*schema, error) {
	out := &schema{Type: "object", Properties: map[string]*schema{}}
	for f := range t.Fields() {
		name, optional, skip, err := jsonField(f)
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", t, err)
		}
		if skip {
			continue
		}
		s, err := c.of(f.Type)
		if err != nil {
			return nil, fmt.Errorf("field %s.%s: %w", t, f.Name, err)
		}
		out.Properties[name] = s
		if !optional {
			out.Required = append(out.Required, name)
		}
	}
	return out, nil
}

// jsonField reads how encoding/json treats f: its name, whether it may be
// absent, and whether it is skipped altogether.
func jsonField(f reflect.StructField) (name string, optional, skip bool, err error) {
	tag := f.Tag.Get("json")
	if tag == "-" || (!f.IsExported() && !f.Anonymous) {
		return "", false, true, nil
	}
	name, opts, _ := strings.Cut(tag, ",")
	if f.Anonymous && name == "" {
		return "", false, false, fmt.Errorf("embedded field %s is not supported; name it", f.Name)
	}
	if name == "" {
		name = f.Name
	}
	for opt := range strings.SplitSeq(opts, ",") {
		switch opt {
		case "omitempty", "omitzero":
			optional = true
		case "string":
			return "", false, false, fmt.Errorf("field %s: the ,string option is not supported", f.Name)
		}
	}
	return name, optional, false, nil
}

// nullable widens s to also accept null.
func nullable(s *schema) *schema {
	if s == nil {
		return nil
	}
	switch t := s.Type.(type) {
	case string:
		s.Type = []string{t, "null"}
		return s
	case nil:
		if s.Ref != "" {
			return &schema{AnyOf: []*schema{s, {Type: "null"}}}
		}
	}
	return s // any JSON value already admits null
}

// validComponentName reports whether name may key components.schemas.
func validComponentName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return false
		}
	}
	return true
}
