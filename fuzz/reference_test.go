package fuzz

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// The reference evaluator decides a request by reading the rules of AWS
// policy evaluation as plainly as possible. It looks at every statement of
// every policy, one at a time, matches wildcards with regexp, and
// evaluates the condition operators written out in refcondition_test.go.
// Nothing is indexed or compiled ahead, so it is slow but easy to check
// against the rules. The fuzz targets compare the evaluator package with
// it.

// refPolicySet holds the policies of one decision, as PolicySet does.
type refPolicySet struct {
	identity    []*policy.Policy
	resource    *policy.Policy // the bucket policy, for S3
	accessPoint *policy.Policy // the access point policy
	boundary    *policy.Policy
	session     *policy.Policy
	scps, rcps  [][]*policy.Policy
	ap          *refAccessPoint // nil when there is no access point
}

// refAccessPoint holds the settings of an S3 access point.
type refAccessPoint struct {
	arn           string // arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME
	bucket        string
	bucketAccount string
	origin        string // "Internet" or "VPC"
	vpc           string
}

// refRequest is one request.
type refRequest struct {
	principal       string
	issuer          string
	action          string
	resource        string // an ARN, or "*" for an action without resource type
	resourceAccount string // "" when not given
	context         map[string][]string
}

// Decisions, spelled as the evaluator's Decision.String.
const (
	decisionAllow        = "Allow"
	decisionExplicitDeny = "ExplicitDeny"
	decisionImplicitDeny = "ImplicitDeny"
)

// refDecide decides the request: an applicable Deny anywhere wins, then
// every level of the RCPs and SCPs must allow, then identity-based and
// resource-based grants combine by account. A request through an S3 access
// point needs both the access point and the bucket to allow it.
func refDecide(set *refPolicySet, r *refRequest) string {
	c, err := parseCaller(r.principal, r.issuer)
	if err != nil || !isPlainAction(r.action) || !validResource(r.resource) ||
		r.resourceAccount != "" && !policy.IsAccountID(r.resourceAccount) {
		return decisionImplicitDeny
	}
	ctx := foldContext(r.context)
	for k, v := range c.derivedKeys() {
		if len(ctx[k]) == 0 {
			ctx[k] = []string{v}
		}
	}

	if name, key, ap, ok := accessPointOf(r.resource); ok {
		return decideThroughAccessPoint(set, r, c, ctx, ap, name, key)
	}
	g := refGate{set: set, caller: c, action: r.action, resource: r.resource,
		owner: ownerOf(r), resourcePolicy: set.resource, bucketPolicy: true, ctx: ctx}
	return g.decide()
}

// isPlainAction reports whether action is "service:name" without
// wildcards.
func isPlainAction(action string) bool {
	service, name, ok := strings.Cut(action, ":")
	return ok && service != "" && name != "" && !strings.ContainsAny(action, "*?")
}

func validResource(resource string) bool {
	if resource == "*" {
		return true
	}
	_, err := arn.Parse(resource)
	return err == nil
}

// foldContext copies a request context with its keys folded (see
// foldKey), merging keys that differ only in case in the order of their
// spelling.
func foldContext(m map[string][]string) map[string][]string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := map[string][]string{}
	for _, k := range names {
		folded := foldKey(k)
		out[folded] = append(out[folded], m[k]...)
	}
	return out
}

// foldKey returns a condition key name in the form in which keys compare.
// Each character becomes the lower case of its upper case, so the long s
// and the Kelvin sign name the same key as s and k. Bytes that are not
// valid UTF-8 stay as they are.
func foldKey(key string) string {
	var sb strings.Builder
	for i := 0; i < len(key); {
		r, n := utf8.DecodeRuneInString(key[i:])
		if r == utf8.RuneError && n <= 1 {
			sb.WriteByte(key[i])
			i++
			continue
		}
		sb.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
		i += n
	}
	return sb.String()
}

// ownerOf returns the account that owns the requested resource: the one
// given with the request, else the account of the resource ARN, else ""
// for unknown, which is treated as another account than the caller's.
func ownerOf(r *refRequest) string {
	if r.resourceAccount != "" || r.resource == "*" {
		return r.resourceAccount
	}
	a, err := arn.Parse(r.resource)
	if err == nil && policy.IsAccountID(a.Account) {
		return a.Account
	}
	return ""
}

// accessPointOf splits an S3 access point ARN,
// arn:P:s3:R:A:accesspoint/NAME or .../accesspoint/NAME/object/KEY, and
// reports whether resource is one.
func accessPointOf(resource string) (name, key string, a arn.ARN, ok bool) {
	a, err := arn.Parse(resource)
	if err != nil || a.Service != "s3" || a.Account == "" {
		return "", "", a, false
	}
	rest, ok := strings.CutPrefix(a.Resource, "accesspoint/")
	if !ok {
		return "", "", a, false
	}
	name, tail, hasTail := strings.Cut(rest, "/")
	if !hasTail {
		return name, "", a, name != ""
	}
	key, ok = strings.CutPrefix(tail, "object/")
	return name, key, a, ok && name != "" && key != ""
}

// accessPointActions are the IAM actions that authorize the S3 operations
// an access point accepts. The object operations are GetObject and
// HeadObject, PutObject with the multipart uploads and copies it
// authorizes, DeleteObject, the ACL, legal hold, retention and tagging
// operations, ListParts, RestoreObject and AbortMultipartUpload, with the
// versioned forms of those. The bucket operations are GetBucketAcl,
// GetBucketCors, GetBucketLocation, GetBucketNotificationConfiguration,
// GetBucketPolicy, HeadBucket, ListObjects, ListObjectsV2 and
// ListMultipartUploads.
var accessPointActions = map[string]bool{
	"s3:getobject": true, "s3:getobjectversion": true, "s3:putobject": true,
	"s3:deleteobject": true, "s3:deleteobjectversion": true,
	"s3:getobjectacl": true, "s3:getobjectversionacl": true,
	"s3:putobjectacl": true, "s3:putobjectversionacl": true,
	"s3:getobjectlegalhold": true, "s3:putobjectlegalhold": true,
	"s3:getobjectretention": true, "s3:putobjectretention": true,
	"s3:getobjecttagging": true, "s3:getobjectversiontagging": true,
	"s3:putobjecttagging": true, "s3:putobjectversiontagging": true,
	"s3:deleteobjecttagging": true, "s3:deleteobjectversiontagging": true,
	"s3:listmultipartuploadparts": true, "s3:restoreobject": true,
	"s3:abortmultipartupload": true,
	"s3:getbucketacl":         true, "s3:getbucketcors": true, "s3:getbucketlocation": true,
	"s3:getbucketnotification": true, "s3:getbucketpolicy": true,
	"s3:listbucket": true, "s3:listbucketmultipartuploads": true,
}

// decideThroughAccessPoint decides a request addressed to an access point.
// The access point refuses unknown access points, operations it does not
// support, anonymous callers, requests not over HTTPS and, for a VPC access
// point, requests from elsewhere. Otherwise the access point policy is
// evaluated against the access point ARN and the bucket policy against the
// bucket ARN, each with the identity-side policies, and both must allow.
func decideThroughAccessPoint(set *refPolicySet, r *refRequest, c caller, ctx map[string][]string,
	a arn.ARN, name, key string) string {
	ap := set.ap
	if ap == nil {
		return decisionImplicitDeny
	}
	settings, _ := arn.Parse(ap.arn)
	if settings.Partition != a.Partition || settings.Region != a.Region ||
		settings.Account != a.Account || settings.Resource != "accesspoint/"+name {
		return decisionImplicitDeny
	}
	if !accessPointActions[strings.ToLower(r.action)] || c.kind == callerAnonymous {
		return decisionImplicitDeny
	}
	for _, v := range ctx["aws:securetransport"] {
		if !strings.EqualFold(v, "true") {
			return decisionImplicitDeny
		}
	}
	if vpc := ctx["aws:sourcevpc"]; ap.origin == "VPC" && (len(vpc) != 1 || vpc[0] != ap.vpc) {
		return decisionImplicitDeny
	}

	ctx["s3:dataaccesspointarn"] = []string{ap.arn}
	ctx["s3:dataaccesspointaccount"] = []string{a.Account}
	ctx["s3:accesspointnetworkorigin"] = []string{ap.origin}
	bucketARN := "arn:" + a.Partition + ":s3:::" + ap.bucket
	if key != "" {
		bucketARN += "/" + key
	}
	apGate := refGate{set: set, caller: c, action: r.action, resource: r.resource,
		owner: a.Account, resourcePolicy: set.accessPoint, ctx: ctx}
	bucketGate := refGate{set: set, caller: c, action: r.action, resource: bucketARN,
		owner: ap.bucketAccount, resourcePolicy: set.resource, bucketPolicy: true, ctx: ctx}
	first, second := apGate.decide(), bucketGate.decide()
	switch {
	case first == decisionExplicitDeny || second == decisionExplicitDeny:
		return decisionExplicitDeny
	case first == decisionAllow && second == decisionAllow:
		return decisionAllow
	}
	return decisionImplicitDeny
}

// refGate is one evaluation of every policy against one form of the
// resource ARN and one resource-based policy.
type refGate struct {
	set            *refPolicySet
	caller         caller
	action         string
	resource       string
	owner          string         // account owning the resource, "" when unknown
	resourcePolicy *policy.Policy // nil when there is none
	bucketPolicy   bool           // resourcePolicy is the bucket policy
	ctx            map[string][]string
}

// verdict is what the statements of one policy contributed.
type verdict struct {
	denied  bool     // a Deny statement applied
	allowed bool     // an Allow statement applied
	grant   strength // for a resource-based policy, the best way an applied Allow named the caller
}

func (g *refGate) decide() string {
	c := g.caller
	var all []verdict
	check := func(p *policy.Policy, resourceBased bool) verdict {
		v := g.policyVerdict(p, resourceBased)
		all = append(all, v)
		return v
	}

	identityAllows, boundaryAllows, sessionAllows := false, true, c.kind != callerFederated
	if c.identityBased() {
		for _, p := range g.set.identity {
			identityAllows = check(p, false).allowed || identityAllows
		}
		if g.set.boundary != nil {
			boundaryAllows = check(g.set.boundary, false).allowed
		}
		if g.set.session != nil {
			sessionAllows = check(g.set.session, false).allowed
		}
	}
	resource := verdict{}
	if g.resourcePolicy != nil {
		resource = check(g.resourcePolicy, true)
	}
	scpsAllow := true
	if c.identityBased() && !c.linked {
		scpsAllow = g.everyLevelAllows(g.set.scps, false, check)
	}
	rcpsAllow := g.everyLevelAllows(g.set.rcps, true, check)

	for _, v := range all {
		if v.denied {
			return decisionExplicitDeny
		}
	}
	if !scpsAllow || !rcpsAllow {
		return decisionImplicitDeny
	}
	if !c.identityBased() {
		return decisionOf(resource.grant == namesSelf)
	}

	limitsAllow := boundaryAllows && sessionAllows
	identitySide := (identityAllows || c.kind == callerRoot) && limitsAllow
	if g.owner != "" && g.owner == c.account {
		return decisionOf(resource.grant == namesSelf || identitySide ||
			resource.grant == namesParent && limitsAllow)
	}
	return decisionOf(identitySide && resource.grant != namesNone)
}

func decisionOf(allowed bool) string {
	if allowed {
		return decisionAllow
	}
	return decisionImplicitDeny
}

// everyLevelAllows reports whether each level of SCPs or RCPs has a policy
// with an applicable Allow.
func (g *refGate) everyLevelAllows(levels [][]*policy.Policy, resourceBased bool,
	check func(*policy.Policy, bool) verdict) bool {
	ok := true
	for _, level := range levels {
		allowed := false
		for _, p := range level {
			allowed = check(p, resourceBased).allowed || allowed
		}
		ok = ok && allowed
	}
	return ok
}

// policyVerdict looks at every statement of p.
func (g *refGate) policyVerdict(p *policy.Policy, resourceBased bool) verdict {
	var v verdict
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect == policy.Deny && g.bucketOwnerManagesPolicy(p) {
			continue
		}
		applies, named := g.statementApplies(p, s, resourceBased)
		if !applies {
			continue
		}
		if s.Effect == policy.Deny {
			v.denied = true
			continue
		}
		v.allowed = true
		v.grant = max(v.grant, named)
	}
	return v
}

// bucketOwnerManagesPolicy reports whether p is the bucket policy and the
// request is its owner's root user reading, changing or deleting it, which
// S3 allows whatever the bucket policy denies.
func (g *refGate) bucketOwnerManagesPolicy(p *policy.Policy) bool {
	if !g.bucketPolicy || p != g.resourcePolicy || g.caller.kind != callerRoot || g.owner != g.caller.account {
		return false
	}
	switch strings.ToLower(g.action) {
	case "s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy":
		return true
	}
	return false
}

// statementApplies reports whether s applies to the request: its action,
// resource, principal (in resource-based policies) and condition all
// match. An Allow applies only when its resource and condition are
// certain to match, and a Deny also when one of them is undecided. named
// reports how an Allow of a resource-based policy names the caller.
func (g *refGate) statementApplies(p *policy.Policy, s *policy.Statement, resourceBased bool) (bool, strength) {
	resource := no
	if g.actionMatches(s) {
		resource = g.resourceMatches(p, s)
	}
	if resource == no {
		return false, namesNone
	}
	named := namesSelf
	if resourceBased {
		switch {
		case s.NotPrincipal != nil && s.Effect == policy.Allow:
			return false, namesNone // AWS supports NotPrincipal only with Deny
		case s.NotPrincipal != nil:
			if g.caller.excludedBy(s.NotPrincipal, g.set.boundary != nil) {
				return false, namesNone
			}
		case s.Principal != nil:
			if named = g.caller.namedBy(s.Principal); named == namesNone {
				return false, namesNone
			}
		}
	}
	cond := resource.and(g.conditionsHold(p, s))
	if s.Effect == policy.Deny {
		return cond != no, named
	}
	return cond == yes, named
}

func (g *refGate) actionMatches(s *policy.Statement) bool {
	patterns, not := s.Action, false
	if s.NotAction != nil {
		patterns, not = s.NotAction, true
	}
	for _, pattern := range patterns {
		if refMatch(pattern, g.action, true) {
			return !not
		}
	}
	return not
}

// resourceMatches matches the Resource or NotResource element. A request
// whose resource is "*", for an action without resource type such as
// s3:ListAllMyBuckets, is matched by the pattern "*". AWS documentation
// disagrees on a pattern of the action's service whose other parts are "*"
// or empty, such as arn:aws:s3:::*. By the NotAction reference an Allow on
// it does not cover s3:ListAllMyBuckets, while an S3 walkthrough grants
// s3:ListAllMyBuckets with it. Such a match is undecided, so it never
// grants and still denies.
func (g *refGate) resourceMatches(p *policy.Policy, s *policy.Statement) tri {
	patterns, not := s.Resource, false
	if s.NotResource != nil {
		patterns, not = s.NotResource, true
	}
	variables := p.Version == policy.Version2012
	service, _, _ := strings.Cut(g.action, ":")
	matched := no
	for _, pattern := range patterns {
		switch {
		case g.resource == "*" && pattern == "*":
			matched = yes
		case g.resource == "*" && refMatchesAllOfService(pattern, service):
			matched = matched.or(unknown)
		case g.resource != "*":
			// A pattern whose variable cannot be resolved matches nothing.
			ok, _ := refARNMatch(pattern, g.resource, variables, g.lookup)
			matched = matched.or(triOf(ok))
		}
	}
	if not {
		return matched.not()
	}
	return matched
}

// conditionsHold evaluates the Condition element: every test must hold.
func (g *refGate) conditionsHold(p *policy.Policy, s *policy.Statement) tri {
	result := yes
	for _, c := range s.Conditions {
		op, ok := parseRefOperator(c.Operator.String())
		if !ok {
			panic("reference: policy.Parse accepted operator " + c.Operator.String())
		}
		rc := refCondition{op: op, key: c.Key, values: c.Values, variables: p.Version == policy.Version2012}
		result = result.and(rc.eval(g.lookup))
	}
	return result
}

// lookup returns the values of a context key, in any case.
func (g *refGate) lookup(key string) ([]string, bool) {
	values := g.ctx[foldKey(key)]
	return values, len(values) > 0
}
