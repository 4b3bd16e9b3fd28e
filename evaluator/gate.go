package evaluator

import (
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// maxAction is the longest action name, in bytes, that is lower-cased on
// the stack for the action index. A longer action skips the index and is
// compared with every statement.
const maxAction = 128

// gate is one evaluation of the request against every policy, with one
// resource-based policy and one form of the resource ARN. The request
// context is passed to its methods rather than kept in it, because the
// context may be a chain of layers on the caller's stack. Escape analysis
// does not tell a struct's fields apart, so it would move the layers to
// the heap as soon as any string reachable from the gate is stored in a
// Result. A direct request
// has one gate. A request through an S3 access point has two: the access
// point policy against the access point ARN, and the bucket policy against
// the bucket ARN. A gate lives on the stack of one Evaluate call.
type gate struct {
	ev  *Evaluator
	p   *Principal
	res *Result

	action   string
	lower    [maxAction]byte // action in lower case, when it fits
	lowerLen int             // 0 when the action is too long for lower or not ASCII
	service  string          // service prefix of the action, as written

	resource string  // resource ARN text or "*"
	arn      arn.ARN // resource parsed; zero when resource is "*"
	star     bool    // the request resource is "*"
	owner    string  // account owning the resource; "" when unknown

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
// the action checked while it is lower-cased.
func (g *gate) setRequest(r *Request) error {
	if !r.Principal.IsValid() || !g.setAction(r.Action) ||
		r.ResourceAccount != "" && !policy.IsAccountID(r.ResourceAccount) {
		return r.check()
	}
	g.resource, g.star = r.Resource, r.Resource == "*"
	if !g.star {
		a, err := arn.Parse(r.Resource)
		if err != nil {
			return r.checkResource()
		}
		g.arn = a
	}
	return nil
}

// setAction records the action and, when it is plain ASCII and not too
// long, its lower-case form. It reports whether the action is a plain
// action name, "service:Name" without wildcards.
func (g *gate) setAction(action string) bool {
	colon := strings.IndexByte(action, ':')
	if colon <= 0 || colon == len(action)-1 {
		return false
	}
	g.action, g.service = action, action[:colon]
	if len(action) > maxAction {
		return !strings.ContainsAny(action, "*?")
	}
	lower := g.lower[:len(action)]
	for i := range lower {
		c := action[i]
		switch {
		case c == '*' || c == '?' || c >= 0x80:
			return g.unusualAction(action)
		case c-'A' < 26:
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	g.lowerLen = len(action)
	return true
}

// unusualAction reports whether an action with a wildcard or a byte outside
// ASCII is valid: the first is not, the second is but is matched with
// Unicode case folding, without the lower-case form.
func (g *gate) unusualAction(action string) bool {
	g.lowerLen = 0
	return !strings.ContainsAny(action, "*?")
}

// accessPoint returns the request resource as an S3 access point ARN,
// and false when it is not one. Bucket and object ARNs have no account,
// which rules them out before the full parse.
func (g *gate) accessPoint() (arn.S3Resource, bool) {
	if g.arn.Service != "s3" || g.arn.Account == "" {
		return arn.S3Resource{}, false
	}
	s3, ok := g.arn.S3()
	return s3, ok && s3.Kind.IsAccessPoint()
}

// run evaluates every policy for the gate and combines the outcomes.
func (g *gate) run(ctx *condition.Context) (Decision, Reason) {
	typ := g.p.typ
	scpOK := true
	if g.scpsApply() {
		scpOK = g.levels(g.ev.scps, ctx)
	}
	rcpOK := g.levels(g.ev.rcps, ctx)

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

// visitPolicy evaluates the statements of p that can apply to the request
// and records those that do.
func (g *gate) visitPolicy(p *compiledPolicy, ctx *condition.Context) policyOutcome {
	var out policyOutcome
	if p.index == nil || g.lowerLen == 0 {
		for i := range p.stmts {
			g.visit(p, int32(i), false, &out, ctx)
		}
		return out
	}
	key := g.lower[:g.lowerLen]
	if p.index.merged != nil {
		if grp := p.index.merged[string(key)]; grp != nil {
			g.visitGroup(p, grp, &out, ctx)
			return out
		}
	} else if grp := p.index.exact[string(key)]; grp != nil {
		g.visitGroup(p, grp, &out, ctx)
	}
	// The action is not named in the policy, or the unions were too large
	// to merge: visit the service and other groups.
	if grp := p.index.service[string(key[:len(g.service)])]; grp != nil {
		g.visitGroup(p, grp, &out, ctx)
	}
	if p.index.other != nil {
		g.visitGroup(p, p.index.other, &out, ctx)
	}
	return out
}

func (g *gate) visitGroup(p *compiledPolicy, grp *group, out *policyOutcome, ctx *condition.Context) {
	if grp.byPrefix == nil || g.star {
		for _, id := range grp.ids {
			g.visitEntry(p, id, out, ctx)
		}
		return
	}
	for _, n := range grp.lengths {
		if n > len(g.resource) {
			return
		}
		for _, id := range grp.byPrefix[g.resource[:n]] {
			g.visitEntry(p, id, out, ctx)
		}
	}
}

// visitEntry visits the statement of a group entry; a negative entry
// marks a statement whose action is known to match.
func (g *gate) visitEntry(p *compiledPolicy, id int32, out *policyOutcome, ctx *condition.Context) {
	if id < 0 {
		g.visit(p, ^id, true, out, ctx)
		return
	}
	g.visit(p, id, false, out, ctx)
}

// visit evaluates one statement and records it when it applies.
func (g *gate) visit(p *compiledPolicy, id int32, actionKnown bool, out *policyOutcome, ctx *condition.Context) {
	s := &p.stmts[id]
	if g.setAside(p, s) {
		return
	}
	applied, strength := g.applies(s, actionKnown, ctx)
	if !applied {
		return
	}
	g.res.add(Match{Policy: p.id, Statement: int(id), Sid: s.src.Sid, Effect: s.effect})
	if s.effect == policy.Deny {
		g.denied = true
		return
	}
	out.allowed = true
	out.grant = max(out.grant, strength)
}

// setAside reports whether the Deny statement s of the bucket policy p
// is ignored because the bucket owner's root user manages its bucket
// policy.
func (g *gate) setAside(p *compiledPolicy, s *statement) bool {
	return s.effect == policy.Deny && g.rootSafeguard && p == g.resourcePolicy
}

// applies reports whether s applies to the request and, for a
// resource-based Allow, how strongly its Principal element grants it. A
// Resource or Condition element that is indeterminate makes an Allow not
// apply and a Deny apply.
func (g *gate) applies(s *statement, actionKnown bool, ctx *condition.Context) (bool, grant) {
	if !actionKnown && !g.actionMatches(s) {
		return false, grantNone
	}
	resource := g.resourceMatches(s, ctx)
	if resource == condition.False {
		return false, grantNone
	}
	strength := grantFull
	switch {
	case s.principals == nil:
	case s.notPrincipal:
		// AWS supports NotPrincipal only with Deny: an Allow with it never
		// grants.
		if s.effect == policy.Allow || s.principals.excludes(g.p, g.ev.boundary != nil) {
			return false, grantNone
		}
	default:
		if strength = s.principals.match(g.p); strength == grantNone {
			return false, grantNone
		}
	}
	switch resource.And(s.conditions.Eval(ctx)) {
	case condition.True:
		return true, strength
	case condition.Indeterminate:
		return s.effect == policy.Deny, strength
	}
	return false, grantNone
}

// actionMatches reports whether the Action or NotAction element of s
// matches the request action, using the action lower-cased once for the
// request when it is plain ASCII.
func (g *gate) actionMatches(s *statement) bool {
	lower := g.lower[:g.lowerLen]
	for i := range s.actions {
		a := &s.actions[i]
		var ok bool
		if g.lowerLen > 0 {
			ok = a.matchesLower(lower, g.action)
		} else {
			ok = a.matches(g.action)
		}
		if ok {
			return !s.notAction
		}
	}
	return s.notAction
}

// actionMatches reports whether the Action or NotAction element of s
// matches action, in any case.
func (s *statement) actionMatches(action string) bool {
	for i := range s.actions {
		if s.actions[i].matches(action) {
			return !s.notAction
		}
	}
	return s.notAction
}

// resourceMatches reports whether the Resource or NotResource element of s
// matches the request resource. The result is Indeterminate only for a
// request whose resource is "*" (see matchPattern).
func (g *gate) resourceMatches(s *statement, ctx *condition.Context) condition.Outcome {
	matched := condition.False
	for i := range s.resources {
		pat := &s.resources[i]
		var o condition.Outcome
		switch {
		case g.star || pat.kind == matchGlob:
			o = g.matchPattern(pat, ctx)
		case pat.kind == matchExact:
			o = outcome(g.resource == pat.literal)
		case pat.kind == matchPrefix:
			o = outcome(strings.HasPrefix(g.resource, pat.literal))
		default: // matchAll
			o = condition.True
		}
		if matched = matched.Or(o); matched == condition.True {
			break
		}
	}
	if s.notResource {
		return matched.Not()
	}
	return matched
}

// matchPattern matches one Resource pattern. A pattern with a policy
// variable that cannot be resolved matches nothing.
//
// A request whose resource is "*", for an action without a resource type
// such as s3:ListAllMyBuckets, is matched by the pattern "*". AWS
// documentation disagrees on whether a pattern of the action's service
// whose other parts are all "*" or empty, such as "arn:aws:s3:::*", also
// matches. The IAM NotAction reference states that an Allow on
// arn:aws:s3:::* does not allow ListAllMyBuckets, while an S3 user guide
// walkthrough grants ListAllMyBuckets with exactly that pattern. Such a match is therefore
// Indeterminate, which keeps an Allow from granting and lets a Deny apply.
func (g *gate) matchPattern(pat *resourcePattern, ctx *condition.Context) condition.Outcome {
	if g.star {
		switch {
		case pat.IsAll():
			return condition.True
		case pat.MatchesAllOfService(strings.ToLower(g.service)):
			return condition.Indeterminate
		}
		return condition.False
	}
	vars := pat.Variables()
	if len(vars) == 0 {
		return outcome(pat.match(g.resource, g.arn, nil))
	}
	if len(vars) > maxVariables {
		return condition.Indeterminate
	}
	var bound [maxVariables]string
	for i, v := range vars {
		value, ok := resolve(ctx, v)
		if !ok {
			return condition.False
		}
		bound[i] = value
	}
	return outcome(pat.match(g.resource, g.arn, bound[:len(vars)]))
}

// maxVariables is the number of distinct policy variables a Resource
// pattern may use. The values are collected on the stack; a pattern with
// more is Indeterminate, so it grants nothing and still denies.
const maxVariables = 16

func outcome(b bool) condition.Outcome {
	if b {
		return condition.True
	}
	return condition.False
}

// resolve returns the value of a policy variable: the key's only value, or
// the variable's default when the key is absent. A key with several values
// cannot be substituted, and an absent key without a default leaves the
// variable unresolved.
func resolve(ctx *condition.Context, v arn.Variable) (string, bool) {
	values, ok := ctx.Get(v.Key)
	switch {
	case !ok && v.HasDefault:
		return v.Default, true
	case len(values) == 1:
		return values[0], true
	}
	return "", false
}
