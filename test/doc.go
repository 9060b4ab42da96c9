// Package test holds Tenantry's black-box API scenarios: each test boots the
// real server in-process on a free port, once on SQLite and once on
// PostgreSQL, and talks to it only over HTTP, the way a client written
// against the seeds' examples would.
package test
