package evaluator

import (
	"strings"
	"testing"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/policy"
)

// TestActionSetAgainstScan checks that matching only the patterns of the
// request's service gives the result of matching every pattern, for sets
// with enough services to be searched by halves.
func TestActionSetAgainstScan(t *testing.T) {
	patterns := []string{
		"s3:GetObject", "S3:Get*", "s3:*", "ec2:Describe*", "iam:GetUser", "iam:Get?ser",
		"kms:Decrypt", "sqs:SendMessage", "sns:Publish", "lambda:Invoke*", "dynamodb:*",
		"logs:*", "*", "s3:G*t*", "a:b", "z:*", "s3-object-lambda:Get*",
		"s3:PutObject", "s3:DeleteObject", "S3:ListBucket", "s3:GetObjectTagging", "s3:AbortMultipartUpload",
	}
	actions := []string{
		"s3:GetObject", "S3:GETOBJECT", "s3:PutObject", "ec2:DescribeInstances", "iam:GetUser",
		"iam:GetUsers", "kms:Decrypt", "sqs:SendMessage", "lambda:InvokeFunction", "dynamodb:Query",
		"logs:PutLogEvents", "s3-object-lambda:GetObject", "a:b", "z:y", "zz:y", "b:a",
		"s3:GetObjectVersionTagging", "cloudwatch:GetMetricData", "s3:ListBucket", "s3:DeleteObject",
		"s3:AbortMultipartUpload", "s3:Abort", "s3:Zzz", "s3:GetObjectTagging",
	}
	for n := 1; n <= len(patterns); n++ {
		for start := range patterns {
			var texts []string
			for i := range n {
				texts = append(texts, patterns[(start+i)%len(patterns)])
			}
			set := newActionSet(texts)
			for _, action := range actions {
				g := gate{call: &call{}}
				if !g.setAction(action) || g.lowerLen == 0 {
					t.Fatalf("setAction(%q) did not lower the action", action)
				}
				got := set.matchesLower(g.lower[:g.lowerLen], len(g.service), action)
				if want := set.matches(action); got != want {
					t.Errorf("patterns %q, action %q: matchesLower %v, matches %v", texts, action, got, want)
				}
			}
		}
	}
}

func TestSetActionLowers(t *testing.T) {
	tests := []struct {
		action string
		valid  bool
		lower  string // "" when the action is matched without a lower-case form
	}{
		{"s3:GetObject", true, "s3:getobject"},
		{"S3:G", true, "s3:g"},
		{"ec2:DescribeInstances", true, "ec2:describeinstances"},
		{"sagemaker:ListInferenceRecommendationsJobSteps", true, "sagemaker:listinferencerecommendationsjobsteps"},
		{"Access-Analyzer:ListFindings", true, "access-analyzer:listfindings"},
		{"s3:@[`{Z", false, ""},
		{"s3:Get*", false, ""},
		{"s3:GetObject?", false, ""},
		{"s3:GétObject", false, ""},
		{"s3:Get-Object", false, ""},
		{"s3:GetObject:x", false, ""},
		{"s3:" + strings.Repeat("A", maxAction), true, ""},
		{"s3", false, ""},
		{":GetObject", false, ""},
		{"s3:", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.action, func(t *testing.T) {
			g := gate{call: &call{}}
			if got := g.setAction(tc.action); got != tc.valid {
				t.Fatalf("setAction = %v, want %v", got, tc.valid)
			}
			if got := string(g.lower[:g.lowerLen]); tc.valid && got != tc.lower {
				t.Errorf("lower case = %q, want %q", got, tc.lower)
			}
		})
	}
}

func TestIsAccountIDAgainstPolicy(t *testing.T) {
	ids := []string{"", "111122223333", "11112222333", "1111222233334", "aws"}
	for i := range 12 {
		for _, c := range []byte{'/', ':', 'a', '0', '9', 0, 0xff} {
			b := []byte("111122223333")
			b[i] = c
			ids = append(ids, string(b))
		}
	}
	for _, id := range ids {
		if got, want := isAccountID(id), policy.IsAccountID(id); got != want {
			t.Errorf("isAccountID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestServiceOf(t *testing.T) {
	tests := []struct {
		pattern string
		service string
		ok      bool
	}{
		{"s3:get*", "s3", true},
		{"ec2:*", "ec2", true},
		{"*", "", false},
		{"s*:get", "", false},
		{"s?:get", "", false},
		{"\u212ams:decrypt", "", false},
	}
	for _, tc := range tests {
		service, ok := serviceOf(tc.pattern)
		if service != tc.service || ok != tc.ok {
			t.Errorf("serviceOf(%q) = %q, %v, want %q, %v", tc.pattern, service, ok, tc.service, tc.ok)
		}
	}
}

// TestSetActionAgainstIsAction checks that setAction, which tests eight
// bytes at a time, accepts exactly the actions isAction accepts, with
// bytes of every class at every position of actions of every length up to
// 40, the colon anywhere.
func TestSetActionAgainstIsAction(t *testing.T) {
	specials := []byte{'a', 'Z', '0', '9', '-', ':', '*', '?', '@', '[', '`', '{', '/', ' ', 0, 0x7f, 0x80, 0xe9}
	for n := 1; n <= 40; n++ {
		for colon := 1; colon < n; colon++ {
			base := []byte(strings.Repeat("a", n))
			base[colon] = ':'
			actions := []string{string(base)}
			for i := 0; i < n; i++ {
				for _, c := range specials {
					b := append([]byte(nil), base...)
					b[i] = c
					actions = append(actions, string(b))
				}
			}
			for _, action := range actions {
				g := gate{call: &call{}}
				if got, want := g.setAction(action), isAction(action); got != want {
					t.Errorf("setAction(%q) = %v, isAction = %v", action, got, want)
				}
				if g.lowerLen > 0 && string(g.lower[:g.lowerLen]) != strings.ToLower(action) {
					t.Errorf("setAction(%q) lowered it to %q", action, g.lower[:g.lowerLen])
				}
			}
		}
	}
}

// TestIsRequestResourceAgainstIsResource checks the fast resource check
// against isResource, with bytes of every class at every position of the
// parts before the resource.
func TestIsRequestResourceAgainstIsResource(t *testing.T) {
	bases := []string{
		"arn:aws:s3:::examplebucket/reports/q4.pdf",
		"arn:aws:s3:us-east-1:111122223333:accesspoint/records/object/k",
		"arn:aws-cn:iam::111122223333:user/alice",
		"arn:a:b:c:d:e",
		"arn:aws:s3:::b/\xff",
	}
	specials := []byte{'a', 'Z', '0', '-', '_', '.', ' ', '*', 0, 0x80, 0xff}
	for _, base := range bases {
		for i := len("arn:"); i < len(base); i++ {
			for _, c := range specials {
				b := []byte(base)
				b[i] = c
				s := string(b)
				a, err := arn.Parse(s)
				if err != nil {
					continue
				}
				if got, want := isRequestResource(a, s), isResource(a, s); got != want {
					t.Errorf("isRequestResource(%q) = %v, isResource = %v", s, got, want)
				}
			}
		}
	}
}

// TestParseRequestARNAgainstParse checks the one-pass parse of a request's
// resource against arn.Parse and isRequestResource, with bytes of every
// class at every position of ARNs of several lengths.
func TestParseRequestARNAgainstParse(t *testing.T) {
	bases := []string{
		"arn:aws:s3:::examplebucket/reports/q4.pdf",
		"arn:aws:s3:us-east-1:111122223333:accesspoint/records/object/k",
		"arn:aws-cn:iam::111122223333:user/alice",
		"arn:aws:sqs:eu-west-3:111122223333:queue",
		"arn:a:b:c:d:e",
		"arn:aws:s3:::b",
		"arn:aws:s3:::",
		"arn:aws:s3:::b/\xff",
	}
	specials := []byte{'a', 'Z', '0', '-', ':', '_', '.', ' ', '*', 0, 0x7f, 0x80, 0xc3, 0xff}
	for _, base := range bases {
		for i := 0; i < len(base); i++ {
			for _, c := range specials {
				b := []byte(base)
				b[i] = c
				s := string(b)
				a, ok := parseRequestARN(s)
				want, err := arn.Parse(s)
				wantOK := err == nil && isRequestResource(want, s)
				if ok != wantOK {
					t.Errorf("parseRequestARN(%q) reports %v, want %v", s, ok, wantOK)
				}
				if ok && a != want {
					t.Errorf("parseRequestARN(%q) = %+v, want %+v", s, a, want)
				}
			}
		}
	}
}
