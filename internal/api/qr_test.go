package api

import (
	"encoding/base64"
	"encoding/xml"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// TestQRSVG draws otpauth URIs as SVG data URLs, paints the SVG's path
// back into pixels as a renderer would, and reads the picture with a QR
// decoder (ZXing's port): it must give back the URI.
func TestQRSVG(t *testing.T) {
	for _, uri := range []string{
		"otpauth://totp/Tenantry:nina%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Tenantry&algorithm=SHA1&digits=6&period=30",
		"otpauth://totp/Tenantry:" + strings.Repeat("a", 200) + "%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Tenantry",
	} {
		url := qrSVG(uri)
		const prefix = "data:image/svg+xml;base64,"
		if !strings.HasPrefix(url, prefix) {
			t.Fatalf("qrSVG answers %.40q…, want a %s URL", url, prefix)
		}
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(url, prefix))
		if err != nil {
			t.Fatalf("the data URL is not base64: %v", err)
		}
		var svg struct {
			XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
			ViewBox string   `xml:"viewBox,attr"`
			Path    struct {
				D string `xml:"d,attr"`
			} `xml:"path"`
		}
		if err := xml.Unmarshal(raw, &svg); err != nil {
			t.Fatalf("not an SVG document: %v\n%s", err, raw)
		}
		var n int
		if f := strings.Fields(svg.ViewBox); len(f) != 4 || f[2] != f[3] {
			t.Fatalf("viewBox %q", svg.ViewBox)
		} else {
			n, _ = strconv.Atoi(f[2])
		}
		const scale = 4
		img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
		for i := range img.Pix {
			img.Pix[i] = 0xff
		}
		runs := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
		if rest := runs.ReplaceAllString(svg.Path.D, ""); rest != "" || svg.Path.D == "" {
			t.Fatalf("the path holds more than runs of modules: %q", rest)
		}
		for _, m := range runs.FindAllStringSubmatch(svg.Path.D, -1) {
			x, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[2])
			w, _ := strconv.Atoi(m[3])
			for px := x * scale; px < (x+w)*scale; px++ {
				for py := y * scale; py < (y+1)*scale; py++ {
					img.SetGray(px, py, color.Gray{})
				}
			}
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(img)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
		if err != nil {
			t.Fatalf("the QR code does not decode: %v", err)
		}
		if got.GetText() != uri {
			t.Errorf("the QR code reads %q, want %q", got.GetText(), uri)
		}
	}
	if got := qrSVG(strings.Repeat("x", 5000)); got != "" {
		t.Errorf("text too long for a QR code: %.40q…, want \"\"", got)
	}
}
