package test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

func picture(w, h int) image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{R: uint8(x * 7), G: uint8(y * 3), B: 120, A: 255})
		}
	}
	return m
}

func encoded(t testing.TB, enc func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := enc(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestProfilePicture: upload by multipart/form-data, type decided by
// content (PNG, JPEG, WebP in; anything else, whatever its name, out), size
// limited, stored re-encoded as PNG and served back with caching headers.
func TestProfilePicture(t *testing.T) {
	t.Parallel()
	webp, err := os.ReadFile("testdata/gopher.webp")
	if err != nil {
		t.Fatal(err)
	}
	pngFile := encoded(t, func(b *bytes.Buffer) error { return png.Encode(b, picture(64, 48)) })
	jpegFile := encoded(t, func(b *bytes.Buffer) error { return jpeg.Encode(b, picture(1024, 768), nil) })
	gifFile := encoded(t, func(b *bytes.Buffer) error { return gif.Encode(b, picture(8, 8), nil) })
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		email := h.newAccount(t, "face@picture.example.com")
		token := h.token(t, email, goodPassword)

		prof := h.upload(t, "/api/v1/me/picture", token, "picture", "me.png", pngFile).expect(http.StatusOK).obj()
		u, err := url.Parse(prof.str("picture_url"))
		if err != nil || !strings.HasSuffix(u.Path, "/api/v1/users/"+prof.str("id")+"/picture") {
			t.Fatalf("picture_url %q", prof.str("picture_url"))
		}
		served := h.get(t, u.RequestURI(), "").expect(http.StatusOK)
		etag := served.header.Get("ETag")
		if served.header.Get("Content-Type") != "image/png" || served.header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(served.header.Get("Cache-Control"), "max-age") || etag == "" {
			t.Fatalf("picture headers %v", served.header)
		}
		m, err := png.Decode(bytes.NewReader(served.body))
		if err != nil || m.Bounds().Dx() != 64 || m.Bounds().Dy() != 48 {
			t.Fatalf("served picture: %v %v", err, m)
		}
		h.do(t, http.MethodGet, u.RequestURI(), req{header: map[string]string{"If-None-Match": etag}}).expect(http.StatusNotModified)
		if h.get(t, "/api/v1/me", token).expect(http.StatusOK).obj().str("picture_url") != prof.str("picture_url") {
			t.Error("GET /me shows another picture_url")
		}

		// A JPEG is scaled down and re-encoded as PNG; its URL changes.
		next := h.upload(t, "/api/v1/me/picture", token, "picture", "holiday.jpg", jpegFile).expect(http.StatusOK).obj()
		if next.str("picture_url") == prof.str("picture_url") {
			t.Error("a new picture keeps the old URL")
		}
		u2, _ := url.Parse(next.str("picture_url"))
		m, err = png.Decode(bytes.NewReader(h.get(t, u2.RequestURI(), "").expect(http.StatusOK).body))
		if err != nil || m.Bounds().Dx() != 512 || m.Bounds().Dy() != 384 {
			t.Fatalf("re-encoded JPEG: %v %v", err, m)
		}
		h.upload(t, "/api/v1/me/picture", token, "picture", "gopher.webp", webp).expect(http.StatusOK)

		// Refused by content, whatever the name says; size and framing checked.
		for name, file := range map[string][]byte{"anim.png": gifFile, "evil.png": []byte("<html><script>alert(1)</script></html>"),
			"cut.png": pngFile[:40]} {
			p := h.upload(t, "/api/v1/me/picture", token, "picture", name, file).problem(http.StatusUnprocessableEntity, "validation_failed")
			if c := p.fieldError("picture").str("code"); c != "unsupported_type" && c != "unreadable" {
				t.Errorf("%s: code %q", name, c)
			}
		}
		big := append(append([]byte{}, pngFile...), make([]byte, 2<<20)...)
		h.upload(t, "/api/v1/me/picture", token, "picture", "big.png", big).problem(http.StatusRequestEntityTooLarge, "picture_too_large")
		h.upload(t, "/api/v1/me/picture", token, "avatar", "me.png", pngFile).problem(http.StatusBadRequest, "unknown_field")
		h.put(t, "/api/v1/me/picture", token, map[string]any{"picture": "aGVsbG8="}).problem(http.StatusBadRequest, "unsupported_media_type")
		h.upload(t, "/api/v1/me/picture", "", "picture", "me.png", pngFile).problem(http.StatusUnauthorized, "missing_token")

		h.get(t, "/api/v1/users/usr_nobody/picture", "").problem(http.StatusNotFound, "picture_not_found")
		actions, _ := h.auditActions(t, "public")
		if actions["user.picture_update:success"] != 3 {
			t.Errorf("audit: %v", actions)
		}
	})
}
