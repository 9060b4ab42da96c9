package setting

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// MaxSchemaBytes bounds a json key's schema.
const MaxSchemaBytes = 16 << 10

// The codes of an Invalid definition's schema.
const (
	InvalidSchema    = "invalid_schema"     // the schema is not JSON, too large, or not a valid JSON Schema
	SchemaNotAllowed = "schema_not_allowed" // a schema on a key whose type is not json
)

// schemaURL is where a key's schema lives for the compiler: a name of its
// own that resolves nowhere, so a relative $ref cannot reach anything.
const (
	schemaBase = "https://tenantry.invalid/"
	schemaURL  = schemaBase + "setting.schema.json"
)

// compiledSchema is a Def's schema compiled, with the text it was compiled
// from (a Def copied and given another schema is compiled again).
type compiledSchema struct {
	text   string
	schema *jsonschema.Schema
}

// noLoader refuses every URL: a schema is only what the key carries (and
// the draft meta-schemas the compiler embeds), never a file or a remote
// document.
type noLoader struct{}

func (noLoader) Load(string) (any, error) {
	return nil, errors.New("a schema may only refer to itself")
}

// compileSchema compiles d's schema into d (CheckDef calls it when d enters
// a registry), so validating a value costs no compile. A schema is for a
// json key only, at most MaxSchemaBytes, self-contained.
func (d *Def) compileSchema() error {
	if d.Schema == nil {
		d.compiled = nil
		return nil
	}
	if d.Type != JSON {
		return &Invalid{Msg: "Only a key of type json may have a schema.", Code: SchemaNotAllowed}
	}
	sch, err := compile(d.Schema)
	var bad *Invalid
	if errors.As(err, &bad) {
		return &Invalid{Msg: bad.Msg, Code: InvalidSchema}
	} else if err != nil {
		return err
	}
	d.compiled = &compiledSchema{text: string(d.Schema), schema: sch}
	return nil
}

// schema returns d's compiled schema: the one CheckDef made, or, for a Def
// that never entered a registry (or whose schema changed since), a fresh
// compile.
func (d *Def) schema() (*jsonschema.Schema, error) {
	if c := d.compiled; c != nil && c.text == string(d.Schema) {
		return c.schema, nil
	}
	return compile(d.Schema)
}

// compile compiles a schema (draft 2020-12 unless it names another) with
// loading turned off; its error is an Invalid for the caller.
func compile(text []byte) (*jsonschema.Schema, error) {
	if len(text) > MaxSchemaBytes {
		return nil, invalid("The schema is not a valid JSON Schema: it is over %d KiB.", MaxSchemaBytes>>10)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return nil, invalid("The schema is not a valid JSON Schema: it is not JSON.")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(noLoader{})
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("setting: add schema: %w", err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, invalid("The schema is not a valid JSON Schema: %s", compileMessage(err))
	}
	return sch, nil
}

// compileMessage is a compile error in one line, without the schema's
// internal URL.
func compileMessage(err error) string {
	var verr *jsonschema.SchemaValidationError
	if errors.As(err, &verr) {
		var inner *jsonschema.ValidationError
		if errors.As(verr.Err, &inner) {
			return violations(inner)
		}
	}
	return strings.ReplaceAll(oneLine(err.Error()), schemaBase, "")
}

// validateSchema checks a json value (raw, already known to be JSON)
// against d's schema; the Invalid names what failed, in one line.
func (d *Def) validateSchema(raw []byte) error {
	sch, err := d.schema()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return invalid("The value is not valid JSON.")
	}
	err = sch.Validate(v)
	var verr *jsonschema.ValidationError
	if errors.As(err, &verr) {
		return invalid("The value does not fit the key's schema: %s", violations(verr))
	}
	return err
}

// maxViolations bounds how many failures a message names.
const maxViolations = 3

// violations names the innermost failures of a validation, each as its
// place in the value (a JSON pointer, / for the whole value) and what is
// wrong there: "/0: value must be one of 'a', 'b'".
func violations(e *jsonschema.ValidationError) string {
	p := message.NewPrinter(language.English)
	var leaves []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, pointer(e.InstanceLocation)+": "+oneLine(e.ErrorKind.LocalizedString(p)))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	more := ""
	if len(leaves) > maxViolations {
		more = fmt.Sprintf(" (and %d more)", len(leaves)-maxViolations)
		leaves = leaves[:maxViolations]
	}
	return strings.Join(leaves, "; ") + more
}

func pointer(tokens []string) string {
	if len(tokens) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
