package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iameval/iameval/evaluator"
)

// options are the parsed command-line arguments.
type options struct {
	flags   *flag.FlagSet
	explain bool

	// scenario is the scenario file, "-" for standard input, or "" when
	// request flags describe the request.
	scenario string

	// Policy files. Each element of scps and rcps is one organization
	// level: a comma-separated list of files.
	identity          []string
	resourcePolicy    string
	accessPointPolicy string
	boundary          string
	session           string
	scps, rcps        []string

	// accessPoint is set when an access point flag is given.
	accessPoint *evaluator.AccessPoint

	principal       string
	sessionIssuer   string
	action          string
	resource        string
	resourceAccount string
	context         contextFlag
}

// flagGroups orders the flags in the usage text. Every flag but -h
// belongs to one group; a test checks it.
var flagGroups = []struct {
	title string
	names []string
}{
	{"Output", []string{"explain"}},
	{"Policies (each FILE is one JSON policy document)", []string{
		"identity", "resource-policy", "access-point-policy", "boundary", "session-policy", "scp", "rcp"}},
	{"Access point (for a request whose resource is an access point ARN)", []string{
		"access-point", "bucket", "bucket-account", "network-origin", "vpc-id"}},
	{"Request", []string{
		"principal", "session-issuer", "action", "resource", "resource-account", "context"}},
}

// accessPointFlags are the flags that describe an access point.
var accessPointFlags = []string{"access-point", "access-point-policy", "bucket", "bucket-account", "network-origin", "vpc-id"}

// parseFlags parses args. For -h it prints the usage to stdout and returns
// flag.ErrHelp.
func parseFlags(args []string, stdout io.Writer) (*options, error) {
	o := &options{}
	fs := o.define()
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout, fs)
			return nil, err
		}
		return nil, fmt.Errorf("%w (run simulate -h for the usage)", err)
	}

	requestFlags := false
	fs.Visit(func(f *flag.Flag) {
		requestFlags = requestFlags || f.Name != "explain"
	})
	switch {
	case requestFlags && fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q: give either a scenario file or request flags, not both", fs.Arg(0))
	case fs.NArg() > 1:
		return nil, fmt.Errorf("unexpected argument %q: give one scenario file", fs.Arg(1))
	case !requestFlags:
		o.scenario = fs.Arg(0)
		if o.scenario == "" {
			o.scenario = "-"
		}
	}
	if !o.hasAccessPointFlag() {
		o.accessPoint = nil
	}
	return o, nil
}

// define creates the flag set that fills o.
func (o *options) define() *flag.FlagSet {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	o.flags = fs
	o.accessPoint = &evaluator.AccessPoint{}

	fs.BoolVar(&o.explain, "explain", false,
		"also write to standard error why each policy and statement applied or not")

	fs.Var((*listFlag)(&o.identity), "identity",
		"add the identity-based policy in `FILE` (repeatable: one flag per inline,\n"+
			"managed or group policy of the caller)")
	fs.StringVar(&o.resourcePolicy, "resource-policy", "",
		"read the resource-based policy of the target from `FILE` (for S3, the bucket policy)")
	fs.StringVar(&o.accessPointPolicy, "access-point-policy", "",
		"read the access point policy from `FILE` (needs -access-point, -bucket and -bucket-account)")
	fs.StringVar(&o.boundary, "boundary", "", "read the caller's permissions boundary from `FILE`")
	fs.StringVar(&o.session, "session-policy", "", "read the session policy from `FILE`")
	fs.Var((*listFlag)(&o.scps), "scp",
		"add one organization level of SCPs from the comma-separated `FILES`; repeat the flag for\n"+
			"each level from the root down to the account (at each level one policy must allow)")
	fs.Var((*listFlag)(&o.rcps), "rcp",
		"add one organization level of RCPs from the comma-separated `FILES`, as -scp does")

	fs.StringVar(&o.accessPoint.ARN, "access-point", "",
		"set the access point `ARN`, arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME")
	fs.StringVar(&o.accessPoint.Bucket, "bucket", "", "set the `NAME` of the bucket behind the access point")
	fs.StringVar(&o.accessPoint.BucketAccount, "bucket-account", "",
		"set the 12-digit `ACCOUNT` that owns the bucket behind the access point")
	fs.StringVar(&o.accessPoint.NetworkOrigin, "network-origin", evaluator.OriginInternet,
		"set the network `ORIGIN` of the access point, Internet or VPC")
	fs.StringVar(&o.accessPoint.VPCID, "vpc-id", "",
		"set the `ID` of the VPC that a VPC access point accepts requests from, such as vpc-1a2b3c4d")

	fs.StringVar(&o.principal, "principal", "",
		"set the caller (required): an IAM user, role, assumed-role session, federated user\n"+
			"or root `ARN`, a service principal such as cloudtrail.amazonaws.com, or anonymous")
	fs.StringVar(&o.sessionIssuer, "session-issuer", "",
		"set the `ARN` of the role (with its path) or IAM user that a session comes from")
	fs.StringVar(&o.action, "action", "", "set the IAM `ACTION` of the request, such as s3:GetObject (required)")
	fs.StringVar(&o.resource, "resource", "",
		"set the target `ARN` (required): an access point ARN for a request through an access\n"+
			"point, or * for an action without a resource type")
	fs.StringVar(&o.resourceAccount, "resource-account", "",
		"set the 12-digit `ACCOUNT` that owns the resource (default: the account in -resource;\n"+
			"when neither names one, the request counts as cross-account)")
	fs.Var(&o.context, "context",
		"add a condition key to the request as `KEY=VALUE`, such as aws:SecureTransport=true\n"+
			"(repeatable; repeating a key gives it several values)")
	return fs
}

// hasAccessPointFlag reports whether a flag describing an access point was
// given.
func (o *options) hasAccessPointFlag() bool {
	found := false
	o.flags.Visit(func(f *flag.Flag) {
		for _, name := range accessPointFlags {
			found = found || f.Name == name
		}
	})
	return found
}

// waitsForTerminal reports whether the scenario would be read from a
// character device, such as a terminal, because no argument was given. A
// user who runs simulate without arguments in a terminal more likely needs
// the usage than a prompt. The null device is a character device too, and
// holds no scenario either.
func (o *options) waitsForTerminal(stdin io.Reader) bool {
	f, ok := stdin.(*os.File)
	if !ok || o.scenario != "-" || o.flags.NArg() > 0 {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// printUsage writes the usage text, with the flags in groups.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `usage: simulate [-explain] [SCENARIO | -]
       simulate [-explain] -principal ARN -action ACTION -resource ARN [FLAGS]

Simulate decides one request as AWS would and prints the decision as JSON:
{"decision":"Allow","matched":[{"policy":"resource","statement":0,"effect":"Allow"}]}

The first form reads a scenario document (policies, access point and
request in one JSON file) from SCENARIO, or from standard input when
SCENARIO is - or absent; the README describes its format. The second
form takes policy files and the request from flags.

Exit status: 0 allowed, 1 denied (explicitly or implicitly), 2 invalid input.
`)
	for _, group := range flagGroups {
		fmt.Fprintf(w, "\n%s:\n", group.title)
		for _, name := range group.names {
			printFlag(w, fs.Lookup(name))
		}
	}
}

// printFlag writes one flag in the layout of flag.PrintDefaults.
func printFlag(w io.Writer, f *flag.Flag) {
	name, usage := flag.UnquoteUsage(f)
	line := "  -" + f.Name
	if name != "" {
		line += " " + name
	}
	usage = strings.ReplaceAll(usage, "\n", "\n    \t")
	fmt.Fprintf(w, "%s\n    \t%s", line, usage)
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
		fmt.Fprintf(w, " (default %s)", f.DefValue)
	}
	fmt.Fprintln(w)
}

// listFlag is a flag that may be repeated, keeping each value in order.
type listFlag []string

func (l *listFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, " ")
}

func (l *listFlag) Set(value string) error {
	if value == "" {
		return errors.New("empty file name; give the path of a policy file")
	}
	*l = append(*l, value)
	return nil
}

// contextFlag collects -context KEY=VALUE flags. Keys are case-insensitive,
// as in AWS, so the values of keys that differ only in case are collected
// under the first spelling.
type contextFlag struct {
	values   map[string][]string
	spelling map[string]string // lower-case key -> first spelling
}

func (c *contextFlag) String() string {
	if c == nil {
		return ""
	}
	var pairs []string
	for key, values := range c.values {
		for _, v := range values {
			pairs = append(pairs, key+"="+v)
		}
	}
	return strings.Join(pairs, " ")
}

func (c *contextFlag) Set(pair string) error {
	key, value, ok := strings.Cut(pair, "=")
	if !ok || key == "" {
		return errors.New("expected KEY=VALUE, such as aws:SecureTransport=true")
	}
	if c.values == nil {
		c.values = make(map[string][]string)
		c.spelling = make(map[string]string)
	}
	folded := strings.ToLower(key)
	if first, ok := c.spelling[folded]; ok {
		key = first
	} else {
		c.spelling[folded] = key
	}
	c.values[key] = append(c.values[key], value)
	return nil
}
