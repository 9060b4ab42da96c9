package storage

import (
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

func fieldCodes(err error) string {
	e, _ := errs.As(err)
	if e == nil {
		return ""
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return strings.Join(out, ",")
}

const devKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

func TestCheck(t *testing.T) {
	s3 := func(bucket, region, endpoint string) Config {
		return Config{Provider: S3, Bucket: bucket, Region: region, Endpoint: endpoint,
			AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	}
	az := func(cs, container string) Config {
		return Config{Provider: Azure, ConnectionString: cs, Container: container}
	}
	prod := "DefaultEndpointsProtocol=https;AccountName=acmecorp;AccountKey=" + devKey + ";EndpointSuffix=core.windows.net"
	local := "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + devKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
	allow := func(c Config) Config { c.AllowHTTP = true; return c }
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"s3 seed example", s3("acme-corp-audit-logs", "us-east-1", ""), ""},
		{"s3 compatible", s3("logs.example", "", "https://s3.example.com"), ""},
		{"s3 compatible with region", s3("logs", "auto", "https://acct.r2.cloudflarestorage.com/"), ""},
		{"bucket too short", s3("ab", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket upper case", s3("Acme-Logs", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket underscore", s3("acme_logs", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket ends with hyphen", s3("acme-logs-", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket adjacent dots", s3("acme..logs", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket is an IP", s3("192.168.5.4", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket reserved prefix", s3("xn--acme", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket reserved suffix", s3("acme-s3alias", "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"bucket too long", s3(strings.Repeat("a", 64), "us-east-1", ""), "bucket:invalid_bucket_name"},
		{"no region on AWS", s3("acme-logs", "", ""), "region:required"},
		{"bad region", s3("acme-logs", "US East", ""), "region:invalid_region"},
		{"endpoint not a URL", s3("acme-logs", "", "s3.example.com"), "endpoint:invalid_endpoint"},
		{"endpoint ftp", s3("acme-logs", "", "ftp://s3.example.com"), "endpoint:invalid_endpoint"},
		{"endpoint with credentials", s3("acme-logs", "", "https://u:p@s3.example.com"), "endpoint:invalid_endpoint"},
		{"endpoint with a path", s3("acme-logs", "", "https://s3.example.com/bucket"), "endpoint:invalid_endpoint"},
		{"endpoint http", s3("acme-logs", "", "http://s3.example.com"), "endpoint:endpoint_not_https"},
		{"endpoint http loopback not allowed", s3("acme-logs", "", "http://127.0.0.1:9000"), "endpoint:endpoint_not_https"},
		{"endpoint http loopback allowed", allow(s3("acme-logs", "", "http://127.0.0.1:9000")), ""},
		{"endpoint http remote allowed nowhere", allow(s3("acme-logs", "", "http://10.0.0.8:9000")), "endpoint:endpoint_not_https"},
		{"no keys", Config{Provider: S3, Bucket: "acme-logs", Region: "us-east-1"},
			"aws_access_key_id:required,aws_secret_access_key:required"},
		{"keys with spaces", Config{Provider: S3, Bucket: "acme-logs", Region: "us-east-1", AccessKeyID: "a b c", SecretAccessKey: "short"},
			"aws_access_key_id:invalid_aws_access_key_id,aws_secret_access_key:invalid_aws_secret_access_key"},
		{"azure", az(prod, "acme-audit-logs"), ""},
		{"azure local not allowed", az(local, "acme-audit-logs"), "azure_connection_string:endpoint_not_https"},
		{"azure local allowed", allow(az(local, "acme-audit-logs")), ""},
		{"azure sas", az("AccountName=acmecorp;SharedAccessSignature=sv=2022-11-02&ss=b&sig=abc%2Bdef", "logs"), ""},
		{"azure http by protocol", allow(az(strings.Replace(prod, "https", "http", 1), "logs")), "azure_connection_string:endpoint_not_https"},
		{"azure no container", az(prod, ""), "container_name:invalid_container_name"},
		{"container double hyphen", az(prod, "acme--logs"), "container_name:invalid_container_name"},
		{"container upper case", az(prod, "AcmeLogs"), "container_name:invalid_container_name"},
		{"container leading hyphen", az(prod, "-acme"), "container_name:invalid_container_name"},
		{"container dot", az(prod, "acme.logs"), "container_name:invalid_container_name"},
		{"no connection string", az("", "logs"), "azure_connection_string:required"},
		{"garbage connection string", az("not a connection string", "logs"), "azure_connection_string:invalid_connection_string"},
		{"no account key", az("AccountName=acmecorp;EndpointSuffix=core.windows.net", "logs"), "azure_connection_string:invalid_connection_string"},
		{"bad account key", az("AccountName=acmecorp;AccountKey=***", "logs"), "azure_connection_string:invalid_connection_string"},
		{"development storage", az("UseDevelopmentStorage=true", "logs"), "azure_connection_string:invalid_connection_string"},
		{"unknown provider", Config{Provider: "GCS"}, "provider:invalid_provider"},
	} {
		err := c.cfg.Check()
		if got := fieldCodes(err); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if e, _ := errs.As(err); e != nil {
			for _, f := range e.Fields {
				if strings.Contains(f.Message, devKey) || strings.Contains(f.Message, "wJalr") {
					t.Errorf("%s: a message repeats a secret: %s", c.name, f.Message)
				}
			}
		}
	}
}
