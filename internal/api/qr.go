package api

import (
	"encoding/base64"
	"fmt"
	"strings"

	"rsc.io/qr"
)

// qrQuiet is the blank margin around a QR code, in modules (the standard's
// minimum is four).
const qrQuiet = 4

// qrSVG draws text as a QR code (error correction level M) in an SVG
// image, answered as a data: URL a page shows in an img element without
// loading anything from elsewhere: one square per dark module, runs of a
// row joined into one rectangle, in a single path on a white ground. It
// answers "" when the text does not fit a QR code.
func qrSVG(text string) string {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return ""
	}
	n := code.Size + 2*qrQuiet
	var d strings.Builder
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < code.Size && code.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x+qrQuiet, y+qrQuiet, run, run)
			x += run
		}
	}
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, n, n, n, n, d.String())
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))
}
