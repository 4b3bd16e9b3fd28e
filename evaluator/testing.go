package evaluator

import (
	"fmt"
	"strings"
)

// Decide builds an Evaluator from set and decides r with it. It is meant
// for tests and one-off checks: building compiles every policy, which costs
// far more than a decision, so a service builds its Evaluator once with New
// and calls Evaluate for each request.
//
// The error is the one New returns, or Result.Err for a request that
// cannot be evaluated. The decision is then ImplicitDeny.
func Decide(set PolicySet, r *Request) (Decision, error) {
	e, err := New(set)
	if err != nil {
		return ImplicitDeny, err
	}
	res := e.Evaluate(r)
	return res.Decision, res.Err
}

// Expect evaluates r and returns nil when the decision is want. Otherwise
// it returns a *DecisionError whose message contains the explanation of the
// decision, so that a failing row of a table test shows which statement
// applied or which element did not match. Explain runs only when the
// decision differs.
//
// When r cannot be evaluated, Expect returns Result.Err, which wraps
// ErrInvalidRequest, even if want is ImplicitDeny: a malformed request is a
// mistake in the test, not a denial worth asserting.
func (e *Evaluator) Expect(r *Request, want Decision) error {
	res := e.Evaluate(r)
	if res.Err != nil {
		return res.Err
	}
	if res.Decision == want {
		return nil
	}
	return &DecisionError{Request: r, Want: want, Explanation: e.Explain(r)}
}

// DecisionError reports that a request was decided otherwise than
// expected. Expect returns it.
type DecisionError struct {
	// Request is the request that was evaluated.
	Request *Request

	// Want is the decision the caller expected.
	Want Decision

	// Explanation explains the decision that was reached, which is
	// Explanation.Result.Decision.
	Explanation *Explanation
}

// Error returns a first line naming the request, the decision and the
// expected one, followed by the explanation as Explanation.String renders
// it:
//
//	evaluator: arn:aws:iam::111122223333:user/bob s3:GetObject arn:aws:s3:::examplebucket/a.txt: decision ImplicitDeny (no-allow), want Allow
//	request gate, resource arn:aws:s3:::examplebucket/a.txt
//	  resource: did not apply
//	    ...
//
// The layout of the explanation may change between versions.
func (e *DecisionError) Error() string {
	got := e.Explanation.Result
	var sb strings.Builder
	fmt.Fprintf(&sb, "evaluator: %s %s %s: decision %s", e.Request.Principal, e.Request.Action,
		e.Request.Resource, got.Decision)
	if got.Reason != ReasonNone {
		fmt.Fprintf(&sb, " (%s)", got.Reason)
	}
	fmt.Fprintf(&sb, ", want %s\n", e.Want)

	// The explanation's first line repeats the decision, so it is left out.
	_, details, _ := strings.Cut(e.Explanation.String(), "\n")
	sb.WriteString(strings.TrimSuffix(details, "\n"))
	return strings.TrimSuffix(sb.String(), "\n")
}
