package fuzz

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conditionVector is one case of the condition package's
// testdata/vectors.json: a Condition element, a request context, the
// outcome, and whether a statement with that element applies.
type conditionVector struct {
	Name       string `json:"name"`
	Variables  bool   `json:"variables"`
	Conditions []struct {
		Operator string   `json:"operator"`
		Key      string   `json:"key"`
		Values   []string `json:"values"`
	} `json:"conditions"`
	Context map[string][]string `json:"context"`
	Want    string              `json:"want"`
	Effect  string              `json:"effect"`
	Applies bool                `json:"applies"`
}

// TestReferenceConditionVectors checks the reference's Condition element
// against every condition vector.
func TestReferenceConditionVectors(t *testing.T) {
	data, err := os.ReadFile("../condition/testdata/vectors.json")
	require.NoError(t, err)
	var file struct {
		Cases []conditionVector `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(data, &file))
	require.NotEmpty(t, file.Cases)

	for _, v := range file.Cases {
		t.Run(v.Name, func(t *testing.T) {
			ctx := foldContext(v.Context)
			lookup := func(key string) ([]string, bool) {
				values := ctx[foldKey(key)]
				return values, len(values) > 0
			}
			got := yes
			for _, c := range v.Conditions {
				op, ok := parseRefOperator(c.Operator)
				require.True(t, ok, "operator %q", c.Operator)
				got = got.and(refCondition{op: op, key: c.Key, values: c.Values, variables: v.Variables}.eval(lookup))
			}
			assert.Equal(t, v.Want, got.String(), "outcome")

			applies := got == yes || v.Effect == "Deny" && got == unknown
			assert.Equal(t, v.Applies, applies, "whether a %s statement applies", v.Effect)
		})
	}
}

// TestReferenceARNVectors checks the reference's ARN pattern matching
// against the arn package's testdata/arnmatch.json.
func TestReferenceARNVectors(t *testing.T) {
	data, err := os.ReadFile("../arn/testdata/arnmatch.json")
	require.NoError(t, err)
	var cases []struct {
		Name    string `json:"name"`
		Pattern string `json:"pattern"`
		Value   string `json:"value"`
		Match   bool   `json:"match"`
	}
	require.NoError(t, json.Unmarshal(data, &cases))
	require.NotEmpty(t, cases)

	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got, resolved := refARNMatch(c.Pattern, c.Value, true, nil)
			require.True(t, resolved, "pattern %q has no variables", c.Pattern)
			assert.Equal(t, c.Match, got, "pattern %q, value %q", c.Pattern, c.Value)
		})
	}
}
