package main

import (
	"net/http"
	"net/url"
	"strings"
)

// The S3 operations the gateway serves, with the IAM action that
// authorizes each. HeadObject is authorized by s3:GetObject and HeadBucket
// by s3:ListBucket, as in AWS.
const (
	opGetObject     = "GetObject"
	opHeadObject    = "HeadObject"
	opPutObject     = "PutObject"
	opDeleteObject  = "DeleteObject"
	opListObjectsV2 = "ListObjectsV2"
	opHeadBucket    = "HeadBucket"
)

var operationActions = map[string]string{
	opGetObject:     "s3:GetObject",
	opHeadObject:    "s3:GetObject",
	opPutObject:     "s3:PutObject",
	opDeleteObject:  "s3:DeleteObject",
	opListObjectsV2: "s3:ListBucket",
	opHeadBucket:    "s3:ListBucket",
}

// objectSubresources are query parameters that turn an object request into
// another operation (GetObjectTagging, UploadPart, ...), which the gateway
// does not serve.
var objectSubresources = []string{
	"acl", "attributes", "legal-hold", "partNumber", "restore", "retention",
	"select", "tagging", "torrent", "uploadId", "uploads", "versionId",
}

// operation is an S3 request mapped to the terms policies use.
type operation struct {
	name   string // such as "GetObject"
	action string // the IAM action, such as "s3:GetObject"

	// resource is the ARN the request names: the bucket or object ARN, or
	// for a request through the access point, the access point ARN with
	// "/object/KEY" for an object.
	resource string

	// container is the ARN of the bucket, or of the access point, that
	// holds the object: the resource of the s3:ListBucket check that
	// decides between 404 and 403 for a missing object.
	container string

	key         string // object key, "" for a bucket operation
	accessPoint bool   // the request names the access point, by ARN or alias
	path        string // the request path, for the Resource element of errors
}

// route maps an HTTP request in path style (/BUCKET/KEY) to an operation.
// BUCKET is the bucket's name, or the access point's alias or ARN. It
// returns an S3 error for a bucket the gateway does not serve, a method
// that does not apply and an operation the gateway does not implement.
func (g *Gateway) route(r *http.Request) (*operation, *s3Error) {
	op := &operation{path: r.URL.Path}
	target, key, ok := g.splitPath(r.URL.Path)
	if !ok {
		return nil, errNoSuchBucket
	}
	op.key = key
	switch {
	case target == g.bucket:
		op.resource, op.container = g.bucketARN(key), g.bucketARN("")
	case g.namesAccessPoint(target):
		op.accessPoint = true
		op.resource, op.container = g.accessPointARN(key), g.ap.ARN
	default:
		return nil, errNoSuchBucket
	}

	name, err := operationName(r.Method, key, r.URL.Query())
	if err != nil {
		return nil, err
	}
	if name == opPutObject && r.Header.Get("X-Amz-Copy-Source") != "" {
		return nil, errNotImplemented // CopyObject
	}
	op.name, op.action = name, operationActions[name]
	return op, nil
}

// namesAccessPoint reports whether the bucket part of a path is the
// configured access point's ARN or alias.
func (g *Gateway) namesAccessPoint(target string) bool {
	return g.ap.ARN != "" && (target == g.ap.ARN || g.ap.alias != "" && target == g.ap.alias)
}

// splitPath splits a request path into its bucket part and key. The
// bucket part of an access point ARN contains a slash
// (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME), so it ends at the slash
// after the access point name.
func (g *Gateway) splitPath(path string) (target, key string, ok bool) {
	rest, ok := strings.CutPrefix(path, "/")
	if !ok || rest == "" {
		return "", "", false
	}
	if g.ap.ARN != "" {
		if key, found := strings.CutPrefix(rest, g.ap.ARN); found {
			if key == "" {
				return g.ap.ARN, "", true
			}
			if key, found = strings.CutPrefix(key, "/"); found {
				return g.ap.ARN, key, true
			}
		}
	}
	target, key, _ = strings.Cut(rest, "/")
	return target, key, true
}

// operationName returns the operation for method on a bucket (empty key)
// or an object.
func operationName(method, key string, query url.Values) (string, *s3Error) {
	if key == "" {
		switch {
		case method == http.MethodGet && query.Get("list-type") == "2":
			return opListObjectsV2, nil
		case method == http.MethodHead:
			return opHeadBucket, nil
		case method == http.MethodGet || method == http.MethodPut || method == http.MethodDelete:
			return "", errNotImplemented
		}
		return "", errMethodNotAllowed
	}

	for _, sub := range objectSubresources {
		if query.Has(sub) {
			return "", errNotImplemented
		}
	}
	switch method {
	case http.MethodGet:
		return opGetObject, nil
	case http.MethodHead:
		return opHeadObject, nil
	case http.MethodPut:
		return opPutObject, nil
	case http.MethodDelete:
		return opDeleteObject, nil
	}
	return "", errMethodNotAllowed
}

// bucketARN returns the ARN of the bucket, or of its object key.
func (g *Gateway) bucketARN(key string) string {
	if key == "" {
		return "arn:" + g.partition + ":s3:::" + g.bucket
	}
	return "arn:" + g.partition + ":s3:::" + g.bucket + "/" + key
}

// accessPointARN returns the access point ARN, or the ARN of key through
// the access point.
func (g *Gateway) accessPointARN(key string) string {
	if key == "" {
		return g.ap.ARN
	}
	return g.ap.ARN + "/object/" + key
}
