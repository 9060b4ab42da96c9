-- Appointments (issue 11): a customer's booking of one service with one
-- staff member at one outlet. Tenant-owned: tenant_id first in every key.
-- end_at is start_at plus the service's duration when booked; price and
-- currency are the service's then (a later price change leaves it). The
-- rows an appointment refers to are soft-deleted only, so the references
-- hold for the history.
--
-- start_month is the calendar month of start_at in the tenant's time zone
-- when booked ('2026-12'): what the tenant statistics count as "this
-- month". status is one of pending, confirmed, completed, cancelled,
-- no_show (internal/booking); status_changed_at is the last transition's.
CREATE TABLE appointments (
    tenant_id         TEXT NOT NULL REFERENCES tenants (id),
    id                TEXT NOT NULL,
    outlet_id         TEXT NOT NULL,
    customer_id       TEXT NOT NULL,
    service_id        TEXT NOT NULL,
    staff_id          TEXT NOT NULL,
    start_at          TEXT NOT NULL,
    end_at            TEXT NOT NULL,
    start_month       TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled', 'no_show')),
    notes             TEXT NOT NULL DEFAULT '',
    price             INTEGER NOT NULL,
    currency          TEXT NOT NULL,
    cancel_reason     TEXT NOT NULL DEFAULT '',
    created_by        TEXT NOT NULL DEFAULT '',
    status_changed_at TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
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
