package api

import (
	"embed"
	"io/fs"
	"net/http"
	"path"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// docsFS holds the browsable API reference: a static page and the script
// that renders /openapi.json into it. Nothing is loaded from elsewhere, so
// the reference works offline under the strict /docs content security policy.
//
//go:embed docs
var docsFS embed.FS

// docsPage serves the API reference page.
func (s *Server) docsPage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return serveDoc(w, "index.html")
}

// docsAsset serves one file of the API reference.
func (s *Server) docsAsset(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return serveDoc(w, r.PathValue("file"))
}

// serveDoc writes the embedded file docs/name, or a not-found problem.
func serveDoc(w http.ResponseWriter, name string) error {
	return serveEmbedded(w, docsFS, "docs", name, noDoc)
}

func noDoc() error { return errs.E(errs.NotFound, "not_found", "The API reference has no such file.") }

// serveEmbedded writes the file dir/name of fsys with its media type, or
// missing() when there is no such file or it is of a kind not served.
func serveEmbedded(w http.ResponseWriter, fsys embed.FS, dir, name string, missing func() error) error {
	ctype := embeddedContentType(path.Ext(name))
	if !fs.ValidPath(name) || ctype == "" {
		return missing()
	}
	b, err := fsys.ReadFile(dir + "/" + name)
	if err != nil {
		return missing()
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(b)
	return nil
}

// embeddedContentType is the media type of an embedded file (the API
// reference, the pages) by extension, or "" for kinds that are not served.
func embeddedContentType(ext string) string {
	switch ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}
