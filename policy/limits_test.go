package policy_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// listOf returns n quoted, comma-separated strings made of s and a
// number, such as "s3:Get0", "s3:Get1".
func listOf(s string, n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = strconv.Quote(s + strconv.Itoa(i))
	}
	return strings.Join(items, ", ")
}

func TestLimits(t *testing.T) {
	deep := statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {"k": `+strings.Repeat("[", 40)+`"v"`+strings.Repeat("]", 40)+`}}`)
	manyActions := policyDoc(`{"Effect": "Allow", "Action": [` + listOf("s3:Get", 5) + `], "Resource": "*"}`)
	manyKeys := statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"a": "1", "b": "2", "c": "3"}}`)
	manyValues := statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"a": ["1", "2", "3"]}}`)
	threeStatements := policyDoc(allowAll + ", " + allowAll + ", " + allowAll)

	tests := []struct {
		name   string
		limits policy.Limits
		input  string
		kind   error  // nil when the document must parse
		path   string // path of the error
		hint   string // text the message must contain
	}{
		{"size over limit", policy.Limits{MaxBytes: 20}, threeStatements, policy.ErrTooLarge, "", "Limits.MaxBytes (20)"},
		{"size at limit", policy.Limits{MaxBytes: len(threeStatements)}, threeStatements, nil, "", ""},
		{"size unlimited", policy.Limits{MaxBytes: -1}, threeStatements, nil, "", ""},
		{"depth over default", policy.Limits{}, deep, policy.ErrTooDeep, "", "Limits.MaxDepth (32)"},
		{"depth over limit", policy.Limits{MaxDepth: 2}, threeStatements, policy.ErrTooDeep, "", "Limits.MaxDepth (2)"},
		{"depth at limit", policy.Limits{MaxDepth: 3}, threeStatements, nil, "", ""},
		{"depth raised reaches type check", policy.Limits{MaxDepth: 100}, deep, policy.ErrWrongType,
			"Statement[0].Condition.StringEquals.k[0]", "expected a string, number or boolean"},
		{"depth unlimited", policy.Limits{MaxDepth: -1}, deep, policy.ErrWrongType, "Statement[0].Condition.StringEquals.k[0]", ""},
		{"statements over limit", policy.Limits{MaxStatements: 2}, threeStatements, policy.ErrTooMany, "Statement[2]",
			"Limits.MaxStatements (2)"},
		{"statements at limit", policy.Limits{MaxStatements: 3}, threeStatements, nil, "", ""},
		{"actions over limit", policy.Limits{MaxValues: 4}, manyActions, policy.ErrTooMany, "Statement[0].Action[4]", "Limits.MaxValues (4)"},
		{"actions at limit", policy.Limits{MaxValues: 5}, manyActions, nil, "", ""},
		{"condition keys over limit", policy.Limits{MaxValues: 2}, manyKeys, policy.ErrTooMany,
			"Statement[0].Condition.StringEquals.c", "keys under one operator"},
		{"condition values over limit", policy.Limits{MaxValues: 2}, manyValues, policy.ErrTooMany,
			"Statement[0].Condition.StringEquals.a[2]", "Limits.MaxValues (2)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := tc.limits.ParseString(tc.input)
			if tc.kind == nil {
				require.NoError(t, err)
				require.NotNil(t, p)
				return
			}
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, tc.kind)
			require.Equal(t, tc.path, perr.Path)
			require.Contains(t, err.Error(), tc.hint)
		})
	}
}

func TestLimitsMessagesSayHowToRaise(t *testing.T) {
	limits := policy.Limits{MaxBytes: 10, MaxDepth: 1, MaxStatements: 1, MaxValues: 1}
	inputs := map[string]string{
		"MaxBytes":      policyDoc(allowAll),
		"MaxDepth":      `{"Statement": [` + allowAll + `]}`,
		"MaxStatements": `{"Statement": [` + allowAll + `, ` + allowAll + `]}`,
		"MaxValues":     `{"Statement": [{"Effect": "Allow", "Action": ["s3:A", "s3:B"], "Resource": "*"}]}`,
	}
	for field, input := range inputs {
		t.Run(field, func(t *testing.T) {
			l := policy.Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1}
			switch field {
			case "MaxBytes":
				l.MaxBytes = limits.MaxBytes
			case "MaxDepth":
				l.MaxDepth = limits.MaxDepth
			case "MaxStatements":
				l.MaxStatements = limits.MaxStatements
			case "MaxValues":
				l.MaxValues = limits.MaxValues
			}
			_, err := l.ParseString(input)
			require.Error(t, err)
			require.Contains(t, err.Error(), "Limits."+field)
			require.Contains(t, err.Error(), "policy.Limits{"+field+": n}")
		})
	}
}

func TestLimitsParseBytesMatchesParseString(t *testing.T) {
	l := policy.Limits{MaxValues: 2}
	input := policyDoc(`{"Effect": "Allow", "Action": ["s3:A", "s3:B", "s3:C"], "Resource": "*"}`)
	_, errString := l.ParseString(input)
	_, errBytes := l.Parse([]byte(input))
	require.Error(t, errString)
	require.Equal(t, errString.Error(), errBytes.Error())
}

func TestDefaultLimitsAcceptLargeBenchmarkPolicy(t *testing.T) {
	p, err := policy.Parse(readTestdata(t, "testdata/bench/large-bucket-policy.json"))
	require.NoError(t, err)
	require.Len(t, p.Statements, 1000)
}
