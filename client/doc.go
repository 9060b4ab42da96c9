// Package client is a typed Go client of Tenantry's native API, generated
// by oapi-codegen from docs/openapi.json (tenantry.gen.go: do not edit it;
// regenerate it with `go generate ./client`), with a few hand-written
// helpers on top:
//
//   - Session: login → select tenant → refresh, holding the tokens and
//     refreshing the access token before it expires or when the server
//     answers 401;
//   - WithBearerToken and WithAPIKey: credentials for a plain client;
//   - Check and Error: a response that is not the expected one as an error
//     carrying the RFC 9457 problem;
//   - WebhookVerifier: the Standard Webhooks signature check for the
//     receivers of Tenantry's webhooks.
//
// The seed-compatibility surfaces (tags "Compat: …"), the HTML pages and
// Stripe's callback are left out of the generated client; see
// docs/clients.md.
package client
