package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// NewCollatedDatabase is NewDatabase for a database whose default collation
// sorts text the way a natural language does (English, from ICU or else the
// C library), not by code point as the server's own default may. Tests of
// text order run there, so that a sort that does not pin its collation
// differs from SQLite's and fails. When the server offers no such locale the
// test fails, naming what is missing.
func NewCollatedDatabase(t testing.TB) string {
	t.Helper()
	options, err := collatedOptions(AdminURL(t))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return newDatabase(t, options)
}

// collatedOptions returns the CREATE DATABASE options of an English default
// collation the server at url supports: ICU's en-US (PostgreSQL 15 and
// later, built with ICU), or else the C library's en_US.UTF-8.
func collatedOptions(url string) (string, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var icu bool
	var libc sql.NullString
	err = db.QueryRowContext(ctx, `SELECT
		current_setting('server_version_num')::int >= 150000
			AND EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i' AND collname = 'en-US-x-icu'),
		(SELECT collcollate FROM pg_collation WHERE collprovider = 'c'
			AND lower(replace(collcollate, '-', '')) = 'en_us.utf8' LIMIT 1)`).Scan(&icu, &libc)
	if err != nil {
		return "", fmt.Errorf("look for an English collation: %w", err)
	}
	switch {
	case icu:
		return ` TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`, nil
	case libc.Valid:
		return fmt.Sprintf(` TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '%[1]s' LC_CTYPE '%[1]s'`, libc.String), nil
	}
	return "", fmt.Errorf("the server at %s has neither ICU's en-US collation (PostgreSQL 15+ built with ICU) "+
		"nor the C library's en_US.UTF-8 locale, which the text-order tests need: install one "+
		"(Debian/Ubuntu: the server packages are built with ICU; or `locale-gen en_US.UTF-8` and restart the server)", url)
}
