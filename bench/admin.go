package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantry/tenantry/internal/app"
)

// adminTenants is how many tenants the admin list scenario seeds, and
// adminDepth how deep its page is.
const (
	adminTenants = 100_000
	adminDepth   = 99_000
	adminBatch   = 500
	adminWorkers = 4
)

// benchAdminTenants seeds adminTenants tenants straight through the store
// (unmeasured; each with one active member), then measures, with
// adminWorkers workers (issue 13's c4: a few admins' consoles at once),
// the platform admins' tenant list 50 rows deep at adminDepth, by the
// after cursor and by offset, each beside the token-checking server
// replaying its bytes.
func benchAdminTenants(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, progress io.Writer) ([]Result, error) {
	if _, err := srv.growTenants(ctx, adminTenants, progress, e.Name); err != nil { // scale.go; already there after the scale scenario
		return nil, fmt.Errorf("seed tenants: %w", err)
	}
	email := "root@bench-" + randomHex(4) + ".example.com"
	if _, err := srv.App.CreatePlatformAdmin(ctx, app.AdminInput{Email: email, Password: password, FirstName: "Bench", LastName: "Admin"}); err != nil {
		return nil, fmt.Errorf("platform admin: %w", err)
	}
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	if err := postJSON(ctx, hc, srv.URL+"/api/v1/auth/login", map[string]string{"email": email, "password": password},
		http.StatusOK, &sess); err != nil {
		return nil, fmt.Errorf("admin login: %w", err)
	}
	var prev struct {
		Next string `json:"next"`
	}
	if err := getJSON(ctx, hc, srv.URL+"/api/v1/admin/tenants?limit=1&offset="+strconv.Itoa(adminDepth-1), sess.AccessToken, &prev); err != nil {
		return nil, fmt.Errorf("cursor at %d: %w", adminDepth, err)
	}
	one := opt
	one.Concurrency = adminWorkers
	note := fmt.Sprintf(" (%d tenants, %d workers)", adminTenants, adminWorkers)
	cursor, err := benchBearerGet(ctx, e, one, hc, srv, sess.AccessToken, "/api/v1/admin/tenants?limit=50&after="+url.QueryEscape(prev.Next),
		fmt.Sprintf("GET admin tenants after=%dk", adminDepth/1000), note, progress)
	if err != nil {
		return nil, err
	}
	offset, err := benchBearerGet(ctx, e, one, hc, srv, sess.AccessToken, "/api/v1/admin/tenants?limit=50&offset="+strconv.Itoa(adminDepth),
		fmt.Sprintf("GET admin tenants offset=%dk", adminDepth/1000), note, progress)
	return []Result{cursor, offset}, err
}

// getJSON sends GET url with a bearer token, expects 200 and decodes the
// reply into out.
func getJSON(ctx context.Context, hc *http.Client, url, token string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	_, reply, err := send(hc, req, http.StatusOK)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(reply, out); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}
