package arn

import (
	"fmt"
	"strings"
)

// ARN is an Amazon Resource Name split into its parts:
//
//	arn:Partition:Service:Region:Account:Resource
//
// Resource is everything after the fifth colon and keeps its own ':' and
// '/' characters. ARN is a comparable value, usable as a map key. The zero
// value is not a valid ARN.
type ARN struct {
	Partition string // "aws", "aws-cn", "aws-us-gov", ...; never empty after Parse
	Service   string // "s3", "iam", ...; never empty after Parse
	Region    string // "us-west-2", ...; empty for global resources such as S3 buckets
	Account   string // "111122223333", "aws" for AWS managed policies, or empty
	Resource  string // "bucket/key", "user/path/name", ...; never empty after Parse
}

// Parse parses s as an ARN. It splits s at its first five colons only, so
// the resource part may contain ':' and '/'. Region and account may be empty;
// partition, service and resource may not. Parse does not check the parts
// against lists of known partitions, services or regions, and it treats '*'
// and '?' as ordinary characters, since an S3 object key may contain them.
// The parts of the result are substrings of s.
//
// The error is a [*ParseError] wrapping [ErrBadPrefix], [ErrTooFewSegments]
// or [ErrMissingPart].
func Parse(s string) (ARN, error) {
	a, offset, sentinel := split(s)
	if sentinel == nil {
		if offset, part := missingPart(a); part != "" {
			return ARN{}, newParseError(s, offset, ErrMissingPart, "empty "+part)
		}
		return a, nil
	}
	msg := ""
	if sentinel == ErrTooFewSegments {
		msg = colonsMessage(s)
	}
	return ARN{}, newParseError(s, offset, sentinel, msg)
}

// MustParse is like [Parse] but panics if s is not a valid ARN. It is meant
// for tests and package-level variables with constant text.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// IsARN reports whether [Parse] accepts s. It does not allocate.
func IsARN(s string) bool {
	a, _, sentinel := split(s)
	if sentinel != nil {
		return false
	}
	_, part := missingPart(a)
	return part == ""
}

// String returns the ARN text. For an ARN returned by [Parse] it is the
// parsed text, byte for byte.
func (a ARN) String() string {
	return prefix + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

const prefix = "arn:"

// split cuts s at its first five colons. On failure it returns the offset of
// the problem and a sentinel error, and allocates nothing.
func split(s string) (ARN, int, error) {
	if !strings.HasPrefix(s, prefix) {
		return ARN{}, 0, ErrBadPrefix
	}
	// A byte loop beats strings.IndexByte on parts this short.
	var colons [4]int
	n := 0
	for i := len(prefix); i < len(s) && n < len(colons); i++ {
		if s[i] == ':' {
			colons[n] = i
			n++
		}
	}
	if n < len(colons) {
		return ARN{}, len(s), ErrTooFewSegments
	}
	return ARN{
		Partition: s[len(prefix):colons[0]],
		Service:   s[colons[0]+1 : colons[1]],
		Region:    s[colons[1]+1 : colons[2]],
		Account:   s[colons[2]+1 : colons[3]],
		Resource:  s[colons[3]+1:],
	}, 0, nil
}

// colonsMessage describes text with too few colons.
func colonsMessage(s string) string {
	return fmt.Sprintf("found %d of the 5 colons that separate the segments", strings.Count(s, ":"))
}

// missingPart returns the name and offset of the first part of a that must
// not be empty but is, or "" if there is none.
func missingPart(a ARN) (int, string) {
	switch {
	case a.Partition == "":
		return len(prefix), "partition"
	case a.Service == "":
		return a.serviceOffset(), "service"
	case a.Resource == "":
		return a.resourceOffset(), "resource"
	}
	return 0, ""
}

// serviceOffset returns the byte offset of the service in a.String().
func (a ARN) serviceOffset() int {
	return len(prefix) + len(a.Partition) + 1
}

// regionOffset returns the byte offset of the region in a.String().
func (a ARN) regionOffset() int {
	return a.serviceOffset() + len(a.Service) + 1
}

// accountOffset returns the byte offset of the account in a.String().
func (a ARN) accountOffset() int {
	return a.regionOffset() + len(a.Region) + 1
}

// resourceOffset returns the byte offset of the resource in a.String().
func (a ARN) resourceOffset() int {
	return a.accountOffset() + len(a.Account) + 1
}
