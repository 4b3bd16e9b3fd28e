// Package policy parses AWS IAM and S3 policy documents into an AST,
// checks them against the policy grammar, and writes them back as
// canonical JSON. It does not evaluate anything.
//
// # Grammar
//
// Parse accepts UTF-8 JSON text without a byte order mark that follows
// this grammar. A string may not hold a \u escape of one half of a UTF-16
// surrogate pair without the other, because such an escape encodes no
// character. Member names are matched case-sensitively, member order
// does not matter, no object may repeat a member, and null is accepted
// nowhere.
//
//	policy      = { "Version": version, "Id": string, "Statement": statements }
//	              (Version and Id optional)
//	version     = "2012-10-17" | "2008-10-17"
//	statements  = statement | [ statement, ... ]   (the array may be empty)
//	statement   = { "Sid": string, "Effect": "Allow" | "Deny",
//	                "Principal" | "NotPrincipal": principal,
//	                "Action" | "NotAction": list(action),
//	                "Resource" | "NotResource": list(resource),
//	                "Condition": { operator: { key: values, ... }, ... } }
//	              (Effect, one of Action and NotAction, and one of Resource
//	              and NotResource are required; Principal and NotPrincipal
//	              are optional and exclusive; Sid and Condition optional)
//	principal   = "*" | { "AWS" | "Service" | "Federated" | "CanonicalUser": list(string), ... }
//	list(x)     = x | [ x, ... ]                   (the array may not be empty)
//	action      = "*" | service ":" name           (service of ASCII letters, digits and '-';
//	                                               name of those, '*' and '?')
//	resource    = "*" | "arn:" partition ":" service ":" region ":" account ":" resource-part
//	operator    = [ "ForAnyValue:" | "ForAllValues:" ] base [ "IfExists" ]
//	values      = value | [ value, ... ]           (the array may not be empty)
//	value       = string | number | true | false
//
// Besides the grammar, Parse rejects these values:
//
//   - an empty string anywhere except Sid, Id and condition values
//   - a principal containing '*' or '?' other than the AWS value "*",
//     because AWS has no partial wildcards in principals, and writes
//     "every principal" as "*" or {"AWS": "*"}
//   - an action with a wildcard in its service prefix or with more than
//     one colon, as AWS does, or with a character the grammar above does
//     not allow, such as a space or a non-ASCII letter
//   - a resource with an empty or wildcarded service part, or, in
//     2012-10-17 documents, a policy variable in the partition or service
//     part
//   - a Condition, operator object or value array that is empty
//   - an unknown condition operator (see condition.ParseOperator)
//   - a condition value its operator cannot read, such as "ten" under
//     NumericEquals or "10.0.0.0/33" under IpAddress (see condition.New)
//
// Condition keys are free text, because services define their own keys.
// AWS compares key names without regard to case, so two keys under one
// operator that differ only in case, such as aws:PrincipalTag/team and
// AWS:PRINCIPALTAG/TEAM, are the same key twice, and Parse rejects them as
// it rejects a repeated key.
// Condition values written as JSON numbers or booleans become strings that
// keep their literal text, so 1.50 becomes "1.50". Policy variables such as
// ${aws:username} are recognised only in 2012-10-17 documents, as AWS
// does; Parse keeps them in the text and leaves substitution to the
// evaluator. In a Resource, a colon inside ${...} does not separate ARN
// parts, and variables may appear in the region and account parts, as in
// AWS managed policies.
//
// # Positions and errors
//
// Every statement and every value in the AST records its position in the
// source (the Pos fields), and Policy.Position turns one into a line and
// column. Every error from Parse is a *ParseError giving the JSON path of
// the offending element, such as "Statement[2].Condition.StringLike", its
// byte offset, line and column, and for duplicate keys the position of the
// first one. The error wraps exactly one of ErrInvalidJSON, ErrTooLarge,
// ErrTooDeep, ErrTooMany, ErrUnknownElement, ErrDuplicateKey,
// ErrWrongType, ErrMissingElement, ErrConflictingElements and
// ErrBadValue, to be tested with errors.Is. Parse does not panic on any
// input, which a fuzz test and a test of mutated documents check.
//
// # Limits
//
// Parse bounds the work one document can cost. The defaults are
//
//	DefaultMaxBytes      1 MiB   document length
//	DefaultMaxDepth      32      nesting of arrays and objects
//	DefaultMaxStatements 10,000  statements
//	DefaultMaxValues     10,000  values per list, keys per condition operator
//	DefaultMaxWildcards  128     '*' and '?' in one Action, Resource or
//	                             StringLike and Arn condition pattern
//
// Set fields of a Limits value and call its Parse method to change them.
// The defaults accept every AWS managed policy, the largest being about
// 210 KB.
//
// # Output
//
// Policy.MarshalJSON writes a canonical document: fixed member order,
// every list as an array. Parsing that output gives a Policy equal to the
// original, ignoring positions (see Policy.Equal). A Policy can be a field
// of a struct read and written by encoding/json.
//
// # Policies built in code
//
// The fields of Policy, Statement, Principal and Condition are exported,
// so a program can build a policy without a document, and such a policy
// can hold what no document can, such as the zero Effect or the action
// "s3 GetObject". Policy.Check returns nil exactly when a policy is one
// that Parse could have returned, and otherwise a *ParseError like the
// one Parse gives for the same mistake. It trusts a *Policy returned by
// Parse, in constant time, so callers must not modify one: to change a
// policy, build a new one and check it.
//
// # Concurrency
//
// A *Policy returned by Parse is never modified by this package, and
// callers must not modify it either, so it is safe for concurrent use by
// many goroutines. A Policy built in code follows the rules of any Go
// value.
//
// # Not checked here
//
// Parse does not know whether a document is an identity, resource, trust,
// SCP or RCP policy, so it accepts Principal and NotPrincipal in any
// document, and Id, and does not require a principal. It does not check
// the IAM-only rules for Sid (alphanumeric, unique), size quotas, NotPrincipal
// with Allow, whether actions, condition keys and services exist, or the
// format of principal ARNs and account IDs. These belong to a validator
// that knows the policy kind.
package policy
