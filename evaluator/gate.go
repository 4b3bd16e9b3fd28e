package evaluator

import (
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
)

// maxAction is the longest action name, in bytes, that is lower-cased on
// the stack for the action index. A longer action skips the index and is
// compared with every statement.
const maxAction = 128

// call holds what the gates of one Evaluate call share: the evaluator,
// the caller, the result and the action. It lives on the stack of the
// call, and gates point to it, so that building a gate copies little.
type call struct {
	ev  *Evaluator
	p   *Principal
	res *Result

	action   string
	lower    [maxAction]byte // action in lower case, when it fits
	lowerLen int             // 0 when the action is too long for lower or not ASCII
	service  string          // service prefix of the action, as written

	// The groups of the indexed policies for the action and its service,
	// from the evaluator's groupTables.
	actionGroups, serviceGroups []policyGroup
}

// gate is one evaluation of the request against every policy, with one
// resource-based policy and one form of the resource ARN. The request
// context is passed to its methods rather than kept in it, because the
// context may be a chain of layers on the caller's stack. Escape analysis
// does not tell a struct's fields apart, so it would move the layers to
// the heap as soon as any string reachable from the gate is stored in a
// Result. A direct request has one gate. A request through an S3 access
// point has two: the access point policy against the access point ARN,
// and the bucket policy against the bucket ARN. A gate lives on the stack
// of one Evaluate call.
type gate struct {
	*call

	resource string      // resource ARN text or "*"
	arn      arn.ARN     // resource parsed; zero when resource is "*"
	star     bool        // the request resource is "*"
	path     requestPath // whether the request came through the access point
	owner    string      // account owning the resource; "" when unknown

	// ownAccessPoint is true when resource starts with the ARN of the
	// evaluator's access point, followed by nothing or '/'.
	ownAccessPoint bool

	resourcePolicy *compiledPolicy
	rootSafeguard  bool // the bucket owner's root user manages its bucket policy

	denied bool // an applicable Deny was found
}

// policyOutcome sums up the statements of one policy that applied.
type policyOutcome struct {
	allowed bool  // an Allow statement applied
	grant   grant // strongest grant of an applied resource-based Allow
}

// setRequest fills in the parts of the gate that come from the request,
// after checking them. The resource is parsed here, once per request, and
// the action checked while it is lower-cased. ap is the evaluator's
// access point, or nil. It is a parameter, not read through g, because
// storing into *g a string loaded through g would make escape analysis
// move everything g points to, the Result included, to the heap.
func (g *gate) setRequest(r *Request, ap *accessPointConfig) error {
	// The type is read in place: IsValid has a value receiver, and a call
	// would copy the whole Principal.
	if r.Principal.typ == 0 || !g.setAction(r.Action) ||
		r.ResourceAccount != "" && !isAccountID(r.ResourceAccount) {
		return r.check()
	}
	g.resource, g.star = r.Resource, r.Resource == "*"
	g.owner = r.ResourceAccount
	if !g.star {
		a, ok := ap.split(r.Resource)
		g.ownAccessPoint = ok
		var valid bool
		switch {
		case ok:
			valid = ap.lowerHead && isText(a.Resource)
		default:
			a, valid = parseRequestARN(r.Resource)
		}
		if !valid {
			return r.checkResource()
		}
		g.arn = a
		if r.ResourceAccount == "" && isAccountID(a.Account) {
			g.owner = a.Account
		}
	}
	return nil
}

// isAccountID reports whether s is an AWS account ID, twelve decimal
// digits, as policy.IsAccountID does, testing two overlapping blocks of
// eight bytes.
func isAccountID(s string) bool {
	return len(s) == 12 && isDigits(load64(s[:8])) && isDigits(load64(s[4:12]))
}

// setAction records the action and, when it is not too long, its
// lower-case form. It reports whether the action is valid, as isAction
// defines it, checking it while it is lower-cased.
func (g *gate) setAction(action string) bool {
	colon := strings.IndexByte(action, ':')
	if colon <= 0 || colon == len(action)-1 {
		return false
	}
	g.action, g.service = action, action[:colon]
	if len(action) > maxAction {
		// Matched with case folding, without the lower-case form.
		return isAction(action)
	}
	if !lowerAction(g.lower[:len(action)], action, colon) {
		return false
	}
	g.lowerLen = len(action)
	return true
}

// accessPoint returns the request resource as an S3 access point ARN,
// and false when it is not one. Bucket and object ARNs have no account,
// which rules them out before the full parse.
func (g *gate) accessPoint() (arn.S3Resource, bool) {
	if g.arn.Service != "s3" || g.arn.Account == "" {
		return arn.S3Resource{}, false
	}
	if g.ownAccessPoint {
		if s3, ok := g.ev.ap.parse(g.resource); ok {
			return s3, true
		}
	}
	s3, ok := g.arn.S3()
	return s3, ok && s3.Kind.IsAccessPoint()
}

// run evaluates every policy for the gate and combines the outcomes.
func (g *gate) run(ctx *condition.Context) (Decision, Reason) {
	typ := g.p.typ
	scpOK, rcpOK := true, true
	if len(g.ev.scps) > 0 && g.scpsApply() {
		scpOK = g.levels(g.ev.scps, ctx)
	}
	if len(g.ev.rcps) > 0 {
		rcpOK = g.levels(g.ev.rcps, ctx)
	}

	identity, boundaryOK, sessionOK := false, true, true
	if g.identityApplies() {
		for _, p := range g.ev.identity {
			identity = g.visitPolicy(p, ctx).allowed || identity
		}
		if g.ev.boundary != nil {
			boundaryOK = g.visitPolicy(g.ev.boundary, ctx).allowed
		}
		if g.ev.session != nil {
			sessionOK = g.visitPolicy(g.ev.session, ctx).allowed
		} else if typ == PrincipalFederatedUser {
			sessionOK = false // a federated user without a session policy has no identity permissions
		}
	}

	resource := grantNone
	if g.resourcePolicy != nil {
		resource = g.visitPolicy(g.resourcePolicy, ctx).grant
	}

	switch {
	case g.denied:
		return ExplicitDeny, ReasonNone
	case !rcpOK:
		return ImplicitDeny, ReasonRCP
	case !scpOK:
		return ImplicitDeny, ReasonSCP
	}
	return g.combine(identity, boundaryOK, sessionOK, resource)
}

// identityApplies reports whether the caller has identity-based policies:
// anonymous callers and service principals have none.
func (g *gate) identityApplies() bool {
	return g.p.typ != PrincipalAnonymous && g.p.typ != PrincipalService
}

// scpsApply reports whether SCPs restrict the caller. They restrict the
// users, roles and root users of member accounts, except service-linked
// roles.
func (g *gate) scpsApply() bool {
	return g.identityApplies() && !g.p.linked
}

// levels evaluates SCPs or RCPs and reports whether every level has a
// policy with an applicable Allow.
func (g *gate) levels(levels [][]*compiledPolicy, ctx *condition.Context) bool {
	ok := true
	for _, level := range levels {
		allowed := false
		for _, p := range level {
			allowed = g.visitPolicy(p, ctx).allowed || allowed
		}
		ok = ok && allowed
	}
	return ok
}

// combine decides between Allow and ImplicitDeny once no Deny applied and
// the organization policies allowed the request.
func (g *gate) combine(identity, boundaryOK, sessionOK bool, resource grant) (Decision, Reason) {
	typ := g.p.typ
	if typ == PrincipalAnonymous || typ == PrincipalService {
		if resource == grantFull {
			return Allow, ReasonNone
		}
		return ImplicitDeny, ReasonNoAllow
	}

	// The root user needs no identity-based policy for its own account, and
	// a resource-based policy naming its account (or "*") is enough for
	// another account's resource.
	identity = identity || typ == PrincipalRoot
	limitsOK := boundaryOK && sessionOK
	if g.owner != "" && g.owner == g.p.account {
		return sameAccount(identity, boundaryOK, sessionOK, resource)
	}
	if identity && limitsOK && resource != grantNone {
		return Allow, ReasonNone
	}
	switch {
	case !identity && resource == grantNone:
		return ImplicitDeny, ReasonNoAllow
	case identity && !boundaryOK:
		return ImplicitDeny, ReasonPermissionsBoundary
	case identity && !sessionOK:
		return ImplicitDeny, ReasonSessionPolicy
	case resource == grantNone:
		return ImplicitDeny, ReasonResourcePolicy
	}
	return ImplicitDeny, ReasonIdentityPolicy
}

// sameAccount combines the outcomes of a request whose caller and resource
// share an account. Identity-based and resource-based grants add up. A
// grant naming the caller's role, or the IAM user behind a federated user,
// still needs the boundary and session policy. A grant naming the account
// only delegates to the identity-based policies.
func sameAccount(identity, boundaryOK, sessionOK bool, resource grant) (Decision, Reason) {
	limitsOK := boundaryOK && sessionOK
	switch {
	case resource == grantFull,
		identity && limitsOK,
		resource == grantLimited && limitsOK:
		return Allow, ReasonNone
	}
	limited := identity || resource == grantLimited
	switch {
	case limited && !boundaryOK:
		return ImplicitDeny, ReasonPermissionsBoundary
	case limited && !sessionOK:
		return ImplicitDeny, ReasonSessionPolicy
	case resource == grantAccount:
		return ImplicitDeny, ReasonIdentityPolicy
	}
	return ImplicitDeny, ReasonNoAllow
}
