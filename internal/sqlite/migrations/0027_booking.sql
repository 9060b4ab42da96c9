-- Booking, first part: the services a tenant offers and the staff who
-- provide them (issue 11). Tenant-owned: tenant_id first in every key. A
-- deleted service or staff member keeps its row with deleted_at set (the
-- history appointments will reference) and is hidden everywhere. A service is offered at every outlet
-- (tenant_wide) or only at the outlets of service_outlets. A staff member
-- works at the outlets of staff_outlets, each with its weekly availability
-- there, and provides the services of staff_services. The join tables keep
-- rows of outlets and services deleted since; reads join the live ones.
CREATE TABLE services (
    tenant_id        TEXT NOT NULL REFERENCES tenants (id),
    id               TEXT NOT NULL,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,
    category         TEXT NOT NULL DEFAULT '',
    duration_minutes INTEGER NOT NULL,
    price            INTEGER NOT NULL,
    currency         TEXT NOT NULL,
    tenant_wide      INTEGER NOT NULL DEFAULT 1,
    is_active        INTEGER NOT NULL DEFAULT 1,
    deleted_at       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX services_live_name ON services (tenant_id, name_key, id) WHERE deleted_at IS NULL;

CREATE TABLE service_outlets (
    tenant_id  TEXT NOT NULL,
    service_id TEXT NOT NULL,
    outlet_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, service_id, outlet_id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
    FOREIGN KEY (tenant_id, outlet_id) REFERENCES outlets (tenant_id, id)
);
CREATE INDEX service_outlets_outlet ON service_outlets (tenant_id, outlet_id, service_id);

CREATE TABLE staff (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    user_id       TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL DEFAULT '',
    skills        TEXT NOT NULL DEFAULT '[]',
    commission_bp INTEGER NOT NULL DEFAULT 0,
    is_active     INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX staff_live_name ON staff (tenant_id, name_key, id) WHERE deleted_at IS NULL;
-- One live staff profile per linked user and tenant.
CREATE UNIQUE INDEX uq__staff__user_id ON staff (tenant_id, user_id) WHERE user_id <> '' AND deleted_at IS NULL;

CREATE TABLE staff_outlets (
    tenant_id    TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    outlet_id    TEXT NOT NULL,
    availability TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, staff_id, outlet_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, outlet_id) REFERENCES outlets (tenant_id, id)
);
CREATE INDEX staff_outlets_outlet ON staff_outlets (tenant_id, outlet_id, staff_id);

CREATE TABLE staff_services (
    tenant_id  TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    service_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, service_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
CREATE INDEX staff_services_service ON staff_services (tenant_id, service_id, staff_id);
