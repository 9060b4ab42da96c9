package identity

import (
	"encoding/binary"
	"errors"
	"image"
	"image/color"
)

// MaxPictureDecodeBytes bounds the memory one picture may take to decode,
// as estimated from its header before anything is decoded (DecodeCost): a
// file of a few kilobytes can describe a canvas that takes hundreds of
// megabytes once decoded. 24 MiB holds a 1773×1773 PNG at 16 bits a
// channel, a 2508×2508 one at 8 bits, any greyscale or palette PNG up to
// MaxPictureSide, a 12-megapixel baseline JPEG (4:2:0, as cameras write
// them) and a 4096×4096 lossy WebP. With the decodes the App runs at once
// (two by default), it bounds what picture uploads can add to the heap.
const MaxPictureDecodeBytes = 24 << 20

var errNoFrame = errors.New("no frame header")

// DecodeCost estimates from the header of b, an image of format kind whose
// configuration DecodeConfig read, how many bytes decoding it takes at its
// peak, as the decoders this package uses allocate them: the decoded
// pixels in the decoder's own layout, and what the decoder keeps besides
// (a progressive JPEG's coefficients, a lossless WebP's transform buffer,
// an interlaced PNG's passes). It errs for a header it cannot read.
func DecodeCost(kind string, b []byte, cfg image.Config) (int64, error) {
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch kind {
	case PNG:
		cost := w * h * bytesPerPixel(cfg.ColorModel)
		if len(b) > 28 && b[28] == 1 { // Adam7: each pass is decoded whole before it is merged, the last one half the image
			cost += cost / 2
		}
		return cost, nil
	case JPEG:
		return jpegCost(b, cfg)
	case WebP:
		return webpCost(b, w, h)
	}
	return 0, errors.New("unknown picture format")
}

// bytesPerPixel is the size of a pixel in the image type image/png decodes
// a picture of colour model m into.
func bytesPerPixel(m color.Model) int64 {
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.RGBAModel, color.NRGBAModel:
		return 4
	}
	return 8 // RGBA64, NRGBA64 and anything deeper
}

// jpegFrame is what a JPEG's start-of-frame header says about its layout.
type jpegFrame struct {
	progressive bool
	sampling    [][2]int64 // each component's horizontal and vertical sampling factors
}

// jpegCost follows image/jpeg: each component is decoded into a plane of
// whole 8×8 blocks of its sampling; a progressive picture also keeps every
// block's 64 int32 coefficients; an RGB picture is then converted to RGBA
// and a four-component one to CMYK, both 4 bytes a pixel.
func jpegCost(b []byte, cfg image.Config) (int64, error) {
	f, err := readJPEGFrame(b)
	if err != nil {
		return 0, err
	}
	if len(f.sampling) == 1 {
		f.sampling[0] = [2]int64{1, 1}
	}
	hmax, vmax := f.sampling[0][0], f.sampling[0][1] // image/jpeg requires the first component's to be the largest
	if hmax < 1 || vmax < 1 {
		return 0, errNoFrame
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	mxx, myy := (w+8*hmax-1)/(8*hmax), (h+8*vmax-1)/(8*vmax)
	var cost int64
	for _, s := range f.sampling {
		blocks := mxx * s[0] * myy * s[1]
		cost += 64 * blocks
		if f.progressive {
			cost += 256 * blocks
		}
	}
	if cfg.ColorModel == color.RGBAModel || cfg.ColorModel == color.CMYKModel {
		cost += 4 * w * h
	}
	return cost, nil
}

// readJPEGFrame walks the markers of a JPEG up to its start-of-frame
// header (SOF0, SOF1 or SOF2, the ones image/jpeg decodes).
func readJPEGFrame(b []byte) (jpegFrame, error) {
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return jpegFrame{}, errNoFrame
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD8: // TEM, RSTn, SOI: no length
			i += 2
			continue
		case marker == 0xD9 || marker == 0xDA: // EOI or SOS before any frame
			return jpegFrame{}, errNoFrame
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return jpegFrame{}, errNoFrame
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xC0 || marker == 0xC1 || marker == 0xC2 {
			return parseJPEGFrame(seg, marker == 0xC2)
		}
		i += 2 + n
	}
	return jpegFrame{}, errNoFrame
}

func parseJPEGFrame(seg []byte, progressive bool) (jpegFrame, error) {
	if len(seg) < 6 {
		return jpegFrame{}, errNoFrame
	}
	n := int(seg[5])
	if n < 1 || n > 4 || len(seg) < 6+3*n {
		return jpegFrame{}, errNoFrame
	}
	f := jpegFrame{progressive: progressive}
	for c := range n {
		hv := seg[6+3*c+1]
		f.sampling = append(f.sampling, [2]int64{int64(hv >> 4), int64(hv & 0x0F)})
	}
	return f, nil
}

// webpCost follows golang.org/x/image/webp: a lossy picture decodes into
// YCbCr 4:2:0 on whole 16×16 macroblocks (1.5 bytes a pixel), its alpha
// plane, if any, into 1 byte a pixel, after an NRGBA image and a transform
// buffer (8 bytes a pixel) when the plane is compressed losslessly; a
// lossless picture into NRGBA, after its transform buffer (8 bytes a pixel).
func webpCost(b []byte, w, h int64) (int64, error) {
	lossy := (w + 15) / 16 * 16 * ((h + 15) / 16 * 16) * 3 / 2
	var alpha int64
	for i := 12; i+8 <= len(b); {
		fourcc := string(b[i : i+4])
		n := int64(binary.LittleEndian.Uint32(b[i+4:]))
		data := b[i+8:]
		switch fourcc {
		case "VP8 ":
			return lossy + alpha, nil
		case "VP8L":
			return 8 * w * h, nil
		case "ALPH":
			alpha = w * h
			if len(data) > 0 && data[0]&0x03 == 1 { // compressed with the lossless codec
				alpha += 8 * w * h
			}
		}
		next := int64(i) + 8 + n + n&1
		if next > int64(len(b)) {
			break
		}
		i = int(next)
	}
	return 0, errors.New("webp: no image chunk")
}
