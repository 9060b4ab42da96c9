package identity

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

func testImage(w, h int) image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 200, A: 255})
		}
	}
	return m
}

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header claiming w×h pixels of 8-bit RGBA,
// followed by no data: a decompression bomb's calling card.
func hugePNG(w, h uint32) []byte { return pngHeader(w, h, 8, 6, 0) }

func TestPictureType(t *testing.T) {
	webpFile, err := os.ReadFile("testdata/gopher.webp")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"png":          {encodePNG(t, testImage(2, 2)), PNG},
		"jpeg":         {[]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, JPEG},
		"webp":         {webpFile, WebP},
		"riff wave":    {[]byte("RIFF\x24\x00\x00\x00WAVEfmt "), ""},
		"gif":          {[]byte("GIF89a\x01\x00\x01\x00"), ""},
		"html":         {[]byte("<html><script>alert(1)</script>"), ""},
		"svg":          {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), ""},
		"short riff":   {[]byte("RIFFWEBP"), ""},
		"empty":        {nil, ""},
		"png name tag": {[]byte("PNG image, honest"), ""},
	} {
		if got := PictureType(c.b); got != c.want {
			t.Errorf("%s: PictureType = %q, want %q", name, got, c.want)
		}
	}
}

func TestNormalizePicture(t *testing.T) {
	t.Run("small png kept at its size", func(t *testing.T) {
		p := normalize(t, encodePNG(t, testImage(40, 30)))
		if p.Width != 40 || p.Height != 30 {
			t.Fatalf("size %dx%d", p.Width, p.Height)
		}
	})
	t.Run("large jpeg scaled down", func(t *testing.T) {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, testImage(1200, 600), nil); err != nil {
			t.Fatal(err)
		}
		p := normalize(t, b.Bytes())
		if p.Width != PictureSide || p.Height != PictureSide/2 {
			t.Fatalf("size %dx%d, want %dx%d", p.Width, p.Height, PictureSide, PictureSide/2)
		}
	})
	t.Run("webp", func(t *testing.T) {
		b, err := os.ReadFile("testdata/gopher.webp")
		if err != nil {
			t.Fatal(err)
		}
		normalize(t, b)
	})
	t.Run("payload appended to a png is dropped", func(t *testing.T) {
		polyglot := append(encodePNG(t, testImage(8, 8)), []byte("<script>alert(document.cookie)</script>")...)
		p := normalize(t, polyglot)
		if bytes.Contains(p.Content, []byte("script")) {
			t.Fatal("the appended payload survived re-encoding")
		}
	})
	for name, c := range map[string]struct {
		b    []byte
		kind errs.Kind
		code string // the field's code, or the error's for non-field errors
	}{
		"gif":                   {gifBytes(t), errs.Invalid, "unsupported_type"},
		"html named as png":     {[]byte("<html>hello</html>"), errs.Invalid, "unsupported_type"},
		"decompression bomb":    {hugePNG(100000, 100000), errs.Invalid, "too_many_pixels"},
		"one side too long":     {hugePNG(MaxPictureSide+1, 10), errs.Invalid, "too_many_pixels"},
		"truncated png":         {encodePNG(t, testImage(50, 50))[:60], errs.Invalid, "unreadable"},
		"header only":           {hugePNG(16, 16), errs.Invalid, "unreadable"},
		"bigger than the limit": {append(encodePNG(t, testImage(2, 2)), make([]byte, MaxPictureBytes)...), errs.TooLarge, "picture_too_large"},
	} {
		_, err := NormalizePicture(c.b)
		e, ok := errs.As(err)
		if !ok || e.Kind != c.kind {
			t.Errorf("%s: error %v, want kind %v", name, err, c.kind)
			continue
		}
		code := e.Code
		if len(e.Fields) == 1 && e.Fields[0].Field == "picture" {
			code = e.Fields[0].Code
		}
		if code != c.code {
			t.Errorf("%s: code %q, want %q", name, code, c.code)
		}
	}
}

// normalize runs NormalizePicture and checks that what comes out is a PNG
// of the reported size with a quoted entity tag.
func normalize(t *testing.T, b []byte) *Picture {
	t.Helper()
	p, err := NormalizePicture(b)
	if err != nil {
		t.Fatalf("NormalizePicture: %v", err)
	}
	m, err := png.Decode(bytes.NewReader(p.Content))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if m.Bounds().Dx() != p.Width || m.Bounds().Dy() != p.Height || p.Width > PictureSide || p.Height > PictureSide {
		t.Fatalf("output %v, reported %dx%d", m.Bounds(), p.Width, p.Height)
	}
	if !strings.HasPrefix(p.ETag, `"`) || !strings.HasSuffix(p.ETag, `"`) || len(p.ETag) != 34 {
		t.Fatalf("etag %q", p.ETag)
	}
	return p
}

func gifBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(4, 4), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
