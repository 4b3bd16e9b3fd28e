package policy_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// hostileDoc is one document built to break the parser, with the limits it
// is parsed under.
type hostileDoc struct {
	name   string
	data   []byte
	limits policy.Limits

	// safe means the document was made from a policy that grants none of
	// the probe requests, so no document that still parses may grant one.
	safe bool
}

// Bases that grant none of the probe requests: they deny, or allow only
// other actions, resources or principals. Each works as an identity-based
// policy or as a resource-based policy, not both.
var safeBases = map[string]string{
	"deny-only-identity": `{"Version": "2012-10-17", "Statement": [
		{"Sid": "DenyInsecure", "Effect": "Deny", "Action": "*", "Resource": "*",
		 "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
		{"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:ListBucket"], "NotResource": "arn:aws:s3:::b1/*"}]}`,
	"deny-only-resource": `{"Id": "bucket", "Statement": [
		{"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "iam:*"],
		 "Resource": ["arn:aws:s3:::b1", "arn:aws:s3:::b1/*"],
		 "Condition": {"StringNotEquals": {"aws:PrincipalAccount": ["111122223333", "444455556666"]}}}]}`,
	"other-grants-identity": `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": ["ec2:Describe*", "iam:Get*"], "Resource": "arn:aws:s3:::other/*",
		 "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}}]}`,
	"other-grants-resource": `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::999999999999:root", "999999999999"]},
		 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b1/*"},
		{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
		 "Resource": "arn:aws:s3:::b1/*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}}]}`,
}

// realBases are documents of testdata/real whose mutations are checked for
// errors and bounds, but not for the decision, since they grant.
var realBases = []string{
	"testdata/real/s3ug-example-bucket-policies-vpc-endpoint.json",
	"testdata/real/s3ug-access-points-policies-3.json",
	"testdata/real/iamug-reference-policies-elements-notprincipal.json",
}

// wrongTypes are JSON values of each type, used in place of a value of a
// different type.
var wrongTypes = []string{`null`, `true`, `7`, `1e400`, `"s"`, `[]`, `["s"]`, `{}`, `{"s": "s"}`}

// jsonType returns the JSON type of raw value text.
func jsonType(raw string) string {
	switch gjson.Parse(raw).Type {
	case gjson.Null:
		return "null"
	case gjson.False, gjson.True:
		return "bool"
	case gjson.Number:
		return "number"
	case gjson.String:
		return "string"
	}
	if strings.HasPrefix(raw, "[") {
		return "array"
	}
	return "object"
}

// values calls fn with the byte offset and raw text of every value in the
// document, and reports objects to object.
func walkValues(doc string, fn func(offset int, raw string), object func(offset int, first gjson.Result)) {
	var walk func(r gjson.Result)
	walk = func(r gjson.Result) {
		isObject, first := r.IsObject(), true
		r.ForEach(func(key, value gjson.Result) bool {
			if isObject && first && object != nil {
				object(r.Index, key)
			}
			first = false
			fn(value.Index, value.Raw)
			if value.IsObject() || value.IsArray() {
				walk(value)
			}
			return true
		})
	}
	walk(gjson.Parse(doc))
}

func replaceAt(doc string, offset, length int, text string) []byte {
	return []byte(doc[:offset] + text + doc[offset+length:])
}

// mutations returns the hostile documents made from one base document.
// They are every truncation, every value swapped for each value of another
// type or for an extreme number, and every object with its first member
// repeated. Invalid UTF-8, NUL bytes and a byte order mark go into every
// string and around the document.
func mutations(name, doc string, safe bool) []hostileDoc {
	var out []hostileDoc
	add := func(kind string, data []byte) {
		out = append(out, hostileDoc{name: fmt.Sprintf("%s/%s/%d", name, kind, len(out)), data: data, safe: safe})
	}
	for i := range len(doc) {
		add("truncated", []byte(doc[:i]))
	}
	walkValues(doc, func(offset int, raw string) {
		for _, v := range wrongTypes {
			if jsonType(v) != jsonType(raw) {
				add("wrong-type", replaceAt(doc, offset, len(raw), v))
			}
		}
		for _, v := range []string{`1e400`, `-1e400`, `1e-400`, `123456789012345678901234567890`, `-0`} {
			add("number", replaceAt(doc, offset, len(raw), v))
		}
		if jsonType(raw) == "string" {
			for _, bad := range []string{"\xff", "\xc3\x28", "\xed\xa0\x80", "\xc0\xaf", "\x00", `\u0000`, "\xef\xbb\xbf"} {
				add("string-bytes", replaceAt(doc, offset+1, 0, bad))
			}
		}
	}, func(offset int, first gjson.Result) {
		member := first.Raw + ": " + gjson.Get(doc[offset:], gjson.Escape(first.Str)).Raw + ", "
		add("duplicate-key", replaceAt(doc, offset+1, 0, member))
	})
	add("bom", []byte("\xef\xbb\xbf"+doc))
	add("nul-before", []byte("\x00"+doc))
	add("nul-after", []byte(doc+"\x00"))
	add("invalid-utf8-after", []byte(doc+"\xff"))
	return out
}

// giantDocuments returns the documents that test the limits: nesting
// 10,000 levels deep, a 10 MB string, and arrays of a million elements,
// each under the default limits and with the limit that stops it removed.
func giantDocuments() []hostileDoc {
	const depth = 10_000
	deepArray := `{"Statement": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
	deepObject := `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": ` +
		strings.Repeat(`{"a": `, depth) + `"v"` + strings.Repeat("}", depth) + `}}`
	deepValue := `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": ` +
		strings.Repeat("[", depth) + `"v"` + strings.Repeat("]", depth) + `}}}}`

	const tenMB = 10 << 20
	long := strings.Repeat("a", tenMB)
	longAction := `{"Statement": {"Effect": "Deny", "Action": "s3:` + long + `", "Resource": "*"}}`
	longSid := `{"Statement": {"Sid": "` + long + `", "Effect": "Deny", "Action": "*", "Resource": "*"}}`
	longKey := `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"` +
		long + `": "v"}}}}`
	longEscapes := `{"Statement": {"Sid": "` + strings.Repeat(`\u00e9`, tenMB/6) + `", "Effect": "Deny", "Action": "*", "Resource": "*"}}`

	const million = 1_000_000
	manyActions := `{"Statement": {"Effect": "Deny", "Action": [` + repeatJoin(`"s3:GetObject"`, million) + `], "Resource": "*"}}`
	manyValues := `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": [` +
		repeatJoin(`1`, million) + `]}}}}`
	manyStatements := `{"Statement": [` + repeatJoin(`{"Effect": "Deny", "Action": "*", "Resource": "*"}`, million/10) + `]}`
	manyNumbers := `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"k": [` +
		repeatJoin(`1e400`, million) + `]}}}}`

	noBytes := policy.Limits{MaxBytes: -1}
	none := policy.Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1, MaxWildcards: -1}
	var out []hostileDoc
	for _, d := range []struct {
		name string
		doc  string
	}{
		{"deep-array", deepArray}, {"deep-object", deepObject}, {"deep-value", deepValue},
		{"long-action", longAction}, {"long-sid", longSid}, {"long-key", longKey}, {"long-escapes", longEscapes},
		{"many-actions", manyActions}, {"many-values", manyValues}, {"many-statements", manyStatements},
		{"many-numbers", manyNumbers},
	} {
		for _, l := range []struct {
			name   string
			limits policy.Limits
		}{{"default", policy.Limits{}}, {"no-size-limit", noBytes}, {"no-limits", none}} {
			out = append(out, hostileDoc{name: d.name + "/" + l.name, data: []byte(d.doc), limits: l.limits, safe: true})
		}
	}
	return out
}

func repeatJoin(s string, n int) string {
	return strings.TrimSuffix(strings.Repeat(s+",", n), ",")
}

// limitKinds are the error kinds that stop a document for a limit.
var limitKinds = []error{policy.ErrTooLarge, policy.ErrTooDeep, policy.ErrTooMany}

// parseKinds are the kinds every ParseError wraps one of.
var parseKinds = []error{
	policy.ErrInvalidJSON, policy.ErrTooLarge, policy.ErrTooDeep, policy.ErrTooMany,
	policy.ErrUnknownElement, policy.ErrDuplicateKey, policy.ErrWrongType,
	policy.ErrMissingElement, policy.ErrConflictingElements, policy.ErrBadValue,
}

// Allocation bound: a parse may allocate at most allocPerByte bytes per
// input byte plus allocSlack. Real documents need about 13 bytes per byte
// (testdata/real and testdata/managed-mit). The worst shape measured is a
// NumericEquals list of one-digit numbers, about 225 bytes per byte,
// because Parse compiles each value with condition.New to check it.
const (
	allocPerByte = 256
	allocSlack   = 256 << 10
)

// parseMeasured parses d and returns the bytes the parse allocated.
func parseMeasured(d hostileDoc) (*policy.Policy, error, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := d.limits.Parse(d.data)
	runtime.ReadMemStats(&after)
	return p, err, after.TotalAlloc - before.TotalAlloc
}

// checkHostile checks one document: bounded allocation, a policy or a
// *policy.ParseError that locates the problem, and no Allow from a safe
// base.
func checkHostile(t *testing.T, d hostileDoc) {
	p, err, allocated := parseMeasured(d)
	if limit := allocPerByte*uint64(len(d.data)) + allocSlack; allocated > limit {
		t.Errorf("parse allocated %d bytes for %d input bytes, more than %d", allocated, len(d.data), limit)
	}
	if err != nil {
		require.Nil(t, p)
		checkWhere(t, d.data, err)
		return
	}
	require.NotNil(t, p)
	checkProbes(t, d, p)
}

// checkWhere checks that a parse error locates the problem.
func checkWhere(t *testing.T, data []byte, err error) {
	t.Helper()
	var perr *policy.ParseError
	require.ErrorAs(t, err, &perr)
	require.GreaterOrEqual(t, perr.Offset, 0)
	require.LessOrEqual(t, perr.Offset, len(data), "offset outside the input: %v", err)
	kinds := 0
	for _, kind := range parseKinds {
		if errors.Is(err, kind) {
			kinds++
		}
	}
	require.Equal(t, 1, kinds, "kinds wrapped by %v", err)
	if !errors.Is(err, policy.ErrTooLarge) {
		require.Positive(t, perr.Line, "line of %v", err)
		require.Positive(t, perr.Column, "column of %v", err)
	}
	if perr.Path != "" {
		require.Contains(t, err.Error(), perr.Path, "message names the path")
	}
	for _, kind := range limitKinds {
		if errors.Is(err, kind) {
			require.Contains(t, err.Error(), "policy.Limits{", "message says how to raise the limit: %v", err)
		}
	}
}

// probes are requests that no safe base grants. The root user of account
// A is left out: it needs no identity-based policy in its own account.
var probes = []struct{ principal, action, resource, account string }{
	{"arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333"},
	{"arn:aws:iam::111122223333:user/alice", "s3:ListAllMyBuckets", "*", "111122223333"},
	{"arn:aws:iam::444455556666:root", "s3:PutObject", "arn:aws:s3:::b1/k", "111122223333"},
	{"arn:aws:sts::111122223333:assumed-role/reader/s1", "iam:GetUser", "arn:aws:iam::111122223333:user/alice", "111122223333"},
	{"anonymous", "s3:GetObject", "arn:aws:s3:::b1/k", "111122223333"},
}

// checkProbes builds an evaluator with p as identity-based policy and as
// resource-based policy, where New accepts it, and evaluates every probe.
// A request must be decided without error, and a document made from a safe
// base must not allow any probe.
func checkProbes(t *testing.T, d hostileDoc, p *policy.Policy) {
	t.Helper()
	ctx := condition.NewContext(map[string][]string{
		"aws:SecureTransport": {"true"}, "aws:SourceIp": {"203.0.113.9"}, "s3:max-keys": {"5"},
		"aws:CurrentTime": {"2024-01-01T00:00:00Z"},
	})
	for _, set := range []evaluator.PolicySet{{Identity: []*policy.Policy{p}}, {Resource: p}} {
		ev, err := evaluator.New(set)
		if err != nil {
			require.ErrorIs(t, err, evaluator.ErrInvalidPolicy)
			continue
		}
		for _, pr := range probes {
			r := &evaluator.Request{Principal: evaluator.MustParsePrincipal(pr.principal, ""), Action: pr.action,
				Resource: pr.resource, ResourceAccount: pr.account, Context: ctx}
			res := ev.Evaluate(r)
			require.NoError(t, res.Err)
			if d.safe {
				require.NotEqual(t, evaluator.Allow, res.Decision, "%s %s %s", pr.principal, pr.action, pr.resource)
			}
		}
	}
}

// TestHostileDocuments feeds mutated and giant documents to the parser
// and, for those that parse, to the evaluator.
func TestHostileDocuments(t *testing.T) {
	var docs []hostileDoc
	for name, doc := range safeBases {
		require.NotNil(t, policy.MustParse(doc), name)
		docs = append(docs, mutations(name, doc, true)...)
	}
	for _, file := range realBases {
		docs = append(docs, mutations(file, string(readTestdata(t, file)), false)...)
	}
	managed := corpusFiles(t, "testdata/managed-mit")
	for _, file := range managed[:min(len(managed), 3)] {
		data := readTestdata(t, file)
		docs = append(docs, hostileDoc{name: file + "/bom", data: append([]byte("\xef\xbb\xbf"), data...)},
			hostileDoc{name: file + "/nul", data: append(bytes.Clone(data), 0)})
	}
	invalid := corpusFiles(t, "testdata/invalid")
	for _, file := range invalid {
		docs = append(docs, hostileDoc{name: file, data: readTestdata(t, file)})
	}
	require.GreaterOrEqual(t, len(docs), 1000, "hostile documents")

	// Not parallel: allocation is measured per parse.
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) { checkHostile(t, d) })
	}
}

// TestGiantDocuments checks the limit documents: each parses, or stops at
// the limit it exceeds, within the allocation bound.
func TestGiantDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds documents of 10 MB and more")
	}
	for _, d := range giantDocuments() {
		t.Run(d.name, func(t *testing.T) {
			checkHostile(t, d)
			if d.limits == (policy.Limits{}) {
				_, err := d.limits.Parse(d.data)
				require.Error(t, err, "default limits must stop it")
				require.True(t, errors.Is(err, policy.ErrTooLarge) || errors.Is(err, policy.ErrTooDeep) ||
					errors.Is(err, policy.ErrTooMany), "a limit stops it: %v", err)
			}
		})
	}
}

// TestParseAllocationGrowsLinearly parses documents of one shape at two
// sizes and checks that four times the input costs at most about four
// times the allocation.
func TestParseAllocationGrowsLinearly(t *testing.T) {
	none := policy.Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1, MaxWildcards: -1}
	shapes := map[string]func(n int) string{
		"long string": func(n int) string {
			return `{"Statement": {"Sid": "` + strings.Repeat("a", n) + `", "Effect": "Deny", "Action": "*", "Resource": "*"}}`
		},
		"many actions": func(n int) string {
			return `{"Statement": {"Effect": "Deny", "Action": [` + repeatJoin(`"s3:GetObject"`, n/16) + `], "Resource": "*"}}`
		},
		"many statements": func(n int) string {
			return `{"Statement": [` + repeatJoin(`{"Effect": "Deny", "Action": "*", "Resource": "*"}`, n/50) + `]}`
		},
		"deep nesting": func(n int) string {
			return `{"Statement": ` + strings.Repeat("[", n/2) + strings.Repeat("]", n/2) + `}`
		},
		"many condition values": func(n int) string {
			return `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"k": [` +
				repeatJoin(`12345`, n/6) + `]}}}}`
		},
	}
	const small = 256 << 10
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			_, _, a1 := parseMeasured(hostileDoc{data: []byte(shape(small)), limits: none})
			_, _, a4 := parseMeasured(hostileDoc{data: []byte(shape(4 * small)), limits: none})
			if limit := 5*a1 + allocSlack; a4 > limit {
				t.Errorf("allocated %d bytes for %d KiB and %d bytes for %d KiB, more than %d", a1, small>>10, a4, 4*small>>10, limit)
			}
		})
	}
}

// TestLimitsAcceptRealDocuments checks that the default limits accept
// every document of testdata/real and testdata/managed-mit that parses
// without limits.
func TestLimitsAcceptRealDocuments(t *testing.T) {
	none := policy.Limits{MaxBytes: -1, MaxDepth: -1, MaxStatements: -1, MaxValues: -1, MaxWildcards: -1}
	files := append(corpusFiles(t, "testdata/real"), corpusFiles(t, "testdata/managed-mit")...)
	for _, file := range files {
		data := readTestdata(t, file)
		if _, err := none.Parse(data); err != nil {
			continue // a template with placeholders, rejected for its content
		}
		_, err := policy.Parse(data)
		require.NoError(t, err, file)
	}
}

// TestLimitWildcardsPerPattern checks that a pattern of 10,000 wildcards,
// which passes every other limit, stops at Limits.MaxWildcards with the
// path of the value, and parses once the limit is raised. The largest
// count in the real policies of testdata is 11, in
// arn:aws:apigateway:*::/restapis/??????????.
func TestLimitWildcardsPerPattern(t *testing.T) {
	stars := strings.Repeat("*?", 5_000)
	docs := map[string]string{
		"Statement[0].Action":   `{"Statement": [{"Effect": "Allow", "Action": "s3:` + stars + `", "Resource": "*"}]}`,
		"Statement[0].Resource": `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::` + stars + `"}]}`,
		"Statement[0].Condition.StringLike.k": `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
			"Condition": {"StringLike": {"k": "` + stars + `"}}}]}`,
	}
	for path, doc := range docs {
		t.Run(path, func(t *testing.T) {
			_, err := policy.ParseString(doc)
			require.ErrorIs(t, err, policy.ErrTooMany)
			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.Equal(t, path, perr.Path)
			require.Contains(t, err.Error(), "Limits.MaxWildcards")
			require.Contains(t, err.Error(), "policy.Limits{MaxWildcards: n}")

			_, err = policy.Limits{MaxWildcards: len(stars)}.ParseString(doc)
			require.NoError(t, err, "raised limit")
		})
	}
}
