package test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

// heapObjects is the runtime's count of bytes in heap objects, live and
// not yet swept.
const heapObjects = "/memory/classes/heap/objects:bytes"

// maxHeapGrowth bounds what 8 parallel worst-case uploads may add to the heap.
const maxHeapGrowth = 200 << 20

// worstSide is the largest side of a square 16-bit RGBA picture (8 bytes a
// pixel once decoded, the deepest colour type) the decode budget accepts.
func worstSide() int {
	return min(identity.MaxPictureSide, int(math.Sqrt(float64(identity.MaxPictureDecodeBytes/8))))
}

// zeroPNG is a w×h 16-bit RGBA PNG of zeros: tiny compressed, the most
// memory decoded.
func zeroPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, image.NewNRGBA64(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPictureDecodeMemory (issue 7, defect 2): a picture small on the wire
// but huge decoded is bounded twice. The decoded size is budgeted from the
// header before decoding (one pixel more than the largest accepted 16-bit
// square is refused), and decodes run a few at a time: 8 parallel uploads
// of the worst accepted picture (the largest, deepest, of compressed
// zeros) each succeed or are told to retry (429 with Retry-After), and
// grow the heap by less than 200 MiB, measured by the runtime's own
// metrics while they run. The engines measure one after the other (the
// heap is the whole test process's).
func TestPictureDecodeMemory(t *testing.T) {
	side := worstSide()
	worst := zeroPNG(t, side, side)
	tooBig := zeroPNG(t, side+1, side+1)
	if len(worst) > identity.MaxPictureBytes {
		t.Fatalf("the worst case is %d bytes, over the upload limit", len(worst))
	}
	var measuring sync.Mutex
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		token := h.token(t, h.newAccount(t, "heavy@picture.example.com"), goodPassword)
		h.upload(t, "/api/v1/me/picture", token, "picture", "big.png", tooBig).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("picture").eq("code", "too_many_pixels")

		measuring.Lock()
		defer measuring.Unlock()
		runtime.GC()
		before := readHeap()
		stop, peak := samplePeak()
		results := make(chan uploadResult, 8)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- h.rawUpload(token, worst)
			}()
		}
		wg.Wait()
		stop()
		close(results)
		growth := int64(peak()) - int64(before)
		t.Logf("%s: heap objects %d MiB before, peak %d MiB, growth %d MiB", h.engine, before>>20, peak()>>20, growth>>20)
		ok := 0
		for r := range results {
			switch {
			case r.err != nil:
				t.Errorf("upload: %v", r.err)
			case r.status == http.StatusOK:
				ok++
			case r.status == http.StatusTooManyRequests && r.retryAfter != "":
			default:
				t.Errorf("upload: status %d, Retry-After %q; body: %.300s", r.status, r.retryAfter, r.body)
			}
		}
		t.Logf("%s: %d of 8 uploads decoded, the others told to retry", h.engine, ok)
		if ok == 0 {
			t.Error("none of the parallel uploads was decoded")
		}
		if growth >= maxHeapGrowth {
			t.Errorf("8 parallel uploads of a %d×%d 16-bit picture (%d bytes) grew the heap by %d MiB, want under %d MiB",
				side, side, len(worst), growth>>20, maxHeapGrowth>>20)
		}
	})
}

// TestPictureDecodeSlots: beyond the decodes allowed at once, an upload is
// refused at once with 429 pictures_busy and Retry-After, never queued.
// The test holds the slots itself, so nothing depends on timing.
func TestPictureDecodeSlots(t *testing.T) {
	small := zeroPNG(t, 16, 16)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		token := h.token(t, h.newAccount(t, "busy@picture.example.com"), goodPassword)
		slots := h.srv.App.PictureDecodes()
		if slots.Cap() < 1 {
			t.Fatalf("%d decode slots", slots.Cap())
		}
		held := 0
		for slots.TryAcquire() {
			held++
		}
		if held != slots.Cap() || slots.InUse() != held {
			t.Fatalf("held %d of %d slots, %d in use", held, slots.Cap(), slots.InUse())
		}
		r := h.upload(t, "/api/v1/me/picture", token, "picture", "me.png", small)
		r.problem(http.StatusTooManyRequests, "pictures_busy")
		if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 {
			t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
		}
		// A refused upload is refused before anything changes or is read.
		h.get(t, "/api/v1/me", token).expect(http.StatusOK).obj().null("picture_url")
		slots.Release()
		h.upload(t, "/api/v1/me/picture", token, "picture", "me.png", small).expect(http.StatusOK)
		if slots.InUse() != held-1 {
			t.Errorf("%d slots in use after the upload, want %d (a decode gives its slot back)", slots.InUse(), held-1)
		}
		for range held - 1 {
			slots.Release()
		}
		// Invalid pictures are refused without taking a slot.
		for range held {
			slots.TryAcquire()
		}
		h.upload(t, "/api/v1/me/picture", token, "picture", "evil.png", []byte("<svg/>")).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		for range held {
			slots.Release()
		}
	})
}

// uploadResult is the outcome of one upload sent from a goroutine.
type uploadResult struct {
	status     int
	retryAfter string
	body       []byte
	err        error
}

// rawUpload sends a picture upload and reports the outcome instead of
// failing the test, so that it can run in a goroutine of its own.
func (h *harness) rawUpload(token string, file []byte) uploadResult {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, err := mw.CreateFormFile("picture", "me.png")
	if err == nil {
		_, err = w.Write(file)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return uploadResult{err: err}
	}
	hr, err := http.NewRequest(http.MethodPut, h.base+"/api/v1/me/picture", &b)
	if err != nil {
		return uploadResult{err: err}
	}
	hr.Header.Set("Content-Type", mw.FormDataContentType())
	hr.Header.Set("Authorization", "Bearer "+token)
	res, err := h.client.Do(hr)
	if err != nil {
		return uploadResult{err: err}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return uploadResult{status: res.StatusCode, retryAfter: res.Header.Get("Retry-After"), body: body, err: err}
}

// readHeap reads the heap objects metric.
func readHeap() uint64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		panic(fmt.Sprintf("metric %s: kind %v", heapObjects, s[0].Value.Kind()))
	}
	return s[0].Value.Uint64()
}

// samplePeak samples the heap every millisecond until stop is called, and
// returns stop and the highest value seen. (Sampling measures; it
// synchronises nothing.)
func samplePeak() (stop func(), peak func() uint64) {
	var mu sync.Mutex
	high := readHeap()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			v := readHeap()
			mu.Lock()
			high = max(high, v)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() { close(done); <-finished })
		v := readHeap()
		mu.Lock()
		high = max(high, v)
		mu.Unlock()
	}
	peak = func() uint64 {
		mu.Lock()
		defer mu.Unlock()
		return high
	}
	return stop, peak
}
