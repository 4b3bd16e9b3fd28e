// Command simulate decides one request as AWS would decide it, from the
// policies involved, and prints the decision with the statements that
// applied.
//
// Usage:
//
//	go run ./examples/simulate [-explain] [SCENARIO | -]
//	go run ./examples/simulate [-explain] -principal ARN -action ACTION -resource ARN [FLAGS]
//
// In the first form, simulate reads a scenario document from the file
// SCENARIO, or from standard input when SCENARIO is "-" or absent. A
// scenario holds every policy of the request, the request itself and the
// settings of the S3 access point it goes through. The package
// documentation of evaluator (type Scenario) and the README describe its
// format.
//
// In the second form, flags name policy files and describe the request, for
// quick checks of real policy files: -identity, -resource-policy,
// -access-point-policy, -boundary, -session-policy, -scp and -rcp read one
// policy document each (-scp and -rcp take a comma-separated list, one
// organization level per flag), and -principal, -action, -resource,
// -resource-account and -context describe the request. "simulate -h" lists
// every flag.
//
// The output is one JSON object on standard output, such as
//
//	{"decision":"Allow","matched":[{"policy":"accessPoint","statement":0,"sid":"ReadTagged","effect":"Allow"}]}
//
// "decision" is Allow, ExplicitDeny or ImplicitDeny, and "matched" lists
// every statement that applied, with the policy it belongs to. An implicit
// deny also carries "reason", a code such as "no-allow" or "scp" naming
// what was missing. With -explain, simulate also writes to standard error a
// readable account of each policy and statement, down to the condition
// value that did not match, as curl -v writes its trace, so that standard
// output stays one JSON object.
//
// The exit status is 0 when the request is allowed, 1 when it is denied,
// explicitly or implicitly, and 2 when the input is invalid. Invalid input
// prints an error on standard error, such as
//
//	scenario.json:14:24: policies.identity[1].Statement[0].Condition.StringEquals: ...
//	bucket.json:5:19: Statement[0].Effect: ...
//
// naming the file, the line and column, and the JSON path of the offending
// element. No decision is printed then.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/evaluator"
)

// Exit statuses.
const (
	exitAllowed = 0
	exitDenied  = 1
	exitInvalid = 2
	exitHelp    = 0 // -h printed the usage
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run decides the request described by args, reading a scenario from stdin
// when args name no file and no request flags, and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitHelp
	}
	if err != nil {
		fmt.Fprintln(stderr, "simulate:", err)
		return exitInvalid
	}
	if opts.waitsForTerminal(stdin) {
		printUsage(stderr, opts.flags)
		return exitInvalid
	}

	sim, err := opts.load(stdin)
	if err != nil {
		printError(stderr, err)
		return exitInvalid
	}
	return decide(sim, opts.explain, stdout, stderr)
}

// decide evaluates the request of sim, prints the result and returns the
// exit status.
func decide(sim *simulation, explain bool, stdout, stderr io.Writer) int {
	res := sim.evaluator.Evaluate(sim.request)
	if res.Err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", sim.source, trimPrefix(res.Err, "evaluator: "))
		return exitInvalid
	}
	out, err := json.Marshal(res)
	if err != nil {
		fmt.Fprintln(stderr, "simulate: encoding the result:", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "%s\n", out)
	if explain {
		fmt.Fprint(stderr, sim.evaluator.Explain(sim.request))
	}
	if res.Decision == evaluator.ImplicitDeny && ownerUnknown(sim.request) {
		fmt.Fprintln(stderr, "simulate: note: the resource ARN names no account and no resource account is set,"+
			" so the request was evaluated as cross-account; set -resource-account or request.resourceAccount")
	}
	if res.Decision == evaluator.Allow {
		return exitAllowed
	}
	return exitDenied
}

// ownerUnknown reports whether r crosses accounts only because the owner
// of its resource is not known: the caller has an account, and neither the
// request nor the resource ARN (such as an S3 bucket ARN) names the owner.
func ownerUnknown(r *evaluator.Request) bool {
	if r.ResourceAccount != "" || r.Principal.Account() == "" {
		return false
	}
	resource, err := arn.Parse(r.Resource)
	return err == nil && resource.Account == ""
}

// printError prints a load error. A fileError starts with the file name,
// and other errors get the command's name.
func printError(w io.Writer, err error) {
	var fe *fileError
	if errors.As(err, &fe) {
		fmt.Fprintln(w, err)
		return
	}
	fmt.Fprintln(w, "simulate:", err)
}
