package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// errorMark marks, in the input of a rejection case, the byte the error
// must point to. The test removes it before parsing.
const errorMark = "»"

// Statement members that make a statement valid when combined.
const (
	allowEffect = `"Effect": "Allow"`
	anyAction   = `"Action": "*"`
	anyResource = `"Resource": "*"`
)

// statementDoc builds a one-statement document from statement members.
func statementDoc(members ...string) string {
	return policyDoc("{" + strings.Join(members, ", ") + "}")
}

var rejections = []struct {
	name  string
	input string // document with the errorMark marker
	kind  error
	path  string
}{
	// The document as a whole.
	{"empty input", "»", policy.ErrInvalidJSON, ""},
	{"only whitespace", "  \n»", policy.ErrInvalidJSON, ""},
	{"trailing comma", `{"Statement": [],»}`, policy.ErrInvalidJSON, ""},
	{"missing closing brace", `{"Statement": []»`, policy.ErrInvalidJSON, ""},
	{"two documents", `{"Statement": []} »{}`, policy.ErrInvalidJSON, ""},
	{"single quotes", `{»'Statement': []}`, policy.ErrInvalidJSON, ""},
	{"comment", `{»// comment` + "\n" + `"Statement": []}`, policy.ErrInvalidJSON, ""},
	{"raw newline in string", `{"Id": "a»` + "\n" + `b", "Statement": []}`, policy.ErrInvalidJSON, ""},
	{"bad escape", `{"Id": "\»x", "Statement": []}`, policy.ErrInvalidJSON, ""},
	{"leading zero", `{"Statement": [], "Id": 0»1}`, policy.ErrInvalidJSON, ""},
	{"no-break space indentation", "{\n»\u00a0\"Statement\": []}", policy.ErrInvalidJSON, ""},
	{"byte order mark", "»\uFEFF" + `{"Statement": []}`, policy.ErrInvalidJSON, ""},
	{"invalid UTF-8 in string", `{"Id": "a»` + "\xff" + `", "Statement": []}`, policy.ErrInvalidJSON, ""},
	{"truncated UTF-8 sequence", `{"Id": "»` + "\xc3" + `", "Statement": []}`, policy.ErrInvalidJSON, ""},
	{"UTF-16 surrogate encoded in UTF-8", `{"Id": "»` + "\xed\xa0\x80" + `", "Statement": []}`, policy.ErrInvalidJSON, ""},
	{"document is an array", `»[]`, policy.ErrWrongType, ""},
	{"document is a string", ` »"policy"`, policy.ErrWrongType, ""},
	{"document is null", `»null`, policy.ErrWrongType, ""},

	// Top-level members.
	{"unknown top-level member", `{"Statement": [], »"Versions": "2012-10-17"}`, policy.ErrUnknownElement, "Versions"},
	{"top-level member in lower case", `{»"statement": []}`, policy.ErrUnknownElement, "statement"},
	{"missing statement", `»{"Version": "2012-10-17"}`, policy.ErrMissingElement, ""},
	{"duplicate statement", `{"Statement": [], »"Statement": []}`, policy.ErrDuplicateKey, "Statement"},
	{"duplicate version", `{"Version": "2012-10-17", »"Version": "2012-10-17", "Statement": []}`, policy.ErrDuplicateKey, "Version"},
	{"duplicate through escape", `{"Statement": [], »"St\u0061tement": []}`, policy.ErrDuplicateKey, "Statement"},
	{"unknown version", `{"Version": »"2012-10-18", "Statement": []}`, policy.ErrBadValue, "Version"},
	{"empty version", `{"Version": »"", "Statement": []}`, policy.ErrBadValue, "Version"},
	{"version as number", `{"Version": »2012, "Statement": []}`, policy.ErrWrongType, "Version"},
	{"version null", `{"Version": »null, "Statement": []}`, policy.ErrWrongType, "Version"},
	{"id as number", `{"Id": »1, "Statement": []}`, policy.ErrWrongType, "Id"},
	{"statement null", `{"Statement": »null}`, policy.ErrWrongType, "Statement"},
	{"statement string", `{"Statement": »"Allow"}`, policy.ErrWrongType, "Statement"},
	{"statement element string", `{"Statement": [` + allowAll + `, »"x"]}`, policy.ErrWrongType, "Statement[1]"},
	{"statement element array", `{"Statement": [»[` + allowAll + `]]}`, policy.ErrWrongType, "Statement[0]"},
	{"statement element null", `{"Statement": [»null]}`, policy.ErrWrongType, "Statement[0]"},

	// Statement members.
	{"unknown statement member", statementDoc(allowEffect, anyAction, anyResource, `»"Efect": "Allow"`), policy.ErrUnknownElement, "Statement[0].Efect"},
	{"statement member in lower case", statementDoc(`»"effect": "Allow"`, anyAction, anyResource), policy.ErrUnknownElement, "Statement[0].effect"},
	{"plural member name", statementDoc(allowEffect, anyAction, anyResource, `»"Conditions": {}`), policy.ErrUnknownElement, "Statement[0].Conditions"},
	{"unknown member of single statement", `{"Statement": {` + allowEffect + `, ` + anyAction + `, ` + anyResource + `, »"X": 1}}`,
		policy.ErrUnknownElement, "Statement.X"},
	{"duplicate effect", statementDoc(allowEffect, anyAction, anyResource, `»"Effect": "Deny"`), policy.ErrDuplicateKey, "Statement[0].Effect"},
	{"duplicate action", statementDoc(allowEffect, anyAction, anyResource, `»"Action": "s3:*"`), policy.ErrDuplicateKey, "Statement[0].Action"},
	{"missing effect", `{"Statement": [»{` + anyAction + `, ` + anyResource + `}]}`, policy.ErrMissingElement, "Statement[0]"},
	{"missing action", `{"Statement": [»{` + allowEffect + `, ` + anyResource + `}]}`, policy.ErrMissingElement, "Statement[0]"},
	{"missing resource", `{"Statement": [»{` + allowEffect + `, ` + anyAction + `}]}`, policy.ErrMissingElement, "Statement[0]"},
	{"empty statement", `{"Statement": [»{}]}`, policy.ErrMissingElement, "Statement[0]"},
	{"action and not action", statementDoc(allowEffect, anyAction, `»"NotAction": "s3:*"`, anyResource), policy.ErrConflictingElements, "Statement[0].NotAction"},
	{"not action then action", statementDoc(allowEffect, `"NotAction": "s3:*"`, errorMark+anyAction, anyResource), policy.ErrConflictingElements, "Statement[0].Action"},
	{"resource and not resource", statementDoc(allowEffect, anyAction, anyResource, `»"NotResource": "*"`), policy.ErrConflictingElements, "Statement[0].NotResource"},
	{"principal and not principal", statementDoc(allowEffect, `"Principal": "*"`, `»"NotPrincipal": "*"`, anyAction, anyResource),
		policy.ErrConflictingElements, "Statement[0].NotPrincipal"},
	{"sid as number", statementDoc(`"Sid": »1`, allowEffect, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Sid"},
	{"sid null", statementDoc(`"Sid": »null`, allowEffect, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Sid"},
	{"effect in lower case", statementDoc(`"Effect": »"allow"`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Effect"},
	{"effect empty", statementDoc(`"Effect": »""`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Effect"},
	{"effect array", statementDoc(`"Effect": »["Allow"]`, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Effect"},
	{"effect boolean", statementDoc(`"Effect": »true`, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Effect"},

	// Action and NotAction values.
	{"action empty array", statementDoc(allowEffect, `"Action": »[]`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action empty string", statementDoc(allowEffect, `"Action": »""`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action empty string in array", statementDoc(allowEffect, `"Action": ["s3:GetObject", »""]`, anyResource), policy.ErrBadValue, "Statement[0].Action[1]"},
	{"action null", statementDoc(allowEffect, `"Action": »null`, anyResource), policy.ErrWrongType, "Statement[0].Action"},
	{"action null in array", statementDoc(allowEffect, `"Action": [»null]`, anyResource), policy.ErrWrongType, "Statement[0].Action[0]"},
	{"action number", statementDoc(allowEffect, `"Action": »3`, anyResource), policy.ErrWrongType, "Statement[0].Action"},
	{"action object", statementDoc(allowEffect, `"Action": »{"s3": "GetObject"}`, anyResource), policy.ErrWrongType, "Statement[0].Action"},
	{"action nested array", statementDoc(allowEffect, `"Action": [»["s3:GetObject"]]`, anyResource), policy.ErrWrongType, "Statement[0].Action[0]"},
	{"action without service", statementDoc(allowEffect, `"Action": »"GetObject"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action with empty service", statementDoc(allowEffect, `"Action": »":GetObject"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action with empty name", statementDoc(allowEffect, `"Action": »"s3:"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action with two colons", statementDoc(allowEffect, `"Action": »"s3:Get:Object"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action with wildcard service", statementDoc(allowEffect, `"Action": »"*:GetObject"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action with partial wildcard service", statementDoc(allowEffect, `"Action": »"s*:GetObject"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"action wildcard without colon", statementDoc(allowEffect, `"Action": »"s3*"`, anyResource), policy.ErrBadValue, "Statement[0].Action"},
	{"not action empty array", statementDoc(allowEffect, `"NotAction": »[]`, anyResource), policy.ErrBadValue, "Statement[0].NotAction"},

	// Resource and NotResource values.
	{"resource empty array", statementDoc(allowEffect, anyAction, `"Resource": »[]`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource empty string", statementDoc(allowEffect, anyAction, `"Resource": »""`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource not an arn", statementDoc(allowEffect, anyAction, `"Resource": »"examplebucket/*"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource arn prefix in upper case", statementDoc(allowEffect, anyAction, `"Resource": »"ARN:aws:s3:::b"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource with too few parts", statementDoc(allowEffect, anyAction, `"Resource": ["*", »"arn:aws:s3::bucket"]`), policy.ErrBadValue, "Statement[0].Resource[1]"},
	{"resource with empty service", statementDoc(allowEffect, anyAction, `"Resource": »"arn:aws::::bucket"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource with wildcard service", statementDoc(allowEffect, anyAction, `"Resource": »"arn:aws:*:::bucket"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource with partial wildcard service", statementDoc(allowEffect, anyAction, `"Resource": »"arn:aws:s?:::bucket"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource with variable in service", statementDoc(allowEffect, anyAction, `"Resource": »"arn:aws:${aws:x}:::bucket"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource with variable in partition", statementDoc(allowEffect, anyAction, `"Resource": »"arn:${aws:x}:s3:::bucket"`), policy.ErrBadValue, "Statement[0].Resource"},
	{"resource colons inside variable do not count", statementDoc(allowEffect, anyAction, `"Resource": »"arn:aws:kms:${aws:RequestedRegion}:key"`),
		policy.ErrBadValue, "Statement[0].Resource"},
	{"not resource number", statementDoc(allowEffect, anyAction, `"NotResource": »1`), policy.ErrWrongType, "Statement[0].NotResource"},

	// Principal and NotPrincipal values.
	{"principal string other than wildcard", statementDoc(allowEffect, `"Principal": »"AWS"`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal"},
	{"principal account string", statementDoc(allowEffect, `"Principal": »"111122223333"`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal"},
	{"principal array", statementDoc(allowEffect, `"Principal": »["*"]`, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Principal"},
	{"principal null", statementDoc(allowEffect, `"Principal": »null`, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Principal"},
	{"principal empty object", statementDoc(allowEffect, `"Principal": »{}`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal"},
	{"principal unknown type", statementDoc(allowEffect, `"Principal": {»"Everyone": "*"}`, anyAction, anyResource), policy.ErrUnknownElement, "Statement[0].Principal.Everyone"},
	{"principal type in lower case", statementDoc(allowEffect, `"Principal": {»"aws": "*"}`, anyAction, anyResource), policy.ErrUnknownElement, "Statement[0].Principal.aws"},
	{"principal duplicate type", statementDoc(allowEffect, `"Principal": {"AWS": "*", »"AWS": "111122223333"}`, anyAction, anyResource),
		policy.ErrDuplicateKey, "Statement[0].Principal.AWS"},
	{"principal empty array", statementDoc(allowEffect, `"Principal": {"AWS": »[]}`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal.AWS"},
	{"principal empty string", statementDoc(allowEffect, `"Principal": {"Service": »""}`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal.Service"},
	{"principal number", statementDoc(allowEffect, `"Principal": {"AWS": »111122223333}`, anyAction, anyResource), policy.ErrWrongType, "Statement[0].Principal.AWS"},
	{"principal partial wildcard user", statementDoc(allowEffect, `"Principal": {"AWS": ["arn:aws:iam::111122223333:root", »"arn:aws:iam::111122223333:user/*"]}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.AWS[1]"},
	{"principal wildcard session name", statementDoc(allowEffect, `"Principal": {"AWS": »"arn:aws:sts::111122223333:assumed-role/R/*"}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.AWS"},
	{"principal wildcard account", statementDoc(allowEffect, `"Principal": {"AWS": »"arn:aws:iam::*:root"}`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal.AWS"},
	{"principal wildcard service", statementDoc(allowEffect, `"Principal": {"Service": »"*"}`, anyAction, anyResource), policy.ErrBadValue, "Statement[0].Principal.Service"},
	{"principal partial wildcard service", statementDoc(allowEffect, `"Principal": {"Service": »"*.amazonaws.com"}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.Service"},
	{"not principal partial wildcard", statementDoc(`"Effect": "Deny"`, `"NotPrincipal": {"AWS": »"arn:aws:iam::1*"}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].NotPrincipal.AWS"},

	// Condition blocks.
	{"condition array", statementDoc(allowEffect, anyAction, anyResource, `"Condition": »[]`), policy.ErrWrongType, "Statement[0].Condition"},
	{"condition null", statementDoc(allowEffect, anyAction, anyResource, `"Condition": »null`), policy.ErrWrongType, "Statement[0].Condition"},
	{"condition empty", statementDoc(allowEffect, anyAction, anyResource, `"Condition": »{}`), policy.ErrBadValue, "Statement[0].Condition"},
	{"condition unknown operator", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {»"StringEqual": {"k": "v"}}`),
		policy.ErrUnknownElement, "Statement[0].Condition.StringEqual"},
	{"condition operator in lower case", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {»"stringequals": {"k": "v"}}`),
		policy.ErrUnknownElement, "Statement[0].Condition.stringequals"},
	{"condition qualified null", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {»"ForAnyValue:Null": {"k": "true"}}`),
		policy.ErrUnknownElement, "Statement[0].Condition.ForAnyValue:Null"},
	{"condition null if exists", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {»"NullIfExists": {"k": "true"}}`),
		policy.ErrUnknownElement, "Statement[0].Condition.NullIfExists"},
	{"condition duplicate operator", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"a": "1"}, »"StringEquals": {"b": "2"}}`),
		policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals"},
	{"condition operator value string", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": »"v"}`),
		policy.ErrWrongType, "Statement[0].Condition.StringEquals"},
	{"condition operator value empty", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": »{}}`),
		policy.ErrBadValue, "Statement[0].Condition.StringEquals"},
	{"condition duplicate key", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": "1", »"k": "2"}}`),
		policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.k"},
	{"condition empty key", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {»"": "v"}}`),
		policy.ErrBadValue, "Statement[0].Condition.StringEquals"},
	{"condition values empty array", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": »[]}}`),
		policy.ErrBadValue, "Statement[0].Condition.StringEquals.k"},
	{"condition value null", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": »null}}`),
		policy.ErrWrongType, "Statement[0].Condition.StringEquals.k"},
	{"condition value object", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": ["a", »{}]}}`),
		policy.ErrWrongType, "Statement[0].Condition.StringEquals.k[1]"},
	{"condition value nested array", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": [»["a"]]}}`),
		policy.ErrWrongType, "Statement[0].Condition.StringEquals.k[0]"},
	{"numeric value not a number", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"NumericEquals": {"s3:max-keys": ["10", »"abc"]}}`),
		policy.ErrBadValue, "Statement[0].Condition.NumericEquals.s3:max-keys[1]"},
	{"ip value bad prefix length", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"IpAddress": {"aws:SourceIp": »"10.0.0.0/33"}}`),
		policy.ErrBadValue, "Statement[0].Condition.IpAddress.aws:SourceIp"},
	{"date value not a date", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"DateGreaterThan": {"aws:CurrentTime": »"yesterday"}}`),
		policy.ErrBadValue, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime"},
	{"bool value not a boolean", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"Bool": {"aws:SecureTransport": »"yes"}}`),
		policy.ErrBadValue, "Statement[0].Condition.Bool.aws:SecureTransport"},
	{"bool value number", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"Bool": {"aws:SecureTransport": »1}}`),
		policy.ErrBadValue, "Statement[0].Condition.Bool.aws:SecureTransport"},
	{"null value not a boolean", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"Null": {"aws:TokenIssueTime": [»"absent"]}}`),
		policy.ErrBadValue, "Statement[0].Condition.Null.aws:TokenIssueTime[0]"},
	{"binary value not base64", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"BinaryEquals": {"k": »"!!!"}}`),
		policy.ErrBadValue, "Statement[0].Condition.BinaryEquals.k"},
	{"arn value not an arn", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"ArnLike": {"aws:SourceArn": »"bucket"}}`),
		policy.ErrBadValue, "Statement[0].Condition.ArnLike.aws:SourceArn"},
}

func TestParseRejects(t *testing.T) {
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			offset := strings.Index(tc.input, errorMark)
			require.GreaterOrEqual(t, offset, 0, "test input lacks the %s marker", errorMark)
			input := strings.Replace(tc.input, errorMark, "", 1)

			p, err := policy.ParseString(input)
			require.Nil(t, p)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, tc.kind, "error: %v", err)
			require.Equal(t, tc.path, perr.Path, "path; error: %v", err)
			require.Equal(t, offset, perr.Offset, "offset; error: %v", err)
			line := 1 + strings.Count(input[:offset], "\n")
			column := offset - strings.LastIndex(input[:offset], "\n")
			require.Equal(t, line, perr.Line, "line; error: %v", err)
			require.Equal(t, column, perr.Column, "column; error: %v", err)
			require.True(t, strings.HasPrefix(err.Error(), "policy: "), "message %q lacks the package prefix", err)
		})
	}
}

// TestParseRejectsOnlyOneKind checks that each error wraps exactly one kind,
// so that a switch over errors.Is is unambiguous.
func TestParseRejectsOnlyOneKind(t *testing.T) {
	kinds := []error{
		policy.ErrInvalidJSON, policy.ErrTooLarge, policy.ErrTooDeep, policy.ErrTooMany,
		policy.ErrUnknownElement, policy.ErrDuplicateKey, policy.ErrWrongType,
		policy.ErrMissingElement, policy.ErrConflictingElements, policy.ErrBadValue,
	}
	for _, tc := range rejections {
		_, err := policy.ParseString(strings.Replace(tc.input, errorMark, "", 1))
		var matched []error
		for _, kind := range kinds {
			if errors.Is(err, kind) {
				matched = append(matched, kind)
			}
		}
		require.Equal(t, []error{tc.kind}, matched, "%s: %v", tc.name, err)
	}
}

func TestParseErrorCauses(t *testing.T) {
	tests := []struct {
		name  string
		input string
		cause error
	}{
		{"unknown operator", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEqual": {"k": "v"}}`), condition.ErrUnknownOperator},
		{"bad numeric value", statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"NumericEquals": {"k": "x"}}`), condition.ErrBadValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policy.ParseString(tc.input)
			require.ErrorIs(t, err, tc.cause)
		})
	}
}

func TestParseErrorDuplicateLocatesBoth(t *testing.T) {
	input := "{\n  \"Statement\": {\n    \"Effect\": \"Allow\",\n    \"Effect\": \"Deny\"\n  }\n}"
	_, err := policy.ParseString(input)
	var perr *policy.ParseError
	require.ErrorAs(t, err, &perr)

	require.Equal(t, policy.Position{Offset: strings.LastIndex(input, `"Effect"`), Line: 4, Column: 5}, perr.Position)
	require.Equal(t, policy.Position{Offset: strings.Index(input, `"Effect"`), Line: 3, Column: 5}, perr.Previous)
	require.Equal(t, `policy: line 4, column 5: Statement.Effect: duplicate key "Effect" (first at line 3, column 5)`, err.Error())
}

func TestParseErrorMessages(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{
			name:  "case hint",
			input: `{"statement": []}`,
			want: `policy: line 1, column 2: statement: unknown element "statement" in a policy document; ` +
				`element names are case-sensitive, did you mean "Statement"?`,
		},
		{
			name:  "allowed elements listed",
			input: statementDoc(allowEffect, anyAction, anyResource, `"Resources": "*"`),
			want: `policy: line 1, column 93: Statement[0].Resources: unknown element "Resources" in a statement; ` +
				`allowed elements are Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition`,
		},
		{
			name:  "non-ASCII character named",
			input: "{\u00a0}",
			want:  `policy: line 1, column 2: invalid JSON: unexpected character U+00A0 '\u00a0' outside a string`,
		},
		{
			name:  "condition value names operator and value",
			input: statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"NumericEquals": {"k": "ten"}}`),
			want:  `policy: line 1, column 130: Statement[0].Condition.NumericEquals.k: invalid NumericEquals value "ten": not a decimal number`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policy.ParseString(tc.input)
			require.EqualError(t, err, tc.want)
		})
	}
}
