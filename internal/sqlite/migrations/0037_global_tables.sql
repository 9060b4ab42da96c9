-- Deliberately global tables (refresh_tokens, mfa_challenges, jobs): their
-- placement on a distributed PostgreSQL (Citus) is recorded as table
-- comments by the PostgreSQL migration of this number. SQLite is one file
-- and has no table comments; nothing changes here.
SELECT 1;
