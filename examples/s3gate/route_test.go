package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestRoute(t *testing.T) {
	g, _ := newTestGateway(t)
	apObject := func(key string) string { return testAPARN + "/object/" + key }
	tests := []struct {
		name   string
		method string
		target string
		header map[string]string
		want   *operation
	}{
		{"get object", "GET", "/example-bucket/a/b.txt", nil, &operation{
			name: opGetObject, action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/a/b.txt",
			container: "arn:aws:s3:::example-bucket", key: "a/b.txt", path: "/example-bucket/a/b.txt"}},
		{"head object is GetObject", "HEAD", "/example-bucket/a.txt", nil, &operation{
			name: opHeadObject, action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/a.txt",
			container: "arn:aws:s3:::example-bucket", key: "a.txt", path: "/example-bucket/a.txt"}},
		{"put object", "PUT", "/example-bucket/a.txt", nil, &operation{
			name: opPutObject, action: "s3:PutObject", resource: "arn:aws:s3:::example-bucket/a.txt",
			container: "arn:aws:s3:::example-bucket", key: "a.txt", path: "/example-bucket/a.txt"}},
		{"delete object", "DELETE", "/example-bucket/a.txt", nil, &operation{
			name: opDeleteObject, action: "s3:DeleteObject", resource: "arn:aws:s3:::example-bucket/a.txt",
			container: "arn:aws:s3:::example-bucket", key: "a.txt", path: "/example-bucket/a.txt"}},
		{"list objects v2", "GET", "/example-bucket?list-type=2&prefix=a/", nil, &operation{
			name: opListObjectsV2, action: "s3:ListBucket", resource: "arn:aws:s3:::example-bucket",
			container: "arn:aws:s3:::example-bucket", path: "/example-bucket"}},
		{"list with trailing slash", "GET", "/example-bucket/?list-type=2", nil, &operation{
			name: opListObjectsV2, action: "s3:ListBucket", resource: "arn:aws:s3:::example-bucket",
			container: "arn:aws:s3:::example-bucket", path: "/example-bucket/"}},
		{"head bucket", "HEAD", "/example-bucket", nil, &operation{
			name: opHeadBucket, action: "s3:ListBucket", resource: "arn:aws:s3:::example-bucket",
			container: "arn:aws:s3:::example-bucket", path: "/example-bucket"}},
		{"key with spaces decoded", "GET", "/example-bucket/my%20file.txt", nil, &operation{
			name: opGetObject, action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/my file.txt",
			container: "arn:aws:s3:::example-bucket", key: "my file.txt", path: "/example-bucket/my file.txt"}},
		{"object by access point alias", "GET", "/" + testAPAlias + "/reports/q1.csv", nil, &operation{
			name: opGetObject, action: "s3:GetObject", resource: apObject("reports/q1.csv"),
			container: testAPARN, key: "reports/q1.csv", accessPoint: true, path: "/" + testAPAlias + "/reports/q1.csv"}},
		{"object by access point ARN", "PUT", "/" + testAPARN + "/reports/q1.csv", nil, &operation{
			name: opPutObject, action: "s3:PutObject", resource: apObject("reports/q1.csv"),
			container: testAPARN, key: "reports/q1.csv", accessPoint: true, path: "/" + testAPARN + "/reports/q1.csv"}},
		{"list by access point ARN", "GET", "/" + testAPARN + "?list-type=2", nil, &operation{
			name: opListObjectsV2, action: "s3:ListBucket", resource: testAPARN,
			container: testAPARN, accessPoint: true, path: "/" + testAPARN}},
		{"list by access point alias", "GET", "/" + testAPAlias + "?list-type=2", nil, &operation{
			name: opListObjectsV2, action: "s3:ListBucket", resource: testAPARN,
			container: testAPARN, accessPoint: true, path: "/" + testAPAlias}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://127.0.0.1"+tc.target, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			got, err := g.route(r)
			require.Nil(t, err)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(operation{})); diff != "" {
				t.Errorf("route(%s %s) mismatch (-want +got):\n%s", tc.method, tc.target, diff)
			}
		})
	}
}

func TestRouteErrors(t *testing.T) {
	g, _ := newTestGateway(t)
	tests := []struct {
		name   string
		method string
		target string
		header map[string]string
		want   *s3Error
	}{
		{"root", "GET", "/", nil, errNoSuchBucket},
		{"other bucket", "GET", "/other/a.txt", nil, errNoSuchBucket},
		{"empty bucket part", "GET", "//a.txt", nil, errNoSuchBucket},
		{"other access point", "GET", "/arn:aws:s3:us-east-1:111122223333:accesspoint/other/a.txt", nil, errNoSuchBucket},
		{"access point ARN prefix only", "GET", "/" + testAPARN + "x/a.txt", nil, errNoSuchBucket},
		{"list objects version 1", "GET", "/example-bucket", nil, errNotImplemented},
		{"create bucket", "PUT", "/example-bucket", nil, errNotImplemented},
		{"post bucket", "POST", "/example-bucket", nil, errMethodNotAllowed},
		{"post object", "POST", "/example-bucket/a.txt", nil, errMethodNotAllowed},
		{"object ACL", "GET", "/example-bucket/a.txt?acl", nil, errNotImplemented},
		{"multipart upload", "POST", "/example-bucket/a.txt?uploads", nil, errNotImplemented},
		{"object version", "GET", "/example-bucket/a.txt?versionId=3", nil, errNotImplemented},
		{"copy object", "PUT", "/example-bucket/a.txt", map[string]string{"X-Amz-Copy-Source": "/example-bucket/b.txt"},
			errNotImplemented},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "http://127.0.0.1"+tc.target, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			op, err := g.route(r)
			require.Nil(t, op)
			require.Equal(t, tc.want, err)
		})
	}
}

func TestRouteWithoutAccessPoint(t *testing.T) {
	opts := testOptions()
	opts.apARN, opts.apAlias, opts.apPolicy = "", "", ""
	cfg, err := opts.config()
	require.NoError(t, err)
	g, err := NewGateway(cfg)
	require.NoError(t, err)

	for _, target := range []string{"/" + testAPAlias + "/a.txt", "/" + testAPARN + "/a.txt"} {
		op, s3err := g.route(httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+target, nil))
		require.Nil(t, op, target)
		require.Equal(t, errNoSuchBucket, s3err, target)
	}
}
