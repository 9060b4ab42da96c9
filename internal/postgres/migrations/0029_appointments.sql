-- Appointments (issue 11): a customer's booking of one service with one
-- staff member at one outlet. Tenant-owned: tenant_id first in every key,
-- forced row-level security. end_at is start_at plus the service's
-- duration when booked; price and currency are the service's then (a later
-- price change leaves it). The rows an appointment refers to are
-- soft-deleted only, so the references hold for the history.
--
-- start_month is the calendar month of start_at in the tenant's time zone
-- when booked ('2026-12'): what the tenant statistics count as "this
-- month". status is one of pending, confirmed, completed, cancelled,
-- no_show (internal/booking); status_changed_at is the last transition's.
CREATE TABLE appointments (
    tenant_id         text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id                text COLLATE "C" NOT NULL,
    outlet_id         text COLLATE "C" NOT NULL,
    customer_id       text COLLATE "C" NOT NULL,
    service_id        text COLLATE "C" NOT NULL,
    staff_id          text COLLATE "C" NOT NULL,
    start_at          timestamptz NOT NULL,
    end_at            timestamptz NOT NULL,
    start_month       text COLLATE "C" NOT NULL,
    status            text COLLATE "C" NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled', 'no_show')),
    notes             text COLLATE "C" NOT NULL DEFAULT '',
    price             bigint NOT NULL,
    currency          text COLLATE "C" NOT NULL,
    cancel_reason     text COLLATE "C" NOT NULL DEFAULT '',
    created_by        text COLLATE "C" NOT NULL DEFAULT '',
    status_changed_at timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, outlet_id) REFERENCES outlets (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id)
);
-- The overlap check (a staff member's appointments around a time) and the
-- listing by staff.
CREATE INDEX appointments_staff_start ON appointments (tenant_id, staff_id, start_at, id);
-- The listing (by day range, keyset on start_at, id), by outlet, by customer.
CREATE INDEX appointments_start ON appointments (tenant_id, start_at, id);
CREATE INDEX appointments_outlet_start ON appointments (tenant_id, outlet_id, start_at, id);
CREATE INDEX appointments_customer_start ON appointments (tenant_id, customer_id, start_at, id);
-- The appointments_per_month meter: appointments created in a month.
CREATE INDEX appointments_created ON appointments (tenant_id, created_at);

ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON appointments
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON appointments TO tenantry_app;
