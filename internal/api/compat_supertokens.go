package api

import (
	"net"
	"net/http"
	"strings"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/tenant"
)

// stKeyHeader is the supertokens core's API key header: a platform key.
const stKeyHeader = "api-key"

var errListFromPublic = errs.E(errs.Forbidden, "public_tenant_required",
	"Only the public tenant may list all tenants: leave out the tenantId header, or send public.")

// stTenantRef is the tenant a supertokens request is about: its tenantId
// header, else the first label of its host when that names a tenant's slug
// (company-a.example.com), else the public tenant.
func (s *Server) stTenantRef(r *http.Request, p *auth.Principal) string {
	if ref := strings.TrimSpace(r.Header.Get("tenantId")); ref != "" {
		return ref
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if label, _, ok := strings.Cut(host, "."); ok && net.ParseIP(host) == nil && tenant.ValidSlug(label) {
		if _, err := s.app.ActiveTenantID(r.Context(), p, label); err == nil {
			return label
		}
	}
	return tenant.PublicID
}

// stStatus turns a use case's refusal into the seed's 200 {status} answer
// when the seed has a status for it; any other error is returned as a problem.
func stStatus(w http.ResponseWriter, err error, byCode map[string]string) error {
	if st, ok := byCode[errs.CodeOf(err)]; ok {
		return writeJSON(w, http.StatusOK, STStatus{Status: st})
	}
	return err
}

func (s *Server) stPutTenant(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.platformCaller(r, stKeyHeader)
	if err != nil {
		return err
	}
	var req STTenantRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ref := req.TenantID
	if ref == "" {
		ref = tenant.PublicID
	}
	_, created, err := s.app.PutTenantConfig(r.Context(), p, ref, req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, STPutTenantResponse{Status: "OK", CreatedNew: created})
}

func (s *Server) stGetTenant(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.platformCaller(r, stKeyHeader)
	if err != nil {
		return err
	}
	ref := s.stTenantRef(r, p)
	notFound := map[string]string{"tenant_not_found": "TENANT_NOT_FOUND_ERROR", "not_found": "TENANT_NOT_FOUND_ERROR"}
	tenantID, err := s.app.ActiveTenantID(r.Context(), p, ref)
	if err != nil {
		return stStatus(w, err, notFound)
	}
	v, err := s.app.GetAuthConfig(r.Context(), p, tenantID)
	if err != nil {
		return stStatus(w, err, notFound)
	}
	return writeJSON(w, http.StatusOK, stTenantResponseOf(stTenantOf(v, strings.ToLower(ref))))
}

func (s *Server) stListTenants(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.platformCaller(r, stKeyHeader)
	if err != nil {
		return err
	}
	if s.stTenantRef(r, p) != tenant.PublicID {
		return errListFromPublic
	}
	out := STTenantListResponse{Status: "OK", Tenants: []STTenant{}}
	for skip := 0; ; skip += 500 {
		list, total, err := s.app.ListTenants(r.Context(), p, app.ListTenantsInput{Status: "active", Skip: skip, Limit: 500})
		if err != nil {
			return err
		}
		for _, l := range list {
			v, err := s.app.GetAuthConfig(r.Context(), p, l.Tenant.ID)
			if err != nil {
				return err
			}
			out.Tenants = append(out.Tenants, stTenantOf(v, l.Tenant.Slug))
		}
		if skip+len(list) >= total || len(list) == 0 {
			break
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) stDeleteTenant(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.platformCaller(r, stKeyHeader)
	if err != nil {
		return err
	}
	var req STTenantIDRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.TenantID == "" {
		return errs.Fields(errs.FieldError{Field: "tenantId", Code: "required", Message: "This field is required."})
	}
	tenantID, err := s.app.ActiveTenantID(r.Context(), p, req.TenantID)
	if errs.Is(err, errs.NotFound) {
		return writeJSON(w, http.StatusOK, STDeleteResponse{Status: "OK", DidExist: false})
	}
	if err != nil {
		return err
	}
	if err := s.app.Deactivate(r.Context(), p, tenantID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, STDeleteResponse{Status: "OK", DidExist: true})
}

// stAssociationStatus are the seed's statuses for the association use cases' refusals.
var stAssociationStatus = map[string]string{
	"tenant_not_found":    "TENANT_NOT_FOUND_ERROR",
	"not_found":           "TENANT_NOT_FOUND_ERROR",
	"unknown_user_id":     "UNKNOWN_USER_ID_ERROR",
	"plan_limit_exceeded": "ASSOCIATION_NOT_ALLOWED_ERROR",
	"role_not_grantable":  "ASSOCIATION_NOT_ALLOWED_ERROR",
	"tenant_inactive":     "ASSOCIATION_NOT_ALLOWED_ERROR",
	"tenant_suspended":    "ASSOCIATION_NOT_ALLOWED_ERROR",
	"owner_not_removable": "ASSOCIATION_NOT_ALLOWED_ERROR",
}

func (s *Server) stUser(w http.ResponseWriter, r *http.Request) (*auth.Principal, string, STUserRequest, error) {
	p, err := s.platformCaller(r, stKeyHeader)
	if err != nil {
		return nil, "", STUserRequest{}, err
	}
	var req STUserRequest
	if err := decode(w, r, &req); err != nil {
		return nil, "", req, err
	}
	var c errs.Collector
	c.Check(req.RecipeUserID == "", "recipeUserId", "required", "This field is required.")
	if err := c.Err(); err != nil {
		return nil, "", req, err
	}
	ref := req.TenantID
	if ref == "" {
		ref = tenant.PublicID
	}
	tenantID, err := s.app.ActiveTenantID(r.Context(), p, ref)
	return p, tenantID, req, err
}

func (s *Server) stAssociate(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, tenantID, req, err := s.stUser(w, r)
	if err != nil {
		return stStatus(w, err, stAssociationStatus)
	}
	already, err := s.app.AssociateUser(r.Context(), p, tenantID, req.RecipeUserID, "")
	if err != nil {
		return stStatus(w, err, stAssociationStatus)
	}
	return writeJSON(w, http.StatusOK, STAssociateResponse{Status: "OK", WasAlreadyAssociated: &already})
}

func (s *Server) stDisassociate(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, tenantID, req, err := s.stUser(w, r)
	if err != nil {
		return stStatus(w, err, stAssociationStatus)
	}
	was, err := s.app.DisassociateUser(r.Context(), p, tenantID, req.RecipeUserID)
	if err != nil {
		return stStatus(w, err, stAssociationStatus)
	}
	return writeJSON(w, http.StatusOK, STRemoveResponse{Status: "OK", WasAssociated: &was})
}
