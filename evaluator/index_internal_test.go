package evaluator

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// scenarioFiles returns the scenario documents of testdata/scenarios that
// are valid, keyed by ID.
func scenarioFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var c struct {
			Expect   string          `json:"expect"`
			Scenario json.RawMessage `json:"scenario"`
		}
		require.NoError(t, json.Unmarshal(data, &c), file)
		if c.Expect != "ParseError" {
			out[strings.TrimSuffix(filepath.Base(file), ".json")] = c.Scenario
		}
	}
	return out
}

// TestIndexAgreesWithScan checks that the index changes no decision and
// no matched statement: visiting every statement, indexing every group
// however small, and the default give the same results.
func TestIndexAgreesWithScan(t *testing.T) {
	for id, doc := range scenarioFiles(t) {
		t.Run(id, func(t *testing.T) {
			s, err := ParseScenario(doc)
			require.NoError(t, err)
			scan, err := build(s.Policies, indexing{policy: math.MaxInt, group: math.MaxInt})
			require.NoError(t, err)
			indexed, err := build(s.Policies, indexing{policy: 0, group: 0})
			require.NoError(t, err)
			want := scan.Evaluate(&s.Request)
			for name, ev := range map[string]*Evaluator{"default": s.Evaluator, "indexed": indexed} {
				got := ev.Evaluate(&s.Request)
				if diff := cmp.Diff(summary(&want), summary(&got)); diff != "" {
					t.Errorf("%s evaluator differs (-scan +%s):\n%s", name, name, diff)
				}
			}
		})
	}
}

// TestExplainAgreesWithEvaluate checks that the statements Explain marks
// as applied are the ones Evaluate lists.
func TestExplainAgreesWithEvaluate(t *testing.T) {
	for id, doc := range scenarioFiles(t) {
		t.Run(id, func(t *testing.T) {
			s, err := ParseScenario(doc)
			require.NoError(t, err)
			x := s.Evaluator.Explain(&s.Request)
			res := s.Evaluator.Evaluate(&s.Request)
			require.Equal(t, summary(&res), summary(&x.Result))
			require.False(t, res.Truncated())

			if diff := cmp.Diff(matchedSummary(&res), explainSummary(x)); diff != "" {
				t.Errorf("applied statements differ (-Evaluate +Explain):\n%s\n%s", diff, x)
			}
		})
	}
}

// summary renders a result for comparison.
func summary(r *Result) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %s", r.Decision, r.Reason)
	for _, m := range r.Matched() {
		fmt.Fprintf(&sb, " %s#%d", m.Policy, m.Statement)
	}
	return sb.String()
}

func TestIndexGroups(t *testing.T) {
	p := policy.MustParse(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*"},
		{"Effect": "Allow", "Action": "S3:PutObject", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:*"], "Resource": "*"}
	]}`)

	idx := &statementIndex{exact: map[string]*group{}, service: map[string]*group{}}
	stmts := mustCompile(t, p).stmts
	for i := range stmts {
		idx.add(int32(i), &stmts[i])
	}
	idx.merge(len(stmts))

	groups := map[string][]int32{}
	for key, g := range idx.exact {
		for _, id := range g.ids {
			groups["exact "+key] = append(groups["exact "+key], statementOf(id))
		}
	}
	for key, g := range idx.merged {
		for _, id := range g.ids {
			groups["merged "+key] = append(groups["merged "+key], statementOf(id))
		}
	}
	for key, g := range idx.service {
		groups["service "+key] = g.ids
	}
	groups["other"] = idx.other.ids

	want := map[string][]int32{
		"exact s3:getobject":  {0, 5},
		"exact s3:putobject":  {2},
		"service s3":          {1},
		"service ec2":         {^5}, // "ec2:*" matches every ec2 action
		"other":               {^3, 4},
		"merged s3:getobject": {0, 1, 3, 4, 5},
		"merged s3:putobject": {1, 2, 3, 4},
	}
	if diff := cmp.Diff(want, groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}

func mustCompile(t *testing.T, p *policy.Policy) *compiledPolicy {
	t.Helper()
	cp, err := compilePolicy(p, PolicyID{Kind: KindIdentity}, map[string]keyUse{}, defaultIndexing)
	require.NoError(t, err)
	return cp
}

func TestResourcePrefix(t *testing.T) {
	tests := []struct {
		name      string
		resources string
		want      string
	}{
		{"star", `"*"`, ""},
		{"literal", `"arn:aws:s3:::b1/k"`, "arn:aws:s3:::b1/k"},
		{"cut at star", `"arn:aws:s3:::b1/home/*"`, "arn:aws:s3:::b1/home/"},
		{"cut at question mark", `"arn:aws:s3:::b?/x"`, "arn:aws:s3:::b"},
		{"cut at variable", `"arn:aws:s3:::b1/${aws:username}/*"`, "arn:aws:s3:::b1/"},
		{"common prefix", `["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"]`, "arn:aws:s3:::b1"},
		{"wildcard region", `"arn:aws:s3:*:111122223333:accesspoint/ap"`, "arn:aws:s3:"},
		{"one pattern is star", `["arn:aws:s3:::b1/*", "*"]`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := policy.MustParse(`{"Version": "2012-10-17", "Statement": [
				{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ` + tc.resources + `}]}`)
			require.Equal(t, tc.want, mustCompile(t, p).stmts[0].resourcePrefix())
		})
	}
	p := policy.MustParse(`{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b1/*"}]}`)
	require.Empty(t, mustCompile(t, p).stmts[0].resourcePrefix(), "NotResource")
}

// TestIndexAgreesWithScanGenerated compares the index with a scan of every
// statement on generated policies that mix exact actions with wildcard
// actions of the same service ("s3:Get*", "s3:*"), "*", NotAction,
// NotResource and Resource patterns that start with a wildcard. Another
// engine's index once skipped "s3:*" statements once an exact action was
// indexed; these policies put both in one policy, in every order.
func TestIndexAgreesWithScanGenerated(t *testing.T) {
	actions := []string{
		`"s3:GetObject"`, `"S3:getobject"`, `"s3:PutObject"`, `"s3:Get*"`, `"s3:*"`, `"*"`,
		`"s3:G?tObject"`, `["s3:ListBucket", "s3:GetObject"]`, `["ec2:*", "s3:GetObject"]`, `"iam:GetUser"`,
	}
	resources := []string{
		`"*"`, `"arn:aws:s3:::b1/*"`, `"arn:aws:s3:::b1/home/*"`, `"arn:aws:s3:::b1/home/alice.txt"`,
		`"arn:*:s3:::b1/*"`, `"arn:aws:s3:::b?/*"`, `["arn:aws:s3:::b2/*", "arn:aws:s3:::b1"]`,
		`"arn:aws:s3:::b1/${aws:username}/*"`, `"arn:aws:s3:::*/home/*"`,
	}
	requests := []struct{ action, resource string }{
		{"s3:GetObject", "arn:aws:s3:::b1/home/alice.txt"},
		{"S3:GETOBJECT", "arn:aws:s3:::b1/alice/notes.txt"},
		{"s3:PutObject", "arn:aws:s3:::b1/home/alice.txt"},
		{"s3:GetObjectTagging", "arn:aws:s3:::b2/x"},
		{"s3:ListBucket", "arn:aws:s3:::b1"},
		{"s3:ListAllMyBuckets", "*"},
		{"ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
		{"iam:GetUser", "arn:aws:iam::111122223333:user/alice"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		var stmts []string
		for range 1 + rng.IntN(24) {
			action, resource := "Action", "Resource"
			if rng.IntN(6) == 0 {
				action = "NotAction"
			}
			if rng.IntN(6) == 0 {
				resource = "NotResource"
			}
			effect := "Allow"
			if rng.IntN(4) == 0 {
				effect = "Deny"
			}
			stmts = append(stmts, fmt.Sprintf(`{"Effect": %q, %q: %s, %q: %s}`, effect,
				action, actions[rng.IntN(len(actions))], resource, resources[rng.IntN(len(resources))]))
		}
		doc := `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",\n") + `]}`
		set := PolicySet{Identity: []*policy.Policy{policy.MustParse(doc)}}
		scan, err := build(set, indexing{policy: math.MaxInt, group: math.MaxInt})
		require.NoError(t, err)
		indexed, err := build(set, indexing{policy: 0, group: 0})
		require.NoError(t, err)
		byDefault, err := New(set)
		require.NoError(t, err)
		for _, rq := range requests {
			r := Request{
				Principal:       MustParsePrincipal("arn:aws:iam::111122223333:user/alice", ""),
				Action:          rq.action,
				Resource:        rq.resource,
				ResourceAccount: "111122223333",
			}
			want := scan.Evaluate(&r)
			for name, ev := range map[string]*Evaluator{"indexed": indexed, "default": byDefault} {
				got := ev.Evaluate(&r)
				if diff := cmp.Diff(summary(&want), summary(&got)); diff != "" {
					t.Fatalf("policy %d, %s on %s: %s evaluator differs (-scan +%s):\n%s\n%s",
						n, rq.action, rq.resource, name, name, diff, doc)
				}
			}
		}
	}
}
