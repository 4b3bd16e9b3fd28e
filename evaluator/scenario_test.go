package evaluator_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
)

// scenarioCase is one file of testdata/scenarios: a scenario document with
// the decision AWS reaches for it. Model marks cases that rest on a choice
// the library makes where AWS documentation is silent; their test names
// start with "model/".
type scenarioCase struct {
	ID       string          `json:"-"`
	Title    string          `json:"title"`
	Expect   string          `json:"expect"` // a Decision, or "ParseError" for a rejected scenario
	Model    bool            `json:"model"`
	Scenario json.RawMessage `json:"scenario"`
}

func (c scenarioCase) name() string {
	name := c.ID + " " + c.Title
	if c.Model {
		return "model/" + name
	}
	return name
}

func loadScenarios(t testing.TB) []scenarioCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var cases []scenarioCase
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var c scenarioCase
		require.NoError(t, json.Unmarshal(data, &c), file)
		c.ID = strings.TrimSuffix(filepath.Base(file), ".json")
		cases = append(cases, c)
	}
	return cases
}

// knownDifferent lists scenarios whose expected decision the evaluator
// does not reproduce, with the reason. Each entry is printed when the test
// runs, and the test fails if the scenario starts to pass, so the list
// cannot go stale.
var knownDifferent = map[string]string{}

func TestScenarios(t *testing.T) {
	for id, reason := range knownDifferent {
		t.Logf("known difference %s: %s", id, reason)
	}
	for _, c := range loadScenarios(t) {
		t.Run(c.name(), func(t *testing.T) {
			t.Parallel()
			s, err := evaluator.ParseScenario(c.Scenario)
			if c.Expect == "ParseError" {
				require.Error(t, err, "scenario must be rejected")
				return
			}
			require.NoError(t, err)

			res := s.Evaluator.Evaluate(&s.Request)
			require.NoError(t, res.Err)
			if reason, ok := knownDifferent[c.ID]; ok {
				assert.NotEqual(t, c.Expect, res.Decision.String(),
					"listed as a known difference (%s) but now passes: remove it from knownDifferent", reason)
				return
			}
			assert.Equal(t, c.Expect, res.Decision.String(), "reason %q, matched %+v\n%s",
				res.Reason, res.Matched(), s.Evaluator.Explain(&s.Request))
		})
	}
}
