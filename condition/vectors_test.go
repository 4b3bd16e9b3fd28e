package condition_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
)

// vectorFile is the layout of testdata/vectors.json: condition blocks taken
// from worked decision scenarios, with the block's outcome and whether the
// statement it guards takes effect in that scenario.
type vectorFile struct {
	Cases []struct {
		Name       string `json:"name"`
		Model      bool   `json:"model"` // the expected outcome rests on a modelling choice
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
	} `json:"cases"`
}

func TestVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/vectors.json")
	require.NoError(t, err)
	var file vectorFile
	require.NoError(t, json.Unmarshal(data, &file))
	require.NotEmpty(t, file.Cases)

	for _, tc := range file.Cases {
		name := tc.Name
		if tc.Model {
			name = "model: " + name
		}
		t.Run(name, func(t *testing.T) {
			var block condition.Block
			for _, c := range tc.Conditions {
				op, err := condition.ParseOperator(c.Operator)
				require.NoError(t, err)
				compiled, err := condition.New(op, c.Key, c.Values, tc.Variables)
				require.NoError(t, err)
				block = append(block, compiled)
			}
			got := block.Eval(condition.NewContext(tc.Context))
			assert.Equal(t, tc.Want, got.String(), "block outcome")
			assert.Equal(t, tc.Applies, statementApplies(tc.Effect, got), "%s statement takes effect", tc.Effect)
		})
	}
}

// statementApplies reports whether a statement whose Condition block has
// the given outcome takes effect: an Allow only on True, so an unknown
// outcome never grants, and a Deny on anything but False, so an unknown
// outcome never lifts a denial.
func statementApplies(effect string, o condition.Outcome) bool {
	if effect == "Deny" {
		return o != condition.False
	}
	return o == condition.True
}
