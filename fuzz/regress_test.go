package fuzz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// The tests in this file each pin a disagreement that FuzzEvaluatorDifferential
// found between the evaluator and the reference, as a plain example.
//
// Both concerned action patterns outside ASCII. Action names compare under
// Unicode simple case folding, so 'ſ' (U+017F) equals 's', and 'İ' (U+0130)
// equals neither 'I' nor 'i'. First, the evaluator's action index, keyed
// by the lower-cased service prefix "ſ3", was never read for an "s3:"
// request, so a Deny of "ſ3:GetObject" did not deny s3:GetObject. Second,
// the evaluator lower-cases patterns with strings.ToLower, which maps 'İ'
// to 'i', so NotAction "s3:GetObjectİ" left s3:GetObjectI out of a Deny.
// Parse now rejects any action that is not ASCII, so neither can come from
// a document.

// nonASCIIActions are the action patterns of the two disagreements, with
// the path Parse must reject them at.
var nonASCIIActions = map[string]string{
	"ſ3:GetObject":  "Statement[1].Action",
	"s3:GetObjectİ": "Statement[1].NotAction",
}

func nonASCIIDocument(action, path string) string {
	element := "Action"
	if path == "Statement[1].NotAction" {
		element = "NotAction"
	}
	return `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Deny", "` + element + `": "` + action + `", "Resource": "*"}]}`
}

// TestParseRejectsNonASCIIActions checks that the documents of both
// disagreements are rejected with the path of the action.
func TestParseRejectsNonASCIIActions(t *testing.T) {
	for action, path := range nonASCIIActions {
		t.Run(action, func(t *testing.T) {
			_, err := policy.ParseString(nonASCIIDocument(action, path))
			require.ErrorIs(t, err, policy.ErrBadValue)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, path, perr.Path)
		})
	}
}

// TestNewRejectsCodeBuiltNonASCIIActions builds the same policies in code,
// which bypasses Parse, and checks that evaluator.New rejects them, since
// an evaluator must not exist for a policy that fails to parse. Accepting
// them would bring back the two disagreements.
func TestNewRejectsCodeBuiltNonASCIIActions(t *testing.T) {
	for action, path := range nonASCIIActions {
		t.Run(action, func(t *testing.T) {
			deny := policy.Statement{Effect: policy.Deny, Resource: []string{"*"}}
			if path == "Statement[1].NotAction" {
				deny.NotAction = []string{action}
			} else {
				deny.Action = []string{action}
			}
			p := &policy.Policy{Version: policy.Version2012, Statements: []policy.Statement{
				{Effect: policy.Allow, Action: []string{"s3:*"}, Resource: []string{"*"}}, deny}}
			require.Error(t, p.Check(), "policy.Check")

			_, err := evaluator.New(evaluator.PolicySet{Identity: []*policy.Policy{p}})
			assert.Error(t, err, "evaluator.New accepts a policy that policy.Check rejects")
		})
	}
}
