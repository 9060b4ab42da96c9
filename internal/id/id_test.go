package id

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestNewIsPrefixedSortableAndUnique(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids []string
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		v := NewAt(Tenant, base.Add(time.Duration(i)*time.Millisecond))
		if !strings.HasPrefix(v, "ten_") || len(v) != 4+26 || seen[v] {
			t.Fatalf("id %q (dup=%v)", v, seen[v])
		}
		seen[v] = true
		ids = append(ids, v)
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatal("ids are not sorted by time")
	}
}

func TestTime(t *testing.T) {
	at := time.Date(2026, 11, 29, 12, 0, 0, 123e6, time.UTC)
	got, ok := Time(NewAt(Token, at))
	if !ok || !got.Equal(at) {
		t.Fatalf("Time = %v %v, want %v", got, ok, at)
	}
	for _, bad := range []string{"", "jti_short", "nounderscore", "jti_!!!!!!!!!!!!!!!!!!!!!!!!!!"} {
		if _, ok := Time(bad); ok {
			t.Errorf("Time(%q) ok", bad)
		}
	}
}
