package main

import (
	"crypto/tls"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contextKeys lists every key the gateway may set, so a test can read a
// whole context back.
var contextKeys = []string{
	"aws:SecureTransport", "aws:SourceIp", "aws:SourceVpc", "aws:CurrentTime", "aws:EpochTime",
	"aws:UserAgent", "aws:Referer", "aws:PrincipalTag/team", "aws:PrincipalTag/clearance",
	"s3:prefix", "s3:delimiter", "s3:max-keys",
	"s3:ExistingObjectTag/classification", "s3:ExistingObjectTag/project",
	"s3:RequestObjectTag/project", "s3:RequestObjectTag/owner", "s3:RequestObjectTagKeys",
}

func TestRequestContext(t *testing.T) {
	g, _ := newTestGateway(t)
	g.vpcID, g.vpcNetworks = "vpc-0a1b2c3d", []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16")}
	tagged := newObject([]byte("x"), "text/plain", map[string]string{"classification": "internal"}, testTime)
	base := map[string][]string{
		"aws:CurrentTime": {"2025-03-14T15:09:26Z"},
		"aws:EpochTime":   {"1741964966"},
	}
	with := func(more map[string][]string) map[string][]string {
		out := map[string][]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}

	tests := []struct {
		name     string
		method   string
		target   string
		remote   string
		tls      bool
		header   map[string]string
		caller   string
		existing *object
		reqTags  map[string]string
		want     map[string][]string
	}{
		{name: "plain get", method: "GET", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			want: with(map[string][]string{"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}})},
		{name: "tls with agent and referer", method: "GET", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			tls: true, header: map[string]string{"User-Agent": "aws-cli/2.15", "Referer": "https://www.example.com/"},
			want: with(map[string][]string{
				"aws:SecureTransport": {"true"}, "aws:SourceIp": {"203.0.113.9"},
				"aws:UserAgent": {"aws-cli/2.15"}, "aws:Referer": {"https://www.example.com/"},
			})},
		{name: "ipv6 client", method: "GET", target: "/example-bucket/a.txt", remote: "[2001:db8::7]:5000",
			want: with(map[string][]string{"aws:SecureTransport": {"false"}, "aws:SourceIp": {"2001:db8::7"}})},
		{name: "ipv4 mapped client", method: "GET", target: "/example-bucket/a.txt", remote: "[::ffff:203.0.113.9]:5000",
			want: with(map[string][]string{"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}})},
		{name: "forwarded for ignored from untrusted peer", method: "GET", target: "/example-bucket/a.txt",
			remote: "203.0.113.9:5000", header: map[string]string{"X-Forwarded-For": "198.51.100.1", "X-Forwarded-Proto": "https"},
			want: with(map[string][]string{"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}})},
		{name: "forwarded for from trusted proxy", method: "GET", target: "/example-bucket/a.txt",
			remote: "127.0.0.1:5000", header: map[string]string{"X-Forwarded-For": "198.51.100.1, 127.0.0.1", "X-Forwarded-Proto": "HTTPS"},
			want: with(map[string][]string{"aws:SecureTransport": {"true"}, "aws:SourceIp": {"198.51.100.1"}})},
		{name: "client in the VPC", method: "GET", target: "/example-bucket/a.txt", remote: "10.20.3.4:5000",
			want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"10.20.3.4"}, "aws:SourceVpc": {"vpc-0a1b2c3d"},
			})},
		{name: "principal tags", method: "GET", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000", caller: auditor,
			want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"},
				"aws:PrincipalTag/clearance": {"confidential"},
			})},
		{name: "role session gets role tags", method: "GET", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			caller: uploader, want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}, "aws:PrincipalTag/team": {"ingest"},
			})},
		{name: "list parameters from query", method: "GET", remote: "203.0.113.9:5000",
			target: "/example-bucket?list-type=2&prefix=logs/&delimiter=/&max-keys=50",
			header: map[string]string{"X-Amz-Prefix": "secret/"},
			want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"},
				"s3:prefix": {"logs/"}, "s3:delimiter": {"/"}, "s3:max-keys": {"50"},
			})},
		{name: "empty prefix is present", method: "GET", remote: "203.0.113.9:5000",
			target: "/example-bucket?list-type=2&prefix=",
			want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}, "s3:prefix": {""},
			})},
		{name: "existing tags on get", method: "GET", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			existing: tagged, want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"},
				"s3:ExistingObjectTag/classification": {"internal"},
			})},
		{name: "no existing tags on delete", method: "DELETE", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			existing: tagged, want: with(map[string][]string{"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"}})},
		{name: "request tags on put", method: "PUT", target: "/example-bucket/a.txt", remote: "203.0.113.9:5000",
			existing: tagged, reqTags: map[string]string{"project": "apollo", "owner": "data team"},
			want: with(map[string][]string{
				"aws:SecureTransport": {"false"}, "aws:SourceIp": {"203.0.113.9"},
				"s3:RequestObjectTag/project": {"apollo"}, "s3:RequestObjectTag/owner": {"data team"},
				"s3:RequestObjectTagKeys": {"owner", "project"},
			})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://127.0.0.1"+tc.target, nil)
			r.RemoteAddr = tc.remote
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			op, s3err := g.route(r)
			require.Nil(t, s3err)
			c, err := g.resolveCaller(tc.caller)
			require.NoError(t, err)
			source, err := g.sourceIP(r)
			require.NoError(t, err)

			ctx := g.requestContext(r, op, c, tc.existing, tc.reqTags, source)
			got := map[string][]string{}
			for _, key := range contextKeys {
				if values, ok := ctx.Get(key); ok {
					got[key] = values
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("context mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseTagging(t *testing.T) {
	tests := []struct {
		name    string
		header  string
		want    map[string]string
		wantErr string
	}{
		{name: "absent", header: ""},
		{name: "two tags", header: "project=apollo&owner=data%20team", want: map[string]string{"project": "apollo", "owner": "data team"}},
		{name: "empty value", header: "draft=", want: map[string]string{"draft": ""}},
		{name: "repeated key", header: "a=1&a=2", wantErr: `repeats the tag key "a"`},
		{name: "empty key", header: "=1", wantErr: `key "" is not 1 to 128 characters`},
		{name: "bad escape", header: "a=%zz", wantErr: "not URL-encoded"},
		{name: "eleven tags", header: "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1&k=1", wantErr: "11 tags, more than 10"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseTagging(tc.header)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSourceIPErrors(t *testing.T) {
	g, _ := newTestGateway(t)
	tests := []struct {
		name   string
		remote string
		header string
	}{
		{"remote without port", "203.0.113.9", ""},
		{"remote not an address", "gateway:80", ""},
		{"forwarded garbage from proxy", "127.0.0.1:5000", "198.51.100.1, bogus"},
		{"forwarded empty hop from proxy", "127.0.0.1:5000", "198.51.100.1,,127.0.0.1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://127.0.0.1/example-bucket/a.txt", nil)
			r.RemoteAddr = tc.remote
			if tc.header != "" {
				r.Header.Set("X-Forwarded-For", tc.header)
			}
			_, err := g.sourceIP(r)
			assert.Error(t, err)
		})
	}
}
