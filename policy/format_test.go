package policy_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

func TestMarshalJSONCanonical(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{
			name:  "lists become arrays and statement an array",
			input: `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			want:  `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`,
		},
		{
			name: "member order fixed",
			input: `{"Statement": [{"Condition": {"Bool": {"aws:SecureTransport": false}}, "Resource": "arn:aws:s3:::b/*",
				"NotAction": "s3:Delete*", "Principal": {"Service": "s3.amazonaws.com", "AWS": "111122223333"},
				"Effect": "Deny", "Sid": "S1"}], "Id": "P1", "Version": "2012-10-17"}`,
			want: `{"Version":"2012-10-17","Id":"P1","Statement":[{"Sid":"S1","Effect":"Deny",` +
				`"Principal":{"AWS":["111122223333"],"Service":["s3.amazonaws.com"]},"NotAction":["s3:Delete*"],` +
				`"Resource":["arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}}]}`,
		},
		{
			name: "wildcard principal forms kept",
			input: policyDoc(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
				{"Effect": "Deny", "NotPrincipal": {"AWS": "*"}, "Action": "*", "Resource": "*"}`),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["*"],"Resource":["*"]},` +
				`{"Effect":"Deny","NotPrincipal":{"AWS":["*"]},"Action":["*"],"Resource":["*"]}]}`,
		},
		{
			name:  "numbers keep their text",
			input: statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"NumericLessThan": {"k": [1.50, 10, -0, 2E+3]}}`),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["*"],"Resource":["*"],` +
				`"Condition":{"NumericLessThan":{"k":["1.50","10","-0","2E+3"]}}}]}`,
		},
		{
			name:  "escapes",
			input: statementDoc(`"Sid": "tab\there \"quoted\" back\\slash \u0001 \u2028 <&> é"`, allowEffect, anyAction, anyResource),
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"tab\there \"quoted\" back\\slash \u0001 \u2028 <&> é",` +
				`"Effect":"Allow","Action":["*"],"Resource":["*"]}]}`,
		},
		{
			name:  "empty statement array",
			input: `{"Version": "2008-10-17", "Statement": []}`,
			want:  `{"Version":"2008-10-17","Statement":[]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := policy.MustParse(tc.input)
			out, err := p.MarshalJSON()
			require.NoError(t, err)
			require.Equal(t, tc.want, string(out))

			again, err := policy.Parse(out)
			require.NoError(t, err)
			require.True(t, p.Equal(again), "round trip changed the policy")
		})
	}
}

func TestMarshalJSONGroupsOperators(t *testing.T) {
	p := &policy.Policy{Statements: []policy.Statement{{
		Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"},
		Conditions: []policy.Condition{
			newCondition("StringEquals", "a", "1"),
			newCondition("Bool", "b", "true"),
			newCondition("StringEquals", "c", "2"),
		},
	}}}
	out, err := p.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, `{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":["*"],`+
		`"Condition":{"StringEquals":{"a":["1"],"c":["2"]},"Bool":{"b":["true"]}}}]}`, string(out))
}

func TestMarshalJSONRejectsInvalidPolicies(t *testing.T) {
	valid := func() policy.Statement { return allowAllStatement() }
	tests := []struct {
		name   string
		modify func(*policy.Policy)
		kind   error
		path   string
	}{
		{"no effect", func(p *policy.Policy) { p.Statements[0].Effect = 0 }, policy.ErrMissingElement, "Statement[0]"},
		{"invalid effect", func(p *policy.Policy) { p.Statements[0].Effect = 7 }, policy.ErrBadValue, "Statement[0].Effect"},
		{"action and not action", func(p *policy.Policy) { p.Statements[0].NotAction = []string{"s3:*"} },
			policy.ErrConflictingElements, "Statement[0].NotAction"},
		{"no resource", func(p *policy.Policy) { p.Statements[0].Resource = nil }, policy.ErrMissingElement, "Statement[0]"},
		{"empty action list", func(p *policy.Policy) { p.Statements[0].Action = []string{} }, policy.ErrBadValue, "Statement[0].Action"},
		{"bad version", func(p *policy.Policy) { p.Version = "2020-01-01" }, policy.ErrBadValue, "Version"},
		{"partial wildcard principal", func(p *policy.Policy) {
			p.Statements[0].Principal = &policy.Principal{AWS: []string{"arn:aws:iam::111122223333:user/*"}}
		}, policy.ErrBadValue, "Statement[0].Principal.AWS[0]"},
		{"wildcard with lists", func(p *policy.Policy) {
			p.Statements[0].Principal = &policy.Principal{Wildcard: true, AWS: []string{"111122223333"}}
		}, policy.ErrBadValue, "Statement[0].Principal"},
		{"empty principal", func(p *policy.Policy) { p.Statements[0].Principal = &policy.Principal{} },
			policy.ErrBadValue, "Statement[0].Principal"},
		{"invalid operator", func(p *policy.Policy) {
			p.Statements[0].Conditions = []policy.Condition{{Key: "k", Values: []string{"v"}}}
		}, policy.ErrUnknownElement, "Statement[0].Condition.Base(0)"},
		{"duplicate condition key", func(p *policy.Policy) {
			p.Statements[0].Conditions = []policy.Condition{newCondition("StringEquals", "k", "1"), newCondition("StringEquals", "k", "2")}
		}, policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.k"},
		{"bad condition value", func(p *policy.Policy) {
			p.Statements[0].Conditions = []policy.Condition{newCondition("IpAddress", "aws:SourceIp", "300.0.0.1")}
		}, policy.ErrBadValue, "Statement[0].Condition.IpAddress.aws:SourceIp[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := &policy.Policy{Statements: []policy.Statement{valid()}}
			tc.modify(p)
			out, err := p.MarshalJSON()
			require.Nil(t, out)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, tc.kind)
			require.Equal(t, tc.path, perr.Path, "error: %v", err)
			require.False(t, perr.Position.IsValid(), "position of generated text leaked: %v", err)
		})
	}
}

func TestMarshalJSONInvalidUTF8(t *testing.T) {
	p := &policy.Policy{Statements: []policy.Statement{allowAllStatement()}}
	p.Statements[0].Sid = "a\xffb"
	out, err := p.MarshalJSON()
	require.NoError(t, err)
	require.Contains(t, string(out), `"Sid":"a\ufffdb"`)
}

func TestPolicyString(t *testing.T) {
	p := policy.MustParse(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)
	want := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject"
      ],
      "Resource": [
        "*"
      ]
    }
  ]
}`
	require.Equal(t, want, p.String())

	invalid := policy.Policy{Statements: []policy.Statement{{}}}
	require.Contains(t, invalid.String(), "policy: Statement[0]: missing Effect element")
}

func TestPolicyInStruct(t *testing.T) {
	type bucket struct {
		Name   string
		Policy policy.Policy
		Extra  *policy.Policy
	}
	input := `{"Name": "b", "Policy": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}, "Extra": null}`

	var b bucket
	require.NoError(t, json.Unmarshal([]byte(input), &b))
	require.Nil(t, b.Extra)
	want := []policy.Statement{{Effect: policy.Allow, Action: []string{"s3:*"}, Resource: []string{"*"}}}
	if diff := cmp.Diff(want, b.Policy.Statements, ignorePositions); diff != "" {
		t.Errorf("statements (-want +got):\n%s", diff)
	}

	out, err := json.Marshal(b)
	require.NoError(t, err)
	require.Equal(t, `{"Name":"b","Policy":{"Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]},"Extra":null}`,
		string(out))
}

func TestPolicyInStructRejectsInvalid(t *testing.T) {
	var v struct{ Policy policy.Policy }
	err := json.Unmarshal([]byte(`{"Policy": {"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}}`), &v)
	require.ErrorIs(t, err, policy.ErrBadValue)
}

func TestUnmarshalJSONNullKeepsPolicy(t *testing.T) {
	p := policy.MustParse(policyDoc(allowAll))
	require.NoError(t, p.UnmarshalJSON([]byte("null")))
	require.Len(t, p.Statements, 1)
}

func TestPolicyEqual(t *testing.T) {
	base := policy.MustParse(policyDoc(`{"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
		"Resource": "*", "Condition": {"StringEquals": {"k": "v"}}}`))
	tests := []struct {
		name   string
		modify func(*policy.Statement)
		equal  bool
	}{
		{"unchanged", func(*policy.Statement) {}, true},
		{"position ignored", func(s *policy.Statement) { s.Pos = 0; s.ActionPos = nil }, true},
		{"sid", func(s *policy.Statement) { s.Sid = "B" }, false},
		{"effect", func(s *policy.Statement) { s.Effect = policy.Deny }, false},
		{"action to not action", func(s *policy.Statement) { s.NotAction, s.Action = s.Action, nil }, false},
		{"empty versus absent resource", func(s *policy.Statement) { s.Resource = []string{}; s.NotResource = nil }, false},
		{"principal removed", func(s *policy.Statement) { s.Principal = nil }, false},
		{"principal value", func(s *policy.Statement) { s.Principal = &policy.Principal{AWS: []string{"444455556666"}} }, false},
		{"principal wildcard", func(s *policy.Statement) { s.Principal = &policy.Principal{Wildcard: true} }, false},
		{"condition operator", func(s *policy.Statement) {
			s.Conditions = []policy.Condition{{Operator: condition.MustParseOperator("StringLike"), Key: "k", Values: []string{"v"}}}
		}, false},
		{"condition key", func(s *policy.Statement) { s.Conditions = []policy.Condition{newCondition("StringEquals", "K", "v")} }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			other := policy.MustParse(base.String())
			st := other.Statements[0]
			tc.modify(&st)
			other.Statements = []policy.Statement{st}
			require.Equal(t, tc.equal, base.Equal(other))
			require.Equal(t, tc.equal, cmp.Equal(base, other), "cmp.Equal uses the Equal method")
		})
	}
	require.True(t, (*policy.Policy)(nil).Equal(nil))
	require.False(t, base.Equal(nil))
}
