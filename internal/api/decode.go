package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

// maxBody is the largest request body accepted.
const maxBody = 1 << 20

// decode reads one JSON object into dst, rejecting unknown fields, trailing
// data, wrong types and bodies over maxBody with clear problems.
func decode(w http.ResponseWriter, r *http.Request, dst any) error {
	return decodeBody(w, r, dst, false)
}

// decodeOptional is decode for endpoints whose body may be empty.
func decodeOptional(w http.ResponseWriter, r *http.Request, dst any) error {
	return decodeBody(w, r, dst, true)
}

func decodeBody(w http.ResponseWriter, r *http.Request, dst any, optional bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return errs.E(errs.Malformed, "unsupported_media_type", "Send the body as application/json.")
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errs.E(errs.TooLarge, "body_too_large", fmt.Sprintf("The body may be at most %d bytes.", maxBody))
	case err != nil:
		return &errs.Error{Kind: errs.Malformed, Code: "malformed_json", Msg: "The body could not be read.", Err: err}
	}
	return decodeJSON(body, dst, optional)
}

// decodeJSON reads the one JSON object of body into dst, rejecting unknown
// fields, trailing data, wrong types and text no field accepts (NUL, bytes
// that are not UTF-8, lone surrogate escapes), and brings every string of
// dst to NFC but those tagged text:"verbatim" (passwords and other
// secrets, compared byte for byte). Every error it returns has a Kind.
func decodeJSON(body []byte, dst any, optional bool) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if errors.Is(err, io.EOF) && optional {
		return nil
	}
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return errs.E(errs.Malformed, "malformed_json", "The body must hold exactly one JSON object.")
		}
		if err := checkBodyText(body); err != nil {
			return err
		}
		normalizeStrings(reflect.ValueOf(dst))
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errs.E(errs.Malformed, "empty_body", "The request needs a JSON body.")
	case errors.As(err, &syntax):
		return errs.E(errs.Malformed, "malformed_json", fmt.Sprintf("The body is not valid JSON (at byte %d).", syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errs.E(errs.Malformed, "malformed_json", "The body ends in the middle of a JSON value.")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errs.E(errs.Malformed, "malformed_json", "The body must be a JSON object.")
		}
		return errs.Fields(errs.FieldError{Field: field, Code: "invalid_type", Message: "Must be a " + jsonType(typ.Type.Kind().String()) + "."})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &errs.Error{Kind: errs.Malformed, Code: "unknown_field", Msg: "The body has a field this endpoint does not accept: " + field + ".",
			Fields: []errs.FieldError{{Field: field, Code: "unknown_field", Message: "Not accepted here."}}}
	}
	return errs.E(errs.Malformed, "malformed_json", "The body could not be read as JSON.")
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "list"
	case "struct", "map", "ptr":
		return "object"
	}
	return "number"
}

// queryInt reads an integer query parameter, recording a problem in c.
func queryInt(r *http.Request, c *errs.Collector, name string, def int) int {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		c.Add(name, "invalid_integer", "Must be a whole number.")
		return def
	}
	return n
}

// writeJSON writes v with the given status. It encodes before writing, so an
// encoding failure can still be answered with a problem.
func writeJSON(w http.ResponseWriter, code int, v any) error {
	b, err := encodeJSON(v)
	if err != nil {
		return err
	}
	writeEncoded(w, code, b)
	return nil
}

// encodeJSON is v as a response body: JSON and a newline.
func encodeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode response: %w", err)
	}
	return append(b, '\n'), nil
}

// writeEncoded answers with a body encodeJSON made.
func writeEncoded(w http.ResponseWriter, code int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(b)
}
