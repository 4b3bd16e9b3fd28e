package condition_test

import (
	"fmt"

	"github.com/iameval/iameval/condition"
)

// A bucket policy grants reading a patient record only when the object's
// data tag is emergency-room.
func ExampleNew() {
	op, err := condition.ParseOperator("StringEquals")
	if err != nil {
		panic(err)
	}
	c, err := condition.New(op, "s3:ExistingObjectTag/data", []string{"emergency-room"}, true)
	if err != nil {
		panic(err)
	}

	for _, tags := range []map[string][]string{
		{"s3:ExistingObjectTag/data": {"emergency-room"}},
		{"S3:ExistingObjectTag/Data": {"emergency-room"}}, // key names ignore case
		{"s3:ExistingObjectTag/data": {"Emergency-Room"}}, // values do not
		{}, // object without the tag
	} {
		fmt.Println(c.Eval(condition.NewContext(tags)))
	}
	// Output:
	// true
	// true
	// false
	// false
}

// New rejects a policy value that cannot be read for its operator.
func ExampleNew_badValue() {
	_, err := condition.New(condition.MustParseOperator("IpAddress"), "aws:SourceIp",
		[]string{"203.0.113.0/24", "10.0.0.0/33"}, true)
	fmt.Println(err)
	// Output:
	// condition: invalid IpAddress value [1] "10.0.0.0/33": not a CIDR block
}

// Policy variables are replaced by the request's values before comparing.
func ExampleNew_variables() {
	c := condition.MustNew(condition.MustParseOperator("StringLike"), "s3:prefix",
		[]string{"home/${aws:username}/*"}, true)

	alice := condition.NewContext(map[string][]string{
		"aws:username": {"alice"},
		"s3:prefix":    {"home/alice/photos/"},
	})
	bob := condition.NewContext(map[string][]string{
		"aws:username": {"bob"},
		"s3:prefix":    {"home/alice/photos/"},
	})
	fmt.Println(c.Eval(alice), c.Eval(bob))
	// Output:
	// true false
}

// A Block ANDs the conditions of one statement with three-valued logic.
func ExampleBlock_Eval() {
	block := condition.Block{
		condition.MustNew(condition.MustParseOperator("ForAllValues:StringEquals"), "aws:TagKeys", []string{"env", "team"}, true),
		condition.MustNew(condition.MustParseOperator("Null"), "aws:TagKeys", []string{"false"}, true),
	}
	fmt.Println(block.Eval(condition.NewContext(map[string][]string{"aws:TagKeys": {"env"}})))
	fmt.Println(block.Eval(condition.NewContext(nil)))

	// A plain operator on a key with several values is indeterminate.
	plain := condition.Block{
		condition.MustNew(condition.MustParseOperator("StringEquals"), "aws:TagKeys", []string{"env"}, true),
	}
	fmt.Println(plain.Eval(condition.NewContext(map[string][]string{"aws:TagKeys": {"env", "team"}})))
	// Output:
	// true
	// false
	// indeterminate
}

// Keys are looked up in any case. With adds keys for one request without
// changing the shared context and without allocating.
func ExampleContext() {
	shared := condition.NewContext(map[string][]string{
		"aws:SourceIp": {"203.0.113.5"},
		"aws:TagKeys":  {"env", "team"},
	})
	fmt.Println(shared.Get("AWS:SOURCEIP"))
	fmt.Println(shared.Get("aws:tagkeys"))

	request := shared.With("s3:DataAccessPointAccount", "111122223333")

	fmt.Println(request.Get("s3:dataaccesspointaccount"))
	fmt.Println(shared.Get("s3:DataAccessPointAccount"))
	// Output:
	// [203.0.113.5] true
	// [env team] true
	// [111122223333] true
	// [] false
}

// EvalValue names the request values that fail a ForAllValues test.
func ExampleCondition_EvalValue() {
	c := condition.MustNew(condition.MustParseOperator("ForAllValues:StringLike"), "aws:TagKeys",
		[]string{"env", "team-*"}, true)
	ctx := condition.NewContext(map[string][]string{"aws:TagKeys": {"env", "secret", "team-a"}})

	fmt.Println(c.Operator, c.Key, c.Values, "->", c.Eval(ctx))
	values, _ := ctx.Get(c.Key)
	for _, v := range values {
		if c.EvalValue(ctx, v) != condition.True {
			fmt.Println("failed:", v)
		}
	}
	// Output:
	// ForAllValues:StringLike aws:TagKeys [env team-*] -> false
	// failed: secret
}

func ExampleParseDecimal() {
	a, _ := condition.ParseDecimal("1.5E3")
	b, _ := condition.ParseDecimal("1500.000")
	c, _ := condition.ParseDecimal("-2")
	_, ok := condition.ParseDecimal("ten")
	fmt.Println(a.Compare(b), c.Compare(a), ok)
	// Output:
	// 0 -1 false
}
