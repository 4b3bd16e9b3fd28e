package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumberCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"equal integers", "10", "10", 0},
		{"trailing zeros", "10", "10.000", 0},
		{"exponent", "1.5E3", "1500", 0},
		{"negative exponent", "25e-1", "2.5", 0},
		{"leading point", ".5", "0.5", 0},
		{"negative zero", "-0", "0", 0},
		{"smaller fraction", "0.5", "1", -1},
		{"negative below zero", "-1", "0", -1},
		{"more negative", "-10", "-9", -1},
		{"longer digits", "1.25", "1.2", 1},
		{"huge exponent", "1e900000000", "9e99", 1},
		{"tiny exponent", "1e-900000000", "0", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ok := parseNumber(tc.a)
			require.True(t, ok, tc.a)
			b, ok := parseNumber(tc.b)
			require.True(t, ok, tc.b)
			assert.Equal(t, tc.want, a.Compare(b))
			assert.Equal(t, -tc.want, b.Compare(a))
		})
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, s := range []string{"", "abc", "1e", "e5", "1.2.3", "--1", "1e1000000001", ".", "0x10", " 1"} {
		_, ok := parseNumber(s)
		assert.False(t, ok, "%q", s)
	}
}

// TestNumericConflictHugeExponent checks that comparing numbers with huge
// exponents costs no more than reading them.
func TestNumericConflictHugeExponent(t *testing.T) {
	p := MustParse(`{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:ListBucket",
  "Resource": "arn:aws:s3:::b1",
  "Condition": {"NumericLessThan": {"s3:max-keys": "1e900000000"}, "NumericGreaterThan": {"s3:max-keys": "2e900000000"}}}}`)
	start := time.Now()
	findings := Validate(p, KindIdentity)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Contains(t, codesOf(findings), CodeDenyNeverApplies)
}

func codesOf(findings []Finding) []Code {
	var codes []Code
	for _, f := range findings {
		codes = append(codes, f.Code)
	}
	return codes
}

func TestGlobCovers(t *testing.T) {
	tests := []struct {
		name              string
		general, specific string
		fold, want        bool
	}{
		{"equal literals", "s3:GetObject", "s3:GetObject", false, true},
		{"literals in other case", "s3:getobject", "S3:GetObject", true, true},
		{"case matters without fold", "a/B", "a/b", false, false},
		{"star covers literal", "s3:Get*", "s3:GetObject", false, true},
		{"star covers narrower star", "s3:*", "s3:Get*", false, true},
		{"narrower star does not cover star", "s3:Get*", "s3:*", false, false},
		{"question mark covers one character", "a?c", "abc", false, true},
		{"question mark covers question mark", "a?c", "a?c", false, true},
		{"question mark does not cover star", "a?c", "a*c", false, false},
		{"star covers question mark", "a*", "a?", false, true},
		{"literal does not cover star", "ab", "a*", false, false},
		{"different prefix", "s3:Put*", "s3:GetObject", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, globCovers(tc.general, tc.specific, tc.fold))
		})
	}
}

func TestTemplateMatches(t *testing.T) {
	tests := []struct {
		name     string
		template string // without the leading "arn:${Partition}:"
		pattern  string
		want     bool
	}{
		{"bucket", "s3:::${BucketName}", "arn:aws:s3:::b1", true},
		{"bucket pattern", "s3:::${BucketName}", "arn:aws:s3:::b*", true},
		{"object ARN is no bucket", "s3:::${BucketName}", "arn:aws:s3:::b1/*", false},
		{"object", "s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b1/a/b/c", true},
		{"bucket ARN is no object", "s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b1", false},
		{"object needs a key", "s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b1/", false},
		{"star spans the slash", "s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b*", true},
		{"access point object", "s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}",
			"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/x/*", true},
		{"access point object without object", "s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}",
			"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/photos/*", false},
		{"empty Region only by star", "s3::${Account}:accesspoint/${AccessPointAlias}",
			"arn:aws:s3:*:111122223333:accesspoint/x.mrap", true},
		{"Region where the template has none", "s3::${Account}:accesspoint/${AccessPointAlias}",
			"arn:aws:s3:us-west-2:111122223333:accesspoint/x.mrap", false},
		{"AWS-owned resource without account", "ssm:${Region}:${Account}:document/${DocumentName}",
			"arn:aws:ssm:*::document/AWS-*", true},
		{"other service", "s3:::${BucketName}", "arn:aws:sqs:::b1", false},
		{"log group name with slashes", "logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}",
			"arn:aws:logs:*:*:log-group:/aws/lambda/*", true},
		{"policy variable", "s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b1/${aws:username}", true},
		{"escaped star is literal", "s3:::${BucketName}", "arn:aws:s3:::b${*}", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := parseTemplate(tc.template)
			parts, ok := splitPattern(tc.pattern, true)
			require.True(t, ok)
			assert.Equal(t, tc.want, tmpl.matches(parts, true))
		})
	}
}

func TestStripSpace(t *testing.T) {
	assert.Equal(t, `{"a":"b c","d":["e\" f"]}`, stripSpace("{\n  \"a\": \"b c\",\n\t\"d\": [ \"e\\\" f\" ]\r\n}"))
}
