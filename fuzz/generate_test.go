package fuzz

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// This file builds small random policy sets and requests from the bytes of
// a fuzz input, from a vocabulary of actions, resources, principals,
// conditions and context values that exercises the corners of the rules.

// byteSource hands out the bytes of a fuzz input as choices. Once the
// bytes run out every choice is 0, so every input builds a case.
type byteSource struct{ data []byte }

func (s *byteSource) next() int {
	if len(s.data) == 0 {
		return 0
	}
	b := s.data[0]
	s.data = s.data[1:]
	return int(b)
}

// intn returns a choice in [0, n).
func (s *byteSource) intn(n int) int { return s.next() % n }

// oneIn reports true with probability about 1/n.
func (s *byteSource) oneIn(n int) bool { return s.intn(n) == 0 }

func choose[T any](s *byteSource, list []T) T { return list[s.intn(len(list))] }

// genStatement is a statement before it is written as JSON.
type genStatement struct {
	effect       string
	principal    any // nil, "*" or a map of principal types to values
	notPrincipal bool
	actions      []string
	notAction    bool
	resources    []string
	notResource  bool
	conditions   []genCondition
}

// genPolicy is a policy before it is written as JSON.
type genPolicy struct {
	version    string
	statements []genStatement
}

// principalMode is the kind of principal element a policy takes.
type principalMode uint8

const (
	noPrincipal       principalMode = iota // identity-based policies and SCPs
	somePrincipal                          // resource-based policies
	wildcardPrincipal                      // RCPs: always "*"
)

// statement generates a statement with the given effect. About one
// element in three is taken from the request, so that statements apply
// often enough to reach the rules that combine them.
func (g *genSet) statement(s *byteSource, mode principalMode, effect string) genStatement {
	st := genStatement{effect: effect}
	switch mode {
	case somePrincipal:
		st.principal = g.principalElement(s)
		st.notPrincipal = s.oneIn(6)
	case wildcardPrincipal:
		st.principal = "*"
	}
	st.notAction = s.oneIn(8)
	for range 1 + s.intn(2) {
		if s.oneIn(3) && isASCII(g.action) {
			st.actions = append(st.actions, g.action) // Parse accepts only ASCII actions
		} else {
			st.actions = append(st.actions, choose(s, actionPatterns))
		}
	}
	st.notResource = s.oneIn(8)
	for range 1 + s.intn(2) {
		if s.oneIn(3) {
			st.resources = append(st.resources, choose(s, g.resourcesSeen()))
		} else {
			st.resources = append(st.resources, choose(s, resourcePatterns))
		}
	}
	for range s.intn(6) / 4 {
		st.conditions = append(st.conditions, choose(s, conditionVocabulary))
	}
	return st
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// resourcesSeen returns the ARNs a policy may be matched against for the
// request: the request resource and, through an access point, the bucket
// form of it.
func (g *genSet) resourcesSeen() []string {
	seen := []string{g.requestResource}
	if name, key, _, ok := accessPointOf(g.requestResource); ok && name == "ap1" {
		seen = append(seen, strings.TrimSuffix("arn:aws:s3:::b1/"+key, "/"))
	}
	return seen
}

func (g *genSet) principalElement(s *byteSource) any {
	switch s.intn(6) {
	case 0:
		return "*"
	case 1:
		return map[string]any{"Service": choose(s, serviceValues)}
	case 2:
		return map[string]any{"AWS": choose(s, principalValues), "Service": choose(s, serviceValues)}
	}
	var values []string
	for range 1 + s.intn(3) {
		switch {
		case s.oneIn(4) && strings.HasPrefix(g.caller.principal, "arn:"):
			values = append(values, g.caller.principal)
		case s.oneIn(4) && g.caller.issuer != "":
			values = append(values, g.caller.issuer)
		default:
			values = append(values, choose(s, principalValues))
		}
	}
	return map[string]any{"AWS": values}
}

// policy generates a policy of 1 to 3 statements, or of 9 to 24 so that
// the evaluator's index has groups large enough to be split by resource.
func (g *genSet) policy(s *byteSource, mode principalMode) genPolicy {
	p := genPolicy{version: choose(s, versions)}
	n := 1 + s.intn(3)
	if s.oneIn(8) {
		n = 9 + s.intn(16)
	}
	for range n {
		effect := "Allow"
		if s.oneIn(3 * n) {
			effect = "Deny"
		}
		p.statements = append(p.statements, g.statement(s, mode, effect))
	}
	return p
}

// document returns p as a policy document.
func (p genPolicy) document() []byte {
	doc := map[string]any{}
	if p.version != "" {
		doc["Version"] = p.version
	}
	statements := []any{}
	for _, st := range p.statements {
		statements = append(statements, st.object())
	}
	doc["Statement"] = statements
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return data
}

func (st genStatement) object() map[string]any {
	m := map[string]any{"Effect": st.effect}
	if st.principal != nil {
		m[pickName(st.notPrincipal, "Principal")] = st.principal
	}
	m[pickName(st.notAction, "Action")] = st.actions
	m[pickName(st.notResource, "Resource")] = st.resources
	if len(st.conditions) > 0 {
		block := map[string]map[string][]string{}
		for _, c := range st.conditions {
			if block[c.op] == nil {
				block[c.op] = map[string][]string{}
			}
			block[c.op][c.key] = c.values // a repeated (operator, key) keeps the last
		}
		m["Condition"] = block
	}
	return m
}

func pickName(not bool, name string) string {
	if not {
		return "Not" + name
	}
	return name
}

// genSet is a generated policy set with its request.
type genSet struct {
	identity          []genPolicy
	resourcePolicy    *genPolicy
	accessPointPolicy *genPolicy
	boundary          *genPolicy
	session           *genPolicy
	scps, rcps        [][]genPolicy
	ap                *evaluator.AccessPoint

	caller          genCaller
	action          string
	requestResource string
	resourceAccount string
	context         map[string][]string
}

func genSetFrom(s *byteSource) *genSet {
	g := &genSet{caller: choose(s, callers)}
	c, err := parseCaller(g.caller.principal, g.caller.issuer)
	if err != nil {
		panic(err)
	}
	g.action = choose(s, requestActions)
	g.requestResource = choose(s, requestResources)
	g.resourceAccount = choose(s, []string{accountA, accountA, accountB, ""})
	g.context = map[string][]string{}
	for _, entry := range contextVocabulary {
		if s.oneIn(3) {
			g.context[entry.key] = choose(s, entry.values)
		}
	}

	for range s.intn(3) {
		g.identity = append(g.identity, g.policy(s, noPrincipal))
	}
	if !s.oneIn(3) {
		p := g.policy(s, somePrincipal)
		g.resourcePolicy = &p
	}
	if c.kind == callerUser || c.kind == callerRole || c.kind == callerSession || c.kind == callerFederated {
		if s.oneIn(4) {
			p := g.policy(s, noPrincipal)
			g.boundary = &p
		}
	}
	if c.kind == callerRole || c.kind == callerSession || c.kind == callerFederated {
		if s.oneIn(3) {
			p := g.policy(s, noPrincipal)
			g.session = &p
		}
	}
	for range s.intn(6) / 4 * (1 + s.intn(2)) {
		g.scps = append(g.scps, g.level(s, noPrincipal))
	}
	for range s.intn(6) / 5 {
		g.rcps = append(g.rcps, g.level(s, wildcardPrincipal))
	}
	if _, _, _, ok := accessPointOf(g.requestResource); ok || s.oneIn(4) {
		g.ap = &evaluator.AccessPoint{ARN: "arn:aws:s3:us-west-2:111122223333:accesspoint/ap1",
			Bucket: "b1", BucketAccount: choose(s, []string{accountA, accountB}), NetworkOrigin: evaluator.OriginInternet}
		if s.oneIn(3) {
			g.ap.NetworkOrigin, g.ap.VPCID = evaluator.OriginVPC, "vpc-1"
		}
		p := g.policy(s, somePrincipal)
		g.accessPointPolicy = &p
	}
	return g
}

func (g *genSet) level(s *byteSource, mode principalMode) []genPolicy {
	var level []genPolicy
	for range 1 + s.intn(2) {
		level = append(level, g.policy(s, mode))
	}
	return level
}

// builtSet is a generated set turned into parsed policies, for both
// evaluators.
type builtSet struct {
	ref     *refPolicySet
	set     evaluator.PolicySet
	request *refRequest
}

func mustParse(t testing.TB, p genPolicy) *policy.Policy {
	t.Helper()
	doc := p.document()
	parsed, err := policy.Parse(doc)
	if err != nil {
		t.Fatalf("generated policy does not parse: %v\n%s", err, doc)
	}
	return parsed
}

func (g *genSet) build(t testing.TB) builtSet {
	t.Helper()
	var b builtSet
	ref := &refPolicySet{}
	optional := func(p *genPolicy) *policy.Policy {
		if p == nil {
			return nil
		}
		return mustParse(t, *p)
	}
	for _, p := range g.identity {
		ref.identity = append(ref.identity, mustParse(t, p))
	}
	ref.resource = optional(g.resourcePolicy)
	ref.accessPoint = optional(g.accessPointPolicy)
	ref.boundary = optional(g.boundary)
	ref.session = optional(g.session)
	levels := func(in [][]genPolicy) [][]*policy.Policy {
		var out [][]*policy.Policy
		for _, level := range in {
			var ps []*policy.Policy
			for _, p := range level {
				ps = append(ps, mustParse(t, p))
			}
			out = append(out, ps)
		}
		return out
	}
	ref.scps, ref.rcps = levels(g.scps), levels(g.rcps)

	if g.ap != nil {
		ref.ap = &refAccessPoint{arn: g.ap.ARN, bucket: g.ap.Bucket, bucketAccount: g.ap.BucketAccount,
			origin: g.ap.NetworkOrigin, vpc: g.ap.VPCID}
	}
	b.ref = ref
	b.set = evaluator.PolicySet{Identity: ref.identity, Resource: ref.resource,
		AccessPointPolicy: ref.accessPoint, AccessPoint: g.ap, PermissionsBoundary: ref.boundary,
		Session: ref.session, SCPs: ref.scps, RCPs: ref.rcps}
	b.request = &refRequest{principal: g.caller.principal, issuer: g.caller.issuer, action: g.action,
		resource: g.requestResource, resourceAccount: g.resourceAccount, context: g.context}
	return b
}

// evaluate decides the request with the evaluator package, checking that
// Explain reaches the same decision as Evaluate.
func (b builtSet) evaluate(t testing.TB) string {
	t.Helper()
	ev, err := evaluator.New(b.set)
	if err != nil {
		t.Fatalf("evaluator.New rejects a generated set: %v", err)
	}
	principal, err := evaluator.ParsePrincipal(b.request.principal, b.request.issuer)
	if err != nil {
		t.Fatalf("evaluator.ParsePrincipal: %v", err)
	}
	r := &evaluator.Request{Principal: principal, Action: b.request.action, Resource: b.request.resource,
		ResourceAccount: b.request.resourceAccount, Context: condition.NewContext(b.request.context)}
	res := ev.Evaluate(r)
	if res.Err != nil {
		t.Fatalf("evaluator rejects a generated request: %v", res.Err)
	}
	if explained := ev.Explain(r).Result.Decision; explained != res.Decision {
		t.Fatalf("Evaluate decides %s but Explain decides %s", res.Decision, explained)
	}
	return res.Decision.String()
}

// scenario returns the generated set and request as a scenario document,
// which ParseScenario reads, for failure messages and regression files.
func (g *genSet) scenario() string {
	policies := map[string]any{}
	raw := func(p genPolicy) json.RawMessage { return p.document() }
	if len(g.identity) > 0 {
		var list []json.RawMessage
		for _, p := range g.identity {
			list = append(list, raw(p))
		}
		policies["identity"] = list
	}
	for name, p := range map[string]*genPolicy{"resource": g.resourcePolicy, "accessPoint": g.accessPointPolicy,
		"permissionsBoundary": g.boundary, "session": g.session} {
		if p != nil {
			policies[name] = raw(*p)
		}
	}
	levels := func(in [][]genPolicy) [][]json.RawMessage {
		var out [][]json.RawMessage
		for _, level := range in {
			var list []json.RawMessage
			for _, p := range level {
				list = append(list, raw(p))
			}
			out = append(out, list)
		}
		return out
	}
	if len(g.scps) > 0 {
		policies["scp"] = levels(g.scps)
	}
	if len(g.rcps) > 0 {
		policies["rcp"] = levels(g.rcps)
	}

	request := map[string]any{"principal": g.caller.principal, "action": g.action,
		"resource": g.requestResource, "resourceAccount": g.resourceAccount, "context": g.context}
	if g.caller.issuer != "" {
		request["sessionIssuer"] = g.caller.issuer
	}
	doc := map[string]any{"policies": policies, "request": request}
	if g.ap != nil {
		doc["accessPoint"] = map[string]string{"arn": g.ap.ARN, "bucket": g.ap.Bucket,
			"bucketAccount": g.ap.BucketAccount, "networkOrigin": g.ap.NetworkOrigin, "vpcId": g.ap.VPCID}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(data)
}

// describe formats a decision mismatch with the scenario that shows it.
func (g *genSet) describe(format string, args ...any) string {
	return fmt.Sprintf(format, args...) + "\nscenario:\n" + strings.TrimSpace(g.scenario())
}
