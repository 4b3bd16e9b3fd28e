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

// TestFoldedKeyNamesAgreeWithReference checks condition keys spelled with
// a character that Unicode case folding maps to an ASCII letter: the long
// s in "ſ3:" and "awſ:", and the Kelvin sign for 'k'. They name the same
// keys as their ASCII spelling. So a condition on
// "ſ3:DataAccessPointAccount" reads the account of the access point, and
// one on "awſ:username" reads the user's name.
func TestFoldedKeyNamesAgreeWithReference(t *testing.T) {
	const (
		apARN = "arn:aws:s3:us-west-2:111122223333:accesspoint/ap"
		alice = "arn:aws:iam::111122223333:user/alice"
	)
	tests := []struct {
		name, key, value, resource string
		want                       evaluator.Decision
	}{
		{"long s in the service, through the access point", "ſ3:DataAccessPointAccount", "111122223333", apARN + "/object/k", evaluator.Allow},
		{"long s in the service, direct", "ſ3:DataAccessPointAccount", "111122223333", "arn:aws:s3:::b1/k", evaluator.ImplicitDeny},
		{"Kelvin sign in the name", "s3:AccessPointNetwor\u212aOrigin", "Internet", apARN + "/object/k", evaluator.Allow},
		{"Kelvin sign in the name, other origin", "s3:AccessPointNetwor\u212aOrigin", "VPC", apARN + "/object/k", evaluator.ImplicitDeny},
		{"long s in aws:username", "awſ:username", "alice", "arn:aws:s3:::b1/k", evaluator.Allow},
		{"long s in aws:username, other user", "awſ:username", "bob", "arn:aws:s3:::b1/k", evaluator.ImplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			allowAll := policy.MustParse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
				"Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`)
			bucket := policy.MustParse(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
				"Principal": "*", "Action": "s3:GetObject", "Resource": "*",
				"Condition": {"StringEquals": {"` + tc.key + `": "` + tc.value + `"}}}]}`)
			ev, err := evaluator.New(evaluator.PolicySet{
				Resource:          bucket,
				AccessPointPolicy: allowAll,
				AccessPoint:       &evaluator.AccessPoint{ARN: apARN, Bucket: "b1", BucketAccount: "111122223333", NetworkOrigin: "Internet"},
			})
			require.NoError(t, err)
			p, err := evaluator.ParsePrincipal(alice, "")
			require.NoError(t, err)

			res := ev.Evaluate(&evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: tc.resource, ResourceAccount: "111122223333"})
			require.NoError(t, res.Err)
			assert.Equal(t, tc.want, res.Decision, "evaluator")

			ref := &refPolicySet{resource: bucket, accessPoint: allowAll, ap: &refAccessPoint{
				arn: apARN, bucket: "b1", bucketAccount: "111122223333", origin: "Internet"}}
			got := refDecide(ref, &refRequest{principal: alice, action: "s3:GetObject", resource: tc.resource, resourceAccount: "111122223333"})
			assert.Equal(t, tc.want.String(), got, "reference")
		})
	}
}
