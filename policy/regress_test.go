package policy_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// grammarRejections are documents that break the rules for condition key
// case, escapes, principal wildcards and action names. Each input marks
// with errorMark the byte the error must point to.
var grammarRejections = []struct {
	name  string
	input string
	kind  error
	path  string
}{
	// Condition keys that differ only in case are one key.
	{"condition key differing in case", statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "red", »"AWS:PRINCIPALTAG/TEAM": "blue"}}`),
		policy.ErrDuplicateKey, "Statement[0].Condition.StringNotEquals.AWS:PRINCIPALTAG/TEAM"},
	{"condition key with Kelvin sign", statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {"s3:key": "a", »"s3:`+"\u212a"+`ey": "b"}}`),
		policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.s3:\u212aey"},
	{"condition key differing in case among many", statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {`+manyKeys(40)+`, »"K0": "b"}}`),
		policy.ErrDuplicateKey, "Statement[0].Condition.StringEquals.K0"},

	// Escapes of half a surrogate pair encode no character.
	{"lone high surrogate in resource", statementDoc(allowEffect, anyAction, `"Resource": "arn:aws:s3:::b/»\ud800"`),
		policy.ErrInvalidJSON, "Statement[0].Resource"},
	{"lone low surrogate in action", statementDoc(allowEffect, `"Action": ["s3:GetObject", "s3:»\udc00"]`, anyResource),
		policy.ErrInvalidJSON, "Statement[0].Action[1]"},
	{"high surrogate before non-surrogate", statementDoc(`"Sid": "a»\ud800\u0041"`, allowEffect, anyAction, anyResource),
		policy.ErrInvalidJSON, "Statement[0].Sid"},
	{"surrogate pair reversed", `{"Id": "»\udc00\ud800", "Statement": []}`, policy.ErrInvalidJSON, "Id"},
	{"surrogate at end after pair", `{"Id": "\ud83d\ude00»\ud83d", "Statement": []}`, policy.ErrInvalidJSON, "Id"},
	{"lone surrogate in condition key", statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {"k»\ud800": "v"}}`),
		policy.ErrInvalidJSON, "Statement[0].Condition.StringEquals.k\ufffd"},
	{"lone surrogate in condition value", statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {"k": ["ok", "»\ud800"]}}`),
		policy.ErrInvalidJSON, "Statement[0].Condition.StringEquals.k[1]"},
	{"lone surrogate in principal", statementDoc(allowEffect, `"Principal": {"AWS": "arn:aws:iam::111122223333:user/»\udfff"}`,
		anyAction, anyResource),
		policy.ErrInvalidJSON, "Statement[0].Principal.AWS"},

	// AWS has no partial wildcards in principals.
	{"question mark in AWS principal", statementDoc(allowEffect, `"Principal": {"AWS": »"arn:aws:iam::111122223333:user/al?ce"}`,
		anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.AWS"},
	{"question mark as AWS principal", statementDoc(allowEffect, `"Principal": {"AWS": »"?"}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.AWS"},
	{"question mark in service principal", statementDoc(allowEffect, `"Principal": {"Service": »"ec?.amazonaws.com"}`,
		anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].Principal.Service"},
	{"question mark in NotPrincipal list", statementDoc(`"Effect": "Deny"`,
		`"NotPrincipal": {"AWS": ["111122223333", »"arn:aws:iam::111122223333:role/?"]}`, anyAction, anyResource),
		policy.ErrBadValue, "Statement[0].NotPrincipal.AWS[1]"},

	// Action names are made of ASCII letters, digits, '-' and wildcards.
	{"space in action name", statementDoc(allowEffect, `"Action": »"s3:Get Object"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"space instead of colon", statementDoc(allowEffect, `"Action": »"s3 GetObject"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"NUL in action name", statementDoc(allowEffect, `"Action": »"s3:Get\u0000Object"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"dotted capital I in action name", statementDoc(allowEffect, `"Action": »"iam:L`+"\u0130"+`stUsers"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"slash in action name", statementDoc(allowEffect, `"Action": »"s3:Get/Object"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"superscript in service prefix", statementDoc(allowEffect, `"Action": »"s`+"\u00b3"+`:GetObject"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"underscore in service prefix", statementDoc(allowEffect, `"Action": »"s3_x:GetObject"`, anyResource),
		policy.ErrBadValue, "Statement[0].Action"},
	{"space in NotAction list", statementDoc(allowEffect, `"NotAction": ["s3:GetObject", »"s3:Put Object"]`, anyResource),
		policy.ErrBadValue, "Statement[0].NotAction[1]"},
}

// manyKeys returns n condition key members "k0": "v" to "k<n-1>": "v",
// enough to make the parser look keys up in a map.
func manyKeys(n int) string {
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf(`"k%d": "v"`, i)
	}
	return strings.Join(members, ", ")
}

func TestGrammarRejections(t *testing.T) {
	for _, tc := range grammarRejections {
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
		})
	}
}

func TestDuplicateKeyInCaseNamesBoth(t *testing.T) {
	input := statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "red", "AWS:PRINCIPALTAG/TEAM": "blue"}}`)
	first := strings.Index(input, `"aws:PrincipalTag/team"`)
	second := strings.Index(input, `"AWS:PRINCIPALTAG/TEAM"`)

	_, err := policy.ParseString(input)
	var perr *policy.ParseError
	require.ErrorAs(t, err, &perr)
	assert.Equal(t, second, perr.Offset)
	assert.Equal(t, first, perr.Previous.Offset)
	assert.Contains(t, err.Error(), `"aws:PrincipalTag/team"`)
	assert.Contains(t, err.Error(), `"AWS:PRINCIPALTAG/TEAM"`)
	assert.Contains(t, err.Error(), "first at line 1, column")
}

func TestGrammarAcceptances(t *testing.T) {
	tests := []struct {
		name  string
		input string
		check func(*policy.Policy) any // the part of the result to compare
		want  any
	}{
		{"hyphen in action name", statementDoc(allowEffect,
			`"Action": "vpc-lattice:AssociateViaAWSService-EventsAndStates"`, anyResource),
			func(p *policy.Policy) any { return p.Statements[0].Action },
			[]string{"vpc-lattice:AssociateViaAWSService-EventsAndStates"}},
		{"wildcards in action name", statementDoc(allowEffect, `"Action": ["s3:Get?bject*", "ec2:*"]`, anyResource),
			func(p *policy.Policy) any { return p.Statements[0].Action },
			[]string{"s3:Get?bject*", "ec2:*"}},
		{"escaped surrogate pair", statementDoc(`"Sid": "\ud83d\ude00"`, allowEffect, anyAction, anyResource),
			func(p *policy.Policy) any { return p.Statements[0].Sid }, "\U0001F600"},
		{"escaped replacement character", `{"Id": "a\ufffd", "Statement": []}`,
			func(p *policy.Policy) any { return p.ID }, "a\uFFFD"},
		{"raw replacement character", `{"Id": "a` + "\uFFFD" + `\n", "Statement": []}`,
			func(p *policy.Policy) any { return p.ID }, "a\uFFFD\n"},
		{"escaped backslash before u", `{"Id": "\ufffd\\ud800", "Statement": []}`,
			func(p *policy.Policy) any { return p.ID }, "\uFFFD\\ud800"},
		{"same key in case under two operators", statementDoc(allowEffect, anyAction, anyResource,
			`"Condition": {"StringEquals": {"aws:username": "a"}, "StringNotEquals": {"AWS:UserName": "b"}}`),
			func(p *policy.Policy) any { return len(p.Statements[0].Conditions) }, 2},
		{"many distinct condition keys", statementDoc(allowEffect, anyAction, anyResource,
			`"Condition": {"StringEquals": {`+manyKeys(40)+`}}`),
			func(p *policy.Policy) any { return len(p.Statements[0].Conditions) }, 40},
		{"whole wildcard principal", statementDoc(allowEffect, `"Principal": {"AWS": "*"}`, anyAction, anyResource),
			func(p *policy.Policy) any { return p.Statements[0].Principal.AWS }, []string{"*"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := policy.ParseString(tc.input)
			require.NoError(t, err)
			if diff := cmp.Diff(tc.want, tc.check(p)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLimitMaxWildcards(t *testing.T) {
	const four = "*?*?"
	actionDoc := statementDoc(allowEffect, `"Action": "s3:`+four+`"`, anyResource)
	resourceDoc := statementDoc(allowEffect, anyAction, `"NotResource": ["arn:aws:s3:::b", "arn:aws:s3:::`+four+`"]`)
	likeDoc := statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringLike": {"k": ["a", "`+four+`"]}}`)
	arnDoc := statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"ArnEquals": {"aws:SourceArn": "arn:`+four+`"}}`)
	equalsDoc := statementDoc(allowEffect, anyAction, anyResource, `"Condition": {"StringEquals": {"k": "`+four+`"}}`)
	defaultOver := statementDoc(allowEffect, `"Action": "s3:`+strings.Repeat("?", policy.DefaultMaxWildcards+1)+`"`, anyResource)
	defaultAt := statementDoc(allowEffect, `"Action": "s3:`+strings.Repeat("?", policy.DefaultMaxWildcards)+`"`, anyResource)
	literalStars := statementDoc(allowEffect, anyAction, anyResource,
		`"Condition": {"StringEquals": {"k": "`+strings.Repeat("*", 10_000)+`"}}`)

	tests := []struct {
		name   string
		limits policy.Limits
		input  string
		path   string // "" when the document must parse
	}{
		{"action over limit", policy.Limits{MaxWildcards: 3}, actionDoc, "Statement[0].Action"},
		{"action at limit", policy.Limits{MaxWildcards: 4}, actionDoc, ""},
		{"action unlimited", policy.Limits{MaxWildcards: -1}, defaultOver, ""},
		{"NotResource item over limit", policy.Limits{MaxWildcards: 3}, resourceDoc, "Statement[0].NotResource[1]"},
		{"StringLike item over limit", policy.Limits{MaxWildcards: 3}, likeDoc, "Statement[0].Condition.StringLike.k[1]"},
		{"ArnEquals value over limit", policy.Limits{MaxWildcards: 3}, arnDoc, "Statement[0].Condition.ArnEquals.aws:SourceArn"},
		{"StringEquals value is literal", policy.Limits{MaxWildcards: 3}, equalsDoc, ""},
		{"default over limit", policy.Limits{}, defaultOver, "Statement[0].Action"},
		{"default at limit", policy.Limits{}, defaultAt, ""},
		{"default literal stars", policy.Limits{}, literalStars, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := tc.limits.ParseString(tc.input)
			if tc.path == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, policy.ErrTooMany)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, tc.path, perr.Path)
			assert.Contains(t, err.Error(), "Limits.MaxWildcards")
			assert.Contains(t, err.Error(), "policy.Limits{MaxWildcards: n}")
		})
	}
}

// TestValidateMessagesUseArticles checks that messages naming the policy
// kind put the right article before it, "an identity policy" rather than
// "a identity policy".
func TestValidateMessagesUseArticles(t *testing.T) {
	withPrincipal := doc(allow("s3:GetObject", objects, anyone))
	withoutPrincipal := doc(allow("s3:GetObject", objects))
	badSid := doc(`{"Sid": "read all", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "` + objects + `"}`)

	tests := []struct {
		name   string
		kind   policy.Kind
		doc    string
		code   policy.Code
		phrase string
	}{
		{"identity principal", policy.KindIdentity, withPrincipal, policy.CodePrincipalNotAllowed, "an identity policy applies to the identity"},
		{"inline user principal", policy.KindInlineUser, withPrincipal, policy.CodePrincipalNotAllowed, "an inline user policy"},
		{"inline group principal", policy.KindInlineGroup, withPrincipal, policy.CodePrincipalNotAllowed, "an inline group policy"},
		{"inline role principal", policy.KindInlineRole, withPrincipal, policy.CodePrincipalNotAllowed, "an inline role policy"},
		{"boundary principal", policy.KindBoundary, withPrincipal, policy.CodePrincipalNotAllowed, "a permissions boundary"},
		{"session principal", policy.KindSession, withPrincipal, policy.CodePrincipalNotAllowed, "a session policy"},
		{"SCP principal", policy.KindSCP, withPrincipal, policy.CodePrincipalNotAllowed, "an SCP applies to the accounts"},
		{"resource missing principal", policy.KindResource, withoutPrincipal, policy.CodeMissingPrincipal, "of a resource-based policy"},
		{"bucket missing principal", policy.KindBucket, withoutPrincipal, policy.CodeMissingPrincipal, "of a bucket policy"},
		{"access point missing principal", policy.KindAccessPoint, withoutPrincipal, policy.CodeMissingPrincipal,
			"of an access point policy"},
		{"RCP missing principal", policy.KindRCP, withoutPrincipal, policy.CodeMissingPrincipal, "of an RCP"},
		{"identity Sid", policy.KindIdentity, badSid, policy.CodeInvalidSid, "which an identity policy does not accept"},
		{"inline user Sid", policy.KindInlineUser, badSid, policy.CodeInvalidSid, "which an inline user policy does not accept"},
		{"SCP Sid", policy.KindSCP, badSid, policy.CodeInvalidSid, "which an SCP does not accept"},
		{"RCP Sid", policy.KindRCP, badSid, policy.CodeInvalidSid, "which an RCP does not accept"},
	}
	wrongArticle := regexp.MustCompile(`(?i)\ba (identity|inline|access|scp|rcp)\b|\ban (bucket|session|permissions|resource|boundary)\b`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			findings := policy.Validate(policy.MustParse(tc.doc), tc.kind)
			var messages []string
			for _, f := range findings {
				assert.NotRegexp(t, wrongArticle, f.Message)
				if f.Code == tc.code {
					messages = append(messages, f.Message)
				}
			}
			require.Len(t, messages, 1, "findings: %v", findings)
			assert.Contains(t, messages[0], tc.phrase)
		})
	}
}

func TestEmptyActionMessageArticle(t *testing.T) {
	_, err := policy.ParseString(statementDoc(allowEffect, `"Action": ""`, anyResource))
	require.ErrorIs(t, err, policy.ErrBadValue)
	assert.Contains(t, err.Error(), "give an action")
}
