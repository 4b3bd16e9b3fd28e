package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
)

// policyDoc wraps statements, given as JSON text, in a 2012-10-17 document.
func policyDoc(statements string) string {
	return `{"Version": "2012-10-17", "Statement": [` + statements + `]}`
}

// allowAll is the smallest valid statement, as a base for other cases.
const allowAll = `{"Effect": "Allow", "Action": "*", "Resource": "*"}`

func allowAllStatement() policy.Statement {
	return policy.Statement{Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"}}
}

func newCondition(op, key string, values ...string) policy.Condition {
	return policy.Condition{Operator: condition.MustParseOperator(op), Key: key, Values: values}
}

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		version string
		id      string
		want    []policy.Statement
	}{
		{
			name:    "version 2012",
			input:   `{"Version": "2012-10-17", "Statement": ` + allowAll + `}`,
			version: policy.Version2012,
			want:    []policy.Statement{allowAllStatement()},
		},
		{
			name:    "version 2008",
			input:   `{"Version": "2008-10-17", "Statement": ` + allowAll + `}`,
			version: policy.Version2008,
			want:    []policy.Statement{allowAllStatement()},
		},
		{
			name:  "version absent",
			input: `{"Statement": ` + allowAll + `}`,
			want:  []policy.Statement{allowAllStatement()},
		},
		{
			name:    "id",
			input:   `{"Version": "2012-10-17", "Id": "S3PolicyId1", "Statement": []}`,
			version: policy.Version2012,
			id:      "S3PolicyId1",
		},
		{
			name:    "empty id",
			input:   `{"Version": "2012-10-17", "Id": "", "Statement": []}`,
			version: policy.Version2012,
		},
		{
			name:    "empty statement array",
			input:   `{"Version": "2012-10-17", "Statement": []}`,
			version: policy.Version2012,
		},
		{
			name:    "statement array",
			input:   policyDoc(allowAll + "," + allowAll),
			version: policy.Version2012,
			want:    []policy.Statement{allowAllStatement(), allowAllStatement()},
		},
		{
			name:    "members in any order",
			input:   `{"Statement": {"Resource": "*", "Action": "*", "Effect": "Allow"}, "Id": "x", "Version": "2012-10-17"}`,
			version: policy.Version2012,
			id:      "x",
			want:    []policy.Statement{allowAllStatement()},
		},
		{
			name:    "escaped member names and values",
			input:   `{"Version": "2012-10-17", "Statement": {"Eff\u0065ct": "Allow", "Action": "s3:Get\u004fbject", "Resource": "*"}}`,
			version: policy.Version2012,
			want: []policy.Statement{{
				Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"*"},
			}},
		},
		{
			name:    "windows line endings and tabs",
			input:   "{\r\n\t\"Version\": \"2012-10-17\",\r\n\t\"Statement\": " + allowAll + "\r\n}\r\n",
			version: policy.Version2012,
			want:    []policy.Statement{allowAllStatement()},
		},
		{
			name:    "non-ASCII text",
			input:   policyDoc(`{"Sid": "Zugriff für alle", "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bücher/*"}`),
			version: policy.Version2012,
			want: []policy.Statement{{
				Sid: "Zugriff für alle", Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"arn:aws:s3:::bücher/*"},
			}},
		},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := policy.ParseString(tc.input)
			require.NoError(t, err)
			require.Equal(t, tc.version, p.Version, "Version")
			require.Equal(t, tc.id, p.ID, "ID")
			if diff := cmp.Diff(tc.want, p.Statements, ignorePositions); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStatement(t *testing.T) {
	tests := []struct {
		name  string
		input string // one statement
		want  policy.Statement
	}{
		{
			name:  "sid",
			input: `{"Sid": "AllowRead", "Effect": "Allow", "Action": "*", "Resource": "*"}`,
			want:  policy.Statement{Sid: "AllowRead", Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"}},
		},
		{
			name:  "empty sid",
			input: `{"Sid": "", "Effect": "Allow", "Action": "*", "Resource": "*"}`,
			want:  allowAllStatement(),
		},
		{
			name:  "sid with characters S3 allows",
			input: `{"Sid": "Allow read-only access, v2", "Effect": "Allow", "Action": "*", "Resource": "*"}`,
			want:  policy.Statement{Sid: "Allow read-only access, v2", Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"}},
		},
		{
			name:  "deny",
			input: `{"Effect": "Deny", "Action": "*", "Resource": "*"}`,
			want:  policy.Statement{Effect: policy.Deny, Action: []string{"*"}, Resource: []string{"*"}},
		},
		{
			name:  "action array",
			input: `{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}`,
			want:  policy.Statement{Effect: policy.Allow, Action: []string{"s3:GetObject", "s3:PutObject"}, Resource: []string{"*"}},
		},
		{
			name:  "action one-element array",
			input: `{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}`,
			want:  policy.Statement{Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"*"}},
		},
		{
			name:  "action wildcards kept as written",
			input: `{"Effect": "Allow", "Action": ["s3:Get*", "iam:*AccessKey*", "s3:*", "s3:Get?bject", "IAM:listaccesskeys"], "Resource": "*"}`,
			want: policy.Statement{
				Effect:   policy.Allow,
				Action:   []string{"s3:Get*", "iam:*AccessKey*", "s3:*", "s3:Get?bject", "IAM:listaccesskeys"},
				Resource: []string{"*"},
			},
		},
		{
			name:  "not action",
			input: `{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}`,
			want:  policy.Statement{Effect: policy.Deny, NotAction: []string{"iam:*"}, Resource: []string{"*"}},
		},
		{
			name:  "resource arns",
			input: `{"Effect": "Allow", "Action": "*", "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"]}`,
			want: policy.Statement{
				Effect: policy.Allow, Action: []string{"*"},
				Resource: []string{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/*"},
			},
		},
		{
			name:  "resource with wildcards outside the service",
			input: `{"Effect": "Allow", "Action": "*", "Resource": ["arn:*:ssm:*::document/*", "arn:aws:s3:::example?bucket/*"]}`,
			want: policy.Statement{
				Effect: policy.Allow, Action: []string{"*"},
				Resource: []string{"arn:*:ssm:*::document/*", "arn:aws:s3:::example?bucket/*"},
			},
		},
		{
			name:  "resource with variables",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/home/${aws:username}/*"}`,
			want:  policy.Statement{Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"arn:aws:s3:::bucket/home/${aws:username}/*"}},
		},
		{
			name:  "resource with variables in region and account",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:*"}`,
			want: policy.Statement{
				Effect: policy.Allow, Action: []string{"*"},
				Resource: []string{"arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:*"},
			},
		},
		{
			name:  "not resource",
			input: `{"Effect": "Deny", "Action": "*", "NotResource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}`,
			want:  policy.Statement{Effect: policy.Deny, Action: []string{"*"}, NotResource: []string{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"}},
		},
		{
			name:  "principal wildcard string",
			input: `{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`,
			want:  withPrincipal(&policy.Principal{Wildcard: true}),
		},
		{
			name:  "principal wildcard object kept as written",
			input: `{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}`,
			want:  withPrincipal(&policy.Principal{AWS: []string{"*"}}),
		},
		{
			name:  "principal account id kept as written",
			input: `{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "*", "Resource": "*"}`,
			want:  withPrincipal(&policy.Principal{AWS: []string{"111122223333"}}),
		},
		{
			name: "principal arns",
			input: `{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/path/Bob",
				"arn:aws:sts::444455556666:assumed-role/Admin/session"]}, "Action": "*", "Resource": "*"}`,
			want: withPrincipal(&policy.Principal{AWS: []string{
				"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/path/Bob",
				"arn:aws:sts::444455556666:assumed-role/Admin/session",
			}}),
		},
		{
			name: "principal of every type",
			input: `{"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
				"Federated": "cognito-identity.amazonaws.com", "Service": ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"],
				"AWS": "arn:aws:iam::111122223333:role/R"}, "Action": "*", "Resource": "*"}`,
			want: withPrincipal(&policy.Principal{
				AWS:           []string{"arn:aws:iam::111122223333:role/R"},
				Service:       []string{"ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"},
				Federated:     []string{"cognito-identity.amazonaws.com"},
				CanonicalUser: []string{"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
			}),
		},
		{
			name:  "not principal",
			input: `{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}`,
			want: policy.Statement{
				Effect:       policy.Deny,
				NotPrincipal: &policy.Principal{AWS: []string{"arn:aws:iam::111122223333:root"}},
				Action:       []string{"*"},
				Resource:     []string{"*"},
			},
		},
		{
			name: "condition values of every JSON type",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
				"NumericLessThanEquals": {"s3:max-keys": 10, "s3:object-lock-remaining-retention-days": "30"},
				"NumericGreaterThan": {"k1": [1.50, -3, 1e3, 0]},
				"Bool": {"aws:SecureTransport": false, "aws:MultiFactorAuthPresent": ["true", true]},
				"StringEquals": {"k2": ""}}}`,
			want: withConditions(
				newCondition("NumericLessThanEquals", "s3:max-keys", "10"),
				newCondition("NumericLessThanEquals", "s3:object-lock-remaining-retention-days", "30"),
				newCondition("NumericGreaterThan", "k1", "1.50", "-3", "1e3", "0"),
				newCondition("Bool", "aws:SecureTransport", "false"),
				newCondition("Bool", "aws:MultiFactorAuthPresent", "true", "true"),
				newCondition("StringEquals", "k2", ""),
			),
		},
		{
			name: "condition order kept",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
				"StringLike": {"s3:prefix": ["home/*", "shared/*"], "aws:userid": "AIDA*"},
				"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}}`,
			want: withConditions(
				newCondition("StringLike", "s3:prefix", "home/*", "shared/*"),
				newCondition("StringLike", "aws:userid", "AIDA*"),
				newCondition("IpAddress", "aws:SourceIp", "203.0.113.0/24", "2001:DB8:1234:5678::/64"),
			),
		},
		{
			name: "condition qualifiers and IfExists",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
				"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]},
				"ForAnyValue:StringLikeIfExists": {"aws:CalledVia": "cloudformation.*"},
				"Null": {"aws:TokenIssueTime": "true"}}}`,
			want: withConditions(
				newCondition("ForAllValues:StringEquals", "aws:TagKeys", "a", "b"),
				newCondition("ForAnyValue:StringLikeIfExists", "aws:CalledVia", "cloudformation.*"),
				newCondition("Null", "aws:TokenIssueTime", "true"),
			),
		},
		{
			name: "condition keys are free text",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
				"StringEquals": {"<OIDC_provider_name_1>:sub": "x", "aws:PrincipalTag/dp:exclude:resource": "true", "AWS:SourceIP": "y"}}}`,
			want: withConditions(
				newCondition("StringEquals", "<OIDC_provider_name_1>:sub", "x"),
				newCondition("StringEquals", "aws:PrincipalTag/dp:exclude:resource", "true"),
				newCondition("StringEquals", "AWS:SourceIP", "y"),
			),
		},
		{
			name: "key differing in case under two operators",
			input: `{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
				"StringEquals": {"aws:username": "a"}, "StringLike": {"AWS:UserName": "b*"}}}`,
			want: withConditions(newCondition("StringEquals", "aws:username", "a"), newCondition("StringLike", "AWS:UserName", "b*")),
		},
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := policy.ParseString(policyDoc(tc.input))
			require.NoError(t, err)
			require.Len(t, p.Statements, 1)
			if diff := cmp.Diff(tc.want, p.Statements[0], ignorePositions); diff != "" {
				t.Errorf("statement (-want +got):\n%s", diff)
			}
		})
	}
}

func withPrincipal(p *policy.Principal) policy.Statement {
	st := allowAllStatement()
	st.Principal = p
	return st
}

func withConditions(cs ...policy.Condition) policy.Statement {
	st := allowAllStatement()
	st.Conditions = cs
	return st
}

// TestParseVersionControlsVariables checks that "${" counts as a policy
// variable only in 2012-10-17 documents, wherever Version appears.
func TestParseVersionControlsVariables(t *testing.T) {
	const statement = `{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3${x}:::bucket"}`
	tests := []struct {
		name    string
		input   string
		wantErr bool
	}{
		{"version 2012 first", `{"Version": "2012-10-17", "Statement": ` + statement + `}`, true},
		{"version 2012 last", `{"Statement": ` + statement + `, "Version": "2012-10-17"}`, true},
		{"version 2008", `{"Version": "2008-10-17", "Statement": ` + statement + `}`, false},
		{"version absent", `{"Statement": ` + statement + `}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.ParseString(tc.input)
			if tc.wantErr {
				require.ErrorIs(t, err, policy.ErrBadValue)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

func TestParseCopiesInput(t *testing.T) {
	data := []byte(policyDoc(`{"Sid": "Original", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`))
	p, err := policy.Parse(data)
	require.NoError(t, err)

	for i := range data {
		data[i] = ' '
	}
	require.Equal(t, "Original", p.Statements[0].Sid)
	require.Equal(t, []string{"s3:GetObject"}, p.Statements[0].Action)
}

func TestParseListsDoNotShareStorage(t *testing.T) {
	p := policy.MustParse(policyDoc(`{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::a"]}`))
	st := p.Statements[0]

	grown := append(st.Action, "s3:PutObject")
	require.Equal(t, []string{"s3:GetObject", "s3:PutObject"}, grown)
	require.Equal(t, []string{"arn:aws:s3:::a"}, st.Resource, "appending to Action changed Resource")
}

func TestMustParsePanics(t *testing.T) {
	require.Panics(t, func() { policy.MustParse(`{"Statement": 1}`) })
	require.NotPanics(t, func() { policy.MustParse(policyDoc(allowAll)) })
}

func TestPrincipalAnyone(t *testing.T) {
	tests := []struct {
		name string
		p    *policy.Principal
		want bool
	}{
		{"nil", nil, false},
		{"bare wildcard", &policy.Principal{Wildcard: true}, true},
		{"AWS wildcard", &policy.Principal{AWS: []string{"*"}}, true},
		{"AWS wildcard among others", &policy.Principal{AWS: []string{"111122223333", "*"}}, true},
		{"account", &policy.Principal{AWS: []string{"111122223333"}}, false},
		{"service named star is not anyone", &policy.Principal{Service: []string{"*"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.p.Anyone())
		})
	}
}

func TestNormalizeAWSPrincipal(t *testing.T) {
	tests := []struct {
		name, input, partition, want string
	}{
		{"account id", "111122223333", "aws", "arn:aws:iam::111122223333:root"},
		{"account id in china", "111122223333", "aws-cn", "arn:aws-cn:iam::111122223333:root"},
		{"root arn unchanged", "arn:aws:iam::111122223333:root", "aws", "arn:aws:iam::111122223333:root"},
		{"eleven digits unchanged", "11112222333", "aws", "11112222333"},
		{"thirteen digits unchanged", "1111222233334", "aws", "1111222233334"},
		{"hyphenated id unchanged", "1111-2222-3333", "aws", "1111-2222-3333"},
		{"non-ASCII digits unchanged", "11112222333٣", "aws", "11112222333٣"},
		{"wildcard unchanged", "*", "aws", "*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, policy.NormalizeAWSPrincipal(tc.input, tc.partition))
		})
	}
}

func TestPrincipalNormalizedAWS(t *testing.T) {
	p := &policy.Principal{AWS: []string{"arn:aws:iam::444455556666:user/Bob", "111122223333"}}
	got := p.NormalizedAWS("aws")

	require.Equal(t, []string{"arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::111122223333:root"}, got)
	require.Equal(t, "111122223333", p.AWS[1], "NormalizedAWS changed the principal")

	unchanged := &policy.Principal{AWS: []string{"arn:aws:iam::111122223333:root"}}
	require.Equal(t, unchanged.AWS, unchanged.NormalizedAWS("aws"))
	require.Nil(t, (*policy.Principal)(nil).NormalizedAWS("aws"))
}

func TestEffectString(t *testing.T) {
	require.Equal(t, "Allow", policy.Allow.String())
	require.Equal(t, "Deny", policy.Deny.String())
	require.Equal(t, "Effect(0)", policy.Effect(0).String())
	require.True(t, policy.Deny.IsValid())
	require.False(t, policy.Effect(3).IsValid())
}
