package policy_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

const positioned = `{
  "Version": "2012-10-17",
  "Id": "P1",
  "Statement": [
    {
      "Sid": "S1",
      "Effect": "Allow",
      "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:root"], "Service": "s3.amazonaws.com"},
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {
        "StringLike": {"s3:prefix": ["home/", "shared/"]},
        "NumericLessThan": {"s3:max-keys": 10}
      }
    },
    {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "s3:*", "NotResource": ["arn:aws:s3:::b"]}
  ]
}`

func TestPositions(t *testing.T) {
	p := policy.MustParse(positioned)
	first, second := p.Statements[0], p.Statements[1]
	cs := first.Conditions

	tests := []struct {
		name string
		pos  policy.Pos
		want string // the text the position must point to
		line int
	}{
		{"version", p.VersionPos, `"2012-10-17"`, 2},
		{"id", p.IDPos, `"P1"`, 3},
		{"first statement", first.Pos, "{\n      \"Sid\"", 5},
		{"sid", first.SidPos, `"S1"`, 6},
		{"effect", first.EffectPos, `"Allow"`, 7},
		{"principal object", first.Principal.Pos, `{"AWS"`, 8},
		{"principal AWS value", first.Principal.AWSPos[1], `"arn:aws:iam::444455556666:root"`, 8},
		{"principal service value", first.Principal.ServicePos[0], `"s3.amazonaws.com"`, 8},
		{"second action", first.ActionPos[1], `"s3:PutObject"`, 9},
		{"bare resource", first.ResourcePos[0], `"arn:aws:s3:::b/*"`, 10},
		{"condition block", first.ConditionPos, "{\n        \"StringLike\"", 11},
		{"condition operator", cs[0].OperatorPos, `"StringLike"`, 12},
		{"condition key", cs[0].KeyPos, `"s3:prefix"`, 12},
		{"condition value", cs[0].ValuePos[1], `"shared/"`, 12},
		{"numeric condition value", cs[1].ValuePos[0], `10}`, 13},
		{"second statement", second.Pos, `{"Effect": "Deny"`, 16},
		{"not principal wildcard", second.NotPrincipal.Pos, `"*", "NotAction"`, 16},
		{"not action", second.ActionPos[0], `"s3:*"`, 16},
		{"not resource", second.ResourcePos[0], `"arn:aws:s3:::b"]`, 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.True(t, tc.pos.IsValid())
			off := tc.pos.Offset()
			require.True(t, strings.HasPrefix(positioned[off:], tc.want), "offset %d points at %.20q", off, positioned[off:])
			got := p.Position(tc.pos)
			require.Equal(t, tc.line, got.Line)
			require.Equal(t, off-strings.LastIndex(positioned[:off], "\n"), got.Column)
			require.Equal(t, off, got.Offset)
		})
	}
}

func TestPositionsLengthsMatchValues(t *testing.T) {
	p := policy.MustParse(positioned)
	for i, st := range p.Statements {
		require.Len(t, st.ActionPos, len(st.Action)+len(st.NotAction), "statement %d", i)
		require.Len(t, st.ResourcePos, len(st.Resource)+len(st.NotResource), "statement %d", i)
		for _, c := range st.Conditions {
			require.Len(t, c.ValuePos, len(c.Values), "statement %d condition %s", i, c.Key)
		}
	}
	pr := p.Statements[0].Principal
	require.Len(t, pr.AWSPos, len(pr.AWS))
	require.Len(t, pr.ServicePos, len(pr.Service))
	require.Nil(t, pr.FederatedPos)
}

func TestPositionUnknown(t *testing.T) {
	p := policy.MustParse(positioned)
	require.Equal(t, policy.Position{}, p.Position(policy.NoPos))
	require.Equal(t, policy.Position{}, p.Position(policy.Pos(len(positioned)+5)))
	require.Equal(t, -1, policy.NoPos.Offset())
	require.False(t, policy.NoPos.IsValid())
	require.Equal(t, "unknown position", policy.Position{}.String())

	built := &policy.Policy{}
	require.Equal(t, policy.Position{}, built.Position(policy.Pos(1)))
}

func TestPositionString(t *testing.T) {
	require.Equal(t, "line 3, column 7", policy.Position{Offset: 20, Line: 3, Column: 7}.String())
}
