package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
)

const docDescription = "Tenantry is a multi-tenant SaaS backbone: self-service registration, " +
	"tenants and their lifecycle, sessions with rotating refresh tokens and tenant-scoped access tokens, " +
	"and an audit log. Send JSON, authenticate with `Authorization: Bearer <access token>` (machine clients: " +
	"`X-API-Key: <API key>`, where an operation lists apiKeyAuth), and expect " +
	"errors as RFC 9457 problem details (`application/problem+json`) carrying a stable machine `code` " +
	"and, for invalid fields, an `errors` list. Every response carries an `X-Request-ID` header to quote in support requests."

// OpenAPIDocument returns the OpenAPI 3.1 description of the API, generated
// from the same route table that registers the handlers.
func (s *Server) OpenAPIDocument() ([]byte, error) {
	doc, err := buildDocument(s.routes)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("openapi: encode: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// openapiJSON serves the document. It is generated per request (about a
// millisecond): caching it once per Server needs a field on Server, and
// package state is not an option.
func (s *Server) openapiJSON(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	doc, err := s.openapi()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(doc, '\n'))
	return nil
}

// buildDocument describes routes, in order, with their shared components.
func buildDocument(routes []Route) (*document, error) {
	schemas := newSchemaSet()
	if _, err := schemas.of(reflect.TypeFor[Problem]()); err != nil {
		return nil, err
	}
	doc := &document{
		OpenAPI: "3.1.0",
		Info:    docInfo{Title: "Tenantry API", Version: "1.0.0", Description: docDescription},
		Servers: []docServer{{URL: "/"}},
		Paths:   map[string]pathItem{},
	}
	ids, tags := map[string]string{}, map[string]bool{}
	for _, rt := range routes {
		path, op, err := buildOperation(rt, schemas)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.Method, rt.Path, err)
		}
		if prev, dup := ids[op.OperationID]; dup {
			return nil, fmt.Errorf("%s %s: operationId %s is also %s's", rt.Method, rt.Path, op.OperationID, prev)
		}
		ids[op.OperationID] = rt.Method + " " + rt.Path
		if doc.Paths[path] == nil {
			doc.Paths[path] = pathItem{}
		}
		doc.Paths[path][strings.ToLower(rt.Method)] = op
		if !tags[rt.Tag] {
			tags[rt.Tag] = true
			doc.Tags = append(doc.Tags, docTag{Name: rt.Tag})
		}
	}
	doc.Components = components{Schemas: schemas.defs, Responses: problemComponents(), SecuritySchemes: map[string]securityScheme{
		"bearerAuth": {Type: "http", Scheme: "bearer", BearerFormat: "JWT",
			Description: "An access token from POST /api/v1/auth/login, /auth/refresh or /auth/select-tenant."},
		"apiKeyAuth": {Type: "apiKey", In: "header", Name: apiKeyHeader,
			Description: "A tenant's API key (tnt_live_… or tnt_test_…) from POST /api/v1/api-keys, for machine clients; " +
				"it may call the operations whose permission has a scope the key holds."},
	}}
	return doc, nil
}

// buildOperation describes one route and returns its OpenAPI path.
func buildOperation(rt Route, schemas *schemaSet) (string, *operation, error) {
	path, names := openAPIPath(rt.Path)
	op := &operation{
		OperationID: operationID(rt.Method, path),
		Summary:     rt.Summary,
		Description: accessNote(rt),
		Tags:        []string{rt.Tag},
		Security:    []map[string][]string{},
		Responses:   map[string]*response{},
	}
	if rt.Compat != "" { // a seed's ids start with its name: persPostTenants
		op.OperationID = rt.Compat + strings.ToUpper(op.OperationID[:1]) + op.OperationID[1:]
	}
	op.Security = securityOf(rt)
	for _, name := range names {
		op.Parameters = append(op.Parameters, parameter{Name: name, In: "path", Required: true, Schema: &schema{Type: "string"}})
	}
	for _, q := range rt.Query {
		op.Parameters = append(op.Parameters, parameter{Name: q.Name, In: "query", Description: q.Description, Schema: &schema{Type: q.Type}})
	}
	if rt.Body != nil {
		s, err := schemas.of(reflect.TypeOf(rt.Body))
		if err != nil {
			return "", nil, fmt.Errorf("request body: %w", err)
		}
		mt := "application/json"
		if rt.BodyType != "" {
			mt = rt.BodyType
		}
		op.RequestBody = &requestBody{Required: !rt.OptionalBody, Content: map[string]mediaType{mt: {Schema: s}}}
	}
	ok, err := success(rt, schemas)
	if err != nil {
		return "", nil, fmt.Errorf("response: %w", err)
	}
	if rt.TotalCount {
		ok.Headers = map[string]header{"X-Total-Count": {Description: "How many items match, across all pages.", Schema: &schema{Type: "integer"}}}
	}
	if rt.NextCursor {
		if ok.Headers == nil {
			ok.Headers = map[string]header{}
		}
		ok.Headers["X-Next-Cursor"] = header{Description: "The cursor of the next page (pass it as cursor); absent on the last page.", Schema: &schema{Type: "string"}}
	}
	op.Responses[strconv.Itoa(rt.Status)] = ok
	for _, code := range problemsOf(rt, len(names) > 0) {
		op.Responses[strconv.Itoa(code)] = &response{Ref: "#/components/responses/" + problemName(code)}
	}
	return path, op, nil
}

// securityOf lists the credentials a route accepts: a bearer token on
// authenticated routes, or an API key when the route's permission has a
// scope; optional credentials also list the anonymous alternative {}.
func securityOf(rt Route) []map[string][]string {
	out := []map[string][]string{}
	switch rt.Access {
	case Optional:
		out = append(out, map[string][]string{}, map[string][]string{"bearerAuth": {}}, map[string][]string{"apiKeyAuth": {}})
	case Authenticated:
		out = append(out, map[string][]string{"bearerAuth": {}})
		if keyScope(rt) != "" {
			out = append(out, map[string][]string{"apiKeyAuth": {}})
		}
	}
	return out
}

// success describes a route's success response.
func success(rt Route, schemas *schemaSet) (*response, error) {
	out := &response{Description: http.StatusText(rt.Status)}
	mt := rt.ContentType
	var s *schema
	switch {
	case rt.Status == http.StatusNoContent:
		return out, nil
	case rt.Reply != nil:
		var err error
		if s, err = schemas.of(reflect.TypeOf(rt.Reply)); err != nil {
			return nil, err
		}
		if mt == "" {
			mt = "application/json"
		}
	case mt == "application/json":
		s = &schema{Type: "object"}
	case mt != "":
		s = &schema{Type: "string"}
	default:
		return out, nil
	}
	out.Content = map[string]mediaType{mt: {Schema: s}}
	return out, nil
}

// accessNote says, in a sentence or two, who may call a route.
func accessNote(rt Route) string {
	switch rt.Access {
	case Public:
		return "No credentials needed; rate-limited per client address."
	case Operations:
		return "No credentials needed; not rate-limited."
	case Webhook:
		return "A signed callback: no bearer token or API key; the provider's signature header is verified " +
			"with the platform's webhook secret (401 when it does not match). Not rate-limited."
	case Optional:
		return "Credentials optional: a bearer access token or an API key (X-API-Key) changes what the answer holds; " +
			"bad credentials are refused. Rate-limited per caller, or per client address when anonymous."
	}
	note := "Needs a bearer access token; rate-limited per user."
	if scope := keyScope(rt); scope != "" {
		note = "Needs a bearer access token, or an API key (X-API-Key) with the scope `" + scope + "`; rate-limited per user or key."
	}
	switch {
	case rt.Action == "":
	case membership.PlatformOnly(rt.Action):
		note += " Permission `" + string(rt.Action) + "`: platform admins only."
	default:
		var roles []string
		for _, r := range membership.Roles() {
			if membership.Allowed(r, rt.Action) {
				roles = append(roles, string(r))
			}
		}
		note += " Permission `" + string(rt.Action) + "`: platform admins and the tenant roles " + strings.Join(roles, ", ") + "."
	}
	return note
}

// openAPIPath turns a mux pattern's path into OpenAPI form ({name...}
// becomes {name}, {$} disappears) and lists its path parameters.
func openAPIPath(pattern string) (string, []string) {
	var b strings.Builder
	var names []string
	rest := pattern
	for {
		open := strings.IndexByte(rest, '{')
		end := strings.IndexByte(rest, '}')
		if open < 0 || end < open {
			b.WriteString(rest)
			return b.String(), names
		}
		b.WriteString(rest[:open])
		if name := strings.TrimSuffix(rest[open+1:end], "..."); name != "$" {
			b.WriteString("{" + name + "}")
			names = append(names, name)
		}
		rest = rest[end+1:]
	}
}

// operationID derives a stable camelCase id from a method and a path:
// GET /api/v1/tenants/{tenant_id}/reactivate is getTenantsByTenantIdReactivate.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	if rest, ok := strings.CutPrefix(path, "/api/v1/"); ok {
		path = rest
	}
	for seg := range strings.SplitSeq(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			b.WriteString("By")
			seg = name
		}
		for word := range strings.FieldsFuncSeq(seg, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) {
			b.WriteString(strings.ToUpper(word[:1]) + strings.ToLower(word[1:]))
		}
	}
	return b.String()
}

// problemsOf lists the problem statuses a route can answer with. Every
// route can fail with 500. Routes that reach the app can meet a malformed
// request (400), invalid fields (422), the rate limit (429) and an
// unavailable database (503). Authenticated routes, and the session routes
// (tag Auth) that exchange credentials, can be refused (401, 403);
// webhooks, whose signature is checked, too (401). Authenticated routes,
// webhooks (their provider not configured) and routes with path
// parameters can miss (404).
// Writes outside the session routes can conflict (409), and any JSON body
// can be too large (413).
func problemsOf(rt Route, hasParams bool) []int {
	codes := []int{http.StatusInternalServerError}
	reachesApp := rt.Access != Operations
	if reachesApp {
		codes = append(codes, http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusTooManyRequests, http.StatusServiceUnavailable)
	}
	if rt.Access == Authenticated || rt.Access == Optional || (reachesApp && rt.Tag == "Auth") {
		codes = append(codes, http.StatusUnauthorized, http.StatusForbidden)
	}
	if rt.Access == Webhook {
		codes = append(codes, http.StatusUnauthorized)
	}
	if rt.Access == Authenticated || rt.Access == Webhook || hasParams {
		codes = append(codes, http.StatusNotFound)
	}
	if reachesApp && rt.Tag != "Auth" && rt.Method != http.MethodGet {
		codes = append(codes, http.StatusConflict)
	}
	if rt.Body != nil {
		codes = append(codes, http.StatusRequestEntityTooLarge)
	}
	slices.Sort(codes)
	return codes
}

// problemName is the components.responses key of a problem status, e.g.
// TooManyRequests.
func problemName(code int) string { return strings.ReplaceAll(http.StatusText(code), " ", "") }

// problemComponents are the shared problem responses operations refer to.
func problemComponents() map[string]*response {
	retry := map[string]header{"Retry-After": {Description: "Seconds to wait before retrying.", Schema: &schema{Type: "integer"}}}
	challenge := map[string]header{"WWW-Authenticate": {Description: `Bearer realm="tenantry"`, Schema: &schema{Type: "string"}}}
	problems := []struct {
		code    int
		desc    string
		headers map[string]header
	}{
		{http.StatusBadRequest, "The request is malformed: not one JSON object, an unknown field, a wrong media type or an unreadable query parameter.", nil},
		{http.StatusUnauthorized, "The credentials are missing, malformed, expired or revoked.", challenge},
		{http.StatusForbidden, "The caller may not do this, the account or tenant is not active, or a plan limit is reached: " +
			"code `plan_limit_exceeded` with `meter`, `limit`, `used`, the current `plan`, `upgrade_to` (the cheapest plan that " +
			"would allow it; absent when none would) and `exceeded` (that one meter).", nil},
		{http.StatusNotFound, "The resource does not exist or the caller may not see it.", nil},
		{http.StatusConflict, "The change conflicts with the current state, e.g. a slug or email already in use; a downgrade " +
			"that current usage does not fit is `plan_limit_exceeded`, naming the `plan` and listing `exceeded: [{meter, used, limit}]`.", nil},
		{http.StatusRequestEntityTooLarge, fmt.Sprintf("The body is larger than %d bytes (a picture upload: %d).", maxBody, maxPictureBody), nil},
		{http.StatusUnprocessableEntity, "Some fields are invalid; `errors` lists each with a machine code.", nil},
		{http.StatusTooManyRequests, "Too many requests; wait as long as Retry-After says.", retry},
		{http.StatusInternalServerError, "Something went wrong on the server; it has been logged under the request id.", nil},
		{http.StatusServiceUnavailable, "A dependency, usually the database, is unavailable; retry after Retry-After seconds.", retry},
	}
	out := map[string]*response{}
	for _, p := range problems {
		out[problemName(p.code)] = &response{Description: p.desc, Headers: p.headers, Content: map[string]mediaType{
			"application/problem+json": {Schema: &schema{Ref: "#/components/schemas/Problem"}},
		}}
	}
	return out
}
