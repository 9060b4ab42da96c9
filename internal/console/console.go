//go:build !noconsole

// Package console holds the web console that tenant admins and platform
// admins use in a browser: plain HTML, one stylesheet and JavaScript modules
// under web/, served as they are by the API server under /console/ (no
// build step, nothing fetched from elsewhere). The console talks only to
// the public JSON API. Build with -tags noconsole to leave it out.
package console

import (
	"embed"
	"io/fs"
)

//go:embed all:web
var files embed.FS

// Files returns the console's files, rooted at web/, or nil when the binary
// was built without them (the noconsole tag).
func Files() fs.FS {
	sub, err := fs.Sub(files, "web")
	if err != nil {
		panic("console: " + err.Error()) // web/ is embedded above: it is always there
	}
	return sub
}
