package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

// addressRow is the stored JSON form of an address.
type addressRow struct {
	Line1      string `json:"line1,omitempty"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// GetProfile returns a user with their addresses and picture details, in one query.
func (t *Tx) GetProfile(ctx context.Context, userID string) (*identity.Profile, error) {
	var p identity.Profile
	var primary, comm addressRow
	var etag *string
	var width, height *int
	var picAt *time.Time
	dest := append(userDest(&p.User), jsonCol{&primary}, jsonCol{&comm}, &etag, &width, &height, nullTimeCol{&picAt})
	err := t.get(ctx, "user_not_found", `SELECT `+userCols+`, u.primary_address, u.communication_address,
		p.etag, p.width, p.height, p.updated_at
		FROM users u LEFT JOIN user_pictures p ON p.user_id = u.id WHERE u.id = ?`, []any{userID}, dest...)
	if err != nil {
		return nil, err
	}
	p.PrimaryAddress, p.CommunicationAddress = identity.Address(primary), identity.Address(comm)
	if etag != nil && width != nil && height != nil && picAt != nil {
		p.Picture = &identity.PictureInfo{ETag: *etag, Width: *width, Height: *height, UpdatedAt: *picAt}
	}
	return &p, nil
}

// UpdateProfile writes a profile's names, phone and addresses.
func (t *Tx) UpdateProfile(ctx context.Context, p *identity.Profile) error {
	primary, err := jsonArg(addressRow(p.PrimaryAddress))
	if err != nil {
		return err
	}
	comm, err := jsonArg(addressRow(p.CommunicationAddress))
	if err != nil {
		return err
	}
	u := &p.User
	r, err := t.exec(ctx, `UPDATE users SET first_name = ?, last_name = ?, phone = ?, primary_address = ?,
		communication_address = ?, updated_at = ? WHERE id = ?`,
		u.FirstName, u.LastName, u.Phone, primary, comm, ts(u.UpdatedAt), u.ID)
	return notFoundIfNone(r, err, "user_not_found")
}

// SetPicture stores (or replaces) a user's picture.
func (t *Tx) SetPicture(ctx context.Context, p *identity.Picture) error {
	_, err := t.exec(ctx, `INSERT INTO user_pictures (user_id, content, etag, width, height, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET content = excluded.content, etag = excluded.etag,
			width = excluded.width, height = excluded.height, updated_at = excluded.updated_at`,
		p.UserID, p.Content, p.ETag, p.Width, p.Height, ts(p.UpdatedAt))
	return err
}

// GetPicture returns a user's picture, or NotFound when they have none.
func (t *Tx) GetPicture(ctx context.Context, userID string) (*identity.Picture, error) {
	var p identity.Picture
	err := t.get(ctx, "picture_not_found", `SELECT user_id, content, etag, width, height, updated_at
		FROM user_pictures WHERE user_id = ?`, []any{userID},
		&p.UserID, &p.Content, &p.ETag, &p.Width, &p.Height, timeCol{&p.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &p, nil
}
