package policy_test

import (
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iameval/iameval/policy"
)

// ignorePositions makes cmp compare ASTs without their source positions.
var ignorePositions = cmpopts.IgnoreTypes(policy.Pos(0), []policy.Pos(nil))
