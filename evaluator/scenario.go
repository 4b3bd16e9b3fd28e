package evaluator

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/policy"
	"github.com/tidwall/gjson"
)

// Scenario is one request together with every policy involved in it, read
// from a scenario document by ParseScenario. The document format is:
//
//	{
//	  "policies": {
//	    "identity": [POLICY, ...],
//	    "resource": POLICY,
//	    "accessPoint": POLICY,
//	    "permissionsBoundary": POLICY,
//	    "session": POLICY,
//	    "scp": [[POLICY, ...], ...],   one list per organization level, root first
//	    "rcp": [[POLICY, ...], ...]
//	  },
//	  "accessPoint": {
//	    "arn": "arn:aws:s3:us-east-1:111122223333:accesspoint/documents",
//	    "bucket": "examplebucket",
//	    "bucketAccount": "111122223333",
//	    "networkOrigin": "Internet",      or "VPC"
//	    "vpcId": ""                       the VPC ID when networkOrigin is "VPC"
//	  },
//	  "request": {
//	    "principal": "arn:aws:iam::111122223333:user/alice",
//	    "sessionIssuer": "",              optional, see ParsePrincipal
//	    "action": "s3:GetObject",
//	    "resource": "arn:aws:s3:::examplebucket/report.pdf",
//	    "resourceAccount": "111122223333",
//	    "context": {"aws:SecureTransport": "true", "aws:TagKeys": ["a", "b"]}
//	  }
//	}
//
// POLICY is a policy document as a JSON object, as AWS stores it. Only
// "request" is required. Every member is optional otherwise, and a member
// the format does not define is an error. Context values are strings or
// arrays of strings, written as AWS puts them in the request context.
type Scenario struct {
	// Policies are the parsed policies and access point settings.
	Policies PolicySet

	// Request is the request to decide.
	Request Request

	// Evaluator is built from Policies.
	Evaluator *Evaluator
}

// ScenarioError describes why ParseScenario rejected a document: the JSON
// path of the offending element, such as
// "policies.identity[1].Statement[0].Condition", and where it starts.
type ScenarioError struct {
	// Path is the JSON path of the element, "" for the document itself.
	Path string

	// Position locates the element in the scenario document.
	policy.Position

	// Err is the kind of problem. It wraps the sentinel errors of the
	// policy package (policy.ErrInvalidJSON, policy.ErrUnknownElement,
	// policy.ErrDuplicateKey, policy.ErrWrongType, policy.ErrMissingElement,
	// policy.ErrBadValue and the others policy.Parse returns), or
	// ErrInvalidPolicy, ErrInvalidAccessPoint or ErrInvalidPrincipal.
	Err error

	msg string
}

// Error returns the message with its position and path, for example
// `evaluator: scenario line 3, column 20: request.principal: ...`.
func (e *ScenarioError) Error() string {
	var sb strings.Builder
	sb.WriteString("evaluator: scenario")
	if e.Line > 0 {
		fmt.Fprintf(&sb, " line %d, column %d", e.Line, e.Column)
	}
	sb.WriteString(": ")
	if e.Path != "" {
		sb.WriteString(e.Path)
		sb.WriteString(": ")
	}
	sb.WriteString(e.msg)
	return sb.String()
}

// Unwrap returns the kind of problem, so that errors.Is works with the
// sentinels listed for Err.
func (e *ScenarioError) Unwrap() error { return e.Err }

// Message returns what is wrong, without the "evaluator: scenario"
// prefix, position and path that Error puts before it, for a caller that
// shows those fields itself.
func (e *ScenarioError) Message() string { return e.msg }

// ParseScenario reads a scenario document, parses each embedded policy
// with policy.Parse, checks that each policy suits its place (New's rules)
// and builds the Evaluator. Every error is a *ScenarioError.
func ParseScenario(data []byte) (*Scenario, error) {
	r := &scenarioReader{src: string(data)}
	s := r.document()
	if r.err != nil {
		return nil, r.err
	}
	ev, err := New(s.Policies)
	if err != nil {
		return nil, r.buildError(err)
	}
	s.Evaluator = ev
	return s, nil
}

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some editors write
// at the start of a file.
const byteOrderMark = "\uFEFF"

// scenarioReader is the state of one ParseScenario call. It keeps the
// first error and the offsets of the embedded policies, so that an error
// New reports inside a policy can be located in the scenario document.
type scenarioReader struct {
	src     string
	err     *ScenarioError
	offsets map[string]int // policy name, such as "identity[0]" -> offset of its text
}

func (r *scenarioReader) fail(offset int, path string, kind error, format string, args ...any) {
	if r.err != nil {
		return
	}
	r.err = &ScenarioError{
		Path:     path,
		Position: r.position(offset),
		Err:      kind,
		msg:      fmt.Sprintf(format, args...),
	}
}

// position returns the line and column of a byte offset in the document.
func (r *scenarioReader) position(offset int) policy.Position {
	if offset < 0 || offset > len(r.src) {
		return policy.Position{}
	}
	before := r.src[:offset]
	line := 1 + strings.Count(before, "\n")
	column := offset - strings.LastIndexByte(before, '\n')
	return policy.Position{Offset: offset, Line: line, Column: column}
}

func (r *scenarioReader) document() *Scenario {
	if strings.HasPrefix(r.src, byteOrderMark) {
		r.fail(0, "", policy.ErrInvalidJSON,
			"document starts with a UTF-8 byte order mark, which scenarios, like policies, must not have; remove the first 3 bytes")
		return nil
	}
	if !gjson.Valid(r.src) {
		r.syntaxError()
		return nil
	}
	root := gjson.Parse(r.src)
	if !r.object(root, "") {
		return nil
	}
	s := &Scenario{}
	seenRequest := false
	r.members(root, "", func(key string, keyAt int, v gjson.Result) {
		switch key {
		case "policies":
			r.policies(v, &s.Policies)
		case "accessPoint":
			s.Policies.AccessPoint = r.accessPoint(v)
		case "request":
			seenRequest = true
			r.request(v, &s.Request)
		default:
			r.unknown(keyAt, "", key, "policies, accessPoint, request")
		}
	})
	if r.err == nil && !seenRequest {
		r.fail(0, "", policy.ErrMissingElement, "missing member \"request\"")
	}
	return s
}

// syntaxError reports where the document stops being valid JSON. gjson
// does not report the offset, so encoding/json finds it.
func (r *scenarioReader) syntaxError() {
	var raw json.RawMessage
	err := json.Unmarshal([]byte(r.src), &raw)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		r.fail(int(syntax.Offset), "", policy.ErrInvalidJSON, "invalid JSON: %s", syntax.Error())
		return
	}
	r.fail(0, "", policy.ErrInvalidJSON, "invalid JSON")
}

// members calls fn for each member of the object v in document order,
// reporting duplicate keys. It stops at the first error.
func (r *scenarioReader) members(v gjson.Result, at string, fn func(key string, keyAt int, v gjson.Result)) {
	seen := make(map[string]int)
	v.ForEach(func(key, value gjson.Result) bool {
		if first, dup := seen[key.Str]; dup {
			r.fail(key.Index, join(at, key.Str), policy.ErrDuplicateKey,
				"duplicate key %q, first at %s", key.Str, r.position(first))
			return false
		}
		seen[key.Str] = key.Index
		fn(key.Str, key.Index, value)
		return r.err == nil
	})
}

func (r *scenarioReader) unknown(offset int, at, key, known string) {
	r.fail(offset, join(at, key), policy.ErrUnknownElement, "unknown member %q (known members: %s)", key, known)
}

// object reports whether v is a JSON object, and records an error if not.
func (r *scenarioReader) object(v gjson.Result, at string) bool {
	if v.IsObject() {
		return true
	}
	r.fail(v.Index, at, policy.ErrWrongType, "want an object, got %s", describe(v))
	return false
}

func (r *scenarioReader) array(v gjson.Result, at string) bool {
	if v.IsArray() {
		return true
	}
	r.fail(v.Index, at, policy.ErrWrongType, "want an array, got %s", describe(v))
	return false
}

func (r *scenarioReader) str(v gjson.Result, at string) string {
	if v.Type != gjson.String {
		r.fail(v.Index, at, policy.ErrWrongType, "want a string, got %s", describe(v))
	}
	return v.Str
}

// describe names the JSON type of v for messages.
func describe(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "an array"
	case v.Type == gjson.String:
		return "a string"
	case v.Type == gjson.Number:
		return "a number"
	case v.Type == gjson.True, v.Type == gjson.False:
		return "a boolean"
	}
	return "null"
}

// join appends a member name to a JSON path.
func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// index appends an array index to a JSON path.
func index(at string, i int) string {
	return at + "[" + strconv.Itoa(i) + "]"
}

func (r *scenarioReader) policies(v gjson.Result, set *PolicySet) {
	const at = "policies"
	if !r.object(v, at) {
		return
	}
	r.members(v, at, func(key string, keyAt int, v gjson.Result) {
		switch key {
		case "identity":
			set.Identity = r.policyList(v, join(at, key), "identity")
		case "resource":
			set.Resource = r.policy(v, join(at, key), "resource")
		case "accessPoint":
			set.AccessPointPolicy = r.policy(v, join(at, key), "accessPoint")
		case "permissionsBoundary":
			set.PermissionsBoundary = r.policy(v, join(at, key), "permissionsBoundary")
		case "session":
			set.Session = r.policy(v, join(at, key), "session")
		case "scp":
			set.SCPs = r.levels(v, join(at, key), "scp")
		case "rcp":
			set.RCPs = r.levels(v, join(at, key), "rcp")
		default:
			r.unknown(keyAt, at, key, "identity, resource, accessPoint, permissionsBoundary, session, scp, rcp")
		}
	})
}

// levels reads an array of arrays of policies, one array per level of an
// organization.
func (r *scenarioReader) levels(v gjson.Result, at, name string) [][]*policy.Policy {
	if !r.array(v, at) {
		return nil
	}
	var out [][]*policy.Policy
	for i, level := range v.Array() {
		list := r.policyList(level, index(at, i), index(name, i))
		if r.err != nil {
			return nil
		}
		if list == nil {
			list = []*policy.Policy{}
		}
		out = append(out, list)
	}
	return out
}

func (r *scenarioReader) policyList(v gjson.Result, at, name string) []*policy.Policy {
	if !r.array(v, at) {
		return nil
	}
	var out []*policy.Policy
	for i, item := range v.Array() {
		p := r.policy(item, index(at, i), index(name, i))
		if r.err != nil {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// policy parses one embedded policy document with policy.Parse. An error
// inside it keeps policy.Parse's path behind the scenario path and its
// offset moved into the scenario document.
func (r *scenarioReader) policy(v gjson.Result, at, name string) *policy.Policy {
	if !r.object(v, at) {
		return nil
	}
	p, err := policy.ParseString(v.Raw)
	if err != nil {
		r.policyError(v.Index, at, err)
		return nil
	}
	if r.offsets == nil {
		r.offsets = make(map[string]int)
	}
	r.offsets[name] = v.Index
	return p
}

func (r *scenarioReader) policyError(base int, at string, err error) {
	var pe *policy.ParseError
	if !errors.As(err, &pe) {
		r.fail(base, at, err, "%v", err)
		return
	}
	offset := base
	if pe.Line > 0 {
		offset += pe.Offset
	}
	r.fail(offset, join(at, pe.Path), pe, "%s", policyMessage(pe))
}

// policyMessage returns the message of a policy.ParseError without the
// "policy: line L, column C: PATH: " prefix that its Error method adds,
// because the scenario error states position and path itself.
func policyMessage(pe *policy.ParseError) string {
	prefix := "policy: "
	if pe.Line > 0 {
		prefix += fmt.Sprintf("line %d, column %d: ", pe.Line, pe.Column)
	}
	if pe.Path != "" {
		prefix += pe.Path + ": "
	}
	text := pe.Error()
	if msg, ok := strings.CutPrefix(text, prefix); ok {
		return msg
	}
	return text
}

func (r *scenarioReader) accessPoint(v gjson.Result) *AccessPoint {
	const at = "accessPoint"
	if !r.object(v, at) {
		return nil
	}
	ap := &AccessPoint{}
	offsets := map[string]int{}
	r.members(v, at, func(key string, keyAt int, v gjson.Result) {
		field := map[string]*string{
			"arn":           &ap.ARN,
			"bucket":        &ap.Bucket,
			"bucketAccount": &ap.BucketAccount,
			"networkOrigin": &ap.NetworkOrigin,
			"vpcId":         &ap.VPCID,
		}[key]
		if field == nil {
			r.unknown(keyAt, at, key, "arn, bucket, bucketAccount, networkOrigin, vpcId")
			return
		}
		*field = r.str(v, join(at, key))
		offsets[key] = v.Index
	})
	if r.err != nil {
		return nil
	}
	if field, err := ap.check(); err != nil {
		name := scenarioField(field)
		offset, ok := offsets[name]
		if !ok {
			offset = v.Index
		}
		r.fail(offset, join(at, name), ErrInvalidAccessPoint, "%s", err)
		return nil
	}
	return ap
}

// scenarioField maps an AccessPoint field name to its scenario member.
func scenarioField(field string) string {
	switch field {
	case "ARN":
		return "arn"
	case "VPCID":
		return "vpcId"
	}
	return strings.ToLower(field[:1]) + field[1:]
}

func (r *scenarioReader) request(v gjson.Result, req *Request) {
	const at = "request"
	if !r.object(v, at) {
		return
	}
	var principal, issuer gjson.Result
	r.members(v, at, func(key string, keyAt int, v gjson.Result) {
		switch key {
		case "principal":
			principal = v
			r.str(v, join(at, key))
		case "sessionIssuer":
			issuer = v
			r.str(v, join(at, key))
		case "action":
			req.Action = r.str(v, join(at, key))
		case "resource":
			req.Resource = r.str(v, join(at, key))
		case "resourceAccount":
			req.ResourceAccount = r.str(v, join(at, key))
		case "context":
			req.Context = r.context(v, join(at, key))
		default:
			r.unknown(keyAt, at, key, "principal, sessionIssuer, action, resource, resourceAccount, context")
		}
	})
	if r.err != nil {
		return
	}

	r.requirePresent(v, principal.Str, req)
	if r.err != nil {
		return
	}
	p, err := ParsePrincipal(principal.Str, issuer.Str)
	if err != nil {
		r.fail(principal.Index, join(at, "principal"), err, "%s", message(err))
		return
	}
	req.Principal = p
	if err := req.check(); err != nil {
		r.fail(v.Index, at, err, "%s", message(err))
		return
	}
	if err := req.checkResource(); err != nil {
		r.fail(v.Index, at, err, "%s", message(err))
	}
}

// message returns the text of an error of this package without its
// "evaluator: " prefix, which the scenario error adds itself.
func message(err error) string {
	return strings.TrimPrefix(err.Error(), "evaluator: ")
}

// requirePresent reports the first of principal, action and resource that
// the request v lacks.
func (r *scenarioReader) requirePresent(v gjson.Result, principal string, req *Request) {
	for _, required := range []struct{ name, value string }{
		{"principal", principal}, {"action", req.Action}, {"resource", req.Resource},
	} {
		if required.value == "" {
			r.fail(v.Index, join("request", required.name), policy.ErrMissingElement,
				"missing or empty %q", required.name)
			return
		}
	}
}

// context reads the request context. Keys are case-insensitive, so two
// keys that differ only in case are rejected as duplicates rather than
// merged.
func (r *scenarioReader) context(v gjson.Result, at string) *condition.Context {
	if !r.object(v, at) {
		return nil
	}
	values := make(map[string][]string)
	folded := make(map[string]string)
	r.members(v, at, func(key string, keyAt int, v gjson.Result) {
		if prev, dup := folded[strings.ToLower(key)]; dup {
			r.fail(keyAt, join(at, key), policy.ErrDuplicateKey,
				"context key %q repeats %q: keys are case-insensitive", key, prev)
			return
		}
		folded[strings.ToLower(key)] = key
		values[key] = r.contextValues(v, join(at, key))
	})
	if r.err != nil {
		return nil
	}
	return condition.NewContext(values)
}

func (r *scenarioReader) contextValues(v gjson.Result, at string) []string {
	if !v.IsArray() {
		return []string{r.str(v, at)}
	}
	var out []string
	for i, item := range v.Array() {
		out = append(out, r.str(item, index(at, i)))
	}
	return out
}

// buildError converts an error from New into a *ScenarioError whose path
// starts at the scenario's "policies" member.
func (r *scenarioReader) buildError(err error) error {
	var pe *PolicyError
	if !errors.As(err, &pe) {
		return &ScenarioError{Path: "policies", Err: err, msg: err.Error()}
	}
	offset, ok := r.offsets[pe.Policy]
	var pos policy.Position
	if ok && pe.Line > 0 {
		pos = r.position(offset + pe.Offset)
	}
	return &ScenarioError{
		Path:     join("policies."+pe.Policy, pe.Path),
		Position: pos,
		Err:      pe,
		msg:      pe.msg,
	}
}
