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

// pictureCodec is how one format is read: its header, and the whole image.
type pictureCodec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// CheckPicture checks an upload by what its header says, without decoding
// it: a PNG, JPEG or WebP (by content, whatever its name says) of at most
// MaxPictureBytes, MaxPictureSide pixels a side and MaxPictureDecodeBytes
// to decode (DecodeCost), so that a small file cannot claim a huge canvas.
func CheckPicture(b []byte) error {
	_, _, err := checkPicture(b)
	return err
}

func checkPicture(b []byte) (pictureCodec, image.Config, error) {
	if len(b) > MaxPictureBytes {
		return pictureCodec{}, image.Config{}, errs.E(errs.TooLarge, "picture_too_large", "The picture may be at most 2 MiB.")
	}
	kind := PictureType(b)
	var codec pictureCodec
	switch kind {
	case PNG:
		codec = pictureCodec{png.DecodeConfig, png.Decode}
	case JPEG:
		codec = pictureCodec{jpeg.DecodeConfig, jpeg.Decode}
	case WebP:
		codec = pictureCodec{webp.DecodeConfig, webp.Decode}
	default:
		return codec, image.Config{}, pictureProblem("unsupported_type", "Send a PNG, JPEG or WebP image.")
	}
	cfg, err := codec.config(bytes.NewReader(b))
	if err != nil {
		return codec, cfg, pictureProblem("unreadable", "The image could not be read.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxPictureSide || cfg.Height > MaxPictureSide {
		return codec, cfg, pictureProblem("too_many_pixels", fmt.Sprintf("The image may be at most %d×%d pixels.", MaxPictureSide, MaxPictureSide))
	}
	cost, err := DecodeCost(kind, b, cfg)
	if err != nil {
		return codec, cfg, pictureProblem("unreadable", "The image could not be read.")
	}
	if cost > MaxPictureDecodeBytes {
		return codec, cfg, pictureProblem("too_many_pixels", fmt.Sprintf(
			"This %d×%d image would take %d MiB to decode; at most %d MiB are allowed (for example 2508×2508 pixels at 8 bits a channel, or 1773×1773 at 16 bits): send a smaller one.",
			cfg.Width, cfg.Height, (cost+1<<20-1)>>20, MaxPictureDecodeBytes>>20))
	}
	return codec, cfg, nil
}

// NormalizePicture checks an uploaded picture (CheckPicture) and makes it
// safe to store and serve: it is decoded, scaled down to fit PictureSide
// (shrink, in memory bounded by the target), and re-encoded as a PNG, which
// drops metadata and anything appended to or hidden in the file. Decoding
// takes memory up to MaxPictureDecodeBytes and a while: callers bound how
// many run at once.
func NormalizePicture(b []byte) (*Picture, error) {
	codec, cfg, err := checkPicture(b)
	if err != nil {
		return nil, err
	}
	src, err := codec.decode(bytes.NewReader(b))
	if err != nil {
		return nil, pictureProblem("unreadable", "The image could not be read.")
	}
	w, h := fit(cfg.Width, cfg.Height, PictureSide)
	dst := shrink(src, w, h)
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
