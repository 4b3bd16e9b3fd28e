package arn_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iameval/iameval/arn"
)

func TestS3(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want arn.S3Resource
	}{
		{"bucket", "arn:aws:s3:::examplebucket",
			arn.S3Resource{Kind: arn.S3Bucket, Partition: "aws", Bucket: "examplebucket"}},
		{"object", "arn:aws:s3:::examplebucket/home/alice/a.txt",
			arn.S3Resource{Kind: arn.S3Object, Partition: "aws", Bucket: "examplebucket", Key: "home/alice/a.txt"}},
		{"object key with slashes at both ends", "arn:aws-cn:s3:::b//k/",
			arn.S3Resource{Kind: arn.S3Object, Partition: "aws-cn", Bucket: "b", Key: "/k/"}},
		{"object key with colon", "arn:aws:s3:::b/a:b",
			arn.S3Resource{Kind: arn.S3Object, Partition: "aws", Bucket: "b", Key: "a:b"}},
		{"access point", "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point",
			arn.S3Resource{Kind: arn.S3AccessPoint, Partition: "aws", Region: "us-west-2", Account: "111122223333", AccessPoint: "my-access-point"}},
		{"access point object", "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point/object/Jane/photo.jpg",
			arn.S3Resource{Kind: arn.S3AccessPointObject, Partition: "aws", Region: "us-west-2", Account: "111122223333", AccessPoint: "my-access-point", Key: "Jane/photo.jpg"}},
		{"access point object key named object", "arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/object/",
			arn.S3Resource{Kind: arn.S3AccessPointObject, Partition: "aws", Region: "us-west-2", Account: "111122223333", AccessPoint: "ap", Key: "object/"}},
		{"multi-region access point", "arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap",
			arn.S3Resource{Kind: arn.S3AccessPoint, Partition: "aws", Account: "111122223333", AccessPoint: "mfzwi23gnjvgw.mrap"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := arn.MustParse(tc.in)
			got, ok := a.S3()
			if !ok {
				t.Fatalf("MustParse(%q).S3() reported false, want %v", tc.in, tc.want.Kind)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("MustParse(%q).S3() mismatch (-want +got):\n%s", tc.in, diff)
			}
			if back := got.ARN(); back != a {
				t.Errorf("S3Resource.ARN() = %q, want %q", back, a)
			}
		})
	}
}

func TestS3Rejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"arn:aws:iam::111122223333:user/alice",                           // not s3
		"arn:aws:s3-object-lambda:us-west-2:111122223333:accesspoint/ol", // other service
		"arn:aws:s3:::/k",                                            // empty bucket
		"arn:aws:s3:::b/",                                            // empty key
		"arn:aws:s3:us-west-2::b",                                    // region without account
		"arn:aws:s3:us-west-2:111122223333:job/123",                  // batch job
		"arn:aws:s3:us-west-2:111122223333:accesspoint/",             // empty access point name
		"arn:aws:s3:us-west-2:111122223333:accesspoint//object/k",    // empty access point name
		"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/",          // neither name nor object
		"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/",   // empty key
		"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/objects/k", // misspelt object
		"arn:aws:s3:us-west-2:111122223333:AccessPoint/ap",           // case matters
	} {
		if r, ok := arn.MustParse(in).S3(); ok {
			t.Errorf("MustParse(%q).S3() = %+v, want false", in, r)
		}
	}
}

func TestS3ResourceBucketARN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		bucket string
		want   string
	}{
		{"arn:aws:s3:us-west-2:111122223333:accesspoint/ap/object/Jane/photo.jpg", "b1", "arn:aws:s3:::b1/Jane/photo.jpg"},
		{"arn:aws:s3:us-west-2:111122223333:accesspoint/ap", "b1", "arn:aws:s3:::b1"},
		{"arn:aws-us-gov:s3:us-gov-west-1:111122223333:accesspoint/ap/object/k", "b2", "arn:aws-us-gov:s3:::b2/k"},
	}
	for _, tc := range tests {
		r, ok := arn.MustParse(tc.in).S3()
		if !ok {
			t.Fatalf("MustParse(%q).S3() reported false", tc.in)
		}
		got, ok := r.BucketARN(tc.bucket)
		if !ok || got.String() != tc.want {
			t.Errorf("BucketARN(%q) of %q = %q, %v, want %q, true", tc.bucket, tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{"arn:aws:s3:::b", "arn:aws:s3:::b/k"} {
		r, _ := arn.MustParse(in).S3()
		if got, ok := r.BucketARN("x"); ok {
			t.Errorf("BucketARN of %q = %q, true, want false", in, got)
		}
	}
}

func TestS3KindString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind          arn.S3Kind
		want          string
		isAccessPoint bool
	}{
		{0, "S3Kind(0)", false},
		{arn.S3Bucket, "S3Bucket", false},
		{arn.S3Object, "S3Object", false},
		{arn.S3AccessPoint, "S3AccessPoint", true},
		{arn.S3AccessPointObject, "S3AccessPointObject", true},
		{9, "S3Kind(9)", false},
	}
	for _, tc := range tests {
		if got := tc.kind.String(); got != tc.want {
			t.Errorf("S3Kind(%d).String() = %q, want %q", uint8(tc.kind), got, tc.want)
		}
		if got := tc.kind.IsAccessPoint(); got != tc.isAccessPoint {
			t.Errorf("%v.IsAccessPoint() = %v, want %v", tc.kind, got, tc.isAccessPoint)
		}
	}
	if got := (arn.S3Resource{}).ARN(); got != (arn.ARN{}) {
		t.Errorf("zero S3Resource.ARN() = %+v, want the zero ARN", got)
	}
}
