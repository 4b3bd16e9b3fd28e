// Package condition evaluates the Condition element of AWS IAM and S3
// policies: condition operators applied to the keys of a request context,
// with the results AWS gives, including for absent keys, sets of values and
// policy variables.
//
// A policy's Condition element maps operators to keys to values:
//
//	"Condition": {
//	    "StringEquals": {"s3:ExistingObjectTag/data": "emergency-room"},
//	    "ForAnyValue:StringLike": {"aws:TagKeys": ["team-*", "env"]}
//	}
//
// New compiles one (operator, key, values) test into a Condition, parsing
// every policy value once. A Block holds the Conditions of one statement.
// Condition.Eval and Block.Eval evaluate them against a Context without
// allocating.
//
// # Operators
//
//	String   StringEquals, StringNotEquals, StringEqualsIgnoreCase,
//	         StringNotEqualsIgnoreCase, StringLike, StringNotLike
//	Numeric  NumericEquals, NumericNotEquals, NumericLessThan,
//	         NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals
//	Date     DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals,
//	         DateGreaterThan, DateGreaterThanEquals
//	Bool     Bool
//	Binary   BinaryEquals
//	IP       IpAddress, NotIpAddress
//	ARN      ArnEquals, ArnLike, ArnNotEquals, ArnNotLike
//	Null     Null
//
// String values compare exactly and case-sensitively, except under the
// IgnoreCase operators, which compare under Unicode simple case folding.
// '*' and '?' are wildcards only in StringLike and StringNotLike, matched
// as in the arn package: '*' any run of characters, '?' one character, the
// whole value anchored.
//
// Numbers are integers or decimals, with an optional sign and exponent
// (10, -2.5, 1.5e3), compared exactly: 10 equals 10.0 and no value is
// rounded. Dates are ISO 8601 in the forms of the W3C profile (YYYY,
// YYYY-MM, YYYY-MM-DD, and a time with minutes, seconds or a fraction of a
// second, always with a zone designator "Z" or ±hh:mm), or seconds since
// the Unix epoch. They compare as instants, so zones and precision do not
// matter. Bool values are "true" and "false" in any case. BinaryEquals
// values are standard base64, with or without padding, compared as bytes.
// IpAddress values are CIDR blocks or bare addresses (one host), IPv4 or
// IPv6, with host bits cleared. An IPv4 address never matches an IPv6
// block, IPv4-mapped or not. Arn values are ARN patterns matched part by
// part, so a wildcard never absorbs the ':' between two parts, and
// ArnEquals takes wildcards just like ArnLike. A request value that is not
// an ARN matches no Arn pattern, not even "*".
//
// A negated operator (StringNotEquals, NumericNotEquals, DateNotEquals,
// NotIpAddress, ArnNotEquals, ArnNotLike, and the NotLike and
// NotEqualsIgnoreCase operators) holds for a request value that matches
// none of the policy's values. Several values of a positive operator are
// alternatives: one match suffices.
//
// # Absent keys, IfExists and Null
//
// A key is absent when the context has no value for it. On an absent key a
// positive operator is false and a negated one true. The IfExists suffix,
// allowed on every operator but Null, makes the test true on an absent key
// and changes nothing otherwise. Null tests presence only: "true" holds for
// an absent key, "false" for a present one. A present empty string is a
// value like any other.
//
// # Set qualifiers
//
// ForAnyValue: holds when at least one request value satisfies the
// operator, and ForAllValues: when every one does. On an absent key
// ForAnyValue is false and ForAllValues is true, so an Allow guarded only by
// ForAllValues grants when the key is missing. Guard it with Null "false".
// A request value satisfies a negated operator when it matches none of the
// policy's values. A key with one value is a set of one.
//
// An operator without a set qualifier compares a key's single value. AWS
// does not document what it does with a key holding several values, so
// such a test is Indeterminate.
//
// # Indeterminate results
//
// Outcome has three values: False, True and Indeterminate, combined with
// Kleene logic. A Block is the conjunction of its Conditions: False wins
// over Indeterminate, which wins over True. A caller must treat an
// Indeterminate Condition element as not matching in an Allow statement and
// as matching in a Deny statement, so that a test whose result AWS does not
// document never grants access and never lifts a denial. A test is
// Indeterminate when:
//
//   - an operator without set qualifier meets a key with several values.
//   - a Date request value cannot be read as a date, or is exactly four
//     digits, which reads both as a year and as seconds since the epoch.
//   - a Date policy value is exactly four digits, for the same reason.
//   - a Bool policy value contains a policy variable, in a policy with
//     Version "2012-10-17": AWS pages disagree on whether Bool takes
//     variables.
//
// Other request values that cannot be read for their operator (a word under
// a Numeric operator, a malformed address under IpAddress, a non-ARN under
// ArnLike, invalid base64, a Bool value other than true or false) match no
// policy value: a positive operator is false and a negated one true.
//
// # Policy variables
//
// In policies with Version "2012-10-17" (the variables argument of New),
// values of the String and Arn operators may hold policy variables:
// ${aws:username}, ${aws:PrincipalTag/team}, ${s3:prefix} and any other
// key, named in any case. ${key, 'text'} falls back to text when the key is
// absent. Only that exact spelling, with a comma, one space and single
// quotes, is a default. ${*}, ${?} and ${$} stand for a literal '*', '?'
// and '$'. In Arn values a variable may stand in any part, and a colon
// inside "${...}" does not separate parts. A substituted value is literal
// text: a '*' in a user name is not a wildcard, and a ':' in it never
// reaches into the next part of an ARN.
//
// A variable whose key is absent and has no default, or has several values,
// cannot be resolved. The policy value holding it then matches nothing: it
// cannot make a positive operator true, and a negated operator counts it as
// not equal. The other values of the list are evaluated as usual. In older
// policies, and in the values of every other operator, "${" is literal text.
//
// # Keys and the Context
//
// Condition key names are case-insensitive, including a tag key after the
// slash. A Context stores keys folded to lower case, a Condition keeps its
// key folded, and lookups allocate nothing. A Key, made by NewKey, is a
// key name folded once, which Context.Lookup reads without folding it
// again. Context.With adds keys for one request, such as those an
// evaluator takes from an access point, to a shared context without
// copying it. Context.WithDefault adds a key whose values count only when
// the context has none, such as those an evaluator derives from the
// principal, which a caller may also set. Context.WithKey is With for a
// Key, and FoldKey gives the folded form of a name, for callers that
// record which keys a policy tests.
//
// # Uncertain points
//
// Where AWS documentation is silent, the package makes these choices:
//
//   - Numbers may carry a sign and an exponent, as JSON numbers can.
//   - A date with a time must have a zone designator.
//   - Arn values may hold wildcards and policy variables in every part,
//     the service included, but must start with "arn:" and have five
//     colons, unless they are "*".
//   - A Bool or Null value other than true or false is rejected.
//
// # Concurrency
//
// A Condition and a Block are immutable after New and safe for concurrent
// use. A Context may be read concurrently, but Set must not run at the same
// time as any other method.
package condition
