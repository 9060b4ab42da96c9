package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
)

// maxPictureBody bounds a picture upload: the picture and its multipart
// framing. (JSON bodies have their own, smaller limit.)
const maxPictureBody = identity.MaxPictureBytes + 64<<10

var errPictureTooLarge = errs.E(errs.TooLarge, "picture_too_large", "The picture may be at most 2 MiB.")

func (s *Server) putPicture(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	data, err := readPicture(w, r, "picture")
	if err != nil {
		return err
	}
	v, err := s.app.SetPicture(r.Context(), p, data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, profileOf(v))
}

// readPicture reads the one part named field (picture, logo) of a
// multipart/form-data body, refusing other parts and anything over the
// size limits.
func readPicture(w http.ResponseWriter, r *http.Request, field string) ([]byte, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, errs.E(errs.Malformed, "unsupported_media_type", "Send the image as multipart/form-data, in a part named "+field+".")
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, r.Body, maxPictureBody), params["boundary"])
	var data []byte
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, multipartError(err)
		}
		switch name := part.FormName(); {
		case name != field:
			return nil, &errs.Error{Kind: errs.Malformed, Code: "unknown_field", Msg: "The form has a part this endpoint does not accept: " + name + ".",
				Fields: []errs.FieldError{{Field: name, Code: "unknown_field", Message: "Not accepted here."}}}
		case data != nil:
			return nil, errs.E(errs.Malformed, "duplicate_field", "Send one part named "+field+".")
		}
		if data, err = io.ReadAll(io.LimitReader(part, identity.MaxPictureBytes+1)); err != nil {
			return nil, multipartError(err)
		}
		if len(data) > identity.MaxPictureBytes {
			return nil, errPictureTooLarge
		}
	}
	if len(data) == 0 {
		return nil, errs.Fields(errs.FieldError{Field: field, Code: "required", Message: "Send the image in a part named " + field + "."})
	}
	return data, nil
}

func multipartError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errPictureTooLarge
	}
	return &errs.Error{Kind: errs.Malformed, Code: "malformed_multipart", Msg: "The multipart/form-data body could not be read.", Err: err}
}

// userPicture serves a stored picture. It is public, like an avatar URL, and
// safe to show: always a PNG the server encoded itself, served as image/png
// with nosniff and a content security policy that runs nothing.
func (s *Server) userPicture(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	pic, err := s.app.Picture(r.Context(), r.PathValue("user_id"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("ETag", pic.ETag)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Last-Modified", pic.UpdatedAt.UTC().Format(http.TimeFormat))
	h.Set("Cross-Origin-Resource-Policy", "cross-origin") // pictures are shown by apps on other origins
	if etagMatches(r.Header.Get("If-None-Match"), pic.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", "image/png")
	h.Set("Content-Disposition", `inline; filename="picture.png"`)
	h.Set("Content-Length", strconv.Itoa(len(pic.Content)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(pic.Content)
	return nil
}

// etagMatches reports whether an If-None-Match header names etag (or is *).
func etagMatches(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}
