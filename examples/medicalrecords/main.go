// Command medicalrecords shows how a hospital can guard patient records in
// S3 with an access point, and prints what the evaluator decides for a
// table of requests by its staff. Run it from the repository root:
//
//	go run ./examples/medicalrecords
//
// The bucket patient-records of account 111122223333 delegates access
// control to the access points of its account. Its policy
// (policies/bucket.json) allows every action to anyone whose request
// arrives through one of them, that is, whose s3:DataAccessPointAccount is
// 111122223333. It also denies every request sent over plain HTTP. That
// statement decides requests made on the bucket directly, because access
// points accept HTTPS requests only.
//
// The access point records (policies/access-point.json) then decides who
// may do what:
//
//   - OwnFolder lets each user get and put objects under a folder named
//     after the user, through the policy variable ${aws:username}.
//   - ReadOwnDepartmentRecords lets staff read a record whose object tag
//     "data" names their own department, such as emergency-room, by
//     comparing s3:ExistingObjectTag/data with ${aws:PrincipalTag/department}.
//     It allows no writes, and no department can read an untagged record.
//
// Staff are IAM users of account 111122223333 whose department is an IAM
// tag on the user, department=emergency-room for example. Users rather
// than one role per department, because ${aws:username} has a value only
// for IAM users, so only they can have a folder of their own. A tag rather
// than a statement per department, because a new department then needs
// tags on users and records but no change to the policy. In the requests
// below the tag is the key aws:PrincipalTag/department of the request
// context, as AWS sets it from the user's tags.
//
// Both statements name the staff users by ARN in their Principal element.
// A resource-based policy that names an IAM user grants access on its own
// when the user belongs to the account that owns the resource. So the staff
// need no identity-based policies at all, and users of other accounts are
// left out. Two other ways to write the principal were rejected:
//
//   - The account, arn:aws:iam::111122223333:root, only delegates the
//     decision to the account's identity-based policies, so each user would
//     need one of those as well.
//   - Everyone ("*") limited by the condition aws:PrincipalAccount =
//     111122223333 decides the same requests, but S3 Block Public Access
//     counts such a policy as public, because aws:PrincipalAccount is not
//     one of the condition keys that make a grant non-public. Block Public
//     Access is on by default for access points, and S3 then rejects the
//     policy.
//
// The bucket policy can name everyone, because a fixed
// s3:DataAccessPointAccount is one of those keys.
//
// Each row of the output is one request: the user, the user's department,
// the action, the object key, the object's data tag (for a put, the tag
// the upload sets) and the way the request is sent. The reason is the Sid
// of the access point statement that allowed it, the Sid of the statement
// that denied it, or why nothing allowed it.
package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// The hospital's account, bucket and access point.
const (
	account        = "111122223333"
	bucket         = "patient-records"
	bucketARN      = "arn:aws:s3:::" + bucket
	accessPointARN = "arn:aws:s3:us-east-1:" + account + ":accesspoint/records"
)

var (
	//go:embed policies/bucket.json
	bucketPolicy []byte

	//go:embed policies/access-point.json
	accessPointPolicy []byte
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "medicalrecords:", err)
		os.Exit(1)
	}
}

// run evaluates every request of the table and prints the decisions to w.
func run(w io.Writer) error {
	set, err := policySet()
	if err != nil {
		return err
	}
	ev, err := evaluator.New(set)
	if err != nil {
		return err
	}

	fmt.Fprintf(w, `Patient records live in bucket %s of account %s and are read
and written through the access point %s.
The bucket policy delegates access control to the account's access points, so every
allowed request also matched its statement DelegateToAccessPoints.

`, bucket, account, accessPointARN)
	return printTable(w, ev, requests)
}

// policySet parses the embedded policies and describes the access point.
func policySet() (evaluator.PolicySet, error) {
	bucketP, err := policy.Parse(bucketPolicy)
	if err != nil {
		return evaluator.PolicySet{}, fmt.Errorf("policies/bucket.json: %w", err)
	}
	accessPointP, err := policy.Parse(accessPointPolicy)
	if err != nil {
		return evaluator.PolicySet{}, fmt.Errorf("policies/access-point.json: %w", err)
	}
	return evaluator.PolicySet{
		Resource:          bucketP,
		AccessPointPolicy: accessPointP,
		AccessPoint: &evaluator.AccessPoint{
			ARN:           accessPointARN,
			Bucket:        bucket,
			BucketAccount: account,
			NetworkOrigin: evaluator.OriginInternet,
		},
	}, nil
}

// printTable evaluates each request and prints one aligned row per request.
func printTable(w io.Writer, ev *evaluator.Evaluator, requests []staffRequest) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USER\tDEPARTMENT\tACTION\tOBJECT\tTAG\tSENT TO\tDECISION\tREASON")
	for _, sr := range requests {
		res := ev.Evaluate(sr.request())
		if res.Err != nil {
			return fmt.Errorf("request %q: %w", sr.shows, res.Err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			sr.user, orDash(sr.department), sr.action, orDash(sr.key), orDash(sr.tag),
			sr.route(), res.Decision, reason(res))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
