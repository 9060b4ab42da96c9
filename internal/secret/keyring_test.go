package secret

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestFromKeys: versions are the keys' fingerprints, the first key seals,
// every key opens, and values sealed before fingerprints (v1) open with
// whichever configured key sealed them.
func TestFromKeys(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize)
	legacy, err := NewBox("1", map[string][]byte{"1": k1})
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := legacy.Seal([]byte("sk_live_legacy"), "credential:ten_1:stripe")

	old, err := FromKeys([][]byte{k1})
	if err != nil {
		t.Fatal(err)
	}
	if old.Current() != "f0b36dca" || Fingerprint(make([]byte, KeySize)) != "bc91af5b" {
		t.Fatalf("fingerprints changed: %s, %s (every stored value names them: they must never change)",
			old.Current(), Fingerprint(make([]byte, KeySize)))
	}
	sealedOld, _ := old.Seal([]byte("totp-seed"), "totp:usr_1")
	if VersionOf(sealedOld) != old.Current() || !old.IsCurrent(sealedOld) || old.IsCurrent(v1) {
		t.Fatalf("version of %q", sealedOld[:12])
	}

	rotated, err := FromKeys([][]byte{k2, k1})
	if err != nil {
		t.Fatal(err)
	}
	if got := rotated.Versions(); len(got) != 2 || got[0] != Fingerprint(k2) || got[1] != Fingerprint(k1) {
		t.Fatalf("versions %v", got)
	}
	for _, v := range []struct{ sealed, ctx, want string }{
		{v1, "credential:ten_1:stripe", "sk_live_legacy"}, {sealedOld, "totp:usr_1", "totp-seed"},
	} {
		plain, err := rotated.Open(v.sealed, v.ctx)
		if err != nil || string(plain) != v.want {
			t.Errorf("open %q after rotation: %q %v", v.sealed[:6], plain, err)
		}
		moved, changed, err := rotated.Reseal(v.sealed, v.ctx)
		if err != nil || !changed || !rotated.IsCurrent(moved) {
			t.Fatalf("reseal: %v %v %q", changed, err, moved[:10])
		}
		again, changed, err := rotated.Reseal(moved, v.ctx)
		if err != nil || changed || again != moved {
			t.Errorf("a current value was resealed again: %v %v", changed, err)
		}
		newOnly, _ := FromKeys([][]byte{k2})
		if plain, err := newOnly.Open(moved, v.ctx); err != nil || string(plain) != v.want {
			t.Errorf("the new key alone does not open the resealed value: %v", err)
		}
		if _, err := newOnly.Open(v.sealed, v.ctx); err == nil {
			t.Errorf("the new key alone opened a value of the old key")
		}
	}
	if _, _, err := rotated.Reseal(v1, "credential:ten_2:stripe"); err == nil {
		t.Error("resealed under another row's context")
	}

	if _, err := FromKeys([][]byte{k1, k2, k1}); err == nil || strings.Contains(err.Error(), "0101") {
		t.Errorf("a key given twice: %v", err)
	}
	if _, err := FromKeys(nil); err == nil {
		t.Error("a box without keys")
	}
	if _, err := FromKeys([][]byte{[]byte("short")}); err == nil {
		t.Error("a short key")
	}
}

// TestMACAcrossRotation: a code MAC'd under the previous key verifies while
// that key is still configured, and not once it is gone.
func TestMACAcrossRotation(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize)
	old, _ := FromKeys([][]byte{k1})
	both, _ := FromKeys([][]byte{k2, k1})
	newOnly, _ := FromKeys([][]byte{k2})
	m := old.MAC("otp_1", "123456")
	if !both.VerifyMAC(m, "otp_1", "123456") || !old.VerifyMAC(m, "otp_1", "123456") {
		t.Fatal("a code issued before the rotation does not verify")
	}
	if both.VerifyMAC(m, "otp_1", "123457") || newOnly.VerifyMAC(m, "otp_1", "123456") {
		t.Fatal("a wrong code, or a removed key, verified")
	}
	if both.MAC("otp_1", "123456") == m || !both.VerifyMAC(both.MAC("otp_1", "1"), "otp_1", "1") {
		t.Fatal("new codes are not MAC'd under the current key")
	}
}

// TestBoxNeverPrintsKeys: printing or logging a Box shows versions only.
func TestBoxNeverPrintsKeys(t *testing.T) {
	k := bytes.Repeat([]byte{0xAB}, KeySize)
	b, _ := FromKeys([][]byte{k})
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("box", "box", b)
	for _, s := range []string{fmt.Sprint(b), fmt.Sprintf("%v %+v %#v %s", b, b, b, b), logged.String()} {
		if strings.Contains(strings.ToLower(s), "abab") || strings.Contains(s, "171") || !strings.Contains(s, b.Current()) {
			t.Errorf("printed box: %s", s)
		}
	}
}

func TestParseKeys(t *testing.T) {
	a, _ := NewKey()
	b, _ := NewKey()
	keys, err := ParseKeys(a + ", " + b)
	if err != nil || len(keys) != 2 {
		t.Fatalf("%d keys, %v", len(keys), err)
	}
	for _, bad := range []string{"", a + ",", a + ",short", ","} {
		if _, err := ParseKeys(bad); err == nil {
			t.Errorf("ParseKeys(%q) accepted", bad)
		} else if strings.Contains(err.Error(), a) {
			t.Errorf("the error shows a key: %v", err)
		}
	}
}
