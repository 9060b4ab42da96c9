package api

import (
	"net/http"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) createPlatformKey(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CreatePlatformKeyRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	k, err := s.app.CreatePlatformKey(r.Context(), p, req.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, issuedPlatformKeyOf(k))
}

func (s *Server) listPlatformKeys(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	keys, err := s.app.ListPlatformKeys(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]PlatformKey, 0, len(keys))
	for _, k := range keys {
		out = append(out, platformKeyOf(k))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) revokePlatformKey(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.RevokePlatformKey(r.Context(), p, r.PathValue("key_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

var errPlatformKeyMissing = errs.E(errs.Unauthenticated, "invalid_platform_key",
	"The platform key is missing, unknown, malformed or revoked.")

// platformCaller authenticates a seed route's caller by the platform key in
// header (pers: x-api-key; supertokens: api-key): the one place a request
// becomes a platform key's principal. The seed routes are Public in the
// table (rate-limited per address before they get here); a refused key
// spends the address's allowance again, like any refused credential.
func (s *Server) platformCaller(r *http.Request, header string) (*auth.Principal, error) {
	secret := strings.TrimSpace(r.Header.Get(header))
	if secret == "" {
		return nil, s.refused(r.Context(), s.clientIP(r), errPlatformKeyMissing)
	}
	p, err := s.app.AuthenticatePlatformKey(r.Context(), secret)
	if err != nil {
		return nil, s.refused(r.Context(), s.clientIP(r), err)
	}
	return p, nil
}
