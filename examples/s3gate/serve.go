package main

import (
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// maxObjectBytes bounds the body of a PutObject request, because the
// gateway keeps every object in memory.
const maxObjectBytes = 16 << 20

// ListObjectsV2 returns at most 1,000 keys a page, and that many by
// default.
const maxListKeys = 1000

// ServeHTTP maps the request to an S3 operation, builds its condition
// keys and evaluates it. A denied request gets 403 AccessDenied, and an
// allowed one is performed on the in-memory bucket.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("X-Amz-Request-Id", requestID)

	op, s3err := g.route(r)
	if s3err != nil {
		g.reject(w, r, requestID, s3err, nil)
		return
	}
	c, err := g.resolveCaller(r.Header.Get(principalHeader))
	if err != nil {
		g.reject(w, r, requestID, invalidArgument("The "+principalHeader+" header is not a principal: "+err.Error()), err)
		return
	}
	source, err := g.sourceIP(r)
	if err != nil {
		g.reject(w, r, requestID, invalidArgument(err.Error()), err)
		return
	}

	// Read the stored object once, so that the decision is made on the
	// tags of the object that is served.
	var existing *object
	if op.key != "" {
		existing, _ = g.store.get(op.key)
	}
	var requestTags map[string]string
	if op.name == opPutObject {
		requestTags, err = parseTagging(r.Header.Get("X-Amz-Tagging"))
		if err != nil {
			g.reject(w, r, requestID, &s3Error{http.StatusBadRequest, "InvalidTag", err.Error()}, err)
			return
		}
	}

	keys := g.requestContext(r, op, c, existing, requestTags, source)
	if !g.authorize(r, requestID, c, op, op.action, op.resource, keys) {
		writeError(w, r, errAccessDenied, requestID)
		return
	}
	g.perform(w, r, requestID, op, c, keys, existing, requestTags)
}

// reject logs a request that fails before or after authorization for a
// reason other than a denial, and sends the S3 error e. cause is the
// error behind e, if any.
func (g *Gateway) reject(w http.ResponseWriter, r *http.Request, requestID string, e *s3Error, cause error) {
	attrs := []slog.Attr{
		slog.String("request_id", requestID),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", e.status),
		slog.String("code", e.code),
	}
	if cause != nil {
		attrs = append(attrs, slog.String("error", cause.Error()))
	}
	g.logger.LogAttrs(r.Context(), slog.LevelWarn, "request rejected", attrs...)
	writeError(w, r, e, requestID)
}

// perform carries out an authorized operation.
func (g *Gateway) perform(w http.ResponseWriter, r *http.Request, requestID string, op *operation, c *caller,
	keys *condition.Context, existing *object, requestTags map[string]string,
) {
	switch op.name {
	case opGetObject, opHeadObject:
		if existing == nil {
			g.missingObject(w, r, requestID, op, c, keys)
			return
		}
		writeObject(w, r, existing)
	case opPutObject:
		g.putObject(w, r, requestID, op.key, requestTags)
	case opDeleteObject:
		g.store.delete(op.key)
		w.WriteHeader(http.StatusNoContent)
	case opListObjectsV2:
		g.listObjects(w, r, requestID)
	case opHeadBucket:
		w.WriteHeader(http.StatusOK)
	}
}

// authorize evaluates the request, logs the decision and reports whether
// it is Allow. A request on the bucket itself is owned by the bucket's
// account. Through the access point, the evaluator takes the owners from
// the access point settings.
func (g *Gateway) authorize(r *http.Request, requestID string, c *caller, op *operation, action, resource string,
	keys *condition.Context,
) bool {
	req := &evaluator.Request{Principal: c.principal, Action: action, Resource: resource, Context: keys}
	if !op.accessPoint {
		req.ResourceAccount = g.bucketAccount
	}
	res := c.evaluator.Evaluate(req)

	attrs := []slog.Attr{
		slog.String("request_id", requestID),
		slog.String("principal", c.principal.String()),
		slog.String("action", action),
		slog.String("resource", resource),
		slog.String("decision", res.Decision.String()),
		slog.Any("sid", decidingStatements(&res)),
	}
	if res.Reason != evaluator.ReasonNone {
		attrs = append(attrs, slog.String("reason", res.Reason.String()))
	}
	if res.Err != nil {
		attrs = append(attrs, slog.String("error", res.Err.Error()))
	}
	g.logger.LogAttrs(r.Context(), slog.LevelInfo, "authorization", attrs...)
	return res.Allowed()
}

// decidingStatements names the statements that decided: the Deny
// statements of an explicit deny, every statement of an Allow, none for an
// implicit deny, as POLICY/SID or POLICY/Statement[N] for a statement
// without a Sid.
func decidingStatements(res *evaluator.Result) []string {
	out := []string{}
	if res.Decision == evaluator.ImplicitDeny {
		return out
	}
	for _, m := range res.Matched() {
		if res.Decision == evaluator.ExplicitDeny && m.Effect != policy.Deny {
			continue
		}
		name := m.Sid
		if name == "" {
			name = "Statement[" + strconv.Itoa(m.Statement) + "]"
		}
		out = append(out, m.Policy.String()+"/"+name)
	}
	return out
}

// missingObject responds to a GetObject or HeadObject request for a key
// that does not exist. As S3 does, it returns 404 NoSuchKey only to a caller
// allowed to list the bucket, and 403 AccessDenied to others, so that the
// status does not reveal which keys exist.
func (g *Gateway) missingObject(w http.ResponseWriter, r *http.Request, requestID string, op *operation,
	c *caller, keys *condition.Context,
) {
	if g.authorize(r, requestID, c, op, "s3:ListBucket", op.container, keys) {
		writeError(w, r, errNoSuchKey, requestID)
		return
	}
	writeError(w, r, errAccessDenied, requestID)
}

func writeObject(w http.ResponseWriter, r *http.Request, obj *object) {
	h := w.Header()
	h.Set("Content-Type", obj.contentType)
	h.Set("Content-Length", strconv.Itoa(len(obj.data)))
	h.Set("ETag", obj.etag)
	h.Set("Last-Modified", obj.modified.Format(http.TimeFormat))
	if len(obj.tags) > 0 {
		h.Set("X-Amz-Tagging-Count", strconv.Itoa(len(obj.tags)))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(obj.data)
	}
}

func (g *Gateway) putObject(w http.ResponseWriter, r *http.Request, requestID, key string, tags map[string]string) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxObjectBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		g.reject(w, r, requestID, errEntityTooLarge, err)
		return
	case err != nil:
		g.reject(w, r, requestID, &s3Error{http.StatusBadRequest, "IncompleteBody", "The request body could not be read."}, err)
		return
	}
	contentType := r.Header.Get("Content-Type")
	if contentType == "" {
		contentType = "binary/octet-stream"
	}
	obj := newObject(data, contentType, tags, g.now())
	g.store.put(key, obj)
	w.Header().Set("ETag", obj.etag)
	w.WriteHeader(http.StatusOK)
}

// listObjects responds to ListObjectsV2 with prefix, delimiter, max-keys,
// start-after and continuation-token.
func (g *Gateway) listObjects(w http.ResponseWriter, r *http.Request, requestID string) {
	query := r.URL.Query()
	maxKeys := maxListKeys
	if text := query.Get("max-keys"); query.Has("max-keys") {
		n, err := strconv.Atoi(text)
		if err != nil || n < 0 {
			g.reject(w, r, requestID, invalidArgument("max-keys must be a non-negative integer"), err)
			return
		}
		maxKeys = min(n, maxListKeys)
	}
	after := query.Get("start-after")
	token := query.Get("continuation-token")
	if token != "" {
		last, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil {
			g.reject(w, r, requestID, invalidArgument("The continuation token provided is incorrect"), err)
			return
		}
		after = max(after, string(last))
	}

	prefix, delimiter := query.Get("prefix"), query.Get("delimiter")
	page := g.store.list(prefix, delimiter, after, maxKeys)
	out := listBucketResult{
		Name:              g.bucket,
		Prefix:            prefix,
		Delimiter:         delimiter,
		StartAfter:        query.Get("start-after"),
		ContinuationToken: token,
		MaxKeys:           maxKeys,
		IsTruncated:       page.truncated,
	}
	if page.truncated {
		out.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(page.last))
	}
	for _, key := range page.keys {
		if obj, ok := g.store.get(key); ok {
			out.Contents = append(out.Contents, listEntry{
				Key:          key,
				LastModified: obj.modified.Format(time.RFC3339),
				ETag:         obj.etag,
				Size:         len(obj.data),
				StorageClass: "STANDARD",
			})
		}
	}
	for _, p := range page.prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, commonPrefix{Prefix: p})
	}
	out.KeyCount = len(out.Contents) + len(out.CommonPrefixes)
	writeXML(w, http.StatusOK, out)
}
