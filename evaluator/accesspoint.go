package evaluator

import (
	"slices"
	"strings"
	"unsafe"

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

// apKeys are apKeyNames ready for condition.Context.Lookup.
var apKeys = [apKeyCount]condition.Key{
	apKeyARN:     condition.NewKey(apKeyNames[apKeyARN]),
	apKeyAccount: condition.NewKey(apKeyNames[apKeyAccount]),
	apKeyOrigin:  condition.NewKey(apKeyNames[apKeyOrigin]),
}

// Keys the access point reads before any policy.
var (
	secureTransportKey = condition.NewKey("aws:SecureTransport")
	sourceVPCKey       = condition.NewKey("aws:SourceVpc")
)

// accessPointConfig is the compiled form of AccessPoint.
type accessPointConfig struct {
	settings  AccessPoint
	arn       arn.ARN
	name      string
	bucketARN string // arn:PARTITION:s3:::BUCKET

	// resourceOffset is the offset of the resource part in the access
	// point ARN, after its fifth colon.
	resourceOffset int

	// lowerHead is true when the parts of the access point ARN before the
	// resource are lower-case names, as isRequestResource requires of a
	// request's resource, so that a request naming the access point only
	// needs its resource part checked.
	lowerHead bool

	keys   [apKeyCount][]string // values of the access point keys
	needed [apKeyCount]bool     // whether some policy refers to each key

	// live marks the keys that Evaluate adds to the context of a request
	// through the access point. Policy variables and the conditions that
	// foldAccessPointKeys did not decide read them.
	live [apKeyCount]bool
}

func newAccessPointConfig(ap *AccessPoint, keys map[string]keyUse) (*accessPointConfig, error) {
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
	c.resourceOffset = len(ap.ARN) - len(a.Resource)
	c.lowerHead = isRequestResource(a, ap.ARN)
	c.keys[apKeyARN] = []string{ap.ARN}
	c.keys[apKeyAccount] = []string{a.Account}
	c.keys[apKeyOrigin] = []string{ap.NetworkOrigin}
	for k, name := range apKeyNames {
		c.needed[k] = keys[name] != 0
	}
	return c, nil
}

// foldAccessPointKeys decides, in each statement of policies, the
// conditions that test an access point key and have no policy variables.
// It also records in ap.live the access point keys that policies still
// read per request. Only the evaluator sets these keys, because Evaluate
// rejects a context that sets one a policy refers to. So on a direct
// request such a condition finds the key absent, and through the access
// point it finds the values of ap. ap is nil for an evaluator without
// access point settings, whose requests never take that path.
func foldAccessPointKeys(policies []*compiledPolicy, ap *accessPointConfig, keys map[string]keyUse) {
	var through *condition.Context
	if ap != nil {
		through = condition.NewContext(map[string][]string{
			apKeyNames[apKeyARN]:     ap.keys[apKeyARN],
			apKeyNames[apKeyAccount]: ap.keys[apKeyAccount],
			apKeyNames[apKeyOrigin]:  ap.keys[apKeyOrigin],
		})
		for k, name := range apKeyNames {
			ap.live[k] = keys[name]&usedByVariable != 0
		}
	}
	for _, p := range policies {
		for i := range p.stmts {
			p.stmts[i].foldConditions(through, ap)
		}
	}
}

// foldConditions decides the conditions of s that test an access point
// key without policy variables, and leaves the others in s.live. through
// is the context of a request through the access point.
func (s *statement) foldConditions(through *condition.Context, ap *accessPointConfig) {
	var live condition.Block
	for _, c := range s.conditions {
		k := slices.IndexFunc(apKeys[:], c.Tests)
		switch {
		case k < 0:
			live = append(live, c)
		case c.HasVariables():
			live = append(live, c)
			if ap != nil {
				ap.live[k] = true
			}
		default:
			s.fixed[pathDirect] = s.fixed[pathDirect].And(c.Eval(nil))
			s.fixed[pathAccessPoint] = s.fixed[pathAccessPoint].And(c.Eval(through))
		}
	}
	// A statement with no decided condition keeps sharing its slice.
	if len(live) < len(s.conditions) {
		s.live = live
	}
}

// split returns resource split like arn.Parse does, when it is the ARN of
// this access point or of an object through it, which then starts with
// the settings' valid ARN. It reports false for any other resource, which
// the caller parses, and when c is nil.
func (c *accessPointConfig) split(resource string) (arn.ARN, bool) {
	if c == nil || !c.names(resource) {
		return arn.ARN{}, false
	}
	a := c.arn
	a.Resource = resource[c.resourceOffset:]
	return a, true
}

// parse returns resource, which starts with this access point's ARN (see
// names), as an S3Resource, as arn.ARN.S3 would: the access point or an
// object through it. It reports false for any other resource, which the
// caller parses.
func (c *accessPointConfig) parse(resource string) (arn.S3Resource, bool) {
	rest := resource[len(c.settings.ARN):]
	r := arn.S3Resource{
		Kind:        arn.S3AccessPoint,
		Partition:   c.arn.Partition,
		Region:      c.arn.Region,
		Account:     c.arn.Account,
		AccessPoint: c.name,
	}
	if rest == "" {
		return r, true
	}
	key, ok := strings.CutPrefix(rest, "/object/")
	if !ok || key == "" {
		return arn.S3Resource{}, false
	}
	r.Kind, r.Key = arn.S3AccessPointObject, key
	return r, true
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

// names reports whether resource, an access point ARN or the ARN of an
// object through an access point, names this access point: its partition,
// region, account and name are those of the settings. Those parts contain
// no ':' and the name no '/'. So they are equal exactly when resource is
// the settings' ARN, alone or followed by '/'.
func (c *accessPointConfig) names(resource string) bool {
	rest, ok := strings.CutPrefix(resource, c.settings.ARN)
	return ok && (rest == "" || rest[0] == '/')
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
	if ap.live[apKeyARN] {
		c1 = ctx.WithKey(apKeys[apKeyARN], ap.keys[apKeyARN]...)
	}
	c2 := c1
	if ap.live[apKeyAccount] {
		c2 = c1.WithKey(apKeys[apKeyAccount], ap.keys[apKeyAccount]...)
	}
	withKeys := c2
	if ap.live[apKeyOrigin] {
		withKeys = c2.WithKey(apKeys[apKeyOrigin], ap.keys[apKeyOrigin]...)
	}

	// The bucket form of an object ARN is written into a buffer on this
	// stack, sized to the ARN, so that the request allocates nothing and
	// zeroes little.
	switch n := len(ap.bucketARN) + 1 + len(s3.Key); {
	case s3.Kind != arn.S3AccessPointObject:
		e.runGates(g, withKeys, s3, ap.bucketARN)
	case n <= smallBucketBuffer:
		var buf [smallBucketBuffer]byte
		e.runGates(g, withKeys, s3, ap.objectARN(s3.Key, buf[:0]))
	case n <= bucketBuffer:
		var buf [bucketBuffer]byte
		e.runGates(g, withKeys, s3, ap.objectARN(s3.Key, buf[:0]))
	default:
		// NOTE: an ARN longer than any S3 object's costs one allocation.
		e.runGates(g, withKeys, s3, ap.bucketARN+"/"+s3.Key)
	}
}

// runGates evaluates the two gates of a request through the access point
// s3 and combines their decisions into the result of g. bucketResource is
// the bucket or object ARN behind the access point. The gates are built
// here rather than returned by a helper, which would copy each of them
// twice.
func (e *Evaluator) runGates(g *gate, ctx *condition.Context, s3 arn.S3Resource, bucketResource string) {
	g.path = pathAccessPoint
	apGate := *g
	apGate.owner, apGate.resourcePolicy = s3.Account, e.accessPoint
	bucketGate := *g
	bucketGate.resource, bucketGate.arn = bucketResource, e.ap.bucketTarget(bucketResource)
	bucketGate.owner, bucketGate.resourcePolicy = e.ap.settings.BucketAccount, e.resource
	bucketGate.rootSafeguard = isRootSafeguard(&bucketGate)
	apDecision, apReason := apGate.run(ctx)
	bucketDecision, bucketReason := bucketGate.run(ctx)

	res := g.res
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
	if e.ap == nil || !g.ownAccessPoint && !e.ap.names(g.resource) {
		return ReasonUnknownAccessPoint
	}
	return e.ap.reject(g, ctx)
}

// accessPointGates returns the two gates of a request through the access
// point s3, built from g, as Explain needs them. The bucket gate matches
// policies against the bucket or object ARN behind the access point.
func (e *Evaluator) accessPointGates(g *gate, s3 arn.S3Resource) (apGate, bucketGate gate) {
	resource := e.ap.bucketARN
	if s3.Kind == arn.S3AccessPointObject {
		resource += "/" + s3.Key
	}
	g.path = pathAccessPoint
	apGate = *g
	apGate.owner, apGate.resourcePolicy = s3.Account, e.accessPoint
	bucketGate = *g
	bucketGate.resource, bucketGate.arn = resource, e.ap.bucketTarget(resource)
	bucketGate.owner, bucketGate.resourcePolicy = e.ap.settings.BucketAccount, e.resource
	bucketGate.rootSafeguard = isRootSafeguard(&bucketGate)
	return apGate, bucketGate
}

// bucketTarget returns resource, the bucket or object ARN behind the
// access point, parsed. It is returned rather than stored through a
// pointer, which would make the buffer holding resource escape to the
// heap.
func (c *accessPointConfig) bucketTarget(resource string) arn.ARN {
	return arn.ARN{
		Partition: c.arn.Partition,
		Service:   "s3",
		Resource:  resource[len(c.bucketARN)-len(c.settings.Bucket):],
	}
}

// Sizes of the buffers that Evaluate reserves on its stack for the bucket
// form of an object ARN. The larger holds the ARN of any S3 object: a key
// has at most 1,024 bytes and a bucket name 63.
const (
	smallBucketBuffer = 192
	bucketBuffer      = 1152
)

// objectARN returns the ARN of the object key in the bucket behind the
// access point, written into buf, which must be large enough. The result
// shares buf's memory, so that a buffer on the caller's stack saves an
// allocation per request, and it is valid only while buf is neither
// changed nor released. The compiler moves buf to the heap if the string
// could outlive the call that declared it, because escape analysis
// follows the pointer that unsafe.String receives.
func (c *accessPointConfig) objectARN(key string, buf []byte) string {
	b := append(append(append(buf[:0], c.bucketARN...), '/'), key...)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// reject returns why the access point rejects the request before any
// policy is read, or ReasonNone. Access points serve only some S3 operations,
// accept only signed HTTPS requests, and a VPC access point only requests
// from its VPC.
func (c *accessPointConfig) reject(g *gate, ctx *condition.Context) Reason {
	if g.lowerLen == 0 || !supportedViaAccessPoint(g.lower[:g.lowerLen]) {
		return ReasonUnsupportedViaAccessPoint
	}
	if g.p.typ == PrincipalAnonymous {
		return ReasonAnonymousViaAccessPoint
	}
	if values, ok := ctx.Lookup(secureTransportKey); ok && !allTrue(values) {
		return ReasonInsecureTransport
	}
	if c.settings.NetworkOrigin == OriginVPC {
		values, _ := ctx.Lookup(sourceVPCKey)
		if len(values) != 1 || values[0] != c.settings.VPCID {
			return ReasonNetworkOrigin
		}
	}
	return ReasonNone
}

func allTrue(values []string) bool {
	for _, v := range values {
		if v != "true" && !strings.EqualFold(v, "true") {
			return false
		}
	}
	return true
}

// supportedViaAccessPoint reports whether an access point attached to a
// bucket accepts the S3 operations authorized by action, given in lower
// case. It takes bytes, because a switch on the converted bytes copies
// nothing, where converting them for a call would.
//
// Each operation is authorized by one IAM action: HeadObject by
// s3:GetObject; CreateMultipartUpload, UploadPart, CompleteMultipartUpload
// and the destination of CopyObject and UploadPartCopy by s3:PutObject;
// DeleteObjects by s3:DeleteObject; ListParts by
// s3:ListMultipartUploadParts; HeadBucket, ListObjects and ListObjectsV2 by
// s3:ListBucket; ListObjectVersions by s3:ListBucketVersions;
// ListMultipartUploads by s3:ListBucketMultipartUploads; GetObjectAttributes
// by s3:GetObjectAttributes, or s3:GetObjectVersionAttributes for a
// version; GetBucketNotificationConfiguration by s3:GetBucketNotification. The
// Version actions authorize the same object operations on an object
// version. Source: "Access point compatibility" in the Amazon S3 User
// Guide.
func supportedViaAccessPoint(action []byte) bool {
	switch string(action) {
	case "s3:abortmultipartupload",
		"s3:deleteobject",
		"s3:deleteobjecttagging",
		"s3:deleteobjectversion",
		"s3:deleteobjectversiontagging",
		"s3:getobject",
		"s3:getobjectacl",
		"s3:getobjectattributes",
		"s3:getobjectlegalhold",
		"s3:getobjectretention",
		"s3:getobjecttagging",
		"s3:getobjectversion",
		"s3:getobjectversionacl",
		"s3:getobjectversionattributes",
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
		"s3:listbucketmultipartuploads",
		"s3:listbucketversions":
		return true
	}
	return false
}
