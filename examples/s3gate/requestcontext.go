package main

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iameval/iameval/condition"
)

// S3 limits on object tags: at most 10 per object, keys of 1 to 128
// characters and values of up to 256.
const (
	maxObjectTags  = 10
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

// requestContext builds the condition keys of a request from the HTTP
// request and the gateway's own data:
//
//	aws:SecureTransport       "true" when the connection used TLS
//	aws:SourceIp              the client address (see Gateway.sourceIP)
//	aws:SourceVpc             the configured VPC, for a client in its networks
//	aws:CurrentTime           the time of the request, ISO 8601 in UTC
//	aws:EpochTime             the same in seconds since the Unix epoch
//	aws:UserAgent, aws:Referer  the User-Agent and Referer headers, when sent
//	aws:PrincipalTag/KEY      the tags of the caller's configured identity
//	s3:prefix, s3:delimiter, s3:max-keys  ListObjectsV2 query parameters
//	s3:ExistingObjectTag/KEY  the tags of the stored object, for GetObject
//	s3:RequestObjectTag/KEY, s3:RequestObjectTagKeys  the x-amz-tagging
//	                          header of a PutObject request
//
// The list keys come from the query string only, never from headers. As
// in AWS, s3:ExistingObjectTag is not set for PutObject and DeleteObject.
//
// NOTE: the keys that describe a request's signature, such as s3:authType,
// s3:signatureversion and s3:signatureAge, are never set, because the
// gateway verifies no signature. Policies that test them see them absent.
func (g *Gateway) requestContext(r *http.Request, op *operation, c *caller, existing *object,
	requestTags map[string]string, source netip.Addr,
) *condition.Context {
	ctx := &condition.Context{}
	ctx.Set("aws:SecureTransport", strconv.FormatBool(g.secureTransport(r)))
	ctx.Set("aws:SourceIp", source.String())
	if g.vpcID != "" && containsAddr(g.vpcNetworks, source) {
		ctx.Set("aws:SourceVpc", g.vpcID)
	}
	now := g.now().UTC()
	ctx.Set("aws:CurrentTime", now.Format(time.RFC3339))
	ctx.Set("aws:EpochTime", strconv.FormatInt(now.Unix(), 10))
	if ua := r.Header.Get("User-Agent"); ua != "" {
		ctx.Set("aws:UserAgent", ua)
	}
	if referer := r.Header.Get("Referer"); referer != "" {
		ctx.Set("aws:Referer", referer)
	}
	for key, value := range c.tags {
		ctx.Set("aws:PrincipalTag/"+key, value)
	}

	switch op.name {
	case opListObjectsV2:
		query := r.URL.Query()
		for _, param := range []string{"prefix", "delimiter", "max-keys"} {
			// A parameter present with an empty value sets the key to "",
			// which policies can test; an absent one leaves it absent.
			if query.Has(param) {
				ctx.Set("s3:"+param, query.Get(param))
			}
		}
	case opGetObject, opHeadObject:
		if existing != nil {
			for key, value := range existing.tags {
				ctx.Set("s3:ExistingObjectTag/"+key, value)
			}
		}
	case opPutObject:
		for key, value := range requestTags {
			ctx.Set("s3:RequestObjectTag/"+key, value)
		}
		if len(requestTags) > 0 {
			ctx.Set("s3:RequestObjectTagKeys", slices.Sorted(maps.Keys(requestTags))...)
		}
	}
	return ctx
}

// parseTagging reads the x-amz-tagging header of a PutObject request: tags
// URL-encoded as a query string, such as "project=apollo&owner=data%20team".
// It rejects a tag key given twice, more than 10 tags, an empty key and
// keys or values longer than S3 allows. An absent or empty header gives no
// tags.
func parseTagging(header string) (map[string]string, error) {
	if header == "" {
		return nil, nil
	}
	values, err := url.ParseQuery(header)
	if err != nil {
		return nil, fmt.Errorf("x-amz-tagging is not URL-encoded key=value pairs: %w", err)
	}
	if len(values) > maxObjectTags {
		return nil, fmt.Errorf("x-amz-tagging has %d tags, more than %d", len(values), maxObjectTags)
	}
	tags := make(map[string]string, len(values))
	for key, vs := range values {
		switch {
		case len(vs) > 1:
			return nil, fmt.Errorf("x-amz-tagging repeats the tag key %q", key)
		case key == "" || utf8.RuneCountInString(key) > maxTagKeyLen:
			return nil, fmt.Errorf("x-amz-tagging key %q is not 1 to %d characters", key, maxTagKeyLen)
		case utf8.RuneCountInString(vs[0]) > maxTagValueLen:
			return nil, fmt.Errorf("x-amz-tagging value of %q is longer than %d characters", key, maxTagValueLen)
		}
		tags[key] = vs[0]
	}
	return tags, nil
}

// errForwardedFor reports an X-Forwarded-For header from a trusted proxy
// that does not hold IP addresses.
var errForwardedFor = errors.New("invalid X-Forwarded-For header")

// sourceIP returns the address of the client. It is the peer address of
// the connection, unless that peer is a trusted proxy: then the
// X-Forwarded-For header is read from the right, skipping trusted proxies,
// and the first other address is the client. The header is ignored for
// every other peer, because any client can send it. An IPv4 address
// mapped into IPv6 is returned as IPv4, so that IPv4 blocks in policies
// match it.
func (g *Gateway) sourceIP(r *http.Request) (netip.Addr, error) {
	peer, err := remoteAddr(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, err
	}
	if !containsAddr(g.trustedProxies, peer) {
		return peer, nil
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for _, hop := range slices.Backward(hops) {
		hop = strings.TrimSpace(hop)
		if hop == "" && len(hops) == 1 {
			break // no header
		}
		addr, err := netip.ParseAddr(hop)
		if err != nil {
			return netip.Addr{}, fmt.Errorf("%w: %q is not an IP address", errForwardedFor, hop)
		}
		client = addr.Unmap()
		if !containsAddr(g.trustedProxies, client) {
			break
		}
	}
	return client, nil
}

// secureTransport reports whether the client used TLS: on this connection,
// or, behind a trusted proxy, as its X-Forwarded-Proto header states.
func (g *Gateway) secureTransport(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	peer, err := remoteAddr(r.RemoteAddr)
	if err != nil || !containsAddr(g.trustedProxies, peer) {
		return false
	}
	return strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func remoteAddr(hostPort string) (netip.Addr, error) {
	host, _, err := net.SplitHostPort(hostPort)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("invalid remote address %q: %w", hostPort, err)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("invalid remote address %q: %w", hostPort, err)
	}
	return addr.Unmap(), nil
}

func containsAddr(prefixes []netip.Prefix, addr netip.Addr) bool {
	for _, p := range prefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
