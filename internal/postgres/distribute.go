package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// placement is where a table lives on Citus (docs/citus.md).
type placement struct {
	Table string
	// Kind is distributed (by Column, colocated with tenants), reference
	// (a copy on every node) or local (the coordinator's alone).
	Kind   string
	Column string // the distribution column of a distributed table
	Why    string
}

// The kinds of placement.
const (
	distributed = "distributed"
	reference   = "reference"
	local       = "local"
)

// placementsQuery reads, for every table of the schema, whether it is
// tenant-owned (a tenant_id column and the tenant_isolation policy), its
// comment ("global: why" or "local: why", migration 0037) and the tables
// its foreign keys reference.
const placementsQuery = `SELECT c.relname,
	EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
		AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'),
	COALESCE(obj_description(c.oid, 'pg_class'), ''),
	COALESCE((SELECT string_agg(DISTINCT f.confrelid::regclass::text, ',') FROM pg_constraint f
		WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid), '')
	FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
	ORDER BY c.relname`

// placements reads from the catalog where each table of the migrated
// schema goes, in an order that puts every table after the tables its
// foreign keys reference (the order in which Citus accepts them): tenants
// is distributed by id; a tenant-owned table by tenant_id, colocated with
// tenants; a table commented "local:" stays on the coordinator, as does
// schema_migrations; every other table is a reference table.
func placements(ctx context.Context, db *sql.DB) ([]placement, error) {
	rows, err := db.QueryContext(ctx, placementsQuery)
	if err != nil {
		return nil, fmt.Errorf("postgres: read placements: %w", err)
	}
	defer rows.Close()
	var out []placement
	refs := map[string][]string{}
	for rows.Next() {
		var p placement
		var owned bool
		var comment, fks string
		if err := rows.Scan(&p.Table, &owned, &comment, &fks); err != nil {
			return nil, fmt.Errorf("postgres: read placements: %w", err)
		}
		kind, why, _ := strings.Cut(comment, ": ")
		switch {
		case p.Table == "tenants":
			p.Kind, p.Column, p.Why = distributed, "id", "the tenants themselves: every tenant-owned table is colocated with them"
		case owned:
			p.Kind, p.Column, p.Why = distributed, "tenant_id", "tenant-owned"
		case kind == "local":
			p.Kind, p.Why = local, why
		case p.Table == "schema_migrations":
			p.Kind, p.Why = local, "the migrations applied, read by the coordinator that migrates"
		case kind == "global":
			p.Kind, p.Why = reference, why
		default:
			p.Kind, p.Why = reference, "platform-wide, no tenant_id"
		}
		if fks != "" {
			refs[p.Table] = strings.Split(fks, ",")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: read placements: %w", err)
	}
	return referencedFirst(out, refs), nil
}

// referencedFirst orders ps so that a table comes after those it
// references, alphabetically otherwise.
func referencedFirst(ps []placement, refs map[string][]string) []placement {
	byName := map[string]placement{}
	for _, p := range ps {
		byName[p.Table] = p
	}
	var out []placement
	done := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		p, ok := byName[name]
		if !ok || done[name] {
			return
		}
		done[name] = true // a cycle stops here rather than looping
		deps := append([]string(nil), refs[name]...)
		sort.Strings(deps)
		for _, d := range deps {
			visit(d)
		}
		out = append(out, p)
	}
	for _, p := range ps {
		visit(p.Table)
	}
	return out
}

// distributionStatements returns the statements that place ps on Citus,
// in order, leaving out the tables already placed (done: pg_dist_partition).
func distributionStatements(ps []placement, done map[string]bool) []string {
	var out []string
	for _, p := range ps {
		if done[p.Table] {
			continue
		}
		switch {
		case p.Kind == reference:
			out = append(out, fmt.Sprintf(`SELECT create_reference_table('%s')`, p.Table))
		case p.Kind == distributed && p.Table == "tenants":
			out = append(out, fmt.Sprintf(`SELECT create_distributed_table('%s', '%s')`, p.Table, p.Column))
		case p.Kind == distributed:
			out = append(out, fmt.Sprintf(`SELECT create_distributed_table('%s', '%s', colocate_with => 'tenants')`, p.Table, p.Column))
		}
	}
	return out
}

// AfterMigrate places the migrated schema's tables on Citus (distribute),
// when the database has the extension; on plain PostgreSQL it does nothing.
func (e engine) AfterMigrate(ctx context.Context, db *sql.DB) error {
	if !e.citus {
		return nil
	}
	return e.distribute(ctx, db)
}

// distribute places every table of the migrated schema on Citus, skipping
// those already placed, in one transaction under the migration lock. Its
// multi-shard statements run one connection after another, as Citus needs
// for distributing tables with foreign keys in one transaction; the
// schema's own triggers (audit guards, erasure guards, the counters) touch
// only the rows of their tenant, on colocated shards, or the reference
// table tenant_status_counts, which Citus allows with
// citus.enable_unsafe_triggers (docs/citus.md).
func (e engine) distribute(ctx context.Context, db *sql.DB) error {
	ps, err := placements(ctx, db)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: distribute: %w", e.Classify(err))
	}
	defer func() { _ = tx.Rollback() }()
	if err := e.Lock(ctx, tx, "migrations"); err != nil {
		return fmt.Errorf("postgres: distribute: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL citus.multi_shard_modify_mode = 'sequential';
		SET LOCAL citus.enable_unsafe_triggers = on`); err != nil {
		return fmt.Errorf("postgres: distribute: %w", err)
	}
	done := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT logicalrelid::regclass::text FROM pg_dist_partition`)
	if err != nil {
		return fmt.Errorf("postgres: distribute: read pg_dist_partition: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			_ = rows.Close()
			return fmt.Errorf("postgres: distribute: %w", err)
		}
		done[name] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("postgres: distribute: %w", err)
	}
	for _, s := range distributionStatements(ps, done) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("postgres: distribute: %s: %w", s, err)
		}
	}
	return tx.Commit()
}
