package storage

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
)

// connectionString is what a storage account's connection string says.
type connectionString struct {
	account      string
	accountKey   string // "" with a shared access signature
	sas          string // the signature's query string, without "?"
	sasSig       string // its sig parameter
	blobEndpoint string // the blob service URL
}

var accountChars = regexp.MustCompile(`^[a-z0-9]{3,24}$`)

// parseConnectionString reads an Azure Storage connection string
// (Key=Value pairs separated by ";", keys in any case). It answers a
// message (never quoting a value) when the string is unusable: no
// account, neither an account key nor a shared access signature, or
// UseDevelopmentStorage (a connection string names its endpoint instead).
// The blob endpoint is BlobEndpoint, else
// <protocol>://<account>.blob.<suffix> from DefaultEndpointsProtocol
// (default https) and EndpointSuffix (default core.windows.net).
func parseConnectionString(s string) (connectionString, string) {
	kv := map[string]string{}
	for part := range strings.SplitSeq(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			return connectionString{}, "A connection string is Key=Value pairs separated by semicolons."
		}
		kv[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	if kv["usedevelopmentstorage"] != "" {
		return connectionString{}, "Name the storage account and its BlobEndpoint instead of UseDevelopmentStorage."
	}
	cs := connectionString{account: kv["accountname"], accountKey: kv["accountkey"], sas: strings.TrimPrefix(kv["sharedaccesssignature"], "?")}
	if !accountChars.MatchString(cs.account) {
		return connectionString{}, "The connection string needs AccountName, 3 to 24 lowercase letters and digits."
	}
	switch {
	case cs.accountKey != "":
		if k, err := base64.StdEncoding.DecodeString(cs.accountKey); err != nil || len(k) < 16 {
			return connectionString{}, "The connection string's AccountKey is not a base64 account key."
		}
	case cs.sas != "":
		q, err := url.ParseQuery(cs.sas)
		if err != nil || q.Get("sig") == "" {
			return connectionString{}, "The connection string's SharedAccessSignature has no sig."
		}
		cs.sasSig = q.Get("sig")
	default:
		return connectionString{}, "The connection string needs an AccountKey or a SharedAccessSignature."
	}
	cs.blobEndpoint = strings.TrimRight(kv["blobendpoint"], "/")
	if cs.blobEndpoint == "" {
		proto, suffix := kv["defaultendpointsprotocol"], kv["endpointsuffix"]
		if proto == "" {
			proto = "https"
		}
		if suffix == "" {
			suffix = "core.windows.net"
		}
		cs.blobEndpoint = strings.ToLower(proto) + "://" + cs.account + ".blob." + suffix
	}
	return cs, ""
}
