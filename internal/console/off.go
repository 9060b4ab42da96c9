//go:build noconsole

package console

import "io/fs"

// Files returns nil: this binary was built with the noconsole tag, without
// the console's files.
func Files() fs.FS { return nil }
