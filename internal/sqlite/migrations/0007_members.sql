-- Invitations to join a tenant, and listing members in the order they
-- joined. The token is stored only as its SHA-256.
CREATE TABLE invites (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    id          TEXT NOT NULL,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    outlet_ids  TEXT NOT NULL DEFAULT '[]',
    token_hash  TEXT NOT NULL,
    invited_by  TEXT NOT NULL DEFAULT '',
    expires_at  TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by TEXT NOT NULL DEFAULT '',
    revoked_at  TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT uq__invites__token_hash UNIQUE (tenant_id, token_hash)
);
CREATE INDEX invites_token ON invites (token_hash);
CREATE INDEX invites_email ON invites (tenant_id, email);

CREATE INDEX memberships_tenant_joined ON memberships (tenant_id, created_at, user_id);
