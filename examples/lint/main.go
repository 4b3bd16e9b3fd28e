// Command lint checks IAM and S3 policy documents with policy.Validate and
// prints one line per finding:
//
//	FILE:LINE:COL: SEVERITY CODE: PATH: MESSAGE
//
// Usage:
//
//	go run ./examples/lint [-kind KIND] FILE...
//	go run ./examples/lint -public [-kind bucket|access-point] [-origin internet|vpc] FILE...
//
// KIND is one of identity (the default), inline-user, inline-group,
// inline-role, boundary, session, resource, bucket, access-point, scp and
// rcp. Findings are sorted by position within each file, and files are
// checked in the order given.
//
// With -public, lint prints instead whether S3 Block Public Access counts
// each bucket or access point policy as public, followed by the
// statements that make it so.
//
// The exit status is 2 when a file cannot be read or parsed or the flags
// are wrong, 1 when a finding has severity error, and 0 otherwise.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/iameval/iameval/policy"
)

// Exit statuses.
const (
	exitClean   = 0
	exitErrors  = 1
	exitFailure = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the parsed command-line flags.
type options struct {
	kind   policy.Kind
	public bool
	origin policy.NetworkOrigin
	files  []string
}

// run lints the files named in args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "lint:", err)
		}
		return exitFailure
	}

	status := exitClean
	for _, file := range opts.files {
		p, err := readPolicy(file)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", file, err)
			status = exitFailure
			continue
		}
		var fileStatus int
		if opts.public {
			fileStatus = printPublic(stdout, stderr, file, p, opts)
		} else {
			fileStatus = printFindings(stdout, file, p, opts.kind)
		}
		status = max(status, fileStatus)
	}
	return status
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "identity",
		"policy kind: identity, inline-user, inline-group, inline-role, boundary, session, resource, bucket, access-point, scp or rcp")
	public := fs.Bool("public", false, "print whether S3 Block Public Access counts each policy as public, instead of the findings")
	origin := fs.String("origin", "internet", "network origin of the access point for -public: internet or vpc")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lint [-kind KIND] [-public] [-origin internet|vpc] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}

	var opts options
	var err error
	if opts.kind, err = policy.ParseKind(*kind); err != nil {
		return options{}, err
	}
	switch *origin {
	case "internet":
		opts.origin = policy.OriginInternet
	case "vpc":
		opts.origin = policy.OriginVPC
	default:
		return options{}, fmt.Errorf("unknown -origin %q; use internet or vpc", *origin)
	}
	opts.public = *public
	opts.files = fs.Args()
	if len(opts.files) == 0 {
		fs.Usage()
		return options{}, errors.New("no files given")
	}
	return opts, nil
}

func readPolicy(file string) (*policy.Policy, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return policy.Parse(data)
}

// printFindings prints the findings of one file and returns exitErrors
// when one of them is an error.
func printFindings(w io.Writer, file string, p *policy.Policy, kind policy.Kind) int {
	status := exitClean
	for _, f := range policy.Validate(p, kind) {
		fmt.Fprintf(w, "%s:%s\n", file, f)
		if f.Severity == policy.SeverityError {
			status = exitErrors
		}
	}
	return status
}

// printPublic prints "FILE: public" or "FILE: not public", then one line
// per statement that makes the policy public.
func printPublic(stdout, stderr io.Writer, file string, p *policy.Policy, opts options) int {
	res, err := policy.IsPublic(p, opts.kind, opts.origin)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file, err)
		return exitFailure
	}
	if !res.Public {
		fmt.Fprintf(stdout, "%s: not public\n", file)
		return exitClean
	}
	fmt.Fprintf(stdout, "%s: public\n", file)
	for _, s := range res.Statements {
		name := s.Path
		if s.Sid != "" {
			name += fmt.Sprintf(" (Sid %q)", s.Sid)
		}
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", file, s.Position.Line, s.Position.Column, name, s.Reason)
	}
	return exitClean
}
