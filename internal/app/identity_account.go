package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// AccountInput registers a global account (trueport seed): a user who
// belongs to no tenant yet.
type AccountInput struct {
	Email     string
	Password  string
	FirstName string
	LastName  string
}

func (in *AccountInput) validate(policy string) error {
	var c errs.Collector
	checkEmail(&c, "email", in.Email, true)
	checkPassword(&c, "password", in.Password, policy)
	required(&c, "first_name", in.FirstName, 100)
	required(&c, "last_name", in.LastName, 100)
	return c.Err()
}

// RegisterAccount creates an active global account that can log in at once,
// and audits it. An email that already has an account is a Conflict
// (email_taken) naming the field.
func (a *App) RegisterAccount(ctx context.Context, in AccountInput) (*identity.User, error) {
	policy, err := a.passwordPolicy(ctx, "")
	if err != nil {
		return nil, err
	}
	if err := in.validate(policy); err != nil {
		return nil, err
	}
	hash, err := a.hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	now := a.now()
	u := &identity.User{ID: id.New(id.User), Email: identity.NormalizeEmail(in.Email), PasswordHash: hash,
		FirstName: strings.TrimSpace(in.FirstName), LastName: strings.TrimSpace(in.LastName), IsActive: true,
		CreatedAt: now, UpdatedAt: now}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			if store.IsDuplicate(err, "users.email") {
				return taken("email", "email_taken", "An account with this email already exists.")
			}
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, &auth.Principal{UserID: u.ID, Email: u.Email}, "auth.register", "user", u.ID, nil)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
