// Package policytests shows how a team tests its S3 policies before
// deploying them, with the evaluator in an ordinary table-driven Go test.
//
// The folder policies holds the documents the team would deploy: the bucket
// policy of a data lake (acme-datalake, account 111122223333), the policies
// of two access points, one per team, and the identity-based policies of
// some of the callers. datalake_test.go loads them from the files, builds an
// evaluator per caller and access point, and checks a table of requests
// (caller, action, object, route, context) against the decision each should
// get. A row that fails prints the explanation of the decision: which
// statements applied and, for the others, the element that did not match.
//
// Run the tests with
//
//	go test ./examples/policytests
//
// The package has no other code: the test file is the example.
package policytests
