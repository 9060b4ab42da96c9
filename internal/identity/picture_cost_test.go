package identity

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// pngHeader is a PNG signature and IHDR chunk (no image data) of a w×h
// picture with the given bit depth, colour type and interlace method.
func pngHeader(w, h uint32, depth, colorType, interlace byte) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	copy(ihdr[8:], []byte{depth, colorType, 0, 0, interlace})
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// cost reads b's header and returns DecodeCost's estimate for it.
func cost(t *testing.T, b []byte) int64 {
	t.Helper()
	config := png.DecodeConfig
	if PictureType(b) == JPEG {
		config = jpeg.DecodeConfig
	}
	cfg, err := config(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	n, err := DecodeCost(PictureType(b), b, cfg)
	if err != nil {
		t.Fatalf("DecodeCost: %v", err)
	}
	return n
}

// TestDecodeCostPNG: bytes per pixel follow the colour type and bit depth
// (a 16-bit RGBA PNG decodes to 8 bytes a pixel), and interlacing adds the
// half image of the last pass.
func TestDecodeCostPNG(t *testing.T) {
	for name, c := range map[string]struct {
		depth, colorType, interlace byte
		want                        int64 // bytes for 100×50
	}{
		"gray 8":              {8, 0, 0, 5000},
		"gray 16":             {16, 0, 0, 10000},
		"rgb 8":               {8, 2, 0, 20000},
		"rgba 8":              {8, 6, 0, 20000},
		"gray+alpha 8":        {8, 4, 0, 20000},
		"rgb 16":              {16, 2, 0, 40000},
		"rgba 16":             {16, 6, 0, 40000},
		"rgba 16, interlaced": {16, 6, 1, 60000},
	} {
		if got := cost(t, pngHeader(100, 50, c.depth, c.colorType, c.interlace)); got != c.want {
			t.Errorf("%s: cost %d, want %d", name, got, c.want)
		}
	}
	// A palette PNG needs its PLTE chunk to be configured: encode one.
	pal := image.NewPaletted(image.Rect(0, 0, 100, 50), color.Palette{color.Black, color.White})
	var b bytes.Buffer
	if err := png.Encode(&b, pal); err != nil {
		t.Fatal(err)
	}
	if got := cost(t, b.Bytes()); got != 5000 {
		t.Errorf("palette: cost %d, want 5000", got)
	}
}

// TestDecodeBudget: the budget is in bytes, not pixels: the largest
// accepted 16-bit and 8-bit squares pass the header check and one pixel
// more a side does not; a greyscale picture may use every pixel a side allows.
func TestDecodeBudget(t *testing.T) {
	for name, c := range map[string]struct {
		side             uint32
		depth, colorType byte
		ok               bool
	}{
		"16-bit rgba 1773": {1773, 16, 6, true},
		"16-bit rgba 1774": {1774, 16, 6, false},
		"8-bit rgba 2508":  {2508, 8, 6, true},
		"8-bit rgba 2509":  {2509, 8, 6, false},
		"8-bit gray 4096":  {4096, 8, 0, true},
		"16-bit gray 3547": {3547, 16, 0, true},
		"16-bit gray 3548": {3548, 16, 0, false},
	} {
		err := CheckPicture(pngHeader(c.side, c.side, c.depth, c.colorType, 0))
		switch {
		case c.ok && err != nil:
			t.Errorf("%s: %v, want accepted", name, err)
		case !c.ok && fieldCode(err) != "too_many_pixels":
			t.Errorf("%s: %v, want too_many_pixels", name, err)
		}
	}
}

func fieldCode(err error) string {
	e, ok := errs.As(err)
	if !ok || len(e.Fields) != 1 {
		return ""
	}
	return e.Fields[0].Code
}

// jpegOf encodes a w×h JPEG (4:2:0 colour, or greyscale).
func jpegOf(t *testing.T, w, h int, gray bool) []byte {
	t.Helper()
	var m image.Image = testImage(w, h)
	if gray {
		m = image.NewGray(image.Rect(0, 0, w, h))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sof returns the offset of b's SOF0 marker.
func sof(t *testing.T, b []byte) int {
	t.Helper()
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	return i
}

// TestDecodeCostJPEG: the planes follow the sampling factors; a
// progressive frame adds every block's coefficients; an RGB one the RGBA
// image it is converted to. A camera's 12-megapixel baseline photo fits the
// budget, its progressive twin does not.
func TestDecodeCostJPEG(t *testing.T) {
	color420 := jpegOf(t, 64, 64, false) // 64×64 luma + two 32×32 chroma planes
	if got := cost(t, color420); got != 64*64*3/2 {
		t.Errorf("4:2:0: cost %d, want %d", got, 64*64*3/2)
	}
	if got := cost(t, jpegOf(t, 60, 30, true)); got != 64*32 {
		t.Errorf("gray: cost %d, want %d (whole blocks)", got, 64*32)
	}
	progressive := bytes.Clone(color420)
	progressive[sof(t, progressive)+1] = 0xC2
	blocks := int64(64*64*3/2) / 64
	if got := cost(t, progressive); got != 64*64*3/2+256*blocks {
		t.Errorf("progressive: cost %d, want %d", got, 64*64*3/2+256*blocks)
	}
	rgb := bytes.Clone(color420)
	for c, id := range []byte("RGB") {
		rgb[sof(t, rgb)+4+6+3*c] = id
	}
	if got := cost(t, rgb); got != 64*64*3/2+4*64*64 {
		t.Errorf("rgb: cost %d, want %d", got, 64*64*3/2+4*64*64)
	}

	photo := bytes.Clone(color420)
	i := sof(t, photo) + 4
	binary.BigEndian.PutUint16(photo[i+1:], 3024)
	binary.BigEndian.PutUint16(photo[i+3:], 4032)
	if err := CheckPicture(photo); err != nil {
		t.Errorf("a 12-megapixel baseline JPEG: %v", err)
	}
	photo[i-3] = 0xC2
	if code := fieldCode(CheckPicture(photo)); code != "too_many_pixels" {
		t.Errorf("a 12-megapixel progressive JPEG: %q, want too_many_pixels", code)
	}
}

// riff wraps chunks into a WebP file.
func riff(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(len(body)))
	return append(out, body...)
}

func chunk(fourcc string, data []byte) []byte {
	out := []byte(fourcc)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(data)))
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// vp8x is a VP8X chunk for a w×h canvas, with alpha or not.
func vp8x(w, h int, alpha bool) []byte {
	d := make([]byte, 10)
	if alpha {
		d[0] = 1 << 4
	}
	d[4], d[5], d[6] = byte(w-1), byte((w-1)>>8), byte((w-1)>>16)
	d[7], d[8], d[9] = byte(h-1), byte((h-1)>>8), byte((h-1)>>16)
	return chunk("VP8X", d)
}

// TestDecodeCostWebP: lossy pictures decode to 4:2:0 on whole macroblocks,
// lossless ones to NRGBA after a transform buffer, a lossless alpha plane
// costs as much.
func TestDecodeCostWebP(t *testing.T) {
	gopher, err := os.ReadFile("testdata/gopher.webp") // lossless
	if err != nil {
		t.Fatal(err)
	}
	_, cfg, err := checkPicture(gopher)
	if err != nil {
		t.Fatal(err)
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	if got, _ := DecodeCost(WebP, gopher, cfg); got != 8*w*h {
		t.Errorf("lossless: cost %d, want %d", got, 8*w*h)
	}
	lossy := riff(vp8x(100, 50, false), chunk("VP8 ", make([]byte, 10)))
	lossyCfg := image.Config{Width: 100, Height: 50}
	if got, _ := DecodeCost(WebP, lossy, lossyCfg); got != 112*64*3/2 {
		t.Errorf("lossy: cost %d, want %d", got, 112*64*3/2)
	}
	withAlpha := riff(vp8x(100, 50, true), chunk("ALPH", []byte{1, 0, 0}), chunk("VP8 ", make([]byte, 10)))
	if got, _ := DecodeCost(WebP, withAlpha, lossyCfg); got != 112*64*3/2+9*100*50 {
		t.Errorf("lossy with lossless alpha: cost %d, want %d", got, 112*64*3/2+9*100*50)
	}
	rawAlpha := riff(vp8x(100, 50, true), chunk("ALPH", []byte{0, 0, 0}), chunk("VP8 ", make([]byte, 10)))
	if got, _ := DecodeCost(WebP, rawAlpha, lossyCfg); got != 112*64*3/2+100*50 {
		t.Errorf("lossy with raw alpha: cost %d, want %d", got, 112*64*3/2+100*50)
	}
	if _, err := DecodeCost(WebP, riff(vp8x(100, 50, false)), lossyCfg); err == nil {
		t.Error("a WebP without an image chunk has a cost")
	}
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// TestDecodeCostBoundsDecoding holds the estimate to what the decoders
// really allocate: never more than the estimate (but for a decoder's small
// fixed state), and not far less.
func TestDecodeCostBoundsDecoding(t *testing.T) {
	gopher, err := os.ReadFile("testdata/gopher.webp")
	if err != nil {
		t.Fatal(err)
	}
	var png16 bytes.Buffer
	if err := png.Encode(&png16, image.NewNRGBA64(image.Rect(0, 0, 700, 500))); err != nil {
		t.Fatal(err)
	}
	var gray bytes.Buffer
	if err := png.Encode(&gray, image.NewGray(image.Rect(0, 0, 900, 600))); err != nil {
		t.Fatal(err)
	}
	const fixed = 256 << 10 // readers, Huffman tables, row buffers
	for name, b := range map[string][]byte{"16-bit png": png16.Bytes(), "gray png": gray.Bytes(),
		"4:2:0 jpeg": jpegOf(t, 1000, 700, false), "gray jpeg": jpegOf(t, 1000, 700, true), "lossless webp": gopher} {
		codec, cfg, err := checkPicture(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		est, err := DecodeCost(PictureType(b), b, cfg)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var decodeErr error
		got := allocated(func() { _, decodeErr = codec.decode(bytes.NewReader(b)) })
		if decodeErr != nil {
			t.Fatalf("%s: decode: %v", name, decodeErr)
		}
		t.Logf("%s: decoding allocated %d bytes, estimated %d", name, got, est)
		if got > est+fixed || (est > 4*fixed && got < est/2) {
			t.Errorf("%s: decoding allocated %d bytes, estimated %d", name, got, est)
		}
	}
}

// TestShrink: scaling a large picture down averages it (a checkerboard
// becomes grey, not black or white), keeps colours and transparency, and
// allocates memory of the order of the target, not of the source.
func TestShrink(t *testing.T) {
	board := image.NewGray(image.Rect(0, 0, 4096, 4096))
	for y := 0; y < 4096; y++ {
		for x := 0; x < 4096; x++ {
			if (x+y)%2 == 0 {
				board.Pix[y*board.Stride+x] = 255
			}
		}
	}
	var out *image.NRGBA
	got := allocated(func() { out = shrink(board, 512, 512) })
	if got > 8<<20 {
		t.Errorf("shrinking 4096×4096 to 512×512 allocated %d MiB", got>>20)
	}
	for _, p := range []image.Point{{0, 0}, {255, 100}, {511, 511}} {
		if c := out.NRGBAAt(p.X, p.Y); c.R < 120 || c.R > 135 || c.A != 255 {
			t.Errorf("checkerboard at %v: %v, want mid grey", p, c)
		}
	}
	tinted := image.NewNRGBA(image.Rect(0, 0, 1500, 900))
	for i := 0; i < len(tinted.Pix); i += 4 {
		copy(tinted.Pix[i:], []byte{200, 100, 50, 128})
	}
	out = shrink(tinted, 512, 307)
	if b := out.Bounds(); b.Dx() != 512 || b.Dy() != 307 {
		t.Fatalf("bounds %v", b)
	}
	for _, p := range []image.Point{{0, 0}, {300, 200}, {511, 306}} {
		c := out.NRGBAAt(p.X, p.Y)
		if absDiff(c.R, 200) > 2 || absDiff(c.G, 100) > 2 || absDiff(c.B, 50) > 2 || absDiff(c.A, 128) > 1 {
			t.Errorf("tinted at %v: %v, want about {200 100 50 128}", p, c)
		}
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
