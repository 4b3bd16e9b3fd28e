package evaluator

import (
	"strings"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// visitPolicy evaluates the statements of p that can apply to the request
// and records those that do.
func (g *gate) visitPolicy(p *compiledPolicy, ctx *condition.Context) policyOutcome {
	var out policyOutcome
	if p.index == nil || g.lowerLen == 0 {
		for i := range p.stmts {
			if g.actionMatches(&p.stmts[i]) {
				g.visit(p, int32(i), &out, ctx)
			}
		}
		return out
	}
	grp := groupOf(g.actionGroups, p.ordinal)
	if grp != nil {
		if g.visitGroup(p, grp, &out, ctx); p.index.merged != nil {
			return out
		}
	}
	// The action is not named in the policy, or the unions were too large
	// to merge: visit the service and other groups.
	if grp := groupOf(g.serviceGroups, p.ordinal); grp != nil {
		g.visitGroup(p, grp, &out, ctx)
	}
	if p.index.other != nil {
		g.visitGroup(p, p.index.other, &out, ctx)
	}
	return out
}

func (g *gate) visitGroup(p *compiledPolicy, grp *group, out *policyOutcome, ctx *condition.Context) {
	if grp.byPrefix == nil || g.star {
		g.visitEntries(p, grp.ids, out, ctx)
		return
	}
	for _, n := range grp.lengths {
		if n > len(g.resource) {
			return
		}
		g.visitEntries(p, grp.byPrefix[g.resource[:n]], out, ctx)
	}
}

// visitEntries visits the statements of group entries whose action
// matches. An entry ^i (negative) marks statement i, whose Action is
// known to match (see group.ids), so it needs no action check.
func (g *gate) visitEntries(p *compiledPolicy, ids []int32, out *policyOutcome, ctx *condition.Context) {
	for _, id := range ids {
		if id < 0 {
			g.visit(p, ^id, out, ctx)
		} else if g.actionMatches(&p.stmts[id]) {
			g.visit(p, id, out, ctx)
		}
	}
}

// visit evaluates statement id of p, whose action matches, and records it
// when it applies.
func (g *gate) visit(p *compiledPolicy, id int32, out *policyOutcome, ctx *condition.Context) {
	s := &p.stmts[id]
	if g.setAside(p, s) {
		return
	}
	applied, strength := g.applies(s, true, ctx)
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
// apply and a Deny apply. actionKnown skips the Action check for a
// statement whose action is known to match.
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
	case s.principals == nil || s.anyone:
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
	conditions := s.fixed[g.path]
	switch {
	case conditions == condition.False:
		return false, grantNone
	case len(s.live) == 1:
		conditions = conditions.And(s.live[0].Eval(ctx))
	case len(s.live) > 1:
		conditions = conditions.And(s.live.Eval(ctx))
	}
	switch resource.And(conditions) {
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
	var ok bool
	if g.lowerLen > 0 {
		ok = s.actions.matchesLower(g.lower[:g.lowerLen], len(g.service), g.action)
	} else {
		ok = s.actions.matches(g.action)
	}
	return ok != s.notAction
}

// actionMatches reports whether the Action or NotAction element of s
// matches action, in any case.
func (s *statement) actionMatches(action string) bool {
	return s.actions.matches(action) != s.notAction
}

// resourceMatches reports whether the Resource or NotResource element of s
// matches the request resource. The result is Indeterminate only for a
// request whose resource is "*" (see matchPattern).
func (g *gate) resourceMatches(s *statement, ctx *condition.Context) condition.Outcome {
	matched := condition.False
	for i := range s.resources {
		pat := &s.resources[i]
		var ok bool
		switch {
		case g.star || pat.kind == matchGlob:
			o := g.matchPattern(pat, ctx)
			if o == condition.Indeterminate {
				matched = condition.Indeterminate
				continue
			}
			ok = o == condition.True
		case pat.kind == matchExact:
			ok = g.resource == pat.literal
		case pat.kind == matchPrefix:
			ok = strings.HasPrefix(g.resource, pat.literal)
		default: // matchAll
			ok = true
		}
		if ok {
			matched = condition.True
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
	if len(vars) > maxVariables {
		return condition.Indeterminate
	}
	if !strings.HasPrefix(g.resource, pat.literal) {
		return condition.False
	}
	switch len(vars) {
	case 0:
		return outcome(pat.matchGlob(g.resource, g.arn, nil))
	case 1:
		// One variable is the common case, which needs no array.
		value, ok := resolveKey(ctx, pat.keys[0], vars[0])
		return outcome(ok && pat.matchGlob(g.resource, g.arn, []string{value}))
	}
	var bound [maxVariables]string
	for i, v := range vars {
		value, ok := resolveKey(ctx, pat.keys[i], v)
		if !ok {
			return condition.False
		}
		bound[i] = value
	}
	return outcome(pat.matchGlob(g.resource, g.arn, bound[:len(vars)]))
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
	return resolveKey(ctx, condition.NewKey(v.Key), v)
}

// resolveKey is resolve with the variable's key made once, at compile time.
func resolveKey(ctx *condition.Context, key condition.Key, v arn.Variable) (string, bool) {
	values, ok := ctx.Lookup(key)
	switch {
	case !ok && v.HasDefault:
		return v.Default, true
	case len(values) == 1:
		return values[0], true
	}
	return "", false
}
