package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"github.com/iameval/iameval/arn"
	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// principalHeader names the header a caller identifies itself with. The
// gateway believes it without any proof, which is acceptable in a demo
// only: a real deployment verifies the request's AWS Signature Version 4
// and takes the principal from the verified access key.
const principalHeader = "X-Demo-Principal"

// Config describes the bucket a Gateway serves and the policies that
// guard it.
type Config struct {
	// Bucket is the name of the bucket, BucketAccount the 12-digit ID of
	// the account that owns it.
	Bucket        string
	BucketAccount string

	// BucketPolicy is the bucket policy, or nil for none.
	BucketPolicy *policy.Policy

	// AccessPoint is the access point in front of the bucket, or nil for
	// none.
	AccessPoint *AccessPointConfig

	// Identities are the configured callers. Other callers have no
	// identity-based policies and no tags.
	Identities []Identity

	// TrustedProxies are the networks of proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers the gateway believes. Empty means none.
	TrustedProxies []netip.Prefix

	// VPCID and VPCNetworks describe a VPC: requests from an address in
	// VPCNetworks carry aws:SourceVpc set to VPCID.
	VPCID       string
	VPCNetworks []netip.Prefix

	// Logger receives one record per authorization decision. Nil means
	// slog.Default().
	Logger *slog.Logger

	// Now returns the time of a request, for aws:CurrentTime and
	// aws:EpochTime. Nil means time.Now.
	Now func() time.Time
}

// AccessPointConfig describes an S3 access point attached to the bucket.
type AccessPointConfig struct {
	// ARN is arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME.
	ARN string

	// Alias is the access point alias, such as
	// "reports-q7j2bd9xkmhvw3tzd4aep1rfcyn8use1a-s3alias", which clients
	// may use in place of a bucket name. Empty means none.
	Alias string

	// NetworkOrigin is evaluator.OriginInternet or evaluator.OriginVPC. A
	// VPC access point accepts requests from Config.VPCID only.
	NetworkOrigin string

	// Policy is the access point policy, or nil for none.
	Policy *policy.Policy
}

// Identity is a configured caller.
type Identity struct {
	// Principal is the ARN of an IAM user or role. Requests from sessions
	// of the role use this identity.
	Principal string

	// Policies are the identity-based policies attached to the principal.
	Policies []*policy.Policy

	// Tags are the principal's IAM tags, seen by policies as
	// aws:PrincipalTag/KEY.
	Tags map[string]string
}

// Gateway is an S3-compatible HTTP server for one bucket, reached by path
// (/BUCKET/KEY) either directly or through one access point. It keeps
// objects in memory and authorizes every request with the evaluator
// before touching them. It is safe for concurrent use.
//
// The gateway identifies callers by the X-Demo-Principal header, without
// verifying anything: anyone who can reach it can claim any identity. A real
// deployment must verify the AWS Signature Version 4 of each request
// instead.
type Gateway struct {
	bucket        string
	bucketAccount string
	partition     string
	ap            accessPointNames

	identities map[string]*identity // by user or role ARN
	roles      map[string]*identity // by ACCOUNT:ROLE-NAME, for sessions
	stranger   *identity            // callers not in Config.Identities

	trustedProxies []netip.Prefix
	vpcID          string
	vpcNetworks    []netip.Prefix

	store  *store
	logger *slog.Logger
	now    func() time.Time
}

// accessPointNames are the two names of the access point a path may use
// as its bucket. ARN is "" when the gateway has no access point.
type accessPointNames struct {
	ARN   string
	alias string
}

// identity is a known caller, with the evaluator built from its policies.
type identity struct {
	arn       string
	tags      map[string]string
	evaluator *evaluator.Evaluator
}

// NewGateway checks cfg and builds an evaluator for each identity, and one
// for callers without identity-based policies.
func NewGateway(cfg Config) (*Gateway, error) {
	if err := checkBucket(cfg.Bucket, cfg.BucketAccount); err != nil {
		return nil, err
	}
	g := &Gateway{
		bucket:         cfg.Bucket,
		bucketAccount:  cfg.BucketAccount,
		partition:      "aws",
		identities:     make(map[string]*identity),
		roles:          make(map[string]*identity),
		trustedProxies: cfg.TrustedProxies,
		vpcID:          cfg.VPCID,
		vpcNetworks:    cfg.VPCNetworks,
		store:          newStore(),
		logger:         cfg.Logger,
		now:            cfg.Now,
	}
	if g.logger == nil {
		g.logger = slog.Default()
	}
	if g.now == nil {
		g.now = time.Now
	}

	base, err := g.basePolicySet(cfg)
	if err != nil {
		return nil, err
	}
	g.stranger, err = newIdentity("", nil, base)
	if err != nil {
		return nil, err
	}
	for i, id := range cfg.Identities {
		if err := g.addIdentity(id, base); err != nil {
			return nil, fmt.Errorf("identity %d (%s): %w", i, id.Principal, err)
		}
	}
	return g, nil
}

func checkBucket(bucket, account string) error {
	switch {
	case bucket == "" || strings.ContainsAny(bucket, "/:*?"):
		return fmt.Errorf("invalid bucket name %q", bucket)
	case !policy.IsAccountID(account):
		return fmt.Errorf("bucket account %q is not a 12-digit account ID", account)
	}
	return nil
}

// basePolicySet returns the policies every caller shares: the bucket
// policy and the access point.
func (g *Gateway) basePolicySet(cfg Config) (evaluator.PolicySet, error) {
	set := evaluator.PolicySet{Resource: cfg.BucketPolicy}
	ap := cfg.AccessPoint
	if ap == nil {
		return set, nil
	}
	a, err := arn.Parse(ap.ARN)
	if err != nil {
		return set, fmt.Errorf("access point ARN: %w", err)
	}
	if ap.Alias == g.bucket || strings.ContainsAny(ap.Alias, "/:") {
		return set, fmt.Errorf("access point alias %q is the bucket name or contains '/' or ':'", ap.Alias)
	}
	vpc := ""
	if ap.NetworkOrigin == evaluator.OriginVPC {
		vpc = cfg.VPCID
	}
	g.partition = a.Partition
	g.ap = accessPointNames{ARN: ap.ARN, alias: ap.Alias}
	set.AccessPointPolicy = ap.Policy
	set.AccessPoint = &evaluator.AccessPoint{
		ARN:           ap.ARN,
		Bucket:        g.bucket,
		BucketAccount: g.bucketAccount,
		NetworkOrigin: ap.NetworkOrigin,
		VPCID:         vpc,
	}
	return set, nil
}

func newIdentity(principal string, id *Identity, base evaluator.PolicySet) (*identity, error) {
	out := &identity{arn: principal}
	if id != nil {
		base.Identity = id.Policies
		out.tags = id.Tags
	}
	ev, err := evaluator.New(base)
	if err != nil {
		return nil, err
	}
	out.evaluator = ev
	return out, nil
}

// addIdentity builds the evaluator of one identity and indexes it by its
// ARN, and for a role also by account and role name, the only parts of
// the role that a session ARN contains.
func (g *Gateway) addIdentity(id Identity, base evaluator.PolicySet) error {
	p, err := evaluator.ParsePrincipal(id.Principal, "")
	if err != nil {
		return err
	}
	if t := p.Type(); t != evaluator.PrincipalUser && t != evaluator.PrincipalRole {
		return fmt.Errorf("principal %q is a %s, want an IAM user or role", id.Principal, t)
	}
	if _, dup := g.identities[id.Principal]; dup {
		return errors.New("principal is listed twice")
	}
	entry, err := newIdentity(id.Principal, &id, base)
	if err != nil {
		return err
	}
	g.identities[id.Principal] = entry
	if p.Type() == evaluator.PrincipalRole {
		key := roleKey(id.Principal)
		if _, dup := g.roles[key]; dup {
			return fmt.Errorf("another role of account %s has the name of %q", p.Account(), id.Principal)
		}
		g.roles[key] = entry
	}
	return nil
}

// roleKey returns ACCOUNT:NAME for a role ARN such as
// arn:aws:iam::111122223333:role/path/NAME.
func roleKey(roleARN string) string {
	a, err := arn.Parse(roleARN)
	if err != nil {
		return ""
	}
	return a.Account + ":" + a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
}

// caller is the principal of one request and the identity it maps to.
type caller struct {
	principal evaluator.Principal
	*identity
}

// anonymous is the principal of a request without the principal header.
var anonymous = evaluator.MustParsePrincipal("anonymous", "")

// resolveCaller parses the principal header and finds the caller's
// identity: by its ARN, or for a role session by its role. A role session
// of a known role is given that role's ARN as session issuer, so that
// aws:PrincipalArn keeps the role's path.
func (g *Gateway) resolveCaller(header string) (*caller, error) {
	if header == "" {
		return &caller{principal: anonymous, identity: g.stranger}, nil
	}
	p, err := evaluator.ParsePrincipal(header, "")
	if err != nil {
		return nil, err
	}
	if id, ok := g.identities[header]; ok {
		return &caller{principal: p, identity: id}, nil
	}
	if p.Type() == evaluator.PrincipalRoleSession {
		if id, ok := g.roles[roleKey(p.Issuer())]; ok {
			withPath, err := evaluator.ParsePrincipal(header, id.arn)
			if err != nil {
				return nil, err
			}
			return &caller{principal: withPath, identity: id}, nil
		}
	}
	return &caller{principal: p, identity: g.stranger}, nil
}

// newRequestID returns 16 random hexadecimal digits, the form of S3's
// x-amz-request-id.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // since Go 1.24, crypto/rand.Read never returns an error
	return strings.ToUpper(hex.EncodeToString(b[:]))
}
