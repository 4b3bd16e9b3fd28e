package arn

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by [*ParseError]. Test for them with [errors.Is].
var (
	// ErrBadPrefix means the text does not start with "arn:".
	ErrBadPrefix = errors.New("missing \"arn:\" prefix")

	// ErrTooFewSegments means the text has fewer than the five colons that
	// separate arn, partition, service, region, account and resource.
	ErrTooFewSegments = errors.New("fewer than 6 colon-separated segments")

	// ErrMissingPart means a segment that must not be empty is empty: the
	// partition, service or resource of an ARN, or the service of a pattern.
	ErrMissingPart = errors.New("empty segment")

	// ErrBadWildcard means a pattern has a wildcard where none is allowed,
	// which is the service segment.
	ErrBadWildcard = errors.New("wildcard not allowed")

	// ErrBadVariable means a pattern has a policy variable in its
	// partition or service.
	ErrBadVariable = errors.New("policy variable not allowed")
)

// ParseError describes text that is not a valid ARN or ARN pattern.
type ParseError struct {
	Input  string // the text given to the parser
	Offset int    // byte offset in Input where the problem starts
	Msg    string // what is wrong
	Err    error  // one of the sentinel errors of this package
}

// Error returns the quoted input, the offset and the message, for example
//
//	arn: invalid ARN "arn:aws:s3" at offset 10: found 2 of the 5 colons that separate the segments
func (e *ParseError) Error() string {
	return fmt.Sprintf("arn: invalid ARN %q at offset %d: %s", e.Input, e.Offset, e.Msg)
}

// Unwrap returns the sentinel error, so errors.Is(err, ErrBadPrefix) works.
func (e *ParseError) Unwrap() error { return e.Err }

// newParseError returns a *ParseError. An empty msg stands for the
// sentinel's own text.
func newParseError(input string, offset int, sentinel error, msg string) *ParseError {
	if msg == "" {
		msg = sentinel.Error()
	}
	return &ParseError{Input: input, Offset: offset, Msg: msg, Err: sentinel}
}
