package identity

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/tenantry/tenantry/internal/errs"
)

// Limits of uploaded profile pictures.
const (
	MaxPictureBytes = 2 << 20 // largest upload accepted, 2 MiB
	MaxPictureSide  = 4096    // widest or tallest upload accepted, in pixels
	PictureSide     = 512     // stored pictures are scaled down to fit a square this size
)

// Picture formats, as PictureType names them.
const (
	PNG  = "png"
	JPEG = "jpeg"
	WebP = "webp"
)

// PictureType names the format of an image by its first bytes (its magic
// number), whatever its file name or declared type says: PNG, JPEG, WebP,
// or "" for anything else.
func PictureType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return WebP
	}
	return ""
}

func pictureProblem(code, msg string) error {
	return errs.Fields(errs.FieldError{Field: "picture", Code: code, Message: msg})
}

// NormalizePicture checks an uploaded picture by its content and makes it
// safe to store and serve: it must be a PNG, JPEG or WebP of at most
// MaxPictureBytes and MaxPictureSide pixels a side (read from the header
// before anything is decoded, so a small file cannot claim a huge canvas);
// it is decoded, scaled down to fit PictureSide, and re-encoded as a PNG,
// which drops metadata and anything appended to or hidden in the file.
func NormalizePicture(b []byte) (*Picture, error) {
	if len(b) > MaxPictureBytes {
		return nil, errs.E(errs.TooLarge, "picture_too_large", "The picture may be at most 2 MiB.")
	}
	var decodeConfig func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	switch PictureType(b) {
	case PNG:
		decodeConfig, decode = png.DecodeConfig, png.Decode
	case JPEG:
		decodeConfig, decode = jpeg.DecodeConfig, jpeg.Decode
	case WebP:
		decodeConfig, decode = webp.DecodeConfig, webp.Decode
	default:
		return nil, pictureProblem("unsupported_type", "Send a PNG, JPEG or WebP image.")
	}
	cfg, err := decodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, pictureProblem("unreadable", "The image could not be read.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxPictureSide || cfg.Height > MaxPictureSide {
		return nil, pictureProblem("too_many_pixels", fmt.Sprintf("The image may be at most %d×%d pixels.", MaxPictureSide, MaxPictureSide))
	}
	src, err := decode(bytes.NewReader(b))
	if err != nil {
		return nil, pictureProblem("unreadable", "The image could not be read.")
	}
	w, h := fit(cfg.Width, cfg.Height, PictureSide)
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w == cfg.Width && h == cfg.Height {
		draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	}
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, fmt.Errorf("encode picture: %w", err)
	}
	sum := sha256.Sum256(out.Bytes())
	return &Picture{Content: out.Bytes(), PictureInfo: PictureInfo{ETag: `"` + hex.EncodeToString(sum[:16]) + `"`, Width: w, Height: h}}, nil
}

// fit scales w×h down, keeping its proportions, to fit a side×side square.
func fit(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(1, h*side/w)
	}
	return max(1, w*side/h), side
}
