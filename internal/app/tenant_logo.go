package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errLogoNotFound = errs.E(errs.NotFound, "logo_not_found", "This tenant has no logo.")

// SetTenantLogo replaces tenantID's logo with raw once it has passed the
// profile pictures' pipeline (identity.NormalizePicture: checked by
// content, at most 2 MiB and 4096×4096, scaled to fit 512×512 and
// re-encoded as PNG), stores it as the tenant's file, and points the
// tenant's logo_url at it. The file counts against storage_bytes: a
// replacement reserves only what it adds to the old logo's size.
func (a *App) SetTenantLogo(ctx context.Context, p *auth.Principal, tenantID string, raw []byte) (*TenantView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantUpdate); err != nil {
		return nil, err
	}
	if err := identity.CheckPicture(raw); err != nil {
		return nil, asLogoField(err)
	}
	if !a.pictures.TryAcquire() {
		return nil, errPicturesBusy
	}
	pic, err := identity.NormalizePicture(raw)
	a.pictures.Release()
	if err != nil {
		return nil, asLogoField(err)
	}
	now := a.now()
	sum := sha256.Sum256(pic.Content)
	f := &tenant.File{TenantID: tenantID, ID: id.NewAt(id.File, now), Purpose: tenant.LogoFile, ContentType: "image/png",
		Size: int64(len(pic.Content)), Content: pic.Content, SHA256: hex.EncodeToString(sum[:]), CreatedAt: now}
	var v *TenantView
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockMeter(ctx, tx, tenantID, plan.StorageBytes); err != nil {
			return err
		}
		old, err := tx.TenantFileByPurpose(ctx, tenantID, tenant.LogoFile)
		var oldSize int64
		switch {
		case err == nil:
			oldSize = old.Size
		case !errs.Is(err, errs.NotFound):
			return err
		}
		if err := a.withinLimit(ctx, tx, tenantID, plan.StorageBytes, f.Size-oldSize); err != nil {
			return err
		}
		if old != nil {
			if err := tx.DeleteTenantFile(ctx, tenantID, old.ID); err != nil {
				return err
			}
		}
		if err := tx.PutTenantFile(ctx, f); err != nil {
			return err
		}
		if err := a.pointLogo(ctx, tx, tenantID, a.logoURL(f), now); err != nil {
			return err
		}
		if err := a.record(ctx, tx, tenantID, p, "tenant.logo_update", "tenant", tenantID, map[string]string{
			"width": strconv.Itoa(pic.Width), "height": strconv.Itoa(pic.Height), "bytes": strconv.FormatInt(f.Size, 10),
			"replaced_bytes": strconv.FormatInt(oldSize, 10)}); err != nil {
			return err
		}
		v, err = readView(ctx, tx, tenantID)
		return err
	})
	return v, notFoundAs(err, errTenantNotFound)
}

// DeleteTenantLogo deletes tenantID's stored logo, giving its bytes back to
// storage_bytes, and clears logo_url when it pointed at it (a logo_url set
// by hand to an address elsewhere stays). Without a stored logo it changes
// nothing.
func (a *App) DeleteTenantLogo(ctx context.Context, p *auth.Principal, tenantID string) error {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantUpdate); err != nil {
		return err
	}
	err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockMeter(ctx, tx, tenantID, plan.StorageBytes); err != nil {
			return err
		}
		f, err := tx.TenantFileByPurpose(ctx, tenantID, tenant.LogoFile)
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteTenantFile(ctx, tenantID, f.ID); err != nil {
			return err
		}
		if err := a.pointLogo(ctx, tx, tenantID, "", a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "tenant.logo_delete", "tenant", tenantID,
			map[string]string{"bytes": strconv.FormatInt(f.Size, 10)})
	})
	return notFoundAs(err, errTenantNotFound)
}

// TenantLogo returns the stored logo of the active tenant tenantID. It is
// public, like the logo_url a tenant's public profile shows.
func (a *App) TenantLogo(ctx context.Context, tenantID string) (*tenant.File, error) {
	var f *tenant.File
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		if !t.IsActive() {
			return errLogoNotFound
		}
		f, err = tx.TenantFileByPurpose(ctx, tenantID, tenant.LogoFile)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errLogoNotFound
	}
	return f, err
}

// logoURL is where f is served; it changes with the logo, so that caches
// never show an old one.
func (a *App) logoURL(f *tenant.File) string {
	return a.opt.PublicURL + "/api/v1/tenants/" + f.TenantID + "/logo?v=" + f.SHA256[:12]
}

// storedLogo reports whether url points at a logo this server stores for tenantID.
func (a *App) storedLogo(tenantID, url string) bool {
	return strings.HasPrefix(url, a.opt.PublicURL+"/api/v1/tenants/"+tenantID+"/logo")
}

// pointLogo sets tenantID's logo_url to url: a stored logo's address, or ""
// to clear an address that pointed at the stored logo.
func (a *App) pointLogo(ctx context.Context, tx *store.Tx, tenantID, url string, now time.Time) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return err
	}
	if url == "" && !a.storedLogo(tenantID, t.LogoURL) {
		return nil
	}
	t.LogoURL, t.UpdatedAt = url, now
	return tx.UpdateTenant(ctx, t)
}

// asLogoField names the logo, not a picture, in the problems of the
// picture pipeline.
func asLogoField(err error) error {
	e, ok := errs.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = make([]errs.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if f.Field == "picture" {
			f.Field = "logo"
		}
		c.Fields[i] = f
	}
	return &c
}
