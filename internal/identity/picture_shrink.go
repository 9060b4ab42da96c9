package identity

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// shrink scales src into a new w×h picture, w×h fitting within src's size,
// in memory bounded by the target rather than by src: a src of at least
// twice the target is first averaged down by a whole factor (a box filter,
// which reads src row by row), to between one and two times the target, and
// Catmull-Rom then scales what is left. (Catmull-Rom alone keeps a buffer
// of 32 bytes per target column per source row: 64 MiB for a 4096-row
// picture.)
func shrink(src image.Image, w, h int) *image.NRGBA {
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	b := src.Bounds()
	if k := min(b.Dx()/w, b.Dy()/h); k >= 2 {
		src = boxReduce(src, k)
		b = src.Bounds()
	}
	if b.Dx() == w && b.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	}
	return dst
}

// boxReduce averages each k×k block of src (the blocks at the right and
// bottom edges may be smaller) into one pixel, in premultiplied 16-bit
// colour.
func boxReduce(src image.Image, k int) *image.RGBA64 {
	b := src.Bounds()
	ow, oh := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	out := image.NewRGBA64(image.Rect(0, 0, ow, oh))
	at := rgba64At(src)
	sum := make([][4]uint64, ow)
	for oy := range oh {
		clear(sum)
		y0 := b.Min.Y + oy*k
		y1 := min(y0+k, b.Max.Y)
		for y := y0; y < y1; y++ {
			for ox := range ow {
				x0 := b.Min.X + ox*k
				s := &sum[ox]
				for x := x0; x < min(x0+k, b.Max.X); x++ {
					c := at(x, y)
					s[0] += uint64(c.R)
					s[1] += uint64(c.G)
					s[2] += uint64(c.B)
					s[3] += uint64(c.A)
				}
			}
		}
		for ox := range ow {
			x0 := b.Min.X + ox*k
			n := uint64((y1 - y0) * (min(x0+k, b.Max.X) - x0))
			s := sum[ox]
			avg := func(v uint64) uint16 { return uint16((v + n/2) / n) }
			out.SetRGBA64(ox, oy, color.RGBA64{R: avg(s[0]), G: avg(s[1]), B: avg(s[2]), A: avg(s[3])})
		}
	}
	return out
}

// rgba64At reads src's pixels in premultiplied 16-bit colour, without an
// allocation per pixel when src can (every image type of the decoders used
// here can).
func rgba64At(src image.Image) func(x, y int) color.RGBA64 {
	if m, ok := src.(image.RGBA64Image); ok {
		return m.RGBA64At
	}
	return func(x, y int) color.RGBA64 {
		r, g, b, a := src.At(x, y).RGBA()
		return color.RGBA64{R: uint16(r), G: uint16(g), B: uint16(b), A: uint16(a)}
	}
}
