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
	"github.com/iameval/iameval/policy"
)

const minimalRequest = `"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
	"resource": "arn:aws:s3:::b1/k", "resourceAccount": "111122223333"}`

func TestParseScenarioErrors(t *testing.T) {
	allow := `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	tests := []struct {
		name     string
		doc      string
		wantPath string
		wantKind error
		wantLine int // 0: not checked
	}{
		{"invalid JSON", `{"request": `, "", policy.ErrInvalidJSON, 1},
		{"not an object", `[]`, "", policy.ErrWrongType, 1},
		{"missing request", `{"policies": {}}`, "", policy.ErrMissingElement, 0},
		{"unknown top-level member", `{` + minimalRequest + `, "polices": {}}`, "polices", policy.ErrUnknownElement, 0},
		{"duplicate member", `{` + minimalRequest + `, ` + minimalRequest + `}`, "request", policy.ErrDuplicateKey, 0},
		{"unknown policy kind", `{"policies": {"identities": []}, ` + minimalRequest + `}`, "policies.identities", policy.ErrUnknownElement, 1},
		{"identity not a list", `{"policies": {"identity": ` + allow + `}, ` + minimalRequest + `}`, "policies.identity", policy.ErrWrongType, 0},
		{"policy not an object", `{"policies": {"resource": "{}"}, ` + minimalRequest + `}`, "policies.resource", policy.ErrWrongType, 0},
		{"SCP level not a list", `{"policies": {"scp": [` + allow + `]}, ` + minimalRequest + `}`, "policies.scp[0]", policy.ErrWrongType, 0},
		{"unknown request member", `{"request": {"principal": "anonymous", "verb": "x"}}`, "request.verb", policy.ErrUnknownElement, 0},
		{"missing principal", `{"request": {"action": "s3:GetObject", "resource": "*"}}`, "request.principal", policy.ErrMissingElement, 0},
		{"number as action", `{"request": {"principal": "anonymous", "action": 3, "resource": "*"}}`, "request.action", policy.ErrWrongType, 0},
		{"bad principal", `{"request": {"principal": "alice", "action": "s3:GetObject", "resource": "*"}}`, "request.principal", evaluator.ErrInvalidPrincipal, 0},
		{"bad request", `{"request": {"principal": "anonymous", "action": "GetObject", "resource": "*"}}`, "request", evaluator.ErrInvalidRequest, 0},
		{"context number", `{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*",
			"context": {"s3:max-keys": 10}}}`, "request.context.s3:max-keys", policy.ErrWrongType, 0},
		{"context keys differing in case", `{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*",
			"context": {"aws:SourceIp": "192.0.2.1", "aws:sourceip": "192.0.2.2"}}}`, "request.context.aws:sourceip", policy.ErrDuplicateKey, 0},
		{"unknown access point member", `{"accessPoint": {"arn": "x", "policy": {}}, ` + minimalRequest + `}`, "accessPoint.policy", policy.ErrUnknownElement, 0},
		{"bad network origin", `{"accessPoint": {"arn": "arn:aws:s3:us-west-2:111122223333:accesspoint/ap", "bucket": "b1",
			"bucketAccount": "111122223333", "networkOrigin": "vpc", "vpcId": "vpc-1"}, ` + minimalRequest + `}`,
			"accessPoint.networkOrigin", evaluator.ErrInvalidAccessPoint, 0},
		{"invalid policy inside", "{\"policies\": {\"identity\": [" + allow + ",\n {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\",\n \"Resource\": \"*\", \"Condition\": {\"StringEqual\": {\"aws:username\": \"x\"}}}]}]}, " + minimalRequest + "}",
			"policies.identity[1].Statement[0].Condition.StringEqual", policy.ErrUnknownElement, 3},
		{"principal in identity policy", `{"policies": {"identity": [{"Statement": [{"Effect": "Allow", "Principal": "*",
			"Action": "s3:GetObject", "Resource": "*"}]}]}, ` + minimalRequest + `}`,
			"policies.identity[0].Statement[0].Principal", evaluator.ErrInvalidPolicy, 1},
		{"statement without principal in bucket policy", `{"policies": {"resource": ` + allow + `}, ` + minimalRequest + `}`,
			"policies.resource.Statement[0]", evaluator.ErrInvalidPolicy, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := evaluator.ParseScenario([]byte(tc.doc))
			require.Error(t, err)
			assert.Nil(t, s)
			var se *evaluator.ScenarioError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.wantPath, se.Path)
			assert.ErrorIs(t, err, tc.wantKind)
			if tc.wantLine > 0 {
				assert.Equal(t, tc.wantLine, se.Line, "line of %v", err)
			}
			if tc.wantPath != "" {
				assert.Contains(t, err.Error(), tc.wantPath)
			}
			assert.True(t, strings.HasPrefix(err.Error(), "evaluator: scenario"), err.Error())
		})
	}
}

// TestParseErrorScenarios checks why each scenario that must be rejected
// is rejected.
func TestParseErrorScenarios(t *testing.T) {
	tests := []struct {
		id       string
		wantPath string
		wantKind error
	}{
		{"D112", "policies.identity[0].Statement[0].Effect", policy.ErrBadValue},
		{"S-noPrincipalElement-1", "policies.resource.Statement[0]", evaluator.ErrInvalidPolicy},
		{"S-noPrincipalElement-2", "policies.resource.Statement[0]", evaluator.ErrInvalidPolicy},
		{"S-commas-1", "policies.identity[0].Statement[0].Action", policy.ErrBadValue},
		{"S-commas-2", "policies.identity[0].Statement[0].Action", policy.ErrBadValue},
		{"S-sim.edgeCases.whitespaceActions-2", "policies.identity[0].Statement[0].Action", policy.ErrBadValue},
		{"S-sim.edgeCases.whitespaceActions-4", "policies.identity[0].Statement[0].Action", policy.ErrBadValue},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "scenarios", tc.id+".json"))
			require.NoError(t, err)
			var c scenarioCase
			require.NoError(t, json.Unmarshal(data, &c))
			require.Equal(t, "ParseError", c.Expect)

			_, err = evaluator.ParseScenario(c.Scenario)
			var se *evaluator.ScenarioError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.wantPath, se.Path)
			assert.ErrorIs(t, err, tc.wantKind)
		})
	}
}

func TestParseScenario(t *testing.T) {
	doc := `{
  "policies": {
    "identity": [{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}],
    "scp": [[{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}], []]
  },
  "request": {
    "principal": "arn:aws:sts::111122223333:assumed-role/Dev/s1",
    "sessionIssuer": "arn:aws:iam::111122223333:role/team/Dev",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::b1/k",
    "resourceAccount": "111122223333",
    "context": {"aws:SecureTransport": "true", "aws:TagKeys": ["a", "b"], "aws:Empty": []}
  }
}`
	s, err := evaluator.ParseScenario([]byte(doc))
	require.NoError(t, err)
	require.Len(t, s.Policies.Identity, 1)
	require.Len(t, s.Policies.SCPs, 2)
	assert.Empty(t, s.Policies.SCPs[1], "an empty level stays a level")
	assert.Equal(t, evaluator.PrincipalRoleSession, s.Request.Principal.Type())
	assert.Equal(t, "arn:aws:iam::111122223333:role/team/Dev", s.Request.Principal.Issuer())
	values, ok := s.Request.Context.Get("aws:tagkeys")
	assert.True(t, ok)
	assert.Equal(t, []string{"a", "b"}, values)
	_, ok = s.Request.Context.Get("aws:Empty")
	assert.False(t, ok, "a key with no values is absent")

	res := s.Evaluator.Evaluate(&s.Request)
	assert.Equal(t, evaluator.ImplicitDeny, res.Decision, "the second SCP level allows nothing")
	assert.Equal(t, evaluator.ReasonSCP, res.Reason)
}
