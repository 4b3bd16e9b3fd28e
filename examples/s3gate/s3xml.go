package main

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// s3Error is an S3 error response: its HTTP status and the Code and
// Message of its XML body.
type s3Error struct {
	status  int
	code    string
	message string
}

var (
	errAccessDenied     = &s3Error{http.StatusForbidden, "AccessDenied", "Access Denied"}
	errNoSuchBucket     = &s3Error{http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist"}
	errNoSuchKey        = &s3Error{http.StatusNotFound, "NoSuchKey", "The specified key does not exist."}
	errMethodNotAllowed = &s3Error{http.StatusMethodNotAllowed, "MethodNotAllowed",
		"The specified method is not allowed against this resource."}
	errNotImplemented = &s3Error{http.StatusNotImplemented, "NotImplemented",
		"This gateway does not implement the operation the request names."}
	errEntityTooLarge = &s3Error{http.StatusBadRequest, "EntityTooLarge",
		"Your proposed upload exceeds the maximum allowed object size."}
)

// invalidArgument returns a 400 InvalidArgument error with message.
func invalidArgument(message string) *s3Error {
	return &s3Error{http.StatusBadRequest, "InvalidArgument", message}
}

// errorBody is the XML body of an S3 error response.
type errorBody struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	Resource  string   `xml:"Resource"`
	RequestID string   `xml:"RequestId"`
}

// writeError sends e as S3 does: the status, and for every method but HEAD
// an XML body naming the resource and the request ID.
func writeError(w http.ResponseWriter, r *http.Request, e *s3Error, requestID string) {
	if r.Method == http.MethodHead {
		w.WriteHeader(e.status)
		return
	}
	body := errorBody{Code: e.code, Message: e.message, Resource: r.URL.Path, RequestID: requestID}
	writeXML(w, e.status, body)
}

// writeXML sends v as an XML document with the given status.
func writeXML(w http.ResponseWriter, status int, v any) {
	out, err := xml.Marshal(v)
	if err != nil {
		// The bodies are fixed structs of strings and numbers, which
		// always marshal.
		panic(err)
	}
	out = append([]byte(xml.Header), out...)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// listBucketResult is the XML body of a ListObjectsV2 response.
type listBucketResult struct {
	XMLName               xml.Name       `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name                  string         `xml:"Name"`
	Prefix                string         `xml:"Prefix"`
	Delimiter             string         `xml:"Delimiter,omitempty"`
	StartAfter            string         `xml:"StartAfter,omitempty"`
	ContinuationToken     string         `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string         `xml:"NextContinuationToken,omitempty"`
	MaxKeys               int            `xml:"MaxKeys"`
	KeyCount              int            `xml:"KeyCount"`
	IsTruncated           bool           `xml:"IsTruncated"`
	Contents              []listEntry    `xml:"Contents"`
	CommonPrefixes        []commonPrefix `xml:"CommonPrefixes"`
}

type listEntry struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Size         int    `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
}

type commonPrefix struct {
	Prefix string `xml:"Prefix"`
}
