// Command s3gate is a small S3-compatible HTTP server that keeps one
// bucket in memory and authorizes every request with the iameval
// evaluator, the way an S3-compatible gateway would.
//
// WARNING: s3gate does not authenticate anyone. It takes the caller's
// identity from the X-Demo-Principal header (an IAM user, role or role
// session ARN; absent means anonymous) and believes it, so anyone who can
// reach the server can act as any principal. A real deployment verifies
// the AWS Signature Version 4 of every request and takes the principal
// from the verified credentials. s3gate listens on 127.0.0.1 by default
// and logs this warning when it starts.
//
// Usage:
//
//	go run ./examples/s3gate -bucket NAME -bucket-account ACCOUNT [flags]
//
// It serves path-style requests: GetObject, HeadObject, PutObject and
// DeleteObject on /BUCKET/KEY, and ListObjectsV2 (GET /BUCKET?list-type=2)
// and HeadBucket on /BUCKET. BUCKET is the bucket name, or the access
// point's ARN or alias, which sends the request through the access point
// with its policy and its own ARN forms. Other operations get 501
// NotImplemented. A denied request gets 403 with an S3 XML error body.
//
// Each request's condition keys come from the request itself:
// aws:SecureTransport, aws:SourceIp (the connection's peer, or the
// X-Forwarded-For client when the peer is in -trusted-proxies),
// aws:CurrentTime, aws:EpochTime, aws:UserAgent, aws:Referer, the
// ListObjectsV2 query parameters as s3:prefix, s3:delimiter and
// s3:max-keys, the stored object's tags as s3:ExistingObjectTag/KEY for
// reads, the x-amz-tagging header as s3:RequestObjectTag/KEY and
// s3:RequestObjectTagKeys for writes, and the caller's tags from
// -identities as aws:PrincipalTag/KEY.
//
// Every decision is logged with log/slog: request ID, principal, action,
// resource, decision and the Sids of the statements that decided. s3gate
// exits with status 1 when a policy or the identities file does not
// parse, naming the file and the JSON path, and with status 2 on a flag
// error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

// run starts the gateway with the flags in args, serves until ctx is
// done, and returns the exit status. Logs go to stderr.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "s3gate:", err)
		}
		return exitUsage
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	cfg, err := opts.config()
	if err != nil {
		fmt.Fprintln(stderr, "s3gate:", err)
		return exitFailed
	}
	cfg.Logger = logger
	g, err := NewGateway(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "s3gate:", err)
		return exitFailed
	}

	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		fmt.Fprintln(stderr, "s3gate:", err)
		return exitFailed
	}
	logger.Warn("callers are identified by the " + principalHeader + " header WITHOUT ANY VERIFICATION: " +
		"anyone who can reach this server can act as any principal; a real deployment verifies " +
		"AWS Signature Version 4 instead")
	logger.Info("listening", "addr", ln.Addr().String(), "tls", opts.tlsCert != "", "bucket", opts.bucket)
	return serve(ctx, g, ln, opts, logger)
}

// serve runs the HTTP server on ln until ctx is done, then shuts it down,
// letting requests in progress finish for up to 5 seconds.
func serve(ctx context.Context, g *Gateway, ln net.Listener, opts *options, logger *slog.Logger) int {
	srv := &http.Server{
		Handler:           g,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	failed := make(chan error, 1)
	go func() {
		if opts.tlsCert != "" {
			failed <- srv.ServeTLS(ln, opts.tlsCert, opts.tlsKey)
			return
		}
		failed <- srv.Serve(ln)
	}()

	select {
	case err := <-failed:
		logger.Error("server failed", "error", err)
		return exitFailed
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		logger.Error("shutdown failed", "error", err)
		return exitFailed
	}
	logger.Info("stopped")
	return exitOK
}
