package main

import (
	"strings"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// The departments, as values of the department tag on users and of the
// data tag on records.
const (
	emergencyRoom  = "emergency-room"
	intensiveCare  = "intensive-care"
	medicalImaging = "medical-imaging"
)

// staffRequest is one request by a member of staff, an IAM user of the
// hospital's account.
type staffRequest struct {
	shows      string // the case the request demonstrates
	user       string
	department string // the user's department tag; "" for none
	action     string
	key        string // object key; "" for a request on the bucket itself

	// tag is the value of the record's data tag. For s3:PutObject it is
	// the tag the upload sets, since the record may not exist yet.
	tag string

	direct bool // sent to the bucket rather than through the access point
	http   bool // sent over plain HTTP rather than HTTPS
}

// requests is the table the command prints, in order.
var requests = []staffRequest{
	{shows: "own folder, write", user: "alice", department: emergencyRoom,
		action: "s3:PutObject", key: "alice/handover.txt"},
	{shows: "own folder, read", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "alice/handover.txt"},
	{shows: "another user's folder", user: "bob", department: intensiveCare,
		action: "s3:GetObject", key: "alice/handover.txt"},
	{shows: "own department's record", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "patients/1041.pdf", tag: emergencyRoom},
	{shows: "other department's record", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "patients/2210.pdf", tag: intensiveCare},
	{shows: "other department alike", user: "bob", department: intensiveCare,
		action: "s3:GetObject", key: "patients/2210.pdf", tag: intensiveCare},
	{shows: "untagged record", user: "carol", department: medicalImaging,
		action: "s3:GetObject", key: "patients/3307-ct.dcm"},
	{shows: "write a department record", user: "alice", department: emergencyRoom,
		action: "s3:PutObject", key: "patients/1041.pdf", tag: emergencyRoom},
	{shows: "bucket without access point", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "patients/1041.pdf", tag: emergencyRoom, direct: true},
	{shows: "bucket over HTTP", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "patients/1041.pdf", tag: emergencyRoom, direct: true, http: true},
	{shows: "access point over HTTP", user: "alice", department: emergencyRoom,
		action: "s3:GetObject", key: "patients/1041.pdf", tag: emergencyRoom, http: true},
	{shows: "unsupported operation", user: "alice", department: emergencyRoom,
		action: "s3:DeleteBucket"},
}

// request builds the evaluator's request.
func (sr staffRequest) request() *evaluator.Request {
	context := map[string][]string{"aws:SecureTransport": {"true"}}
	if sr.http {
		context["aws:SecureTransport"] = []string{"false"}
	}
	if sr.department != "" {
		context["aws:PrincipalTag/department"] = []string{sr.department}
	}
	if sr.tag != "" {
		// An upload carries the tags it sets as s3:RequestObjectTag, and a
		// read is checked against the stored object's tags, given as
		// s3:ExistingObjectTag.
		key := "s3:ExistingObjectTag/data"
		if sr.action == "s3:PutObject" {
			key = "s3:RequestObjectTag/data"
		}
		context[key] = []string{sr.tag}
	}
	return &evaluator.Request{
		Principal:       evaluator.MustParsePrincipal("arn:aws:iam::"+account+":user/"+sr.user, ""),
		Action:          sr.action,
		Resource:        sr.resource(),
		ResourceAccount: account,
		Context:         condition.NewContext(context),
	}
}

// resource returns the ARN the request names: the access point ARN, with
// "/object/KEY" for an object, or the bucket or object ARN when the
// request is sent to the bucket.
func (sr staffRequest) resource() string {
	switch {
	case sr.direct && sr.key == "":
		return bucketARN
	case sr.direct:
		return bucketARN + "/" + sr.key
	case sr.key == "":
		return accessPointARN
	}
	return accessPointARN + "/object/" + sr.key
}

// route describes where the request is sent, and how.
func (sr staffRequest) route() string {
	route := "access point"
	if sr.direct {
		route = "bucket"
	}
	if sr.http {
		route += " (HTTP)"
	}
	return route
}

// reason explains a decision: the Sids of the access point statements that
// allowed the request, the Sids of the statements that denied it, or why no
// statement allowed it.
func reason(res evaluator.Result) string {
	switch res.Decision {
	case evaluator.Allow:
		return sids(res, evaluator.KindAccessPoint, policy.Allow)
	case evaluator.ExplicitDeny:
		return "denied by " + sids(res, 0, policy.Deny)
	}
	switch res.Reason {
	case evaluator.ReasonNoAllow:
		return "no statement allows"
	case evaluator.ReasonUnsupportedViaAccessPoint:
		return "unsupported via access point"
	case evaluator.ReasonInsecureTransport:
		return "access points accept HTTPS only"
	}
	return res.Reason.String()
}

// sids joins the Sids of the matched statements with the given effect, of
// policies of the given kind, or of every kind when kind is 0.
func sids(res evaluator.Result, kind evaluator.PolicyKind, effect policy.Effect) string {
	var names []string
	for _, m := range res.Matched() {
		if m.Effect == effect && (kind == 0 || m.Policy.Kind == kind) {
			names = append(names, m.Sid)
		}
	}
	return strings.Join(names, ", ")
}
