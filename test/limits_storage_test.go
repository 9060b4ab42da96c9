package test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"

	"github.com/tenantry/tenantry/internal/plan"
)

// noisyPNG is a side×side picture of noise: it compresses badly, so its
// stored (re-encoded) size grows with side.
func noisyPNG(t testing.TB, side int, seed uint64) []byte {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed))
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	for i := range side * side {
		img.Set(i%side, i/side, color.RGBA{R: uint8(r.UintN(256)), G: uint8(r.UintN(256)), B: uint8(r.UintN(256)), A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// logoPath is where tenantID's logo is uploaded, deleted and served.
func logoPath(tenantID string) string { return "/api/v1/tenants/" + tenantID + "/logo" }

// storedBytes is the storage_bytes the usage endpoint reports to token.
func (h *harness) storedBytes(t testing.TB, token string) int64 {
	t.Helper()
	return int64(h.usageOf(t, token)["storage_bytes"].num("used"))
}

// TestLogoStorageCounting: the logo is the tenant's stored file; its
// re-encoded bytes count against storage_bytes, a replacement counts only
// the difference, a deletion gives them back, and an upload past the limit
// is refused naming the meter.
func TestLogoStorageCounting(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Logo Spa")
		small, large, huge := noisyPNG(t, 48, 1), noisyPNG(t, 64, 2), noisyPNG(t, 160, 3)

		v := h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", small).expect(http.StatusOK).obj()
		logoURL := v.str("logo_url")
		served := h.get(t, logoPath(tm.tenantID), "").expect(http.StatusOK)
		sSmall := int64(len(served.body))
		if ct := served.header.Get("Content-Type"); ct != "image/png" || sSmall == 0 {
			t.Fatalf("served logo: %q, %d bytes", ct, sSmall)
		}
		if cl := served.header.Get("Content-Length"); cl != strconv.FormatInt(sSmall, 10) {
			t.Errorf("Content-Length %s, body %d", cl, sSmall)
		}
		if want := h.base + logoPath(tm.tenantID) + "?v="; len(logoURL) <= len(want) || logoURL[:len(want)] != want {
			t.Errorf("logo_url %q, want %s…", logoURL, want)
		}
		if got := h.get(t, "/api/v1/tenants/"+tm.tenantID, tm.owner).expect(http.StatusOK).obj().str("logo_url"); got != logoURL {
			t.Errorf("tenant logo_url %q, want %q", got, logoURL)
		}
		if got := h.storedBytes(t, tm.owner); got != sSmall {
			t.Errorf("storage after one logo: %d, want %d", got, sSmall)
		}
		etag := served.header.Get("ETag")
		h.do(t, http.MethodGet, logoPath(tm.tenantID), req{header: map[string]string{"If-None-Match": etag}}).expect(http.StatusNotModified)

		v = h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", large).expect(http.StatusOK).obj()
		sLarge := int64(len(h.get(t, logoPath(tm.tenantID), "").expect(http.StatusOK).body))
		if got := h.storedBytes(t, tm.owner); got != sLarge || sLarge <= sSmall {
			t.Errorf("storage after the replacement: %d, want %d (the new logo alone; the old was %d)", got, sLarge, sSmall)
		}
		if v.str("logo_url") == logoURL {
			t.Errorf("logo_url unchanged by a new logo: %s", logoURL)
		}

		h.del(t, logoPath(tm.tenantID), tm.owner).expect(http.StatusNoContent)
		h.get(t, logoPath(tm.tenantID), "").problem(http.StatusNotFound, "logo_not_found")
		if got := h.get(t, "/api/v1/tenants/"+tm.tenantID, tm.owner).expect(http.StatusOK).obj().str("logo_url"); got != "" {
			t.Errorf("logo_url after the deletion: %q", got)
		}
		if got := h.storedBytes(t, tm.owner); got != 0 {
			t.Errorf("storage after the deletion: %d", got)
		}
		h.del(t, logoPath(tm.tenantID), tm.owner).expect(http.StatusNoContent) // nothing to delete: nothing changes

		// Room for the larger logo, not for both: a replacement fits because
		// only its difference is counted.
		limit := sLarge + sSmall/2
		h.addPlan(t, "snug", 1000, plan.Limits{plan.StorageBytes: limit})
		h.onPlan(t, tm.tenantID, "snug")
		h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", small).expect(http.StatusOK)
		h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", large).expect(http.StatusOK)
		limitRefusal(t, h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", huge),
			"storage_bytes", sLarge, limit, "snug", "basic")
		if got := h.storedBytes(t, tm.owner); got != sLarge {
			t.Errorf("storage after the refusal: %d, want %d", got, sLarge)
		}
		// A manual logo_url elsewhere survives deleting the stored logo.
		h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"logo_url": "https://cdn.example.com/logo.png"}).
			expect(http.StatusOK)
		h.del(t, logoPath(tm.tenantID), tm.owner).expect(http.StatusNoContent)
		if got := h.get(t, "/api/v1/tenants/"+tm.tenantID, tm.owner).expect(http.StatusOK).obj().str("logo_url"); got != "https://cdn.example.com/logo.png" {
			t.Errorf("logo_url set by hand, after the deletion: %q", got)
		}
	})
}

// TestLogoUploadChecks: the logo goes through the pictures' checks, under
// the field name logo, and only the tenant's admins may change it.
func TestLogoUploadChecks(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Checked Logo Spa")
		p := h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", []byte("GIF89a not a png")).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if f := p.fieldErrors(); f["logo"] != "unsupported_type" {
			t.Errorf("not an image: %v", f)
		}
		h.upload(t, logoPath(tm.tenantID), tm.owner, "picture", "logo.png", tinyPNG(t)).problem(http.StatusBadRequest, "unknown_field")
		_, viewer := h.teammate(t, tm, "viewer@checked-logo.example.com", "viewer")
		h.upload(t, logoPath(tm.tenantID), viewer, "logo", "logo.png", tinyPNG(t)).problem(http.StatusForbidden, "forbidden")
		h.del(t, logoPath(tm.tenantID), viewer).problem(http.StatusForbidden, "forbidden")
		h.upload(t, logoPath(tm.tenantID), h.admin(t), "logo", "logo.png", tinyPNG(t)).expect(http.StatusOK) // platform admin
		if got := h.storedBytes(t, tm.owner); got == 0 {
			t.Error("the platform admin's upload is not counted")
		}
	})
}
