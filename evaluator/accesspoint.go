package evaluator

import (
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
)

// The condition keys S3 sets for a request through an access point, so
// that a bucket policy can delegate access control to access points.
const (
	apKeyARN = iota
	apKeyAccount
	apKeyOrigin
	apKeyCount
)

var apKeyNames = [apKeyCount]string{
	apKeyARN:     "s3:dataaccesspointarn",
	apKeyAccount: "s3:dataaccesspointaccount",
	apKeyOrigin:  "s3:accesspointnetworkorigin",
}

// accessPointConfig is the compiled form of AccessPoint.
type accessPointConfig struct {
	settings  AccessPoint
	arn       arn.ARN
	name      string
	bucketARN string // arn:PARTITION:s3:::BUCKET

	keys   [apKeyCount][]string // values of the access point keys
	needed [apKeyCount]bool     // whether some policy refers to each key
}

func newAccessPointConfig(ap *AccessPoint, keys map[string]bool) (*accessPointConfig, error) {
	if field, err := ap.check(); err != nil {
		return nil, &accessPointError{field: field, err: err}
	}
	a := arn.MustParse(ap.ARN) // check has accepted it
	c := &accessPointConfig{
		settings:  *ap,
		arn:       a,
		name:      strings.TrimPrefix(a.Resource, "accesspoint/"),
		bucketARN: "arn:" + a.Partition + ":s3:::" + ap.Bucket,
	}
	c.keys[apKeyARN] = []string{ap.ARN}
	c.keys[apKeyAccount] = []string{a.Account}
	c.keys[apKeyOrigin] = []string{ap.NetworkOrigin}
	for k, name := range apKeyNames {
		c.needed[k] = keys[name]
	}
	return c, nil
}

// accessPointError reports invalid access point settings. It wraps
// ErrInvalidAccessPoint.
type accessPointError struct {
	field string
	err   error
}

func (e *accessPointError) Error() string {
	return "evaluator: invalid access point " + e.field + ": " + e.err.Error()
}

func (e *accessPointError) Unwrap() []error { return []error{ErrInvalidAccessPoint, e.err} }

// names reports whether the parsed access point ARN r names this access
// point.
func (c *accessPointConfig) names(r arn.S3Resource) bool {
	return r.Partition == c.arn.Partition && r.Region == c.arn.Region &&
		r.Account == c.arn.Account && r.AccessPoint == c.name
}

// throughAccessPoint decides a request made through an access point. The
// access point rejects some requests before any policy is read. Otherwise
// two gates must allow the request. The access point gate evaluates the
// access point policy against the access point ARN. The bucket gate
// evaluates the bucket policy against the bucket ARN of the same bucket or
// object. Identity-based policies, boundaries, session policies, SCPs and
// RCPs take part in each gate, matched against that gate's ARN. A Deny in
// either gate denies the request.
func (e *Evaluator) throughAccessPoint(g *gate, ctx *condition.Context, s3 arn.S3Resource) {
	res := g.res
	if reason := e.rejection(g, ctx, s3); reason != ReasonNone {
		res.Decision, res.Reason = ImplicitDeny, reason
		return
	}

	// The access point keys are added by hand, each With result in a
	// variable of its own, so that the chain stays on the stack.
	ap := e.ap
	c1 := ctx
	if ap.needed[apKeyARN] {
		c1 = ctx.With(apKeyNames[apKeyARN], ap.keys[apKeyARN]...)
	}
	c2 := c1
	if ap.needed[apKeyAccount] {
		c2 = c1.With(apKeyNames[apKeyAccount], ap.keys[apKeyAccount]...)
	}
	c3 := c2
	if ap.needed[apKeyOrigin] {
		c3 = c2.With(apKeyNames[apKeyOrigin], ap.keys[apKeyOrigin]...)
	}
	ctx = c3
	apGate, bucketGate := e.accessPointGates(g, s3)
	apDecision, apReason := apGate.run(ctx)
	bucketDecision, bucketReason := bucketGate.run(ctx)

	switch {
	case apDecision == ExplicitDeny || bucketDecision == ExplicitDeny:
		res.Decision, res.Reason = ExplicitDeny, ReasonNone
	case apDecision != Allow:
		res.Decision, res.Reason = ImplicitDeny, apReason
	case bucketDecision != Allow:
		res.Decision, res.Reason = ImplicitDeny, bucketReason
	default:
		res.Decision, res.Reason = Allow, ReasonNone
	}
}

// rejection returns why a request through the access point s3 is denied
// before any policy is read, or ReasonNone.
func (e *Evaluator) rejection(g *gate, ctx *condition.Context, s3 arn.S3Resource) Reason {
	if e.ap == nil || !e.ap.names(s3) {
		return ReasonUnknownAccessPoint
	}
	return e.ap.reject(g, ctx)
}

// accessPointGates returns the two gates of a request through the access
// point s3, built from g. The bucket gate matches policies against the
// bucket or object ARN behind the access point. For an object, building
// that ARN allocates.
func (e *Evaluator) accessPointGates(g *gate, s3 arn.S3Resource) (apGate, bucketGate gate) {
	apGate = *g
	apGate.owner, apGate.resourcePolicy = s3.Account, e.accessPoint

	bucketGate = *g
	bucketGate.owner, bucketGate.resourcePolicy = e.ap.settings.BucketAccount, e.resource
	// Parse the ARN from a local variable: arn.Parse keeps its argument in
	// errors, and handing it a field of the gate would make the whole gate
	// escape to the heap.
	resource := e.ap.bucketARN
	if s3.Kind == arn.S3AccessPointObject {
		resource += "/" + s3.Key
	}
	bucketGate.resource, bucketGate.arn = resource, arn.MustParse(resource)
	bucketGate.rootSafeguard = isRootSafeguard(&bucketGate)
	return apGate, bucketGate
}

// reject returns why the access point rejects the request before any
// policy is read, or ReasonNone. Access points serve only some S3 operations,
// accept only signed HTTPS requests, and a VPC access point only requests
// from its VPC.
func (c *accessPointConfig) reject(g *gate, ctx *condition.Context) Reason {
	if g.lowerLen == 0 || !supportedViaAccessPoint(string(g.lower[:g.lowerLen])) {
		return ReasonUnsupportedViaAccessPoint
	}
	if g.p.typ == PrincipalAnonymous {
		return ReasonAnonymousViaAccessPoint
	}
	if values, ok := ctx.Get("aws:securetransport"); ok && !allTrue(values) {
		return ReasonInsecureTransport
	}
	if c.settings.NetworkOrigin == OriginVPC {
		values, _ := ctx.Get("aws:sourcevpc")
		if len(values) != 1 || values[0] != c.settings.VPCID {
			return ReasonNetworkOrigin
		}
	}
	return ReasonNone
}

func allTrue(values []string) bool {
	for _, v := range values {
		if !strings.EqualFold(v, "true") {
			return false
		}
	}
	return true
}

// supportedViaAccessPoint reports whether an access point attached to a
// bucket accepts the S3 operations authorized by action, given in lower
// case. Each operation is authorized by one IAM action: HeadObject by
// s3:GetObject; CreateMultipartUpload, UploadPart, CompleteMultipartUpload
// and the destination of CopyObject and UploadPartCopy by s3:PutObject;
// DeleteObjects by s3:DeleteObject; ListParts by
// s3:ListMultipartUploadParts; HeadBucket, ListObjects and ListObjectsV2 by
// s3:ListBucket; ListMultipartUploads by s3:ListBucketMultipartUploads;
// GetBucketNotificationConfiguration by s3:GetBucketNotification. The
// Version actions authorize the same object operations on an object
// version. Source: "Access point compatibility" in the Amazon S3 User
// Guide.
func supportedViaAccessPoint(action string) bool {
	switch action {
	case "s3:abortmultipartupload",
		"s3:deleteobject",
		"s3:deleteobjecttagging",
		"s3:deleteobjectversion",
		"s3:deleteobjectversiontagging",
		"s3:getobject",
		"s3:getobjectacl",
		"s3:getobjectlegalhold",
		"s3:getobjectretention",
		"s3:getobjecttagging",
		"s3:getobjectversion",
		"s3:getobjectversionacl",
		"s3:getobjectversiontagging",
		"s3:listmultipartuploadparts",
		"s3:putobject",
		"s3:putobjectacl",
		"s3:putobjectlegalhold",
		"s3:putobjectretention",
		"s3:putobjecttagging",
		"s3:putobjectversionacl",
		"s3:putobjectversiontagging",
		"s3:restoreobject",
		"s3:getbucketacl",
		"s3:getbucketcors",
		"s3:getbucketlocation",
		"s3:getbucketnotification",
		"s3:getbucketpolicy",
		"s3:listbucket",
		"s3:listbucketmultipartuploads":
		return true
	}
	return false
}
