package api

import (
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

var wildcardRE = regexp.MustCompile(`\{([A-Za-z0-9_]+)(?:\.\.\.)?\}`)

// wildcards lists the names of a route pattern's path wildcards.
func wildcards(pattern string) []string {
	var names []string
	for _, m := range wildcardRE.FindAllStringSubmatch(pattern, -1) {
		names = append(names, m[1])
	}
	return names
}

// checkParamText refuses a request whose path wildcards (names) or query
// parameters (every name and value) hold text no field accepts: a NUL, or
// bytes that are not UTF-8 once percent-decoded. Such a value names nothing
// that can exist, and PostgreSQL cannot even compare it, so it is a bad
// request, naming the parameter, before any use case sees it.
func checkParamText(r *http.Request, names []string) error {
	var fields []errs.FieldError
	add := func(field, v string) {
		if code, msg := textProblem(v); code != "" && len(fields) < maxTextFieldErrors {
			fields = append(fields, errs.FieldError{Field: field, Code: code, Message: msg})
		}
	}
	for _, name := range names {
		add(name, r.PathValue(name))
	}
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(k, k)
		for _, v := range q[k] {
			add(k, v)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &errs.Error{Kind: errs.Malformed, Code: "invalid_parameter", Fields: fields,
		Msg: "A path segment or query parameter holds a NUL character or bytes that are not UTF-8."}
}

// cleanHeader makes a header value that is kept (the User-Agent of audit
// events) storable: HTTP allows bytes that are not UTF-8 in header values,
// and refusing a request for its User-Agent would be out of proportion.
func cleanHeader(v string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(v, "\x00", ""), "\uFFFD")
}
