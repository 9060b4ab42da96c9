-- Text compares and sorts by code point on every engine. SQLite's default
-- collation, BINARY, already does (byte order of UTF-8 is code point order),
-- and no column or index here names another; PostgreSQL's 0009 collates its
-- text columns "C" to match. Nothing to change: this file keeps the two
-- engines' migration versions in step.
SELECT 1;
