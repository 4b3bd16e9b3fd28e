package evaluator

import (
	"fmt"
	"math"

	"github.com/iameval/iameval/condition"

	"github.com/iameval/iameval/policy"
)

// Evaluator decides requests against one PolicySet. It is built once by
// New, never changes afterwards and is safe for concurrent use.
type Evaluator struct {
	identity    []*compiledPolicy
	boundary    *compiledPolicy
	session     *compiledPolicy
	resource    *compiledPolicy
	accessPoint *compiledPolicy
	scps        [][]*compiledPolicy
	rcps        [][]*compiledPolicy

	ap *accessPointConfig // nil without access point settings

	// derived marks the keys AWS derives from the caller that some policy
	// refers to, so that Evaluate adds only those. anyDerived is true when
	// one of them is marked.
	derived    [derivedKeyCount]bool
	anyDerived bool

	// tables find the statements of the indexed policies for an action.
	tables groupTables

	// guarded marks the keys that AWS sets itself and that some policy
	// refers to, so that Evaluate checks only those in a request context
	// (see guardedKeys).
	guarded keySet
}

// New compiles the policies of set into an Evaluator. It rejects these
// policies with a *PolicyError wrapping ErrInvalidPolicy:
//
//   - a nil policy,
//   - an identity-based policy (identity, permissions boundary, session) or
//     SCP with a Principal or NotPrincipal element,
//   - an RCP naming a principal other than "*",
//   - a resource-based policy (resource, access point) with a statement
//     that names no principal.
//
// Malformed access point settings give an error wrapping
// ErrInvalidAccessPoint.
func New(set PolicySet) (*Evaluator, error) {
	return build(set, defaultIndexing)
}

func build(set PolicySet, ix indexing) (*Evaluator, error) {
	b := builder{keys: map[string]keyUse{}, indexing: ix}
	e := &Evaluator{}
	for i, p := range set.Identity {
		e.identity = append(e.identity, b.compile(p, PolicyID{Kind: KindIdentity, Index: b.index(i, KindIdentity)}))
	}
	e.boundary = b.optional(set.PermissionsBoundary, KindPermissionsBoundary)
	e.session = b.optional(set.Session, KindSession)
	e.resource = b.optional(set.Resource, KindResource)
	e.accessPoint = b.optional(set.AccessPointPolicy, KindAccessPoint)
	e.scps = b.levels(set.SCPs, KindSCP)
	e.rcps = b.levels(set.RCPs, KindRCP)
	if b.err != nil {
		return nil, b.err
	}

	if set.AccessPoint != nil {
		ap, err := newAccessPointConfig(set.AccessPoint, b.keys)
		if err != nil {
			return nil, err
		}
		e.ap = ap
	}
	foldAccessPointKeys(b.compiled, e.ap, b.keys)
	for k, name := range derivedKeyNames {
		e.derived[k] = b.keys[name] != 0
		e.anyDerived = e.anyDerived || e.derived[k]
	}
	e.guarded = guardedKeys(b.keys)
	e.tables = buildGroupTables(b.compiled)
	return e, nil
}

// builder compiles the policies of a set, keeping the first error and the
// condition keys they refer to.
type builder struct {
	keys     map[string]keyUse
	indexing indexing
	err      error
	compiled []*compiledPolicy // in the order compiled
}

func (b *builder) compile(p *policy.Policy, id PolicyID) *compiledPolicy {
	if b.err != nil {
		return nil
	}
	cp, err := compilePolicy(p, id, b.keys, b.indexing)
	b.err = err
	b.compiled = append(b.compiled, cp)
	return cp
}

// index converts a position in a list of policies to the type of PolicyID,
// recording an error for a list too long for it.
func (b *builder) index(i int, kind PolicyKind) uint16 {
	if i > math.MaxUint16 && b.err == nil {
		b.err = &PolicyError{Policy: kind.String(), Err: ErrInvalidPolicy,
			msg: fmt.Sprintf("more than %d policies or levels", math.MaxUint16+1)}
	}
	return uint16(i)
}

func (b *builder) optional(p *policy.Policy, kind PolicyKind) *compiledPolicy {
	if p == nil {
		return nil
	}
	return b.compile(p, PolicyID{Kind: kind})
}

func (b *builder) levels(levels [][]*policy.Policy, kind PolicyKind) [][]*compiledPolicy {
	var out [][]*compiledPolicy
	for l, level := range levels {
		compiled := []*compiledPolicy{}
		for i, p := range level {
			compiled = append(compiled, b.compile(p, PolicyID{Kind: kind, Level: b.index(l, kind), Index: b.index(i, kind)}))
		}
		out = append(out, compiled)
	}
	return out
}

// Evaluate decides the request r, following the AWS policy evaluation
// logic described in the package documentation. It does not allocate
// (see Performance in the package documentation for the one exception).
//
// Before evaluating, Evaluate adds to the request context the keys that
// AWS derives from the caller and that some policy refers to, when the
// context does not have them:
//
//	aws:PrincipalArn           the user, federated user or root ARN; the role ARN for a role session
//	aws:PrincipalAccount       the caller's account; "anonymous" for an unsigned request
//	aws:PrincipalType          User, AssumedRole, FederatedUser, Account or Anonymous
//	aws:username               IAM users only
//	aws:userid                 root (account ID), federated user (ACCOUNT:NAME), anonymous
//	aws:PrincipalIsAWSService  "true" for a service principal, "false" for other signed requests
//	aws:PrincipalServiceName   the service principal
//
// aws:userid is not derived for IAM users and role sessions, whose unique
// IDs are not part of their ARNs: set it in the context when a policy
// tests it. For a request through an access point, Evaluate also sets
// s3:DataAccessPointArn, s3:DataAccessPointAccount and
// s3:AccessPointNetworkOrigin from the access point settings.
//
// A context may hold the keys derived from the caller, but only with the
// values AWS would set: Evaluate rejects a request whose context
// contradicts its principal, or sets an access point key, as described
// for Request.Context.
//
// A nil Evaluator decides nothing: the Result is ImplicitDeny with an Err
// wrapping ErrInvalidRequest.
func (e *Evaluator) Evaluate(r *Request) (res Result) {
	e.evaluate(r, &res)
	return res
}

// evaluate decides r into res.
func (e *Evaluator) evaluate(r *Request, res *Result) {
	if e == nil {
		res.Decision, res.Reason, res.Err = ImplicitDeny, ReasonInvalidRequest, errNilEvaluator
		return
	}
	if r == nil {
		res.Decision, res.Reason, res.Err = ImplicitDeny, ReasonInvalidRequest, errNilRequest
		return
	}
	c := call{ev: e, p: &r.Principal, res: res}
	g := gate{call: &c}
	if err := g.setRequest(r, e.ap); err != nil {
		res.Decision, res.Reason, res.Err = ImplicitDeny, ReasonInvalidRequest, err
		return
	}
	if c.lowerLen > 0 {
		c.actionGroups, c.serviceGroups = e.tables.lookup(c.lower[:c.lowerLen], len(c.service))
	}
	callerKeys, err := e.checkContext(r)
	if err != nil {
		res.Decision, res.Reason, res.Err = ImplicitDeny, ReasonInvalidRequest, err
		return
	}

	// Add the derived keys policies refer to and the caller's context does
	// not hold, each as a layer built by condition.Context.WithKey. A key
	// the caller set keeps the caller's value, which checkContext found
	// consistent with the principal. The layers stay on this function's
	// stack only if each result has a variable of its own and the calls sit
	// in this function. A loop reusing one variable would point it at
	// itself, and a helper would return its layers. Either would make
	// escape analysis move them to the heap, hence the unrolled code.
	c0 := r.Context
	if !e.anyDerived {
		e.decide(&g, c0)
		return
	}
	c1 := c0
	if key, values, ok := e.derivedKey(r, callerKeys, 0); ok {
		c1 = c0.WithKey(key, values...)
	}
	c2 := c1
	if key, values, ok := e.derivedKey(r, callerKeys, 1); ok {
		c2 = c1.WithKey(key, values...)
	}
	c3 := c2
	if key, values, ok := e.derivedKey(r, callerKeys, 2); ok {
		c3 = c2.WithKey(key, values...)
	}
	c4 := c3
	if key, values, ok := e.derivedKey(r, callerKeys, 3); ok {
		c4 = c3.WithKey(key, values...)
	}
	c5 := c4
	if key, values, ok := e.derivedKey(r, callerKeys, 4); ok {
		c5 = c4.WithKey(key, values...)
	}
	c6 := c5
	if key, values, ok := e.derivedKey(r, callerKeys, 5); ok {
		c6 = c5.WithKey(key, values...)
	}
	ctx := c6
	if key, values, ok := e.derivedKey(r, callerKeys, 6); ok {
		ctx = c6.WithKey(key, values...)
	}
	e.decide(&g, ctx)
}

// decide evaluates the request of g with the context ctx, directly or
// through an access point.
func (e *Evaluator) decide(g *gate, ctx *condition.Context) {
	if g.arn.Service == "s3" && g.arn.Account != "" {
		if s3, ok := g.accessPoint(); ok {
			e.throughAccessPoint(g, ctx, s3)
			return
		}
	}
	e.directGate(g)
	g.res.Decision, g.res.Reason = g.run(ctx)
}

// directGate completes g for a request made directly to the resource: the
// resource-based policy is the one of the set.
func (e *Evaluator) directGate(g *gate) {
	g.resourcePolicy = e.resource
	g.rootSafeguard = isRootSafeguard(g)
}

// The unrolled code of evaluate handles exactly seven derived keys.
var (
	_ [derivedKeyCount - 7]struct{}
	_ [7 - derivedKeyCount]struct{}
)

// checkContext checks the context of r against its principal (see
// Principal.checkContext) when some policy refers to a key AWS sets, and
// returns the derived keys the context contains.
func (e *Evaluator) checkContext(r *Request) (keySet, error) {
	if e.guarded == 0 || r.Context == nil {
		return 0, nil
	}
	return r.Principal.checkContext(r.Context, e.guarded)
}

// derivedKey returns the derived key k and its values when Evaluate adds
// it to the context of r: some policy refers to it, the principal has a
// value for it, and it is not among callerKeys, the keys the context contains.
func (e *Evaluator) derivedKey(r *Request, callerKeys keySet, k int) (condition.Key, []string, bool) {
	values := r.Principal.keys[k]
	if !e.derived[k] || values == nil || callerKeys&(1<<k) != 0 {
		return condition.Key{}, nil, false
	}
	return derivedKeys[k], values, true
}

// isRootSafeguard reports whether the request is the bucket owner's root
// user reading, changing or deleting its own bucket policy. S3 allows these
// three actions to that user even when the bucket policy denies them, so
// that a bucket policy cannot lock its owner out; SCPs and RCPs still
// apply.
func isRootSafeguard(g *gate) bool {
	if g.p.typ != PrincipalRoot || g.owner != g.p.account || g.resourcePolicy == nil || g.resourcePolicy != g.ev.resource {
		return false
	}
	switch string(g.lower[:g.lowerLen]) {
	case "s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy":
		return true
	}
	return false
}
