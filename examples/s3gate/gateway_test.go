package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testBucket  = "example-bucket"
	testAPARN   = "arn:aws:s3:us-east-1:111122223333:accesspoint/reports"
	testAPAlias = "reports-m3k7q2x9v5b8n1c4z6w0p2r7t9y3hus1a-s3alias"

	alice    = "arn:aws:iam::111122223333:user/alice"
	auditor  = "arn:aws:iam::111122223333:user/auditor"
	uploader = "arn:aws:sts::111122223333:assumed-role/uploader/batch-7"
)

var testTime = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of the
// server's handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log records written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for line := range strings.Lines(b.buf.String()) {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "log line %q", line)
		out = append(out, rec)
	}
	return out
}

// testOptions are the flags of the gateway under test, with the files in
// testdata. The loopback address is a trusted proxy, so tests can send
// X-Forwarded-For and X-Forwarded-Proto.
func testOptions() *options {
	return &options{
		bucket:          testBucket,
		bucketAccount:   "111122223333",
		bucketPolicy:    "testdata/bucket-policy.json",
		apARN:           testAPARN,
		apAlias:         testAPAlias,
		apPolicy:        "testdata/access-point-policy.json",
		apNetworkOrigin: "Internet",
		identities:      "testdata/identities.json",
		trustedProxies:  "127.0.0.1/32",
	}
}

// newTestGateway builds the gateway from testOptions, logging JSON to the
// returned buffer, and stores some objects.
func newTestGateway(t testing.TB) (*Gateway, *syncBuffer) {
	t.Helper()
	cfg, err := testOptions().config()
	require.NoError(t, err)
	logs := &syncBuffer{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	cfg.Now = func() time.Time { return testTime }
	g, err := NewGateway(cfg)
	require.NoError(t, err)

	seed := map[string]map[string]string{
		"shared/readme.txt":       nil,
		"shared/plans/2025.txt":   nil,
		"shared/salaries.csv":     {"classification": "confidential"},
		"reports/q1.csv":          {"classification": "internal"},
		"site/index.html":         nil,
		"uploads/stale.bin":       {"project": "apollo"},
		"uploads/stale-proxy.bin": {"project": "apollo"},
		"private/keys.txt":        nil,
	}
	for key, tags := range seed {
		g.store.put(key, newObject([]byte("contents of "+key), "text/plain", tags, testTime))
	}
	return g, logs
}

// startServers serves g over HTTPS and over plain HTTP, each on a random
// port of 127.0.0.1, and returns their base URLs and a client that trusts
// the test certificate.
func startServers(t *testing.T, g http.Handler) (httpsURL, httpURL string, client *http.Client) {
	t.Helper()
	start := func(tls bool) *httptest.Server {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		srv := httptest.NewUnstartedServer(g)
		require.NoError(t, srv.Listener.Close())
		srv.Listener = ln
		if tls {
			srv.StartTLS()
		} else {
			srv.Start()
		}
		t.Cleanup(srv.Close)
		return srv
	}
	secure, plain := start(true), start(false)
	client = secure.Client()
	client.Timeout = 10 * time.Second
	return secure.URL, plain.URL, client
}

type httpCase struct {
	name     string
	plain    bool // send over HTTP rather than HTTPS
	method   string
	path     string // path and query
	header   map[string]string
	body     string
	want     int
	wantCode string // S3 error code of the XML body, for an error status
	wantBody string // a substring of a successful body
}

func (tc httpCase) do(t *testing.T, client *http.Client, httpsURL, httpURL string) *http.Response {
	t.Helper()
	base := httpsURL
	if tc.plain {
		base = httpURL
	}
	method := tc.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base+tc.path, strings.NewReader(tc.body))
	require.NoError(t, err)
	for k, v := range tc.header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	require.NoError(t, err)
	return resp
}

func as(principal string, more ...string) map[string]string {
	h := map[string]string{principalHeader: principal}
	for i := 0; i+1 < len(more); i += 2 {
		h[more[i]] = more[i+1]
	}
	return h
}

func TestGatewayRequests(t *testing.T) {
	g, _ := newTestGateway(t)
	httpsURL, httpURL, client := startServers(t, g)
	byARN := "/" + testAPARN

	tests := []httpCase{
		// Direct requests to the bucket.
		{name: "alice reads shared", path: "/example-bucket/shared/readme.txt", header: as(alice),
			want: 200, wantBody: "contents of shared/readme.txt"},
		{name: "alice over plain HTTP", plain: true, path: "/example-bucket/shared/readme.txt", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "alice behind TLS proxy", plain: true, path: "/example-bucket/shared/readme.txt",
			header: as(alice, "X-Forwarded-Proto", "https"), want: 200},
		{name: "alice reads private", path: "/example-bucket/private/keys.txt", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "alice heads shared", method: http.MethodHead, path: "/example-bucket/shared/readme.txt",
			header: as(alice), want: 200},
		{name: "alice heads private", method: http.MethodHead, path: "/example-bucket/private/keys.txt",
			header: as(alice), want: 403},
		{name: "missing key without list permission", path: "/example-bucket/shared/nothing.txt", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "missing key with list permission", path: "/example-bucket/shared/nothing.txt", header: as(auditor),
			want: 404, wantCode: "NoSuchKey"},
		{name: "untagged object for everyone", path: "/example-bucket/shared/readme.txt", header: as(auditor), want: 200},
		{name: "confidential object without clearance", path: "/example-bucket/shared/salaries.csv", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "confidential object with clearance", path: "/example-bucket/shared/salaries.csv", header: as(auditor),
			want: 200, wantBody: "contents of shared/salaries.csv"},
		{name: "alice reads reports directly", path: "/example-bucket/reports/q1.csv", header: as(alice),
			want: 403, wantCode: "AccessDenied"},

		// ListObjectsV2.
		{name: "list allowed prefix", path: "/example-bucket?list-type=2&prefix=shared/&delimiter=/", header: as(alice),
			want: 200, wantBody: "<Key>shared/readme.txt</Key>"},
		{name: "list rolls up common prefixes", path: "/example-bucket?list-type=2&prefix=shared/&delimiter=/",
			header: as(alice), want: 200, wantBody: "<CommonPrefixes><Prefix>shared/plans/</Prefix></CommonPrefixes>"},
		{name: "list denied prefix", path: "/example-bucket?list-type=2&prefix=private/", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "list without prefix", path: "/example-bucket?list-type=2", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "list prefix in header ignored", path: "/example-bucket?list-type=2",
			header: as(alice, "prefix", "shared/", "X-Amz-Prefix", "shared/"), want: 403, wantCode: "AccessDenied"},
		{name: "list bad max-keys", path: "/example-bucket?list-type=2&prefix=shared/&max-keys=ten", header: as(alice),
			want: 400, wantCode: "InvalidArgument"},
		{name: "list one key a page", path: "/example-bucket?list-type=2&prefix=shared/&max-keys=1", header: as(alice),
			want: 200, wantBody: "<IsTruncated>true</IsTruncated>"},
		{name: "head bucket with list permission", method: http.MethodHead, path: "/example-bucket",
			header: as(auditor), want: 200},

		// Through the access point, by ARN and by alias.
		{name: "access point ARN reads reports", path: byARN + "/reports/q1.csv", header: as(alice),
			want: 200, wantBody: "contents of reports/q1.csv"},
		{name: "access point alias reads reports", path: "/" + testAPAlias + "/reports/q1.csv", header: as(alice),
			want: 200, wantBody: "contents of reports/q1.csv"},
		{name: "access point outside its grant", path: "/" + testAPAlias + "/shared/readme.txt", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "access point over plain HTTP", plain: true, path: "/" + testAPAlias + "/reports/q1.csv",
			header: as(alice), want: 403, wantCode: "AccessDenied"},
		{name: "access point anonymous", path: "/" + testAPAlias + "/reports/q1.csv",
			want: 403, wantCode: "AccessDenied"},
		{name: "access point lists reports", path: "/" + testAPAlias + "?list-type=2&prefix=reports/", header: as(alice),
			want: 200, wantBody: "<Key>reports/q1.csv</Key>"},
		{name: "access point lists shared", path: byARN + "?list-type=2&prefix=shared/", header: as(alice),
			want: 403, wantCode: "AccessDenied"},
		{name: "access point write by uploader", method: http.MethodPut, path: "/" + testAPAlias + "/reports/q2.csv",
			header: as(uploader), body: "q2", want: 200},

		// Writes with request tags, and deletes by source address.
		{name: "put tagged upload", method: http.MethodPut, path: "/example-bucket/uploads/new.bin",
			header: as(uploader, "X-Amz-Tagging", "project=apollo&owner=data%20team"), body: "new", want: 200},
		{name: "put untagged upload", method: http.MethodPut, path: "/example-bucket/uploads/untagged.bin",
			header: as(uploader), body: "x", want: 403, wantCode: "AccessDenied"},
		{name: "put unknown project", method: http.MethodPut, path: "/example-bucket/uploads/other.bin",
			header: as(uploader, "X-Amz-Tagging", "project=mercury"), body: "x", want: 403, wantCode: "AccessDenied"},
		{name: "put repeated tag key", method: http.MethodPut, path: "/example-bucket/uploads/dup.bin",
			header: as(uploader, "X-Amz-Tagging", "project=apollo&project=gemini"), body: "x", want: 400, wantCode: "InvalidTag"},
		{name: "put outside uploads", method: http.MethodPut, path: "/example-bucket/shared/new.txt",
			header: as(uploader, "X-Amz-Tagging", "project=apollo"), body: "x", want: 403, wantCode: "AccessDenied"},
		{name: "delete from office address", method: http.MethodDelete, path: "/example-bucket/uploads/stale.bin",
			header: as(uploader), want: 204},
		{name: "delete from outside address", method: http.MethodDelete, path: "/example-bucket/uploads/stale-proxy.bin",
			header: as(uploader, "X-Forwarded-For", "198.51.100.7"), want: 403, wantCode: "AccessDenied"},
		{name: "delete by reader", method: http.MethodDelete, path: "/example-bucket/shared/readme.txt",
			header: as(alice), want: 403, wantCode: "AccessDenied"},

		// Anonymous requests and the Referer.
		{name: "site with our referer", path: "/example-bucket/site/index.html",
			header: map[string]string{"Referer": "https://www.example.com/home"}, want: 200},
		{name: "site without referer", path: "/example-bucket/site/index.html", want: 403, wantCode: "AccessDenied"},
		{name: "site with other referer", path: "/example-bucket/site/index.html",
			header: map[string]string{"Referer": "https://evil.example.net/"}, want: 403, wantCode: "AccessDenied"},

		// Requests the gateway does not serve.
		{name: "unknown bucket", path: "/other-bucket/a.txt", header: as(alice), want: 404, wantCode: "NoSuchBucket"},
		{name: "POST object", method: http.MethodPost, path: "/example-bucket/a.txt", header: as(alice),
			want: 405, wantCode: "MethodNotAllowed"},
		{name: "object tagging subresource", path: "/example-bucket/shared/readme.txt?tagging", header: as(alice),
			want: 501, wantCode: "NotImplemented"},
		{name: "ListObjects version 1", path: "/example-bucket?prefix=shared/", header: as(alice),
			want: 501, wantCode: "NotImplemented"},
		{name: "principal header not an ARN", path: "/example-bucket/shared/readme.txt", header: as("alice"),
			want: 400, wantCode: "InvalidArgument"},
		{name: "forwarded for garbage", path: "/example-bucket/shared/readme.txt",
			header: as(alice, "X-Forwarded-For", "not-an-address"), want: 400, wantCode: "InvalidArgument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := tc.do(t, client, httpsURL, httpURL)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)

			assert.Equal(t, tc.want, resp.StatusCode, "body: %s", body)
			requestID := resp.Header.Get("X-Amz-Request-Id")
			assert.Len(t, requestID, 16)
			if tc.method == http.MethodHead {
				assert.Empty(t, body)
				return
			}
			if tc.wantCode != "" {
				checkErrorBody(t, resp, body, tc.wantCode, strings.SplitN(tc.path, "?", 2)[0], requestID)
			}
			if tc.wantBody != "" {
				assert.Contains(t, string(body), tc.wantBody)
			}
		})
	}
}

// checkErrorBody checks an S3 XML error response.
func checkErrorBody(t *testing.T, resp *http.Response, body []byte, code, resource, requestID string) {
	t.Helper()
	assert.Equal(t, "application/xml", resp.Header.Get("Content-Type"))
	assert.True(t, bytes.HasPrefix(body, []byte(xml.Header)), "body lacks the XML declaration: %s", body)
	var got errorBody
	require.NoError(t, xml.Unmarshal(body, &got), "body: %s", body)
	assert.Equal(t, code, got.Code)
	assert.Equal(t, resource, got.Resource)
	assert.Equal(t, requestID, got.RequestID)
	if code == "AccessDenied" {
		assert.Equal(t, "Access Denied", got.Message)
	}
}

func TestGatewayAccessDeniedBody(t *testing.T) {
	g, _ := newTestGateway(t)
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/example-bucket/private/keys.txt", nil)
	req.Header.Set(principalHeader, alice)
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, req)

	id := rec.Header().Get("X-Amz-Request-Id")
	want := xml.Header + "<Error><Code>AccessDenied</Code><Message>Access Denied</Message>" +
		"<Resource>/example-bucket/private/keys.txt</Resource><RequestId>" + id + "</RequestId></Error>"
	assert.Equal(t, http.StatusForbidden, rec.Code)
	assert.Equal(t, want, rec.Body.String())
	assert.Equal(t, "application/xml", rec.Header().Get("Content-Type"))
}

func TestGatewayPutThenGet(t *testing.T) {
	g, _ := newTestGateway(t)
	httpsURL, httpURL, client := startServers(t, g)
	steps := []httpCase{
		{name: "put", method: http.MethodPut, path: "/example-bucket/uploads/plan.txt",
			header: as(uploader, "X-Amz-Tagging", "project=gemini&classification=confidential"), body: "launch", want: 200},
		{name: "reader without clearance", path: "/example-bucket/uploads/plan.txt", header: as(alice), want: 403},
		{name: "auditor reads the new object", path: "/example-bucket/uploads/plan.txt", header: as(auditor),
			want: 200, wantBody: "launch"},
		{name: "uploader deletes it", method: http.MethodDelete, path: "/example-bucket/uploads/plan.txt",
			header: as(uploader), want: 204},
		{name: "auditor finds it gone", path: "/example-bucket/uploads/plan.txt", header: as(auditor), want: 404},
	}
	for _, step := range steps {
		resp := step.do(t, client, httpsURL, httpURL)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		require.Equal(t, step.want, resp.StatusCode, "step %q: %s", step.name, body)
		if step.wantBody != "" {
			assert.Equal(t, step.wantBody, string(body), "step %q", step.name)
		}
	}
}

func TestGatewayListPages(t *testing.T) {
	g, _ := newTestGateway(t)
	httpsURL, httpURL, client := startServers(t, g)

	var keys []string
	token := ""
	for page := 0; page < 10; page++ {
		path := "/example-bucket?list-type=2&prefix=shared/&max-keys=1"
		if token != "" {
			path += "&continuation-token=" + token
		}
		resp := httpCase{path: path, header: as(auditor)}.do(t, client, httpsURL, httpURL)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		require.Equal(t, http.StatusOK, resp.StatusCode, "body: %s", body)

		var result listBucketResult
		require.NoError(t, xml.Unmarshal(body, &result))
		for _, c := range result.Contents {
			keys = append(keys, c.Key)
		}
		if !result.IsTruncated {
			break
		}
		token = result.NextContinuationToken
	}
	assert.Equal(t, []string{"shared/plans/2025.txt", "shared/readme.txt", "shared/salaries.csv"}, keys)
}

func TestGatewayLogsDecisions(t *testing.T) {
	g, logs := newTestGateway(t)
	httpsURL, httpURL, client := startServers(t, g)

	tests := []struct {
		name         string
		request      httpCase
		wantDecision string
		wantSid      []any
		wantReason   string
	}{
		{"explicit deny names the deny", httpCase{plain: true, path: "/example-bucket/shared/readme.txt", header: as(alice)},
			"ExplicitDeny", []any{"resource/DenyInsecureTransport"}, ""},
		{"allow names the grant", httpCase{path: "/example-bucket/shared/readme.txt", header: as(alice)},
			"Allow", []any{"resource/AliceReadsShared"}, ""},
		{"allow through access point names both", httpCase{path: "/" + testAPAlias + "/reports/q1.csv", header: as(alice)},
			"Allow", []any{"resource/DelegateToAccessPoints", "accessPoint/AliceReadsReports"}, ""},
		{"implicit deny gives the reason", httpCase{path: "/example-bucket/private/keys.txt", header: as(alice)},
			"ImplicitDeny", []any{}, "no-allow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := tc.request.do(t, client, httpsURL, httpURL)
			require.NoError(t, resp.Body.Close())
			id := resp.Header.Get("X-Amz-Request-Id")

			var rec map[string]any
			for _, r := range logs.records(t) {
				if r["request_id"] == id {
					rec = r
				}
			}
			require.NotNil(t, rec, "no log record for request %s", id)
			assert.Equal(t, "authorization", rec["msg"])
			assert.Equal(t, alice, rec["principal"])
			assert.Equal(t, "s3:GetObject", rec["action"])
			assert.Equal(t, tc.wantDecision, rec["decision"])
			assert.Equal(t, tc.wantSid, rec["sid"])
			if tc.wantReason == "" {
				assert.NotContains(t, rec, "reason")
			} else {
				assert.Equal(t, tc.wantReason, rec["reason"])
			}
		})
	}
}

func TestGatewayLogsRejections(t *testing.T) {
	g, logs := newTestGateway(t)
	tests := []struct {
		name      string
		target    string
		header    map[string]string
		wantCode  string
		wantError bool
	}{
		{"unknown bucket", "/other-bucket/a.txt", nil, "NoSuchBucket", false},
		{"bad principal header", "/example-bucket/a.txt", map[string]string{principalHeader: "bob"}, "InvalidArgument", true},
		{"bad max-keys", "/example-bucket?list-type=2&prefix=shared/&max-keys=-1", map[string]string{principalHeader: alice},
			"InvalidArgument", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "https://127.0.0.1"+tc.target, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			g.ServeHTTP(rec, r)
			id := rec.Header().Get("X-Amz-Request-Id")

			var got map[string]any
			for _, entry := range logs.records(t) {
				if entry["request_id"] == id && entry["msg"] == "request rejected" {
					got = entry
				}
			}
			require.NotNil(t, got, "no rejection record for request %s", id)
			assert.Equal(t, tc.wantCode, got["code"])
			assert.Equal(t, "WARN", got["level"])
			assert.Equal(t, r.URL.Path, got["path"])
			if tc.wantError {
				assert.Contains(t, got, "error")
			}
		})
	}
}
