-- Booking, first part: the services a tenant offers and the staff who
-- provide them (issue 11). Tenant-owned: tenant_id first in every key,
-- forced row-level security on every table. A deleted service or staff
-- member keeps its row with deleted_at set (the history appointments will
-- reference) and is hidden everywhere. A service is offered at every outlet
-- (tenant_wide) or only at the outlets of service_outlets. A staff member
-- works at the outlets of staff_outlets, each with its weekly availability
-- there, and provides the services of staff_services. The join tables keep
-- rows of outlets and services deleted since; reads join the live ones.
CREATE TABLE services (
    tenant_id        text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id               text COLLATE "C" NOT NULL,
    name             text COLLATE "C" NOT NULL,
    name_key         text COLLATE "C" NOT NULL,
    category         text COLLATE "C" NOT NULL DEFAULT '',
    duration_minutes integer NOT NULL,
    price            bigint NOT NULL,
    currency         text COLLATE "C" NOT NULL,
    tenant_wide      boolean NOT NULL DEFAULT true,
    is_active        boolean NOT NULL DEFAULT true,
    deleted_at       timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX services_live_name ON services (tenant_id, name_key, id) WHERE deleted_at IS NULL;

CREATE TABLE service_outlets (
    tenant_id  text COLLATE "C" NOT NULL,
    service_id text COLLATE "C" NOT NULL,
    outlet_id  text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, service_id, outlet_id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
    FOREIGN KEY (tenant_id, outlet_id) REFERENCES outlets (tenant_id, id)
);
CREATE INDEX service_outlets_outlet ON service_outlets (tenant_id, outlet_id, service_id);

CREATE TABLE staff (
    tenant_id     text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id            text COLLATE "C" NOT NULL,
    name          text COLLATE "C" NOT NULL,
    name_key      text COLLATE "C" NOT NULL,
    email         text COLLATE "C" NOT NULL DEFAULT '',
    phone         text COLLATE "C" NOT NULL DEFAULT '',
    user_id       text COLLATE "C" NOT NULL DEFAULT '',
    position      text COLLATE "C" NOT NULL DEFAULT '',
    skills        jsonb NOT NULL DEFAULT '[]',
    commission_bp integer NOT NULL DEFAULT 0,
    is_active     boolean NOT NULL DEFAULT true,
    deleted_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX staff_live_name ON staff (tenant_id, name_key, id) WHERE deleted_at IS NULL;
-- One live staff profile per linked user and tenant.
CREATE UNIQUE INDEX uq__staff__user_id ON staff (tenant_id, user_id) WHERE user_id <> '' AND deleted_at IS NULL;

CREATE TABLE staff_outlets (
    tenant_id    text COLLATE "C" NOT NULL,
    staff_id     text COLLATE "C" NOT NULL,
    outlet_id    text COLLATE "C" NOT NULL,
    availability jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, staff_id, outlet_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, outlet_id) REFERENCES outlets (tenant_id, id)
);
CREATE INDEX staff_outlets_outlet ON staff_outlets (tenant_id, outlet_id, staff_id);

CREATE TABLE staff_services (
    tenant_id  text COLLATE "C" NOT NULL,
    staff_id   text COLLATE "C" NOT NULL,
    service_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, service_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
CREATE INDEX staff_services_service ON staff_services (tenant_id, service_id, staff_id);

ALTER TABLE services ENABLE ROW LEVEL SECURITY;
ALTER TABLE services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON services
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

ALTER TABLE service_outlets ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_outlets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON service_outlets
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

ALTER TABLE staff_outlets ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_outlets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_outlets
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

ALTER TABLE staff_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff_services
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE ON services, staff TO tenantry_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON service_outlets, staff_outlets, staff_services TO tenantry_app;
