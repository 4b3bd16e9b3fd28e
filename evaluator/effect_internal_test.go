package evaluator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// TestCompileRejectsUnknownEffect checks that compiling a statement whose
// Effect is neither Allow nor Deny fails, even when the policy check
// before it has been skipped, so that such a statement never acts as
// Allow.
func TestCompileRejectsUnknownEffect(t *testing.T) {
	tests := []struct {
		name    string
		effect  policy.Effect
		wantErr bool
	}{
		{"Allow", policy.Allow, false},
		{"Deny", policy.Deny, false},
		{"zero Effect", 0, true},
		{"out of range", policy.Effect(9), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s statement
			src := &policy.Statement{Effect: tc.effect, Action: []string{"s3:*"}, Resource: []string{"*"}}
			err := s.compile(src, true, map[string]keyUse{})
			if !tc.wantErr {
				require.NoError(t, err)
				assert.Equal(t, tc.effect, s.effect)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "neither Allow nor Deny")
		})
	}
}
