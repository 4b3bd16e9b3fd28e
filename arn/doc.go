// Package arn parses Amazon Resource Names (ARNs) and matches them against
// the patterns of IAM policies: Resource and NotResource, the ArnLike
// family of condition operators, and the wildcard text of Action and
// StringLike.
//
// # ARNs
//
// [Parse] accepts this grammar and splits at the first five colons only:
//
//	arn       = "arn:" partition ":" service ":" region ":" account ":" resource
//	partition = 1*(any character but ":")    ; "aws", "aws-cn", "aws-us-gov", ...
//	service   = 1*(any character but ":")    ; "s3", "iam", ...
//	region    = *(any character but ":")     ; empty for global resources
//	account   = *(any character but ":")     ; empty for S3 buckets
//	resource  = 1*(any character)            ; may contain ":" and "/"
//
// Parse checks structure only, not lists of known partitions, services or
// regions. [ARN.S3] reads the S3 forms on top of that: bucket, object,
// access point and object through an access point.
//
// # Wildcards
//
// In [Match], [MatchFold] and wherever wildcards are enabled, '*' matches
// any run of characters, including the empty run, and '?' matches exactly
// one character. A character is one UTF-8 encoded rune, and a byte outside
// any valid encoding is a character of its own. The whole value must match.
// There is no escape character, and '[', '\' and '/' are ordinary
// characters. The matchers scan without recursion or allocation and cost at
// most O(len(pattern) × len(value)).
//
// # ARN patterns
//
// [Compile] accepts "*", which matches every ARN, or text with the ARN
// layout above, with two differences: the partition and the resource part
// may be empty, and the service must not contain a wildcard. Matching then
// works part by part:
//
//   - Partition, region and account are each matched on their own, so a
//     wildcard there never matches a ':' of the ARN. An empty part matches
//     only an empty part, so arn:aws:s3:::* does not match an access point
//     ARN, which has a region and an account.
//   - The service must be equal.
//   - The resource part is matched as a whole, so '*' there matches any run
//     of characters, ':' and '/' included. A '/' has no special meaning.
//
// All comparisons are case-sensitive. Text that [Parse] rejects matches no
// pattern. [Pattern.MatchesAllOfService] decides whether a pattern covers a
// request whose resource is "*" because the action has no resource type.
//
// # Policy variables
//
// With variables enabled, which IAM does only for policy Version
// "2012-10-17", a pattern may contain
//
//	${name}              the value of the request context key name; the
//	                     name is compared case-insensitively
//	${name, 'default'}   the same, or default when the key is absent; the
//	                     comma, single space and single quotes are required
//	${*} ${?} ${$}       a literal '*', '?' or '$'
//
// An ARN pattern may contain variables in its region, account and resource
// parts, but not in its partition or service. The caller resolves each variable listed by [Glob.Variables] or
// [Pattern.Variables] and passes the values to Match in the same order, so
// matching needs no callback and no allocation. A substituted value is
// literal text, never a wildcard. Without variables enabled, "${" is
// ordinary text and a '*' or '?' inside the braces is still a wildcard.
//
// # Concurrency
//
// [ARN] is a comparable value. A [Pattern] or [Glob] is never modified after
// it is compiled, so it is safe for concurrent use.
//
// # Differences from AWS
//
// The IAM reference for the Resource element states that a '*' ending a part
// of an ARN pattern "can expand to match beyond the colon boundaries". This
// package matches partition, region and account as separate parts, as the
// reference for the ARN condition operators describes, for Resource too.
// AWS does not publish which ARNs that expansion adds.
//
// References:
//   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
//   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
package arn
