package condition_test

import (
	"testing"

	"github.com/iameval/iameval/condition"
)

// hotPathCases are conditions on the request path, each with a context
// that makes it evaluate fully (no early exit on an absent key).
var hotPathCases = []struct {
	name      string
	op        string
	key       string
	values    []string
	variables bool
	context   map[string][]string
}{
	{"StringEquals", "StringEquals", "s3:ExistingObjectTag/data", []string{"cardiology", "emergency-room"},
		false, map[string][]string{"s3:ExistingObjectTag/data": {"emergency-room"}}},
	{"StringLike", "StringLike", "s3:prefix", []string{"home/*/private/*", "shared/*"},
		false, map[string][]string{"s3:prefix": {"home/alice/private/notes/2024/"}}},
	{"IpAddress", "IpAddress", "aws:SourceIp", []string{"192.0.2.0/24", "203.0.113.0/24", "2001:db8::/32"},
		false, map[string][]string{"aws:SourceIp": {"203.0.113.77"}}},
	{"ForAllValues", "ForAllValues:StringEquals", "aws:TagKeys", []string{"env", "team", "cost-center"},
		false, map[string][]string{"aws:TagKeys": {"team", "env", "cost-center"}}},
	{"StringEqualsVariable", "StringEquals", "s3:ExistingObjectTag/team", []string{"${aws:PrincipalTag/team}"},
		true, map[string][]string{"s3:ExistingObjectTag/team": {"red"}, "aws:PrincipalTag/team": {"red"}}},
	{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "aws:username", []string{"JohnDoe"},
		false, map[string][]string{"aws:username": {"johndoe"}}},
	{"NumericLessThanEquals", "NumericLessThanEquals", "s3:max-keys", []string{"1000.5"},
		false, map[string][]string{"s3:max-keys": {"1000"}}},
	{"DateLessThan", "DateLessThan", "aws:CurrentTime", []string{"2030-01-01T00:00:00Z"},
		false, map[string][]string{"aws:CurrentTime": {"2024-05-01T12:00:00.250+02:00"}}},
	{"ArnLikeVariable", "ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::home-${aws:username}/*"},
		true, map[string][]string{"aws:SourceArn": {"arn:aws:s3:::home-alice/x"}, "aws:username": {"alice"}}},
	{"BinaryEquals", "BinaryEquals", "k", []string{"QmluYXJ5VmFsdWU="},
		false, map[string][]string{"k": {"QmluYXJ5VmFsdWU"}}},
	{"Bool", "Bool", "aws:SecureTransport", []string{"true"},
		false, map[string][]string{"aws:SecureTransport": {"TRUE"}}},
	{"Null", "Null", "aws:TokenIssueTime", []string{"true"},
		false, nil},
	{"UnparsableAddress", "NotIpAddress", "aws:SourceIp", []string{"10.0.0.0/8"},
		false, map[string][]string{"aws:SourceIp": {"fe80::1%eth0"}}},
	{"NonARN", "ArnNotLike", "aws:SourceArn", []string{"arn:aws:s3:::*"},
		false, map[string][]string{"aws:SourceArn": {"bucket"}}},
}

func TestEvalDoesNotAllocate(t *testing.T) {
	for _, tc := range hotPathCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := condition.New(condition.MustParseOperator(tc.op), tc.key, tc.values, tc.variables)
			if err != nil {
				t.Fatal(err)
			}
			ctx := condition.NewContext(tc.context)
			block := condition.Block{c, c}
			if got := block.Eval(ctx); got != condition.True {
				t.Fatalf("Eval = %s, want true", got)
			}
			if allocs := testing.AllocsPerRun(100, func() { block.Eval(ctx) }); allocs != 0 {
				t.Errorf("Eval allocates %v times per run, want 0", allocs)
			}
		})
	}
}

func TestContextGetDoesNotAllocate(t *testing.T) {
	ctx := condition.NewContext(map[string][]string{
		"aws:PrincipalTag/Équipe": {"rouge"},
		"aws:SourceIp":            {"203.0.113.5"},
	})
	for _, key := range []string{"aws:sourceip", "AWS:SourceIP", "aws:principaltag/ÉQUIPE", "missing:Key"} {
		if allocs := testing.AllocsPerRun(100, func() { ctx.Get(key) }); allocs != 0 {
			t.Errorf("Get(%q) allocates %v times per run, want 0", key, allocs)
		}
	}
}

// evalWithAddedKeys is what an evaluator does per request: add keys derived
// from the request to a shared context and evaluate a block against the
// result. Each With result has its own variable, which keeps the chain on
// the stack.
func evalWithAddedKeys(base *condition.Context, block condition.Block, apARN, account string) condition.Outcome {
	withARN := base.With("s3:DataAccessPointArn", apARN)
	withAccount := withARN.With("s3:DataAccessPointAccount", account)
	return block.Eval(withAccount)
}

func TestWithDoesNotAllocate(t *testing.T) {
	base := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}})
	block := condition.Block{
		condition.MustNew(condition.MustParseOperator("StringEquals"), "s3:DataAccessPointAccount", []string{"111122223333"}, false),
		condition.MustNew(condition.MustParseOperator("ArnLike"), "s3:DataAccessPointArn", []string{"arn:aws:s3:*:111122223333:accesspoint/*"}, false),
		condition.MustNew(condition.MustParseOperator("IpAddress"), "aws:SourceIp", []string{"203.0.113.0/24"}, false),
	}
	const apARN = "arn:aws:s3:us-west-2:111122223333:accesspoint/records"
	if got := evalWithAddedKeys(base, block, apARN, "111122223333"); got != condition.True {
		t.Fatalf("Eval = %s, want true", got)
	}
	allocs := testing.AllocsPerRun(100, func() { evalWithAddedKeys(base, block, apARN, "111122223333") })
	if allocs != 0 {
		t.Errorf("With and Eval allocate %v times per run, want 0", allocs)
	}
}

// evalWithDefaults is what an evaluator does for keys it derives from the
// principal: add them as defaults, which a caller's own values override.
func evalWithDefaults(base *condition.Context, block condition.Block, user, account string) condition.Outcome {
	withUser := base.WithDefault("aws:username", user)
	withAccount := withUser.WithDefault("aws:PrincipalAccount", account)
	return block.Eval(withAccount)
}

func TestWithDefaultDoesNotAllocate(t *testing.T) {
	base := condition.NewContext(map[string][]string{"aws:SourceIp": {"203.0.113.5"}})
	block := condition.Block{
		condition.MustNew(condition.MustParseOperator("StringEquals"), "aws:PrincipalAccount", []string{"111122223333"}, false),
		condition.MustNew(condition.MustParseOperator("StringLike"), "aws:username", []string{"a*"}, false),
	}
	if got := evalWithDefaults(base, block, "alice", "111122223333"); got != condition.True {
		t.Fatalf("Eval = %s, want true", got)
	}
	allocs := testing.AllocsPerRun(100, func() { evalWithDefaults(base, block, "alice", "111122223333") })
	if allocs != 0 {
		t.Errorf("WithDefault and Eval allocate %v times per run, want 0", allocs)
	}
}
