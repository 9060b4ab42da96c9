package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// ProfileView is the caller's profile with the address of their picture.
type ProfileView struct {
	Profile    identity.Profile
	PictureURL string // "" when the user has no picture
}

// AddressPatch changes the fields of an address that are not nil.
type AddressPatch struct {
	Line1, Line2, City, State, PostalCode, Country *string
}

// ProfileUpdate changes the parts of a profile that are not nil.
type ProfileUpdate struct {
	FirstName, LastName, Phone           *string
	PrimaryAddress, CommunicationAddress *AddressPatch
}

func (in *ProfileUpdate) validate() error {
	var c errs.Collector
	if in.FirstName != nil {
		required(&c, "first_name", *in.FirstName, 100)
	}
	if in.LastName != nil {
		required(&c, "last_name", *in.LastName, 100)
	}
	if in.Phone != nil {
		checkPhone(&c, "phone", strings.TrimSpace(*in.Phone))
	}
	in.PrimaryAddress.validate(&c, "primary_address")
	in.CommunicationAddress.validate(&c, "communication_address")
	return c.Err()
}

// apply changes p and names the fields it set, for the audit log.
func (in *ProfileUpdate) apply(p *identity.Profile) []string {
	var fields []string
	for _, f := range []struct {
		name string
		dst  *string
		v    *string
	}{{"first_name", &p.User.FirstName, in.FirstName}, {"last_name", &p.User.LastName, in.LastName}, {"phone", &p.User.Phone, in.Phone}} {
		if f.v != nil {
			*f.dst = strings.TrimSpace(*f.v)
			fields = append(fields, f.name)
		}
	}
	if in.PrimaryAddress != nil {
		in.PrimaryAddress.apply(&p.PrimaryAddress)
		fields = append(fields, "primary_address")
	}
	if in.CommunicationAddress != nil {
		in.CommunicationAddress.apply(&p.CommunicationAddress)
		fields = append(fields, "communication_address")
	}
	return fields
}

// fields pairs the patch's values with the address fields they set, and
// their names and length limits.
func (x *AddressPatch) fields(a *identity.Address) []addressField {
	return []addressField{{"line1", 200, x.Line1, &a.Line1}, {"line2", 200, x.Line2, &a.Line2},
		{"city", 100, x.City, &a.City}, {"state", 100, x.State, &a.State},
		{"postal_code", 20, x.PostalCode, &a.PostalCode}, {"country", 100, x.Country, &a.Country}}
}

type addressField struct {
	name string
	max  int
	v    *string
	dst  *string
}

func (x *AddressPatch) validate(c *errs.Collector, prefix string) {
	if x == nil {
		return
	}
	for _, f := range x.fields(&identity.Address{}) {
		if f.v != nil {
			optional(c, prefix+"."+f.name, *f.v, f.max)
		}
	}
}

func (x *AddressPatch) apply(a *identity.Address) {
	for _, f := range x.fields(a) {
		if f.v != nil {
			*f.dst = strings.TrimSpace(*f.v)
		}
	}
}

// Me returns the caller's profile.
func (a *App) Me(ctx context.Context, p *auth.Principal) (*ProfileView, error) {
	var prof *identity.Profile
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { prof, err = tx.GetProfile(ctx, p.UserID); return err })
	if err != nil {
		return nil, err
	}
	return a.view(prof), nil
}

// UpdateMe changes the caller's names, phone and addresses (partially: what
// is nil stays) and audits which fields changed.
func (a *App) UpdateMe(ctx context.Context, p *auth.Principal, in ProfileUpdate) (*ProfileView, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var prof *identity.Profile
	err := a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if prof, err = tx.GetProfile(ctx, p.UserID); err != nil {
			return err
		}
		fields := in.apply(prof)
		prof.User.UpdatedAt = a.now()
		if err := tx.UpdateProfile(ctx, prof); err != nil {
			return err
		}
		return a.record(ctx, tx, where(p.TenantID), p, "user.profile_update", "user", p.UserID,
			map[string]string{"fields": strings.Join(fields, ",")})
	})
	if err != nil {
		return nil, err
	}
	return a.view(prof), nil
}

// SetPicture replaces the caller's picture with raw, once it has passed
// identity.NormalizePicture (checked by content, re-encoded as PNG). The
// header is checked first; the decode then needs one of the DecodeSlots,
// and is refused with 429 pictures_busy when none is free.
func (a *App) SetPicture(ctx context.Context, p *auth.Principal, raw []byte) (*ProfileView, error) {
	if err := identity.CheckPicture(raw); err != nil {
		return nil, err
	}
	if !a.pictures.TryAcquire() {
		return nil, errPicturesBusy
	}
	pic, err := identity.NormalizePicture(raw)
	a.pictures.Release()
	if err != nil {
		return nil, err
	}
	pic.UserID, pic.UpdatedAt = p.UserID, a.now()
	var prof *identity.Profile
	err = a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if err := tx.SetPicture(ctx, pic); err != nil {
			return err
		}
		if err := a.record(ctx, tx, where(p.TenantID), p, "user.picture_update", "user", p.UserID, map[string]string{
			"width": strconv.Itoa(pic.Width), "height": strconv.Itoa(pic.Height), "bytes": strconv.Itoa(len(pic.Content)),
		}); err != nil {
			return err
		}
		prof, err = tx.GetProfile(ctx, p.UserID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a.view(prof), nil
}

// Picture returns a user's picture (public: pictures are shown to anyone who
// has the URL), or NotFound when they have none.
func (a *App) Picture(ctx context.Context, userID string) (*identity.Picture, error) {
	var pic *identity.Picture
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { pic, err = tx.GetPicture(ctx, userID); return err })
	return pic, err
}

// MyTenants lists the tenants the caller is an active member of, with their role.
func (a *App) MyTenants(ctx context.Context, p *auth.Principal) ([]tenant.Listing, error) {
	var out []tenant.Listing
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { out, err = tx.ListUserTenants(ctx, p.UserID); return err })
	return out, err
}

// view adds the picture's URL to a profile; the URL changes with the
// picture, so that caches never show an old one.
func (a *App) view(p *identity.Profile) *ProfileView {
	v := &ProfileView{Profile: *p}
	if p.Picture != nil {
		v.PictureURL = a.opt.PublicURL + "/api/v1/users/" + p.User.ID + "/picture?v=" + strings.Trim(p.Picture.ETag, `"`)[:12]
	}
	return v
}
