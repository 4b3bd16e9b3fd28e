package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iameval/iameval/condition"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// maxInputBytes bounds what simulate reads from one file or from standard
// input. The policy package rejects a policy document over 1 MiB, and a
// scenario holds a few of them.
const maxInputBytes = 64 << 20

// stdinName names standard input in error messages.
const stdinName = "<standard input>"

// simulation is a request ready to be evaluated.
type simulation struct {
	source    string // the scenario file, stdinName, or "simulate" for flags
	evaluator *evaluator.Evaluator
	request   *evaluator.Request
}

// load reads the policies and builds the request, from the scenario or
// from the flags.
func (o *options) load(stdin io.Reader) (*simulation, error) {
	if o.scenario != "" {
		return loadScenario(o.scenario, stdin)
	}
	return o.loadFlags()
}

// loadScenario reads and parses the scenario in file, or in stdin when
// file is "-".
func loadScenario(file string, stdin io.Reader) (*simulation, error) {
	name, data, err := readScenario(file, stdin)
	if err != nil {
		return nil, err
	}
	s, err := evaluator.ParseScenario(data)
	if err != nil {
		return nil, scenarioError(name, err)
	}
	return &simulation{source: name, evaluator: s.Evaluator, request: &s.Request}, nil
}

func readScenario(file string, stdin io.Reader) (name string, data []byte, err error) {
	if file == "-" {
		data, err = readLimited(stdin, stdinName)
		return stdinName, data, err
	}
	data, err = readFile(file)
	return file, data, err
}

func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, file)
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, maxInputBytes>>20)
	}
	return data, nil
}

// fileError is invalid input in a file: its name, the position and JSON
// path of the offending element, and what is wrong with it.
type fileError struct {
	file string
	pos  policy.Position
	path string // JSON path, such as "Statement[0].Effect"; "" for the whole document
	msg  string
	err  error
}

// Error returns "FILE:LINE:COLUMN: PATH: MESSAGE", leaving out the
// position and the path when they are not known.
func (e *fileError) Error() string {
	var sb strings.Builder
	sb.WriteString(e.file)
	if e.pos.IsValid() {
		fmt.Fprintf(&sb, ":%d:%d", e.pos.Line, e.pos.Column)
	}
	sb.WriteString(": ")
	if e.path != "" {
		sb.WriteString(e.path)
		sb.WriteString(": ")
	}
	sb.WriteString(e.msg)
	return sb.String()
}

func (e *fileError) Unwrap() error { return e.err }

// scenarioError converts an error of evaluator.ParseScenario into a
// fileError. The message of a ScenarioError is only available inside its
// Error text, after the position and path, so those are cut off.
func scenarioError(file string, err error) error {
	var se *evaluator.ScenarioError
	if !errors.As(err, &se) {
		return &fileError{file: file, msg: trimPrefix(err, "evaluator: "), err: err}
	}
	prefix := "evaluator: scenario"
	if se.Line > 0 {
		prefix += fmt.Sprintf(" line %d, column %d", se.Line, se.Column)
	}
	prefix += ": " + pathPrefix(se.Path)
	return &fileError{file: file, pos: se.Position, path: se.Path, msg: trimPrefix(err, prefix), err: err}
}

// parseError converts an error of policy.Parse into a fileError.
func parseError(file string, err error) error {
	var pe *policy.ParseError
	if !errors.As(err, &pe) {
		return &fileError{file: file, msg: trimPrefix(err, "policy: "), err: err}
	}
	prefix := "policy: "
	if pe.Line > 0 {
		prefix += fmt.Sprintf("line %d, column %d: ", pe.Line, pe.Column)
	}
	prefix += pathPrefix(pe.Path)
	return &fileError{file: file, pos: pe.Position, path: pe.Path, msg: trimPrefix(err, prefix), err: err}
}

// policyError converts an error of evaluator.New about a policy into a
// fileError naming the file the policy came from. files maps the policy
// names of evaluator.PolicyID.String to file names.
func policyError(files map[string]string, err error) error {
	var pe *evaluator.PolicyError
	file, ok := "", false
	if errors.As(err, &pe) {
		file, ok = files[pe.Policy]
	}
	if !ok {
		return errors.New(trimPrefix(err, "evaluator: "))
	}
	prefix := "evaluator: " + pe.Policy + ": "
	if pe.Line > 0 {
		prefix += fmt.Sprintf("line %d, column %d: ", pe.Line, pe.Column)
	}
	prefix += pathPrefix(pe.Path)
	return &fileError{file: file, pos: pe.Position, path: pe.Path, msg: trimPrefix(err, prefix), err: err}
}

func pathPrefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

// trimPrefix returns the text of err without prefix, or the whole text
// when it does not start with prefix.
func trimPrefix(err error, prefix string) string {
	return strings.TrimPrefix(err.Error(), prefix)
}

// policyFiles reads the policy files named by flags, keeping the first
// error and the file each policy came from.
type policyFiles struct {
	files map[string]string // policy name, such as "scp[1][0]" -> file
	err   error
}

func (l *policyFiles) read(file string, id evaluator.PolicyID) *policy.Policy {
	if l.err != nil {
		return nil
	}
	data, err := readFile(file)
	if err != nil {
		l.err = err
		return nil
	}
	p, err := policy.Parse(data)
	if err != nil {
		l.err = parseError(file, err)
		return nil
	}
	l.files[id.String()] = file
	return p
}

func (l *policyFiles) optional(file string, kind evaluator.PolicyKind) *policy.Policy {
	if file == "" {
		return nil
	}
	return l.read(file, evaluator.PolicyID{Kind: kind})
}

// levels reads organization levels, each a comma-separated list of files.
func (l *policyFiles) levels(levels []string, kind evaluator.PolicyKind) [][]*policy.Policy {
	var out [][]*policy.Policy
	for i, level := range levels {
		var policies []*policy.Policy
		for j, file := range strings.Split(level, ",") {
			if file == "" && l.err == nil {
				l.err = fmt.Errorf("-%s %q: empty file name in the list", kind, level)
			}
			id := evaluator.PolicyID{Kind: kind, Level: uint16(i), Index: uint16(j)}
			policies = append(policies, l.read(file, id))
		}
		out = append(out, policies)
	}
	return out
}

// loadFlags reads the policy files named by flags and builds the request
// from the request flags.
func (o *options) loadFlags() (*simulation, error) {
	if err := o.checkRequired(); err != nil {
		return nil, err
	}
	l := &policyFiles{files: map[string]string{}}
	var set evaluator.PolicySet
	for i, file := range o.identity {
		id := evaluator.PolicyID{Kind: evaluator.KindIdentity, Index: uint16(i)}
		set.Identity = append(set.Identity, l.read(file, id))
	}
	set.Resource = l.optional(o.resourcePolicy, evaluator.KindResource)
	set.AccessPointPolicy = l.optional(o.accessPointPolicy, evaluator.KindAccessPoint)
	set.AccessPoint = o.accessPoint
	set.PermissionsBoundary = l.optional(o.boundary, evaluator.KindPermissionsBoundary)
	set.Session = l.optional(o.session, evaluator.KindSession)
	set.SCPs = l.levels(o.scps, evaluator.KindSCP)
	set.RCPs = l.levels(o.rcps, evaluator.KindRCP)
	if l.err != nil {
		return nil, l.err
	}

	ev, err := evaluator.New(set)
	if errors.Is(err, evaluator.ErrInvalidAccessPoint) {
		return nil, accessPointError(err)
	}
	if err != nil {
		return nil, policyError(l.files, err)
	}
	req, err := o.request()
	if err != nil {
		return nil, err
	}
	return &simulation{source: "simulate", evaluator: ev, request: req}, nil
}

// checkRequired reports the first missing flag that every request needs,
// and access point flags given without -access-point.
func (o *options) checkRequired() error {
	for _, required := range []struct{ name, value string }{
		{"principal", o.principal}, {"action", o.action}, {"resource", o.resource},
	} {
		if required.value == "" {
			return fmt.Errorf("missing -%s: a request needs -principal, -action and -resource", required.name)
		}
	}
	if o.accessPoint != nil && o.accessPoint.ARN == "" {
		return errors.New("missing -access-point: the access point flags need the access point ARN")
	}
	return nil
}

// accessPointFields maps the fields of evaluator.AccessPoint to their
// flags.
var accessPointFields = []struct{ field, flag string }{
	{"ARN", "-access-point"},
	{"BucketAccount", "-bucket-account"},
	{"Bucket", "-bucket"},
	{"NetworkOrigin", "-network-origin"},
	{"VPCID", "-vpc-id"},
}

// accessPointError names the flag of the access point setting that
// evaluator.New rejected. The evaluator names the field only in its error
// text, so the flag is found there, and the whole text is kept when the
// text has another form.
func accessPointError(err error) error {
	text := err.Error()
	for _, f := range accessPointFields {
		if msg, ok := strings.CutPrefix(text, "evaluator: invalid access point "+f.field+": "); ok {
			return fmt.Errorf("%s: %s", f.flag, msg)
		}
	}
	return fmt.Errorf("access point flags: %s", trimPrefix(err, "evaluator: "))
}

// request builds the request from the request flags.
func (o *options) request() (*evaluator.Request, error) {
	p, err := evaluator.ParsePrincipal(o.principal, o.sessionIssuer)
	if err != nil {
		name := "-principal"
		if o.sessionIssuer != "" {
			name = "-principal or -session-issuer"
		}
		return nil, fmt.Errorf("%s: %s", name, trimPrefix(err, "evaluator: "))
	}
	req := &evaluator.Request{
		Principal:       p,
		Action:          o.action,
		Resource:        o.resource,
		ResourceAccount: o.resourceAccount,
	}
	if o.context.values != nil {
		req.Context = condition.NewContext(o.context.values)
	}
	return req, nil
}
