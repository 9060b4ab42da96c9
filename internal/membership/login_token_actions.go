package membership

// LoginTokenIssue mints a login token for a sign-in to the tenant (the pers
// seed's "extra login requirement", auth.login_token_required): owner and
// tenant_admin, and an API key with the login-tokens:write scope — the
// project's backend, which vouches for the sign-in it is about to start.
const LoginTokenIssue Action = "tenant.login_token.issue"
