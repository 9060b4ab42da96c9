package config

import (
	"fmt"
	"io"
	"strings"
)

// RegenerateDoc is the command that writes docs/configuration.md.
const RegenerateDoc = "go run ./cmd/tenantry config-doc > docs/configuration.md"

// Markdown writes the settings table as the Markdown page
// docs/configuration.md: one row per setting with its flag, environment
// variable, default and meaning, the same table `tenantry help` prints.
func Markdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Configuration\n\n")
	fmt.Fprintf(&b, "<!-- Generated from the settings table in internal/config/config.go; do not edit.\n"+
		"     Regenerate with: %s -->\n\n", RegenerateDoc)
	b.WriteString("Every setting is a flag and an environment variable; flags win. `tenantry help` prints\n" +
		"the same table, and `tenantry serve` prints the effective configuration at start, with\n" +
		"secrets masked. The same settings apply to every command (`serve`, `migrate`, `admin`,\n" +
		"`mail list`), so a command run beside a server must be given the same `-data-dir` or\n" +
		"`-database-url` (or the same environment) to reach the same database.\n\n")
	b.WriteString("| flag | environment | default | secret | meaning |\n|---|---|---|---|---|\n")
	for _, s := range settings {
		def := "(empty)"
		if s.def != "" {
			def = "`" + s.def + "`"
		}
		secret := ""
		if s.secret {
			secret = "masked"
		}
		fmt.Fprintf(&b, "| `-%s` | `%s` | %s | %s | %s |\n", s.flag, s.env, def, secret, cell(s.help))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell escapes the characters that would break a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
