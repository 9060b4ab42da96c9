-- Row-level security evaluated once per statement: PostgreSQL's policies
-- only (see the PostgreSQL migration of this number). SQLite has no
-- row-level security; the store scopes every statement itself.
SELECT 1;
