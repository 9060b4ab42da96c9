-- Paper.id partner accounts (reserva seed): every tenant created while
-- Paper.id is configured gets a partner account from a background job, whose
-- state lives beside the ids it produces (client_partner_id,
-- client_partner_number). Tenants created before this migration never had a
-- partner (nothing wrote the ids), so they start disabled. The tenants
-- table keeps its forced row-level security.
ALTER TABLE tenants
    ADD COLUMN partner_status text COLLATE "C" NOT NULL DEFAULT 'disabled',
    ADD COLUMN partner_error text COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN partner_updated_at timestamptz;
