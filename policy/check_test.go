package policy_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// builtPolicy returns a policy built in code with one statement, changed
// by edit.
func builtPolicy(edit func(st *policy.Statement)) *policy.Policy {
	st := policy.Statement{
		Effect:   policy.Allow,
		Action:   []string{"s3:GetObject"},
		Resource: []string{"arn:aws:s3:::b1/*"},
	}
	edit(&st)
	return &policy.Policy{Version: policy.Version2012, Statements: []policy.Statement{st}}
}

func newCond(operator, key string, values ...string) policy.Condition {
	return policy.Condition{Operator: condition.MustParseOperator(operator), Key: key, Values: values}
}

func TestCheckRejectsBuiltPolicies(t *testing.T) {
	tests := []struct {
		name   string
		policy *policy.Policy
		kind   error
		path   string
	}{
		{"nil policy", nil, policy.ErrWrongType, ""},
		{"unknown version", &policy.Policy{Version: "2013-01-01", Statements: []policy.Statement{}}, policy.ErrBadValue, "Version"},
		{"invalid UTF-8 in Id", &policy.Policy{ID: "a\xff", Statements: []policy.Statement{}}, policy.ErrBadValue, "Id"},
		{"zero effect", builtPolicy(func(st *policy.Statement) { st.Effect = 0 }), policy.ErrMissingElement, "Statement[0]"},
		{"effect out of range", builtPolicy(func(st *policy.Statement) { st.Effect = 7 }), policy.ErrBadValue, "Statement[0].Effect"},
		{"space in action", builtPolicy(func(st *policy.Statement) { st.Action = []string{"s3 GetObject"} }),
			policy.ErrBadValue, "Statement[0].Action[0]"},
		{"no action", builtPolicy(func(st *policy.Statement) { st.Action = nil }), policy.ErrMissingElement, "Statement[0]"},
		{"empty action list", builtPolicy(func(st *policy.Statement) { st.Action = []string{} }),
			policy.ErrBadValue, "Statement[0].Action"},
		{"action and NotAction", builtPolicy(func(st *policy.Statement) { st.NotAction = []string{"s3:PutObject"} }),
			policy.ErrConflictingElements, "Statement[0].NotAction"},
		{"empty resource string", builtPolicy(func(st *policy.Statement) { st.Resource = []string{""} }),
			policy.ErrBadValue, "Statement[0].Resource[0]"},
		{"empty principal", builtPolicy(func(st *policy.Statement) { st.Principal = &policy.Principal{} }),
			policy.ErrBadValue, "Statement[0].Principal"},
		{"wildcard principal with list", builtPolicy(func(st *policy.Statement) {
			st.Principal = &policy.Principal{Wildcard: true, AWS: []string{"111122223333"}}
		}), policy.ErrBadValue, "Statement[0].Principal"},
		{"partial wildcard principal", builtPolicy(func(st *policy.Statement) {
			st.Principal = &policy.Principal{AWS: []string{"arn:aws:iam::111122223333:user/al?ce"}}
		}), policy.ErrBadValue, "Statement[0].Principal.AWS[0]"},
		{"invalid UTF-8 in principal", builtPolicy(func(st *policy.Statement) {
			st.NotPrincipal = &policy.Principal{Service: []string{"ec2.amazonaws.com", "s3\xff"}}
		}), policy.ErrBadValue, "Statement[0].NotPrincipal.Service[1]"},
		{"invalid UTF-8 in Sid", builtPolicy(func(st *policy.Statement) { st.Sid = "\xc3" }), policy.ErrBadValue, "Statement[0].Sid"},
		{"invalid UTF-8 in resource", builtPolicy(func(st *policy.Statement) { st.Resource = []string{"*", "arn:aws:s3:::\xff"} }),
			policy.ErrBadValue, "Statement[0].Resource[1]"},
		{"zero operator", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{{Key: "k", Values: []string{"v"}}}
		}), policy.ErrUnknownElement, "Statement[0].Condition.Base(0)"},
		{"condition without values", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("StringEquals", "k")}
		}), policy.ErrBadValue, "Statement[0].Condition.StringEquals.k"},
		{"bad numeric value", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("NumericEquals", "s3:max-keys", "ten")}
		}), policy.ErrBadValue, "Statement[0].Condition.NumericEquals.s3:max-keys[0]"},
		{"condition key twice", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("StringEquals", "k", "a"), newCond("StringEquals", "k", "b")}
		}), policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.k"},
		{"condition key twice in case", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("StringEquals", "aws:UserName", "a"), newCond("StringEquals", "AWS:username", "b")}
		}), policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.AWS:username"},
		{"invalid UTF-8 in condition key", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("StringEquals", "k\xff", "v")}
		}), policy.ErrBadValue, "Statement[0].Condition.StringEquals.k\xff"},
		{"invalid UTF-8 in condition value", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{newCond("StringLike", "k", "a", "b\xff")}
		}), policy.ErrBadValue, "Statement[0].Condition.StringLike.k[1]"},
		{"operator split by another", builtPolicy(func(st *policy.Statement) {
			st.Conditions = []policy.Condition{
				newCond("StringEquals", "a", "1"), newCond("NumericLessThan", "b", "2"), newCond("StringEquals", "c", "3"),
			}
		}), policy.ErrBadValue, "Statement[0].Condition.StringEquals.c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.policy.Check()
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, tc.kind, "error: %v", err)
			assert.Equal(t, tc.path, perr.Path, "error: %v", err)
			assert.False(t, perr.Position.IsValid(), "position %v of a policy built in code", perr.Position)
			assert.True(t, strings.HasPrefix(err.Error(), "policy: "), "message %q lacks the package prefix", err)
		})
	}
}

func TestCheckAcceptsBuiltPolicies(t *testing.T) {
	tests := []struct {
		name   string
		policy *policy.Policy
	}{
		{"no statements", &policy.Policy{Statements: []policy.Statement{}}},
		{"nil statements", &policy.Policy{Version: policy.Version2008}},
		{"minimal statement", builtPolicy(func(*policy.Statement) {})},
		{"every element", builtPolicy(func(st *policy.Statement) {
			st.Sid = "Read"
			st.Principal = &policy.Principal{
				AWS: []string{"111122223333", "*"}, Service: []string{"ec2.amazonaws.com"},
				Federated: []string{"cognito-identity.amazonaws.com"}, CanonicalUser: []string{"79a59df900b949e5"},
			}
			st.Action, st.NotAction = nil, []string{"s3:Delete*", "iam:*"}
			st.Resource, st.NotResource = nil, []string{"arn:aws:s3:::b1/${aws:username}/*"}
			st.Conditions = []policy.Condition{
				newCond("StringLike", "s3:prefix", "home/*", "shared/*"), newCond("StringLike", "aws:UserAgent", "x"),
				newCond("NumericLessThan", "s3:max-keys", "1.50"), newCond("Bool", "aws:SecureTransport", "true"),
			}
		})},
		{"wildcard principal", builtPolicy(func(st *policy.Statement) { st.Principal = &policy.Principal{Wildcard: true} })},
		{"non-ASCII text", builtPolicy(func(st *policy.Statement) {
			st.Resource = []string{"arn:aws:s3:::b1/caf\u00e9/\u2028"}
			st.Conditions = []policy.Condition{newCond("StringEquals", "aws:PrincipalTag/\u00e9quipe", "\uFFFD")}
		})},
		{"wildcards beyond default limit", builtPolicy(func(st *policy.Statement) {
			st.Action = []string{"s3:" + strings.Repeat("*", 2*policy.DefaultMaxWildcards)}
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, tc.policy.Check())
		})
	}
}

// TestCheckMatchesParse checks that Check accepts every managed policy of
// testdata, both as returned by Parse and as a copy, which Check verifies
// in full.
func TestCheckMatchesParse(t *testing.T) {
	files, err := filepath.Glob("testdata/managed-mit/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		p, err := policy.Parse(readTestdata(t, file))
		require.NoError(t, err, file)
		require.NoError(t, p.Check(), file)
		copied := *p
		require.NoError(t, copied.Check(), file)
	}
}

func TestCheckVerifiesChangedParsedPolicy(t *testing.T) {
	p := policy.MustParse(policyDoc(allowAll))
	require.NoError(t, p.Check())

	copied := *p
	copied.Statements = []policy.Statement{{Effect: policy.Allow, Action: []string{"s3 GetObject"}, Resource: []string{"*"}}}
	assert.ErrorIs(t, copied.Check(), policy.ErrBadValue, "copy with new statements")

	p.Statements = []policy.Statement{{Action: []string{"*"}, Resource: []string{"*"}}}
	assert.ErrorIs(t, p.Check(), policy.ErrMissingElement, "parsed policy with new statements")

	q := policy.MustParse(policyDoc(allowAll))
	q.Version = "2013-01-01"
	assert.ErrorIs(t, q.Check(), policy.ErrBadValue, "parsed policy with new version")
}

func TestCheckUnmarshalledPolicy(t *testing.T) {
	var doc struct{ Policy policy.Policy }
	require.NoError(t, json.Unmarshal([]byte(`{"Policy": `+policyDoc(allowAll)+`}`), &doc))
	require.NoError(t, doc.Policy.Check())
	allocs := testing.AllocsPerRun(100, func() {
		if doc.Policy.Check() != nil {
			panic("Check rejected an unmarshalled policy")
		}
	})
	assert.Zero(t, allocs, "Check of an unmarshalled policy must not re-parse it")
}

func TestCheckParsedPolicyWithoutAllocations(t *testing.T) {
	p, err := policy.Parse(readTestdata(t, "testdata/bench/large-bucket-policy.json"))
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(100, func() {
		if p.Check() != nil {
			panic("Check rejected a parsed policy")
		}
	})
	assert.Zero(t, allocs)
}

func TestCheckErrorKinds(t *testing.T) {
	err := builtPolicy(func(st *policy.Statement) { st.Effect = 0 }).Check()
	for _, kind := range []error{policy.ErrBadValue, policy.ErrWrongType, policy.ErrInvalidJSON} {
		assert.False(t, errors.Is(err, kind), "error %v also wraps %v", err, kind)
	}
}

func BenchmarkCheck(b *testing.B) {
	data := readTestdataB(b, "testdata/bench/large-bucket-policy.json")
	parsed, err := policy.Parse(data)
	require.NoError(b, err)
	copied := *parsed

	b.Run("parsed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if parsed.Check() != nil {
				b.Fatal("rejected")
			}
		}
	})
	b.Run("built", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if copied.Check() != nil {
				b.Fatal("rejected")
			}
		}
	})
}

func ExamplePolicy_Check() {
	p := &policy.Policy{
		Version: policy.Version2012,
		Statements: []policy.Statement{{
			Action:   []string{"s3 GetObject"},
			Resource: []string{"*"},
		}},
	}
	fmt.Println(p.Check())

	p.Statements[0].Action = []string{"s3:GetObject"}
	fmt.Println(p.Check())

	p.Statements[0].Effect = policy.Allow
	fmt.Println(p.Check())
	// Output:
	// policy: Statement[0].Action[0]: invalid action "s3 GetObject"; write "*" or "service:action", such as "s3:GetObject"
	// policy: Statement[0]: missing Effect element; add "Effect": "Allow" or "Deny"
	// <nil>
}
