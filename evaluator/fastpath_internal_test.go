package evaluator

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// allPolicies lists every compiled policy of e.
func (e *Evaluator) allPolicies() []*compiledPolicy {
	out := append([]*compiledPolicy(nil), e.identity...)
	out = append(out, e.boundary, e.session, e.resource, e.accessPoint)
	for _, level := range e.scps {
		out = append(out, level...)
	}
	for _, level := range e.rcps {
		out = append(out, level...)
	}
	return slices.DeleteFunc(out, func(p *compiledPolicy) bool { return p == nil })
}

// unfold undoes foldAccessPointKeys: every condition is evaluated per
// request, and every access point key a policy refers to is added.
func (e *Evaluator) unfold() {
	for _, p := range e.allPolicies() {
		for i := range p.stmts {
			s := &p.stmts[i]
			s.live = s.conditions
			s.fixed = [pathCount]condition.Outcome{condition.True, condition.True}
		}
	}
	if e.ap != nil {
		e.ap.live = e.ap.needed
	}
}

// untail drops the tails of Resource patterns, so that they are matched
// part by part.
func (e *Evaluator) untail() {
	for _, p := range e.allPolicies() {
		for i := range p.stmts {
			for j := range p.stmts[i].resources {
				p.stmts[i].resources[j].tail = nil
			}
		}
	}
}

// resultSummary renders a result and its error for comparison.
func resultSummary(r *Result) string {
	s := summary(r)
	if r.Err != nil {
		s += " err: " + r.Err.Error()
	}
	return s
}

// explainSummary lists the statements Explain marks as applied, sorted.
func explainSummary(x *Explanation) []string {
	var applied []string
	for _, gx := range x.Gates {
		for _, px := range gx.Policies {
			for _, sx := range px.Statements {
				if sx.Applied {
					applied = append(applied, fmt.Sprintf("%s#%d", px.Policy, sx.Index))
				}
			}
		}
	}
	slices.Sort(applied)
	return slices.Compact(applied)
}

// matchedSummary lists the statements a result matched, sorted.
func matchedSummary(r *Result) []string {
	var matched []string
	for _, m := range r.Matched() {
		matched = append(matched, fmt.Sprintf("%s#%d", m.Policy, m.Statement))
	}
	slices.Sort(matched)
	return slices.Compact(matched)
}

// TestFastPathsAgreeOnScenarios compares the evaluator of every scenario
// with one whose access point conditions and Resource tails are undone.
// It sends the scenario's request, and requests through the scenario's
// access point and to its bucket.
func TestFastPathsAgreeOnScenarios(t *testing.T) {
	for id, doc := range scenarioFiles(t) {
		t.Run(id, func(t *testing.T) {
			s, err := ParseScenario(doc)
			require.NoError(t, err)
			plain, err := build(s.Policies, defaultIndexing)
			require.NoError(t, err)
			plain.unfold()
			plain.untail()
			requests := []Request{s.Request}
			if ap := s.Policies.AccessPoint; ap != nil {
				for _, res := range []string{ap.ARN, ap.ARN + "/object/k", "arn:aws:s3:::" + ap.Bucket, "arn:aws:s3:::" + ap.Bucket + "/k"} {
					r := s.Request
					r.Resource = res
					requests = append(requests, r)
				}
			}
			for _, r := range requests {
				want := plain.Evaluate(&r)
				got := s.Evaluator.Evaluate(&r)
				if diff := cmp.Diff(resultSummary(&want), resultSummary(&got)); diff != "" {
					t.Errorf("%s: folded evaluator differs (-plain +folded):\n%s", r.Resource, diff)
				}
				if got.Err == nil {
					x := s.Evaluator.Explain(&r)
					if diff := cmp.Diff(matchedSummary(&got), explainSummary(x)); diff != "" {
						t.Errorf("%s: applied statements differ (-Evaluate +Explain):\n%s\n%s", r.Resource, diff, x)
					}
				}
			}
		})
	}
}

// setSource draws choices from input bytes to build policy sets and
// requests from the vocabulary below. Past the end of the input every
// choice is the first.
type setSource struct {
	data []byte
	pos  int
}

// next returns the next input byte, or 0 past the end.
func (s *setSource) next() int {
	if s.pos >= len(s.data) {
		s.pos++
		return 0
	}
	b := s.data[s.pos]
	s.pos++
	return int(b)
}

// choose returns the element of list that the next byte selects.
func choose[T any](s *setSource, list []T) T { return list[s.next()%len(list)] }

// The vocabulary of generated policy sets and requests.
const (
	genAPARN  = "arn:aws:s3:us-west-2:111122223333:accesspoint/ap"
	genBucket = "b1"
)

var (
	genKeys = []string{
		"s3:DataAccessPointArn", "s3:DataAccessPointAccount", "s3:AccessPointNetworkOrigin",
		"ſ3:DataAccessPointAccount", "S3:DATAACCESSPOINTARN", "s3:AccessPointNetwor\u212aOrigin",
		"aws:username", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalTag/team", "s3:prefix",
		"awſ:username", "aws:userid", "aws:PrincipalType",
	}
	genOperators = []string{
		"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase",
		"StringNotEqualsIgnoreCase", "ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals", "Null",
		"StringEqualsIfExists", "StringNotEqualsIfExists", "ArnLikeIfExists", "ArnNotLikeIfExists",
		"ForAnyValue:StringEquals", "ForAllValues:StringEquals", "ForAnyValue:StringNotLike",
		"ForAllValues:ArnLike", "ForAnyValue:StringEqualsIfExists", "ForAllValues:StringNotEqualsIfExists",
		"NumericEquals", "NumericNotEqualsIfExists", "DateGreaterThan", "IpAddress", "NotIpAddress",
		"Bool", "BoolIfExists", "BinaryEquals", "StringNotLikeIfExists", "ForAnyValue:ArnNotLike",
	}
	genValues = []string{
		"111122223333", "444455556666", genAPARN, "arn:aws:s3:us-west-2:111122223333:accesspoint/*",
		"Internet", "VPC", "internet", "${s3:DataAccessPointAccount}", "${aws:username}",
		"${aws:PrincipalTag/team, '111122223333'}", "*", "${*}", "alice",
		"arn:aws:s3:*:${aws:PrincipalAccount}:accesspoint/*", "${s3:DataAccessPointArn}",
		"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/team/R",
		"arn:aws:iam::111122223333:role/R", "${S3:DataAccessPointAccount, 'none'}", "",
		"${ſ3:DataAccessPointAccount}", "arn:aws:s3:us-west-2:${s3:DataAccessPointAccount}:accesspoint/ap",
		"1", "111122223333.0", "2020-01-01T00:00:00Z", "10.0.0.0/8", "true", "${aws:username}x", "SW50ZXJuZXQ=",
	}
	genResources = []string{
		"*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b1", "arn:aws:s3:::b1/${aws:username}/*",
		genAPARN + "/object/*", genAPARN, "arn:aws:s3:us-west-2:${s3:DataAccessPointAccount}:accesspoint/ap/object/*",
		"arn:aws:s3:::b1/?/*", "arn:aws:s3:::b1/${*}", "arn:aws:s3:us-west-2:111122223333:accesspoint/${aws:username}*",
		"arn:aws:s3:::${aws:PrincipalTag/team, 'b1'}/*", "arn:aws:s3:::b1/${s3:DataAccessPointAccount}/*",
		"arn:aws:s3:::b1/alice/${aws:username}", "arn:aws:s3:::b?/*", "arn:aws:s3:::b1/é*",
		"arn:aws:s3:*:*:accesspoint/ap/object/*", "arn:aws:s3:::b1/${aws:username, 'alice'}",
	}
	genActions = []string{"s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:*", "*", "s3:Get*"}
	genCallers = [][2]string{
		{"arn:aws:iam::111122223333:user/alice", ""},
		{"arn:aws:sts::111122223333:assumed-role/R/s1", ""},
		{"arn:aws:sts::111122223333:assumed-role/R/s1", "arn:aws:iam::111122223333:role/team/R"},
		{"arn:aws:iam::444455556666:user/bob", ""},
		{"111122223333", ""},
		{"anonymous", ""},
		{"arn:aws:sts::111122223333:federated-user/fed", ""},
	}
	genRequestResources = []string{
		genAPARN + "/object/alice/k", genAPARN + "/object/k", genAPARN,
		"arn:aws:s3:::b1/alice/k", "arn:aws:s3:::b1", "arn:aws:s3:::b1/k",
		"arn:aws:s3:us-west-2:111122223333:accesspoint/ap2/object/k", "arn:aws:s3:::b1/é/k",
		"arn:aws:s3:::b1/111122223333/k",
	}
	genContextKeys = []string{
		"aws:username", "aws:PrincipalTag/team", "s3:prefix", "aws:SecureTransport",
		"aws:PrincipalArn", "s3:DataAccessPointAccount", "aws:PrincipalAccount",
	}
	genContextValues = []string{"alice", "111122223333", "true", "b1", "arn:aws:iam::111122223333:role/team/R", "", "x*"}
)

// condition returns a Condition element of up to two operators, written
// after a comma, or "" for none.
func (s *setSource) condition() string {
	n := []int{0, 0, 1, 2}[s.next()%4]
	var parts []string
	for range n {
		op := choose(s, genOperators)
		key := choose(s, genKeys)
		var values []string
		if op == "Null" {
			values = []string{choose(s, []string{"true", "false"})}
		} else {
			for range 1 + s.next()%2 {
				values = append(values, choose(s, genValues))
			}
		}
		quoted := make([]string, len(values))
		for i, v := range values {
			quoted[i] = fmt.Sprintf("%q", v)
		}
		parts = append(parts, fmt.Sprintf("%q: {%q: [%s]}", op, key, strings.Join(quoted, ", ")))
	}
	if len(parts) == 0 {
		return ""
	}
	return `, "Condition": {` + strings.Join(parts, ", ") + `}`
}

// policy returns a policy of one to three statements, each with the
// principal text given, or nil when the generated document fails to parse.
func (s *setSource) policy(principal string) *policy.Policy {
	version := choose(s, []string{"2012-10-17", "2012-10-17", "2008-10-17"})
	var stmts []string
	for range 1 + s.next()%3 {
		effect := choose(s, []string{"Allow", "Allow", "Deny"})
		element := "Resource"
		if s.next()%5 == 0 {
			element = "NotResource"
		}
		var res []string
		for range 1 + s.next()%2 {
			res = append(res, fmt.Sprintf("%q", choose(s, genResources)))
		}
		stmts = append(stmts, fmt.Sprintf(`{"Effect": %q%s, "Action": %q, %q: [%s]%s}`,
			effect, principal, choose(s, genActions), element, strings.Join(res, ", "), s.condition()))
	}
	doc := fmt.Sprintf(`{"Version": %q, "Statement": [%s]}`, version, strings.Join(stmts, ", "))
	p, err := policy.ParseString(doc)
	if err != nil {
		return nil
	}
	return p
}

// set returns a policy set with or without access point settings, and any
// mix of policy types.
func (s *setSource) set() PolicySet {
	var set PolicySet
	switch s.next() % 3 {
	case 0:
		set.AccessPoint = &AccessPoint{ARN: genAPARN, Bucket: genBucket, BucketAccount: "111122223333", NetworkOrigin: "Internet"}
	case 1:
		set.AccessPoint = &AccessPoint{ARN: genAPARN, Bucket: genBucket, BucketAccount: "444455556666", NetworkOrigin: "VPC", VPCID: "vpc-1"}
	}
	for range s.next() % 3 {
		if p := s.policy(""); p != nil {
			set.Identity = append(set.Identity, p)
		}
	}
	flags := s.next()
	if flags&1 != 0 {
		set.Resource = s.policy(`, "Principal": "*"`)
	}
	if flags&2 != 0 {
		set.AccessPointPolicy = s.policy(`, "Principal": {"AWS": "111122223333"}`)
	}
	if flags&4 != 0 {
		set.PermissionsBoundary = s.policy("")
	}
	if flags&8 != 0 {
		set.Session = s.policy("")
	}
	if flags&16 != 0 {
		if p := s.policy(""); p != nil {
			set.SCPs = [][]*policy.Policy{{p}}
		}
	}
	if flags&32 != 0 {
		if p := s.policy(`, "Principal": "*"`); p != nil {
			set.RCPs = [][]*policy.Policy{{p}}
		}
	}
	return set
}

// request returns a request of one of the callers, sometimes with a
// context, which may add a default layer of the caller's own.
func (s *setSource) request() (Request, bool) {
	c := choose(s, genCallers)
	p, err := ParsePrincipal(c[0], c[1])
	if err != nil {
		return Request{}, false
	}
	r := Request{Principal: p, Action: choose(s, []string{"s3:GetObject", "s3:ListBucket", "s3:PutObject"}),
		Resource: choose(s, genRequestResources)}
	if n := s.next() % 4; n > 0 {
		m := map[string][]string{}
		for range n {
			m[choose(s, genContextKeys)] = []string{choose(s, genContextValues)}
		}
		if s.next()%4 == 0 {
			// A caller's own default layer.
			k := choose(s, genContextKeys)
			r.Context = condition.NewContext(m).WithDefault(k, choose(s, genContextValues))
		} else {
			r.Context = condition.NewContext(m)
		}
	}
	return r, true
}

// TestFastPathsAgreeOnGeneratedSets compares, for thousands of generated
// policy sets and requests, the evaluator with one whose access point
// conditions and Resource tails are undone, and Explain with Evaluate. It
// also checks that the inputs reach every decision on both request paths.
func TestFastPathsAgreeOnGeneratedSets(t *testing.T) {
	counts := map[string]int{}
	built := 0
	for i := range 3000 {
		data := make([]byte, 96)
		for j := range data {
			data[j] = byte((i*7919 + j*104729) >> (j % 5))
		}
		s := &setSource{data: data}
		set := s.set()
		folded, err := New(set)
		if err != nil {
			continue
		}
		built++
		plain, err := New(set)
		require.NoError(t, err)
		plain.unfold()
		plain.untail()

		for range 4 {
			r, ok := s.request()
			if !ok {
				continue
			}
			want := plain.Evaluate(&r)
			got := folded.Evaluate(&r)
			if diff := cmp.Diff(resultSummary(&want), resultSummary(&got)); diff != "" {
				t.Fatalf("folded evaluator differs (-plain +folded):\n%s\nset: %s\nrequest: %+v", diff, describeSet(set), r)
			}
			path := "direct"
			if strings.Contains(r.Resource, "accesspoint") {
				path = "access point"
			}
			counts[path+" "+got.Decision.String()]++
			if got.Err != nil {
				continue
			}
			x := folded.Explain(&r)
			if diff := cmp.Diff(matchedSummary(&got), explainSummary(x)); diff != "" {
				t.Fatalf("applied statements differ (-Evaluate +Explain):\n%s\nset: %s\nrequest: %+v\n%s", diff, describeSet(set), r, x)
			}
		}
	}
	require.Greater(t, built, 1000, "policy sets built")
	for _, k := range []string{"direct Allow", "direct ExplicitDeny", "access point Allow", "access point ExplicitDeny"} {
		assert.Positive(t, counts[k], k)
	}
}

// describeSet renders the policies and settings of set for a failure
// message.
func describeSet(set PolicySet) string {
	var sb strings.Builder
	show := func(name string, p *policy.Policy) {
		if p != nil {
			b, _ := p.MarshalJSON()
			fmt.Fprintf(&sb, "\n%s: %s", name, b)
		}
	}
	for _, p := range set.Identity {
		show("identity", p)
	}
	show("resource", set.Resource)
	show("access point", set.AccessPointPolicy)
	show("boundary", set.PermissionsBoundary)
	show("session", set.Session)
	for _, l := range set.SCPs {
		for _, p := range l {
			show("scp", p)
		}
	}
	for _, l := range set.RCPs {
		for _, p := range l {
			show("rcp", p)
		}
	}
	if set.AccessPoint != nil {
		fmt.Fprintf(&sb, "\naccess point: %+v", *set.AccessPoint)
	}
	return sb.String()
}
