package evaluator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// Explanation records why Evaluate reached its decision: for each policy
// whether it allowed, denied or did not apply to the request, and for each
// statement the element that did not match. Explain builds it; Evaluate
// never does, so decisions cost nothing extra.
type Explanation struct {
	// Result is the decision, as Evaluate returns it.
	Result Result

	// Rejected is set when an access point refused the request before any
	// policy was read; Gates is then empty.
	Rejected string

	// Gates lists the evaluations that took place: one for a direct
	// request, two ("access point" and "bucket") for a request through an
	// access point.
	Gates []GateExplanation
}

// GateExplanation is one evaluation of every policy against one form of
// the resource ARN.
type GateExplanation struct {
	Name     string // "request", "access point" or "bucket"
	Resource string // the resource ARN the policies were matched against
	Policies []PolicyExplanation
}

// PolicyOutcome is the contribution of one policy to a gate.
type PolicyOutcome uint8

// The outcomes of a policy.
const (
	// PolicyNotApplicable: no statement of the policy applied.
	PolicyNotApplicable PolicyOutcome = iota

	// PolicyAllowed: an Allow statement applied and no Deny did.
	PolicyAllowed

	// PolicyDenied: a Deny statement applied.
	PolicyDenied

	// PolicySkipped: the policy does not apply to this caller, such as
	// SCPs for a service-linked role. Note gives the reason.
	PolicySkipped
)

var policyOutcomeNames = [...]string{
	PolicyNotApplicable: "did not apply",
	PolicyAllowed:       "allowed",
	PolicyDenied:        "denied",
	PolicySkipped:       "skipped",
}

// String returns "did not apply", "allowed", "denied" or "skipped".
func (o PolicyOutcome) String() string {
	if int(o) < len(policyOutcomeNames) {
		return policyOutcomeNames[o]
	}
	return "PolicyOutcome(" + strconv.Itoa(int(o)) + ")"
}

// PolicyExplanation is the outcome of one policy in one gate.
type PolicyExplanation struct {
	Policy     PolicyID
	Outcome    PolicyOutcome
	Note       string // the reason the policy was skipped
	Statements []StatementExplanation
}

// StatementExplanation records whether one statement applied and, if
// not, which element did not match.
type StatementExplanation struct {
	Index  int
	Sid    string
	Effect policy.Effect

	// Applied reports whether the statement applied to the request.
	Applied bool

	// Indeterminate reports that the Condition element could not be
	// decided, which makes a Deny apply and an Allow not apply.
	Indeterminate bool

	// Failed names the element that did not match: "Action", "NotAction",
	// "Resource", "NotResource", "Principal", "NotPrincipal" or
	// "Condition". It is "" for an applied statement and for one that a
	// rule set aside, which Detail names.
	Failed string

	// Detail explains Failed, or why the statement was set aside.
	Detail string

	// Conditions lists every test of the Condition element that was
	// evaluated.
	Conditions []ConditionExplanation
}

// ConditionExplanation is the outcome of one condition test.
type ConditionExplanation struct {
	Operator      string
	Key           string
	PolicyValues  []string
	RequestValues []string // nil when the key is absent from the request
	Outcome       condition.Outcome
}

// Explain evaluates r like Evaluate and explains the decision. It visits
// every statement of every policy, so it is much slower than Evaluate, and
// it allocates.
func (e *Evaluator) Explain(r *Request) *Explanation {
	x := &Explanation{Result: e.Evaluate(r)}
	if x.Result.Err != nil || r == nil {
		return x
	}
	var scratch Result
	c := call{ev: e, p: &r.Principal, res: &scratch}
	g := gate{call: &c}
	if err := g.setRequest(r, e.ap); err != nil {
		return x // Evaluate has accepted the request, so this does not happen
	}
	ctx := e.withDerivedKeys(r)
	if s3, ok := g.accessPoint(); ok {
		if reason := e.rejection(&g, ctx, s3); reason != ReasonNone {
			x.Rejected = rejectionText(reason)
			return x
		}
		for k, needed := range e.ap.needed {
			if needed {
				ctx = ctx.WithKey(apKeys[k], e.ap.keys[k]...)
			}
		}
		apGate, bucketGate := e.accessPointGates(&g, s3)
		x.Gates = append(x.Gates, apGate.explain("access point", ctx), bucketGate.explain("bucket", ctx))
		return x
	}
	e.directGate(&g)
	x.Gates = append(x.Gates, g.explain("request", ctx))
	return x
}

// explain walks the policies in the order run evaluates them and explains
// every statement.
func (g *gate) explain(name string, ctx *condition.Context) GateExplanation {
	gx := GateExplanation{Name: name, Resource: g.resource}
	for _, level := range g.ev.scps {
		for _, p := range level {
			if g.scpsApply() {
				gx.Policies = append(gx.Policies, g.explainPolicy(p, ctx))
			} else {
				gx.Policies = append(gx.Policies, skipped(p, g.scpSkipReason()))
			}
		}
	}
	for _, level := range g.ev.rcps {
		for _, p := range level {
			gx.Policies = append(gx.Policies, g.explainPolicy(p, ctx))
		}
	}
	for _, p := range g.ev.identityPolicies() {
		if g.identityApplies() {
			gx.Policies = append(gx.Policies, g.explainPolicy(p, ctx))
		} else {
			gx.Policies = append(gx.Policies, skipped(p, "a "+g.p.typ.String()+" has no identity-based policies"))
		}
	}
	if g.resourcePolicy != nil {
		gx.Policies = append(gx.Policies, g.explainPolicy(g.resourcePolicy, ctx))
	}
	return gx
}

func (g *gate) scpSkipReason() string {
	if g.p.linked {
		return "service control policies do not restrict service-linked roles"
	}
	return "service control policies restrict principals of member accounts only, and a " +
		g.p.typ.String() + " belongs to none"
}

func skipped(p *compiledPolicy, note string) PolicyExplanation {
	return PolicyExplanation{Policy: p.id, Outcome: PolicySkipped, Note: note}
}

// identityPolicies returns the identity-based policies, permissions
// boundary and session policy, in the order gates evaluate them.
func (e *Evaluator) identityPolicies() []*compiledPolicy {
	out := append([]*compiledPolicy(nil), e.identity...)
	for _, p := range []*compiledPolicy{e.boundary, e.session} {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// explainPolicy explains every statement of p and sums up the policy.
func (g *gate) explainPolicy(p *compiledPolicy, ctx *condition.Context) PolicyExplanation {
	px := PolicyExplanation{Policy: p.id}
	for i := range p.stmts {
		s := &p.stmts[i]
		if g.setAside(p, s) {
			px.Statements = append(px.Statements, StatementExplanation{
				Index: i, Sid: s.src.Sid, Effect: s.effect,
				Detail: "set aside: the bucket owner's root user may always read, change and delete its bucket policy",
			})
			continue
		}
		sx := explainStatement(g, s, ctx)
		sx.Index = i
		sx.Applied, _ = g.applies(s, false, ctx)
		switch {
		case sx.Applied && s.effect == policy.Deny:
			px.Outcome = PolicyDenied
		case sx.Applied && px.Outcome == PolicyNotApplicable:
			px.Outcome = PolicyAllowed
		}
		px.Statements = append(px.Statements, sx)
	}
	return px
}

// rejectionText explains why an access point refused a request.
func rejectionText(reason Reason) string {
	switch reason {
	case ReasonUnsupportedViaAccessPoint:
		return "access points do not accept this action"
	case ReasonAnonymousViaAccessPoint:
		return "access points reject unsigned (anonymous) requests"
	case ReasonInsecureTransport:
		return "access points accept HTTPS requests only, and aws:SecureTransport is not true"
	case ReasonNetworkOrigin:
		return "the access point accepts requests from its VPC only, and aws:SourceVpc does not name it"
	case ReasonUnknownAccessPoint:
		return "the evaluator has no settings for this access point, so the bucket behind it is unknown"
	}
	return reason.String()
}

// explainStatement works out, element by element, whether s applies to the
// request of g, in the order the evaluator checks them.
func explainStatement(g *gate, s *statement, ctx *condition.Context) StatementExplanation {
	sx := StatementExplanation{Sid: s.src.Sid, Effect: s.effect}
	if !s.actionMatches(g.action) {
		sx.Failed, sx.Detail = explainAction(g.action, s)
		return sx
	}
	resource := g.resourceMatches(s, ctx)
	if resource == condition.False {
		sx.Failed, sx.Detail = explainResource(g, s, ctx)
		return sx
	}
	if failed, detail := explainPrincipal(g, s); failed != "" {
		sx.Failed, sx.Detail = failed, detail
		return sx
	}
	explainConditions(s, &sx, ctx)
	if resource == condition.Indeterminate {
		explainIndeterminateResource(g, s, &sx)
	}
	return sx
}

// explainIndeterminateResource notes that a request resource of "*" met a
// pattern such as arn:aws:s3:::*, whose match AWS documents both ways.
func explainIndeterminateResource(g *gate, s *statement, sx *StatementExplanation) {
	if sx.Failed == "Condition" && !sx.Indeterminate {
		return
	}
	sx.Indeterminate = true
	element := "Resource"
	if s.notResource {
		element = "NotResource"
	}
	text := fmt.Sprintf("whether %s %s covers an action without a resource type (resource %q) is undocumented",
		element, quoteList(patternStrings(s)), g.resource)
	if s.effect == policy.Deny {
		sx.Failed, sx.Detail = "", text+", so this Deny applies"
		return
	}
	sx.Failed, sx.Detail = element, text+", so this Allow does not apply"
}

func patternStrings(s *statement) []string {
	out := make([]string, len(s.resources))
	for i, pat := range s.resources {
		out[i] = pat.String()
	}
	return out
}

func explainAction(action string, s *statement) (string, string) {
	patterns := patternTexts(s)
	if s.notAction {
		return "NotAction", fmt.Sprintf("action %q is excluded by NotAction %s", action, quoteList(patterns))
	}
	return "Action", fmt.Sprintf("action %q matches none of %s", action, quoteList(patterns))
}

func patternTexts(s *statement) []string {
	return pick(s.src.Action, s.src.NotAction)
}

func explainResource(g *gate, s *statement, ctx *condition.Context) (string, string) {
	patterns := patternStrings(s)
	var unresolved []string
	for _, pat := range s.resources {
		for _, v := range pat.Variables() {
			if _, ok := resolve(ctx, v); !ok {
				unresolved = append(unresolved, "${"+v.Name+"}")
			}
		}
	}
	element := "Resource"
	detail := fmt.Sprintf("resource %q matches none of %s", g.resource, quoteList(patterns))
	if s.notResource {
		element = "NotResource"
		detail = fmt.Sprintf("resource %q is excluded by NotResource %s", g.resource, quoteList(patterns))
	}
	if g.star {
		detail += " (the action has no resource type, so only \"*\" and all-wildcard patterns of its service match)"
	}
	if len(unresolved) > 0 {
		detail += fmt.Sprintf("; policy variables %s have no single value in the request, so their patterns match nothing",
			strings.Join(unresolved, ", "))
	}
	return element, detail
}

func explainPrincipal(g *gate, s *statement) (string, string) {
	switch {
	case s.principals == nil:
		return "", ""
	case s.notPrincipal && s.effect == policy.Allow:
		return "NotPrincipal", "an Allow statement with NotPrincipal never grants access: AWS supports NotPrincipal with Deny only"
	case s.notPrincipal && s.principals.excludes(g.p, g.ev.boundary != nil):
		return "NotPrincipal", fmt.Sprintf("principal %q is excluded by NotPrincipal", g.p.text)
	case !s.notPrincipal && s.principals.match(g.p) == grantNone:
		return "Principal", fmt.Sprintf("principal %q is not named by the Principal element", principalText(g.p))
	}
	return "", ""
}

func principalText(p *Principal) string {
	if p.typ == PrincipalAnonymous {
		return "anonymous"
	}
	return p.text
}

func explainConditions(s *statement, sx *StatementExplanation, ctx *condition.Context) {
	result := condition.True
	for _, c := range s.conditions {
		values, _ := ctx.Get(c.Key)
		outcome := c.Eval(ctx)
		sx.Conditions = append(sx.Conditions, ConditionExplanation{
			Operator:      c.Operator.String(),
			Key:           c.Key,
			PolicyValues:  c.Values,
			RequestValues: values,
			Outcome:       outcome,
		})
		if outcome != condition.True && sx.Failed == "" {
			sx.Failed = "Condition"
			sx.Detail = conditionDetail(c, values, outcome)
		}
		result = result.And(outcome)
	}
	sx.Indeterminate = result == condition.Indeterminate
	if sx.Indeterminate && s.effect == policy.Deny {
		sx.Failed = ""
		sx.Detail = "the Condition element is indeterminate, so this Deny applies"
	}
}

func conditionDetail(c *condition.Condition, values []string, outcome condition.Outcome) string {
	request := "the key is absent from the request"
	if values != nil {
		request = "request values " + quoteList(values)
	}
	text := fmt.Sprintf("%s on %q is %s: %s, policy values %s", c.Operator, c.Key, outcome, request, quoteList(c.Values))
	if outcome == condition.Indeterminate {
		text += "; an indeterminate test makes an Allow not apply"
	}
	return text
}

func quoteList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// String renders the explanation as indented text for people. The layout
// may change between versions; programs should read the fields.
func (x *Explanation) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "decision: %s", x.Result.Decision)
	if x.Result.Reason != ReasonNone {
		fmt.Fprintf(&sb, " (%s)", x.Result.Reason)
	}
	sb.WriteByte('\n')
	if x.Result.Err != nil {
		fmt.Fprintf(&sb, "error: %v\n", x.Result.Err)
	}
	if x.Rejected != "" {
		fmt.Fprintf(&sb, "rejected: %s\n", x.Rejected)
	}
	for _, gx := range x.Gates {
		fmt.Fprintf(&sb, "%s gate, resource %s\n", gx.Name, gx.Resource)
		for _, px := range gx.Policies {
			px.write(&sb)
		}
	}
	return sb.String()
}

func (px *PolicyExplanation) write(sb *strings.Builder) {
	fmt.Fprintf(sb, "  %s: %s", px.Policy, px.Outcome)
	if px.Note != "" {
		fmt.Fprintf(sb, " (%s)", px.Note)
	}
	sb.WriteByte('\n')
	for _, sx := range px.Statements {
		fmt.Fprintf(sb, "    Statement[%d]", sx.Index)
		if sx.Sid != "" {
			fmt.Fprintf(sb, " %q", sx.Sid)
		}
		fmt.Fprintf(sb, " %s: ", sx.Effect)
		switch {
		case sx.Applied && sx.Detail != "":
			fmt.Fprintf(sb, "applied; %s\n", sx.Detail)
		case sx.Applied:
			sb.WriteString("applied\n")
		case sx.Failed != "":
			fmt.Fprintf(sb, "%s did not match: %s\n", sx.Failed, sx.Detail)
		default:
			fmt.Fprintf(sb, "did not apply: %s\n", sx.Detail)
		}
	}
}

// withDerivedKeys returns the context of r with the derived keys that
// Evaluate adds: those that policies refer to and the caller's context
// does not hold (see derivedKey). It allocates a layer per key; Evaluate
// builds the same layers on its stack instead. Evaluate has accepted the
// context, so checkContext finds no error here.
func (e *Evaluator) withDerivedKeys(r *Request) *condition.Context {
	callerKeys, _ := e.checkContext(r)
	ctx := r.Context
	for k := range derivedKeyNames {
		if key, values, ok := e.derivedKey(r, callerKeys, k); ok {
			ctx = ctx.WithKey(key, values...)
		}
	}
	return ctx
}
