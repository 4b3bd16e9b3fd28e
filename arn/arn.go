package arn

import (
	"fmt"
	"math/bits"
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
	c0 := colonAt(s, len(prefix))
	c1 := colonAt(s, c0+1)
	c2 := colonAt(s, c1+1)
	c3 := colonAt(s, c2+1)
	if c0 < 0 || c1 < 0 || c2 < 0 || c3 < 0 {
		return ARN{}, len(s), ErrTooFewSegments
	}
	return ARN{
		Partition: s[len(prefix):c0],
		Service:   s[c0+1 : c1],
		Region:    s[c1+1 : c2],
		Account:   s[c2+1 : c3],
		Resource:  s[c3+1:],
	}, 0, nil
}

// colonAt returns the offset of the first ':' in s at or after from, or
// -1 when there is none or from is not positive. It tests eight bytes at
// a time, then the bytes after the last block.
func colonAt(s string, from int) int {
	if from <= 0 {
		return -1
	}
	for ; len(s)-from >= 8; from += 8 {
		if m := colonMask(load64(s[from : from+8])); m != 0 {
			return from + bits.TrailingZeros64(m)/8
		}
	}
	for ; from < len(s); from++ {
		if s[from] == ':' {
			return from
		}
	}
	return -1
}

// load64 packs the first eight bytes of s, which has at least eight, into
// one word, first byte lowest. The compiler turns it into a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// colonMask returns a word with the high bit of each byte of x that is a
// ':' set, and every other bit clear. XOR turns each colon into a zero
// byte. Adding 0x7f to the low seven bits of a byte sets its high bit
// unless those bits are all zero, and the sum never carries into the next
// byte. So the zero bytes are those with neither that bit nor their own
// high bit set.
func colonMask(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	v := x ^ 0x3a3a3a3a3a3a3a3a
	return ^((v&low7 + low7) | v | low7)
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
