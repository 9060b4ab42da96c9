// Package id makes opaque, prefixed, time-sortable identifiers such as
// "ten_01jc9v4m8d3x6p2q7r5s0t1w2y": a type prefix, then 26 characters of
// Crockford base32 holding a 48-bit millisecond timestamp and 80 random bits.
package id

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
	"time"
)

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// Prefixes used for each kind of identifier.
const (
	Tenant       = "ten"
	User         = "usr"
	Membership   = "mem"
	Subscription = "sub"
	Registration = "reg"
	Audit        = "evt"
	Session      = "ses"
	Family       = "fam"
	Key          = "kid"
	Change       = "chg"
	Mail         = "msg"
	Token        = "jti"
	OTP          = "otp"
	Reset        = "prs"
	Stamp        = "pcs"
	Challenge    = "mfa"
	APIKey       = "key"  // an API key record (Key is a signing key)
	PlatformKey  = "pkey" // a platform key (seed surfaces: pers business key, supertokens api-key)
	Outlet       = "out"
	Invite       = "inv"
	Job          = "job"  // a durable background job
	Plan         = "plan" // a plan of the catalog
	Payment      = "pay"  // an invoice or payment of a tenant
	Credential   = "crd"  // a tenant's sealed gateway credential
	File         = "fil"  // a file a tenant stored (its logo)
	Customer     = "cst"  // a customer of a tenant (not "cus": Stripe's customer ids use it)
	Service      = "svc"  // a service a tenant offers (booking)
	StaffMember  = "stf"  // a staff member's profile (booking)
	Appointment  = "apt"  // a customer's appointment (booking)
	Export       = "exp"  // an export taken of a tenant's data
	LoginToken   = "ltk"  // a login token a tenant's key holder minted (pers seed)
)

// New returns a fresh identifier with the given prefix.
func New(prefix string) string {
	return NewAt(prefix, time.Now())
}

// NewAt returns a fresh identifier whose time part is t.
func NewAt(prefix string, t time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixMilli())<<16)
	if _, err := rand.Read(b[6:]); err != nil {
		panic("id: crypto/rand failed: " + err.Error()) // rand.Read never fails on supported platforms
	}
	out := make([]byte, 0, len(prefix)+1+26)
	out = append(out, prefix...)
	out = append(out, '_')
	return string(append(out, encode(b)...))
}

// encode writes 128 bits as 26 base32 characters, most significant first.
func encode(b [16]byte) []byte {
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	out := make([]byte, 26)
	for i := 25; i >= 0; i-- {
		out[i] = alphabet[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return out
}

// Time returns the moment encoded in an identifier made by New or NewAt.
func Time(v string) (time.Time, bool) {
	_, body, ok := strings.Cut(v, "_")
	if !ok || len(body) != 26 {
		return time.Time{}, false
	}
	var ms uint64
	for i := 0; i < 10; i++ { // the first 50 bits: 2 zero bits, then 48 bits of milliseconds
		d := strings.IndexByte(alphabet, body[i])
		if d < 0 {
			return time.Time{}, false
		}
		ms = ms<<5 | uint64(d)
	}
	return time.UnixMilli(int64(ms)), true
}
