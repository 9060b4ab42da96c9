package config

import (
	"net/url"
	"strings"
)

// SameDatabase returns the flags another command (admin, mail list, migrate)
// needs to reach the database and master key of a process running with c,
// ready to paste after the command name, and notes on what it did not print.
// A database password or master key is never printed: the flag then reads
// it from the environment variable, and a note says so.
func (c *Config) SameDatabase() (flags string, notes []string) {
	var out []string
	if c.Postgres() {
		if u, err := url.Parse(c.DatabaseURL); err != nil || hasPassword(u) {
			out = append(out, "-database-url", `"$DATABASE_URL"`)
			notes = append(notes, "DATABASE_URL: the server's "+c.database()+" (its password is not printed)")
		} else {
			out = append(out, "-database-url", shellQuote(c.DatabaseURL))
		}
	}
	if c.DataDir != defaultOf("data-dir") && (!c.Postgres() || c.MasterKey == "" && c.MasterKeys == "") {
		out = append(out, "-data-dir", shellQuote(c.DataDir)) // the SQLite database, or the generated master key
	}
	switch {
	case c.MasterKey != "":
		out = append(out, "-master-key", `"$TENANTRY_MASTER_KEY"`)
		notes = append(notes, "TENANTRY_MASTER_KEY: the server's master key (not printed)")
	case c.MasterKeys != "":
		out = append(out, "-master-keys", `"$TENANTRY_MASTER_KEYS"`)
		notes = append(notes, "TENANTRY_MASTER_KEYS: the server's master keys (not printed)")
	}
	return strings.Join(out, " "), notes
}

func hasPassword(u *url.URL) bool {
	_, ok := u.User.Password()
	return ok
}

// defaultOf is the default of the setting with flag name.
func defaultOf(flag string) string {
	for _, s := range settings {
		if s.flag == flag {
			return s.def
		}
	}
	return ""
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// path and URL characters.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@%+=,", r)) {
			plain = false
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
