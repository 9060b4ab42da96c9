package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

func testProfile(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "profile")
	var p *identity.Profile
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { p, err = tx.GetProfile(ctx, u.ID); return }))
	if p.User != *u || p.PrimaryAddress != (identity.Address{}) || p.Picture != nil {
		t.Fatalf("fresh profile %+v", p)
	}
	p.User.FirstName, p.User.Phone, p.User.UpdatedAt = "Ana", "+63 917 555 0101", now.Add(time.Minute)
	p.PrimaryAddress = identity.Address{Line1: "1 Rizal Ave", City: "Manila", PostalCode: "1000", Country: "PH"}
	p.CommunicationAddress = identity.Address{Line1: "PO Box 7", Line2: "Ermita", State: "NCR", Country: "PH"}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.UpdateProfile(ctx, p) }))
	var got *identity.Profile
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.GetProfile(ctx, u.ID); return }))
	if got.User != p.User || got.PrimaryAddress != p.PrimaryAddress || got.CommunicationAddress != p.CommunicationAddress {
		t.Fatalf("profile round trip: %+v, want %+v", got, p)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetUserPassword(ctx, u.ID, "new-hash", now) }))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		back, err := tx.GetUser(ctx, u.ID)
		if err == nil && back.PasswordHash != "new-hash" {
			t.Errorf("password hash %q", back.PasswordHash)
		}
		return err
	}))
	ghost := &identity.Profile{User: identity.User{ID: "usr_nobody", UpdatedAt: now}}
	for name, fn := range map[string]func(tx *store.Tx) error{
		"get":      func(tx *store.Tx) error { _, err := tx.GetProfile(ctx, "usr_nobody"); return err },
		"update":   func(tx *store.Tx) error { return tx.UpdateProfile(ctx, ghost) },
		"password": func(tx *store.Tx) error { return tx.SetUserPassword(ctx, "usr_nobody", "h", now) },
	} {
		if err := db.InSystem(ctx, fn); !errs.Is(err, errs.NotFound) {
			t.Errorf("%s of an unknown user: %v, want NotFound", name, err)
		}
	}
}

func testPicture(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "picture")
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetPicture(ctx, u.ID); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("picture before upload: %v, want NotFound", err)
	}
	for i, content := range [][]byte{{0x89, 'P', 'N', 'G', 0, 1, 2}, {0x89, 'P', 'N', 'G', 9, 9}} {
		pic := &identity.Picture{UserID: u.ID, Content: content, PictureInfo: identity.PictureInfo{
			ETag: `"etag-` + string(rune('a'+i)) + `"`, Width: 10 + i, Height: 20, UpdatedAt: now.Add(time.Duration(i) * time.Second)}}
		must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetPicture(ctx, pic) }))
		var got *identity.Picture
		var prof *identity.Profile
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			if got, err = tx.GetPicture(ctx, u.ID); err != nil {
				return err
			}
			prof, err = tx.GetProfile(ctx, u.ID)
			return err
		}))
		if !bytes.Equal(got.Content, content) || got.PictureInfo != pic.PictureInfo {
			t.Fatalf("picture %d round trip: %+v, want %+v", i, got, pic)
		}
		if prof.Picture == nil || *prof.Picture != pic.PictureInfo {
			t.Fatalf("profile picture %d: %+v, want %+v", i, prof.Picture, pic.PictureInfo)
		}
	}
}
