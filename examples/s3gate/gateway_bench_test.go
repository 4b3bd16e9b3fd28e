package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkServeHTTP measures one request through ServeHTTP in process,
// without a network: routing, building the condition keys, the decision,
// its log record (to a discarding handler) and the response.
func BenchmarkServeHTTP(b *testing.B) {
	tests := []struct {
		name   string
		method string
		target string
		header map[string]string
	}{
		{"get allowed", http.MethodGet, "/example-bucket/shared/readme.txt", map[string]string{principalHeader: alice}},
		{"get denied", http.MethodGet, "/example-bucket/private/keys.txt", map[string]string{principalHeader: alice}},
		{"get via access point", http.MethodGet, "/" + testAPAlias + "/reports/q1.csv", map[string]string{principalHeader: alice}},
		{"list prefix", http.MethodGet, "/example-bucket?list-type=2&prefix=shared/", map[string]string{principalHeader: alice}},
	}
	for _, tc := range tests {
		b.Run(tc.name, func(b *testing.B) {
			g, _ := newTestGateway(b)
			g.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
			r := httptest.NewRequest(tc.method, "https://127.0.0.1"+tc.target, nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				g.ServeHTTP(w, r)
			}
		})
	}
}
