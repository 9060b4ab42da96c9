package storage

import (
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

// The fields of a configuration, as the API spells them.
const (
	FieldProvider         = "provider"
	FieldBucket           = "bucket"
	FieldRegion           = "region"
	FieldEndpoint         = "endpoint"
	FieldAccessKeyID      = "aws_access_key_id"
	FieldSecretAccessKey  = "aws_secret_access_key"
	FieldConnectionString = "azure_connection_string"
	FieldContainer        = "container_name"
)

var (
	bucketChars    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	containerChars = regexp.MustCompile(`^[a-z0-9](-?[a-z0-9])*$`)
	regionChars    = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)
	keyChars       = regexp.MustCompile(`^[!-~]+$`) // printable ASCII, no spaces
)

// Check reports what is wrong with c as one errs Invalid error listing
// every bad field (messages never repeat a value), or nil.
func (c Config) Check() error {
	var col errs.Collector
	switch c.Provider {
	case S3:
		col.Check(!ValidBucket(c.Bucket), FieldBucket, "invalid_bucket_name",
			"A bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starts and ends with a letter or digit, "+
				"has no two adjacent dots, is not an IP address, and has none of the prefixes and suffixes S3 reserves.")
		col.Check(c.Region == "" && c.Endpoint == "", FieldRegion, "required", "Amazon S3 needs the bucket's region, e.g. us-east-1.")
		col.Check(c.Region != "" && !regionChars.MatchString(c.Region), FieldRegion, "invalid_region",
			"A region is up to 63 lowercase letters, digits and hyphens, e.g. us-east-1.")
		if c.Endpoint != "" {
			if code, msg := checkEndpoint(c.Endpoint, false, c.AllowHTTP); code != "" {
				col.Add(FieldEndpoint, code, msg)
			}
		}
		checkKey(&col, FieldAccessKeyID, c.AccessKeyID, 3, 256, "An access key id")
		checkKey(&col, FieldSecretAccessKey, c.SecretAccessKey, 8, 512, "A secret access key")
	case Azure:
		col.Check(!ValidContainer(c.Container), FieldContainer, "invalid_container_name",
			"A container name is 3 to 63 lowercase letters, digits and hyphens, starts with a letter or digit, "+
				"and every hyphen sits between two letters or digits.")
		if c.ConnectionString == "" {
			col.Add(FieldConnectionString, "required", "Azure needs the storage account's connection string.")
		} else if cs, err := parseConnectionString(c.ConnectionString); err != "" {
			col.Add(FieldConnectionString, "invalid_connection_string", err)
		} else if code, msg := checkEndpoint(cs.blobEndpoint, true, c.AllowHTTP); code != "" {
			col.Add(FieldConnectionString, code, "The connection string's blob endpoint: "+msg)
		}
	default:
		col.Add(FieldProvider, "invalid_provider", "The provider is S3 or AZURE.")
	}
	return col.Err()
}

func checkKey(col *errs.Collector, field, v string, lo, hi int, what string) {
	switch {
	case v == "":
		col.Add(field, "required", what+" is required.")
	case len(v) < lo || len(v) > hi || !keyChars.MatchString(v):
		col.Add(field, "invalid_"+field, what+" is printable characters without spaces.")
	}
}

// ValidBucket reports whether name follows S3's rules for general purpose
// bucket names.
func ValidBucket(name string) bool {
	if !bucketChars.MatchString(name) || strings.Contains(name, "..") || net.ParseIP(name) != nil {
		return false
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return false
		}
	}
	return true
}

// ValidContainer reports whether name follows Azure Blob Storage's rules
// for container names.
func ValidContainer(name string) bool {
	return len(name) >= 3 && len(name) <= 63 && containerChars.MatchString(name)
}

// checkEndpoint returns a code and a message when raw is not an endpoint a
// tenant may name: an https URL of a host (a path only when withPath), or
// plain http on a loopback address when allowHTTP.
func checkEndpoint(raw string, withPath, allowHTTP bool) (code, msg string) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
		u.Scheme != "https" && u.Scheme != "http" {
		return "invalid_endpoint", "An endpoint is an https:// URL of a host, without credentials, query or fragment."
	}
	if !withPath && strings.Trim(u.Path, "/") != "" {
		return "invalid_endpoint", "An S3 endpoint is the URL of a host, without a path."
	}
	if u.Scheme == "http" && !(allowHTTP && loopback(u.Hostname())) {
		return "endpoint_not_https", "An endpoint must use https."
	}
	return "", ""
}

func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}
