package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strings"

	"github.com/iameval/iameval/evaluator"
	"github.com/iameval/iameval/policy"
)

// options are the parsed command-line flags.
type options struct {
	addr            string
	bucket          string
	bucketAccount   string
	bucketPolicy    string
	apARN           string
	apAlias         string
	apPolicy        string
	apNetworkOrigin string
	identities      string
	trustedProxies  string
	vpcID           string
	vpcNetworks     string
	tlsCert, tlsKey string
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("s3gate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`address` to listen on")
	fs.StringVar(&o.bucket, "bucket", "", "`name` of the bucket to serve (required)")
	fs.StringVar(&o.bucketAccount, "bucket-account", "", "12-digit `ID` of the account that owns the bucket (required)")
	fs.StringVar(&o.bucketPolicy, "bucket-policy", "", "bucket policy `file`; none when empty")
	fs.StringVar(&o.apARN, "access-point-arn", "", "`ARN` of an access point to the bucket, arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME")
	fs.StringVar(&o.apAlias, "access-point-alias", "", "`alias` of the access point, usable in place of the bucket name")
	fs.StringVar(&o.apPolicy, "access-point-policy", "", "access point policy `file`; none when empty")
	fs.StringVar(&o.apNetworkOrigin, "access-point-network-origin", evaluator.OriginInternet,
		"network `origin` of the access point: Internet, or VPC to accept only requests from -vpc-networks")
	fs.StringVar(&o.identities, "identities", "", "`file` mapping principal ARNs to identity-based policies and tags")
	fs.StringVar(&o.trustedProxies, "trusted-proxies", "",
		"comma-separated `CIDRs` of proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed")
	fs.StringVar(&o.vpcID, "vpc-id", "", "`ID` of the VPC that requests from -vpc-networks come from, as aws:SourceVpc")
	fs.StringVar(&o.vpcNetworks, "vpc-networks", "", "comma-separated `CIDRs` of the VPC named by -vpc-id")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate `file`; serves HTTPS with -tls-key")
	fs.StringVar(&o.tlsKey, "tls-key", "", "TLS private key `file`")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}

	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.bucket == "" || o.bucketAccount == "":
		return nil, errors.New("-bucket and -bucket-account are required")
	case (o.tlsCert == "") != (o.tlsKey == ""):
		return nil, errors.New("-tls-cert and -tls-key go together")
	case o.apARN == "" && (o.apAlias != "" || o.apPolicy != ""):
		return nil, errors.New("-access-point-alias and -access-point-policy need -access-point-arn")
	case (o.vpcID == "") != (o.vpcNetworks == ""):
		return nil, errors.New("-vpc-id and -vpc-networks go together")
	}
	return o, nil
}

// config reads the files the flags name and returns the gateway's Config.
// A policy that does not parse gives an error naming its flag, its file and
// the JSON path of the mistake.
func (o *options) config() (Config, error) {
	cfg := Config{Bucket: o.bucket, BucketAccount: o.bucketAccount, VPCID: o.vpcID}
	var err error
	if cfg.BucketPolicy, err = loadOptionalPolicy(o.bucketPolicy); err != nil {
		return cfg, fmt.Errorf("-bucket-policy: %w", err)
	}
	if o.apARN != "" {
		ap := &AccessPointConfig{ARN: o.apARN, Alias: o.apAlias, NetworkOrigin: o.apNetworkOrigin}
		if ap.Policy, err = loadOptionalPolicy(o.apPolicy); err != nil {
			return cfg, fmt.Errorf("-access-point-policy: %w", err)
		}
		cfg.AccessPoint = ap
	}
	if o.identities != "" {
		if cfg.Identities, err = loadIdentities(o.identities); err != nil {
			return cfg, fmt.Errorf("-identities: %w", err)
		}
	}
	if cfg.TrustedProxies, err = parsePrefixes(o.trustedProxies); err != nil {
		return cfg, fmt.Errorf("-trusted-proxies: %w", err)
	}
	if cfg.VPCNetworks, err = parsePrefixes(o.vpcNetworks); err != nil {
		return cfg, fmt.Errorf("-vpc-networks: %w", err)
	}
	return cfg, nil
}

func loadOptionalPolicy(file string) (*policy.Policy, error) {
	if file == "" {
		return nil, nil
	}
	return evaluator.LoadPolicyFile(file)
}

// parsePrefixes parses a comma-separated list of CIDR blocks or single
// addresses. IPv4 addresses mapped into IPv6 are read as IPv4, as client
// addresses are.
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			addr, err := netip.ParseAddr(item)
			if err != nil {
				return nil, err
			}
			addr = addr.Unmap()
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
