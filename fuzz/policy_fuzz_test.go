package fuzz

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iameval/iameval/policy"
)

// ignorePositions compares ASTs without their source positions.
var ignorePositions = cmpopts.IgnoreTypes(policy.Pos(0), []policy.Pos(nil))

// parseErrorKinds are the kinds every policy.ParseError wraps one of.
var parseErrorKinds = []error{
	policy.ErrInvalidJSON, policy.ErrTooLarge, policy.ErrTooDeep, policy.ErrTooMany,
	policy.ErrUnknownElement, policy.ErrDuplicateKey, policy.ErrWrongType,
	policy.ErrMissingElement, policy.ErrConflictingElements, policy.ErrBadValue,
}

// unlimited parses without limits, so that a canonical document is never
// rejected for growing past a limit its source stayed under.
var unlimited = policy.Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1, MaxWildcards: -1}

// FuzzPolicyParse checks that policy.Parse never panics, that an error is a
// *policy.ParseError of exactly one kind with an offset inside the input,
// and that a document it accepts marshals to a canonical document that
// parses back to an equal AST and marshals to the same bytes.
func FuzzPolicyParse(f *testing.F) {
	f.Add([]byte(`{"Statement": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := policy.Parse(data)
		if err != nil {
			checkParseError(t, data, err)
			return
		}

		out, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a parsed policy: %v\ninput: %q", err, data)
		}
		again, err := unlimited.Parse(out)
		if err != nil {
			t.Fatalf("canonical document does not parse: %v\ninput: %q\noutput: %q", err, data, out)
		}
		if diff := cmp.Diff(p.Statements, again.Statements, ignorePositions); diff != "" {
			t.Fatalf("statements changed by the round trip (-parsed +reparsed):\n%s\ninput: %q", diff, data)
		}
		if p.Version != again.Version || p.ID != again.ID {
			t.Fatalf("Version and Id %q, %q became %q, %q\ninput: %q", p.Version, p.ID, again.Version, again.ID, data)
		}
		if !p.Equal(again) {
			t.Fatalf("Policy.Equal is false after the round trip\ninput: %q", data)
		}
		if out2, err := again.MarshalJSON(); err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("canonical document is not stable: %q then %q (%v)", out, out2, err)
		}
	})
}

// checkParseError checks the promises a Parse error makes about itself.
func checkParseError(t *testing.T, data []byte, err error) {
	t.Helper()
	var perr *policy.ParseError
	if !errors.As(err, &perr) {
		t.Fatalf("error %T is not a *policy.ParseError: %v\ninput: %q", err, err, data)
	}
	if perr.Offset < 0 || perr.Offset > len(data) {
		t.Fatalf("error offset %d outside the %d-byte input: %v\ninput: %q", perr.Offset, len(data), err, data)
	}
	kinds := 0
	for _, kind := range parseErrorKinds {
		if errors.Is(err, kind) {
			kinds++
		}
	}
	if kinds != 1 {
		t.Fatalf("error wraps %d of the kinds, want exactly 1: %v\ninput: %q", kinds, err, data)
	}
	if !errors.Is(err, policy.ErrTooLarge) && perr.Line < 1 {
		t.Fatalf("error has no line: %v\ninput: %q", err, data)
	}
}
