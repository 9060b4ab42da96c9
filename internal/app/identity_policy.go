package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/setting"
)

// passwordPolicy is the auth.password_policy that applies to a password
// set in tenantID's context: that tenant's resolved value (prod), or the
// platform's — the public tenant's — when tenantID is "" (a global account,
// a reset link, a new tenant's first admin). Only setting a password obeys
// it: login never refuses a stored password because the policy changed.
func (a *App) passwordPolicy(ctx context.Context, tenantID string) (string, error) {
	s, err := a.Settings(ctx, where(tenantID), auth.EnvProd)
	if err != nil {
		return "", fmt.Errorf("app: password policy: %w", err)
	}
	return s.String(setting.PasswordPolicy), nil
}

// checkPassword records every rule of policy the password breaks, in one
// message (weak_password), or that it is on the list of common passwords
// (common_password), which every policy refuses.
func checkPassword(c *errs.Collector, field, pw, policy string) {
	problems := identity.PasswordProblems(pw, policy)
	if len(problems) == 0 {
		c.Check(identity.IsCommonPassword(pw), field, "common_password",
			fmt.Sprintf("This password is too common or too easy to guess; choose another (%d to %d characters, a passphrase works well).",
				identity.MinLength(policy), identity.MaxPasswordLen))
		return
	}
	what := make([]string, len(problems))
	for i, p := range problems {
		what[i] = p.What
	}
	c.Add(field, "weak_password", "Password must contain "+joinWords(what)+".")
}
