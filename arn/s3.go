package arn

import (
	"strconv"
	"strings"
)

// S3Kind is the kind of S3 resource an ARN names. The zero value means the
// ARN is not one of the forms below.
type S3Kind uint8

const (
	// S3Bucket is arn:PARTITION:s3:::BUCKET.
	S3Bucket S3Kind = iota + 1

	// S3Object is arn:PARTITION:s3:::BUCKET/KEY.
	S3Object

	// S3AccessPoint is arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME.
	S3AccessPoint

	// S3AccessPointObject is
	// arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY, an
	// object reached through an access point.
	S3AccessPointObject
)

// String returns the name of the kind, such as "S3Object".
func (k S3Kind) String() string {
	switch k {
	case S3Bucket:
		return "S3Bucket"
	case S3Object:
		return "S3Object"
	case S3AccessPoint:
		return "S3AccessPoint"
	case S3AccessPointObject:
		return "S3AccessPointObject"
	}
	return "S3Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsAccessPoint reports whether k is S3AccessPoint or S3AccessPointObject.
func (k S3Kind) IsAccessPoint() bool {
	return k == S3AccessPoint || k == S3AccessPointObject
}

// S3Resource is an S3 bucket, object or access point, split into the parts
// that its ARN carries. Which fields are set depends on Kind.
type S3Resource struct {
	Kind        S3Kind
	Partition   string // "aws", "aws-cn", ...
	Region      string // access point kinds only
	Account     string // access point kinds only
	Bucket      string // bucket and object kinds only
	AccessPoint string // access point kinds only: the access point name
	Key         string // object kinds only: the object key, never empty
}

const (
	accessPointPrefix = "accesspoint/"
	objectPrefix      = "object/"
)

// S3 splits an ARN of the s3 service into the parts of one of the forms
// listed for [S3Kind]. It reports false for every other ARN, including S3
// ARNs of other resource types (such as batch jobs) and an object ARN whose
// key is empty. A bucket ARN must have an empty region and account, and an
// access point ARN must have an account but may have an empty region, as a
// multi-Region access point has. Bucket and access point names are not
// checked against the S3 naming rules.
func (a ARN) S3() (S3Resource, bool) {
	if a.Service != "s3" || a.Partition == "" {
		return S3Resource{}, false
	}
	if a.Region == "" && a.Account == "" {
		return s3BucketResource(a)
	}
	if a.Account == "" {
		return S3Resource{}, false
	}
	return s3AccessPointResource(a)
}

func s3BucketResource(a ARN) (S3Resource, bool) {
	bucket, key, isObject := strings.Cut(a.Resource, "/")
	r := S3Resource{Kind: S3Bucket, Partition: a.Partition, Bucket: bucket}
	if bucket == "" || isObject && key == "" {
		return S3Resource{}, false
	}
	if isObject {
		r.Kind, r.Key = S3Object, key
	}
	return r, true
}

func s3AccessPointResource(a ARN) (S3Resource, bool) {
	rest, ok := strings.CutPrefix(a.Resource, accessPointPrefix)
	if !ok {
		return S3Resource{}, false
	}
	name, tail, hasTail := strings.Cut(rest, "/")
	if name == "" {
		return S3Resource{}, false
	}
	r := S3Resource{
		Kind:        S3AccessPoint,
		Partition:   a.Partition,
		Region:      a.Region,
		Account:     a.Account,
		AccessPoint: name,
	}
	if !hasTail {
		return r, true
	}
	key, ok := strings.CutPrefix(tail, objectPrefix)
	if !ok || key == "" {
		return S3Resource{}, false
	}
	r.Kind, r.Key = S3AccessPointObject, key
	return r, true
}

// ARN returns the ARN of r. Fields that the kind does not use are ignored.
// For the zero Kind it returns the zero ARN.
func (r S3Resource) ARN() ARN {
	a := ARN{Partition: r.Partition, Service: "s3"}
	switch r.Kind {
	case S3Bucket:
		a.Resource = r.Bucket
	case S3Object:
		a.Resource = r.Bucket + "/" + r.Key
	case S3AccessPoint:
		a.Region, a.Account = r.Region, r.Account
		a.Resource = accessPointPrefix + r.AccessPoint
	case S3AccessPointObject:
		a.Region, a.Account = r.Region, r.Account
		a.Resource = accessPointPrefix + r.AccessPoint + "/" + objectPrefix + r.Key
	default:
		return ARN{}
	}
	return a
}

// BucketARN returns the ARN that a bucket policy is matched against for a
// request that r names through an access point, given the bucket behind the
// access point. That is the object ARN for an S3AccessPointObject and the
// bucket ARN for an S3AccessPoint. It reports false for the other kinds.
func (r S3Resource) BucketARN(bucket string) (ARN, bool) {
	switch r.Kind {
	case S3AccessPoint:
		return S3Resource{Kind: S3Bucket, Partition: r.Partition, Bucket: bucket}.ARN(), true
	case S3AccessPointObject:
		return S3Resource{Kind: S3Object, Partition: r.Partition, Bucket: bucket, Key: r.Key}.ARN(), true
	}
	return ARN{}, false
}
