package arn_test

import (
	"errors"
	"fmt"

	"github.com/iameval/iameval/arn"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:logs:us-east-1:111122223333:log-group:app:*")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Partition, a.Service, a.Region, a.Account)
	fmt.Println(a.Resource)

	_, err = arn.Parse("arn:aws:s3")
	fmt.Println(err)
	fmt.Println(errors.Is(err, arn.ErrTooFewSegments))
	// Output:
	// aws logs us-east-1 111122223333
	// log-group:app:*
	// arn: invalid ARN "arn:aws:s3" at offset 10: found 2 of the 5 colons that separate the segments
	// true
}

func ExampleIsARN() {
	fmt.Println(arn.IsARN("arn:aws:s3:::examplebucket"))
	fmt.Println(arn.IsARN("examplebucket"))
	// Output:
	// true
	// false
}

func ExampleARN_String() {
	a := arn.ARN{Partition: "aws", Service: "iam", Account: "111122223333", Resource: "user/alice"}
	fmt.Println(a)
	// Output: arn:aws:iam::111122223333:user/alice
}

func ExampleMatch() {
	fmt.Println(arn.Match("home/*/photos/?.jpg", "home/alice/2024/photos/1.jpg"))
	fmt.Println(arn.Match("home/*/photos/?.jpg", "home/alice/photos/10.jpg"))
	fmt.Println(arn.Match("s3:get*", "s3:GetObject"))
	// Output:
	// true
	// false
	// false
}

func ExampleMatchFold() {
	fmt.Println(arn.MatchFold("s3:get*", "s3:GetObject"))
	// Output: true
}

func ExampleCompile() {
	p, err := arn.Compile("arn:aws:s3:::examplebucket/home/${aws:username}/*", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Resolve each variable from the request, in the order of Variables.
	request := map[string]string{"aws:username": "alice"}
	var buf [4]string
	vars := buf[:0]
	for _, v := range p.Variables() {
		vars = append(vars, request[v.Key])
	}
	fmt.Println(p.MatchString("arn:aws:s3:::examplebucket/home/alice/notes.txt", vars))
	fmt.Println(p.MatchString("arn:aws:s3:::examplebucket/home/bob/notes.txt", vars))

	_, err = arn.Compile("arn:aws:s3*:::examplebucket", false)
	fmt.Println(err)
	// Output:
	// true
	// false
	// arn: invalid ARN "arn:aws:s3*:::examplebucket" at offset 10: wildcard in service "s3*"
}

func ExamplePattern_Match() {
	p := arn.MustCompile("arn:aws:s3:*:*:accesspoint/*", false)
	fmt.Println(p.Match(arn.MustParse("arn:aws:s3:us-west-2:111122223333:accesspoint/ap"), nil))
	// An empty region or account in the pattern matches only an empty one.
	fmt.Println(arn.MustCompile("arn:aws:s3:::*", false).MatchString("arn:aws:s3:us-west-2:111122223333:accesspoint/ap", nil))
	// A wildcard in region or account never covers a ':' of the ARN.
	p = arn.MustCompile("arn:aws:svc:*:111122223333:finance/*", false)
	fmt.Println(p.MatchString("arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/a.txt", nil))
	// Output:
	// true
	// false
	// false
}

func ExamplePattern_MatchesAllOfService() {
	// s3:ListAllMyBuckets has no resource ARN; these patterns cover it.
	fmt.Println(arn.MustCompile("arn:aws:s3:::*", false).MatchesAllOfService("s3"))
	fmt.Println(arn.MustCompile("arn:aws:s3:::examplebucket", false).MatchesAllOfService("s3"))
	// Output:
	// true
	// false
}

func ExampleCompileGlob() {
	// StringLike with Version 2012-10-17: wildcards and variables.
	like := arn.CompileGlob("${aws:PrincipalTag/team, 'none'}-*", arn.Wildcards|arn.Variables)
	v := like.Variables()[0]
	fmt.Printf("key %q, default %q\n", v.Key, v.Default)
	fmt.Println(like.Match("blue-project", []string{"blue"}))

	// StringEquals: '*' is literal, ${*} too.
	equals := arn.CompileGlob("a${*}", arn.Variables)
	fmt.Println(equals.Match("a*", nil), equals.Match("ab", nil))
	// Output:
	// key "aws:principaltag/team", default "none"
	// true
	// true false
}

func ExampleS3Resource_BucketARN() {
	ap := arn.MustParse("arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/photo.jpg")
	r, ok := ap.S3()
	fmt.Println(ok, r.Kind, r.AccessPoint, r.Key)
	bucketForm, _ := r.BucketARN("examplebucket")
	fmt.Println(bucketForm)
	// Output:
	// true S3AccessPointObject my-access-point Jane/photo.jpg
	// arn:aws:s3:::examplebucket/Jane/photo.jpg
}
