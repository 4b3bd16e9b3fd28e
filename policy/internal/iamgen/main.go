// Command iamgen writes policy/iamdata.go, the table of AWS services,
// actions, resource types and condition keys that policy.Validate checks
// documents against. It reads the JSON files of the iam-data project by
// Cloud Copilot (MIT license):
//
//	actions/<service>.json         actions with access level and resource types
//	resourceTypes/<service>.json   resource types with ARN templates
//	conditionKeys/<service>.json   condition keys with value types
//	global-condition-keys.json     the aws: keys that every service accepts
//	rcpSupportedServices.json      services that resource control policies cover
//	LICENSE.txt                    copied into the header of the output
//
// It is run by the go:generate line in policy/iamdata_index.go:
//
//	go generate ./policy
//
// A relative -src is resolved against the root of the module, the folder
// holding go.mod, so the default finds the data beside the repository.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	src := flag.String("src", "../shared/data/iam-definition",
		"folder of the iam-data JSON files; a relative path is resolved against the module root")
	out := flag.String("out", "iamdata.go", "Go file to write, relative to the current folder")
	origin := flag.String("origin", "", "source release named in the header, such as a repository and commit")
	flag.Parse()

	if err := run(*src, *out, *origin); err != nil {
		fmt.Fprintln(os.Stderr, "iamgen:", err)
		os.Exit(1)
	}
}

func run(src, out, origin string) error {
	dir, err := resolveSource(src)
	if err != nil {
		return err
	}
	table, err := load(dir)
	if err != nil {
		return err
	}
	code, err := render(table, origin)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, code, 0o644); err != nil {
		return err
	}
	fmt.Printf("iamgen: wrote %s: %d bytes, %d services, %d actions, %d resource types, %d condition keys, %d global keys\n",
		out, len(code), len(table.services), table.actions, table.resourceTypes, table.keys, len(table.global))
	return nil
}

// resolveSource returns src, made absolute against the module root when it
// is relative.
func resolveSource(src string) (string, error) {
	if filepath.IsAbs(src) {
		return src, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, src), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the current folder; give -src as an absolute path")
		}
		dir = parent
	}
}

// The shapes of the iam-data JSON files. Fields the table does not use
// are left out.
type (
	actionJSON struct {
		Name          string `json:"name"`
		AccessLevel   string `json:"accessLevel"`
		ResourceTypes []struct {
			Name     string `json:"name"`
			Required bool   `json:"required"`
		} `json:"resourceTypes"`
	}
	resourceTypeJSON struct {
		Key string `json:"key"`
		ARN string `json:"arn"`
	}
	conditionKeyJSON struct {
		Key  string `json:"key"`
		Type string `json:"type"`
	}
)

type service struct {
	prefix    string
	rcp       bool
	actions   []string // encoded entries
	resources []string
	keys      []string
}

type table struct {
	license  string
	services []service
	global   []string

	actions, resourceTypes, keys int
}

func load(dir string) (*table, error) {
	license, err := os.ReadFile(filepath.Join(dir, "LICENSE.txt"))
	if err != nil {
		return nil, err
	}
	t := &table{license: strings.TrimSpace(string(license))}

	var rcp []string
	if err := readJSON(filepath.Join(dir, "rcpSupportedServices.json"), &rcp); err != nil {
		return nil, err
	}
	t.global, err = loadGlobalKeys(filepath.Join(dir, "global-condition-keys.json"))
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "actions", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no actions/*.json under %s", dir)
	}
	slices.Sort(files)
	for _, file := range files {
		prefix := strings.TrimSuffix(filepath.Base(file), ".json")
		s, err := loadService(dir, prefix, t.global)
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", prefix, err)
		}
		s.rcp = slices.Contains(rcp, prefix)
		t.services = append(t.services, s)
		t.actions += len(s.actions)
		t.resourceTypes += len(s.resources)
		t.keys += len(s.keys)
	}
	return t, nil
}

// loadService reads the files of one service. It leaves out the condition
// keys that the global list holds with the same type, such as
// aws:TagKeys, which most services repeat.
func loadService(dir, prefix string, global []string) (service, error) {
	s := service{prefix: prefix}

	var types map[string]resourceTypeJSON
	if err := readJSON(filepath.Join(dir, "resourceTypes", prefix+".json"), &types); err != nil {
		return s, err
	}
	names := sortedKeys(types)
	index := make(map[string]int, len(names))
	for i, name := range names {
		index[strings.ToLower(name)] = i
		rt := types[name]
		templates := strings.Split(rt.ARN, ", ")
		for _, tmpl := range templates {
			if !strings.HasPrefix(tmpl, templatePrefix) || strings.Count(tmpl, ":") < 5 {
				return s, fmt.Errorf("resource type %s: unexpected ARN template %q", name, tmpl)
			}
		}
		for i, tmpl := range templates {
			templates[i] = strings.TrimPrefix(tmpl, templatePrefix)
		}
		entry := strings.ReplaceAll(rt.Key, " ", "~") + " " + strings.Join(templates, " ")
		if err := checkEntry(entry, 1+len(templates)); err != nil {
			return s, err
		}
		s.resources = append(s.resources, entry)
	}

	var actions map[string]actionJSON
	if err := readJSON(filepath.Join(dir, "actions", prefix+".json"), &actions); err != nil {
		return s, err
	}
	for _, key := range sortedKeys(actions) {
		entry, err := encodeAction(actions[key], index)
		if err != nil {
			return s, err
		}
		s.actions = append(s.actions, entry)
	}

	var keys map[string]conditionKeyJSON
	path := filepath.Join(dir, "conditionKeys", prefix+".json")
	if _, err := os.Stat(path); err == nil {
		if err := readJSON(path, &keys); err != nil {
			return s, err
		}
	}
	for _, key := range sortedKeys(keys) {
		entry, err := encodeKey(keys[key].Key, keys[key].Type)
		if err != nil {
			return s, err
		}
		if !slices.ContainsFunc(global, func(g string) bool { return strings.EqualFold(g, entry) }) {
			s.keys = append(s.keys, entry)
		}
	}
	return s, nil
}

var angleBrackets = regexp.MustCompile(`<([A-Za-z]+)>`)

// keyTypes are the condition key types the table accepts.
var keyTypes = []string{
	"String", "ArrayOfString", "ARN", "ArrayOfARN", "Bool", "ArrayOfBool",
	"Numeric", "ArrayOfNumeric", "Date", "ArrayOfDate", "IPAddress", "ArrayOfIPAddress", "Binary",
}

// encodeKey writes one condition key as "Key Type". A few keys write
// their placeholder as "<key>" or "/tag-key"; the table writes every
// placeholder as "${...}".
func encodeKey(key, typ string) (string, error) {
	key = angleBrackets.ReplaceAllString(key, "$${$1}")
	if base, ok := strings.CutSuffix(key, "/tag-key"); ok {
		key = base + "/${TagKey}"
	}
	if !slices.Contains(keyTypes, typ) {
		return "", fmt.Errorf("condition key %s: unknown type %q", key, typ)
	}
	entry := key + " " + typ
	return entry, checkEntry(entry, 2)
}

// templatePrefix starts every ARN template. The table leaves it out.
const templatePrefix = "arn:${Partition}:"

// accessLevels maps the first access level an action lists to the letter
// the table stores.
var accessLevels = map[string]string{
	"List":                   "L",
	"Read":                   "R",
	"Write":                  "W",
	"Permissions management": "P",
	"Tagging":                "T",
}

// encodeAction writes one action as "Name LEVEL ref...", where each ref
// is the index of a resource type in the service's sorted list, followed
// by "!" when the action requires that type.
func encodeAction(a actionJSON, index map[string]int) (string, error) {
	first, _, _ := strings.Cut(a.AccessLevel, ",")
	level, ok := accessLevels[strings.TrimSpace(first)]
	if !ok {
		return "", fmt.Errorf("action %s: unknown access level %q", a.Name, a.AccessLevel)
	}

	type ref struct {
		index    int
		required bool
	}
	var refs []ref
	for _, rt := range a.ResourceTypes {
		i, ok := index[strings.ToLower(rt.Name)]
		if !ok {
			return "", fmt.Errorf("action %s: unknown resource type %q", a.Name, rt.Name)
		}
		refs = append(refs, ref{i, rt.Required})
	}
	slices.SortFunc(refs, func(x, y ref) int { return x.index - y.index })

	var sb strings.Builder
	sb.WriteString(a.Name)
	sb.WriteByte(' ')
	sb.WriteString(level)
	for _, r := range refs {
		sb.WriteByte(' ')
		sb.WriteString(strconv.Itoa(r.index))
		if r.required {
			sb.WriteByte('!')
		}
	}
	entry := sb.String()
	return entry, checkEntry(entry, 2+len(refs))
}

// loadGlobalKeys reads the global condition keys.
func loadGlobalKeys(path string) ([]string, error) {
	var keys []conditionKeyJSON
	if err := readJSON(path, &keys); err != nil {
		return nil, err
	}
	var out []string
	for _, k := range keys {
		entry, err := encodeKey(k.Key, k.Type)
		if err != nil {
			return nil, err
		}
		out = append(out, entry)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out, nil
}

// checkEntry makes sure an entry splits back into fields fields, so no
// name or template holds a separator.
func checkEntry(entry string, fields int) error {
	if strings.Contains(entry, "|") || len(strings.Split(entry, " ")) != fields || strings.Contains(entry, "\"") {
		return fmt.Errorf("invalid entry %q: a name or template contains a space, \"|\" or a quote; change the encoding", entry)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return keys
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func render(t *table, origin string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/iamgen; DO NOT EDIT.\n\n")
	b.WriteString("// This table is derived from the iam-data project by Cloud Copilot")
	if origin != "" {
		b.WriteString(", " + origin)
	}
	b.WriteString(".\n// Its license:\n//\n")
	for _, line := range strings.Split(t.license, "\n") {
		b.WriteString(strings.TrimRight("//\t"+line, " \t") + "\n")
	}
	b.WriteString("\npackage policy\n\n")

	b.WriteString("// iamServices has one record per service prefix, sorted. See\n")
	b.WriteString("// iamServiceRecord for the encoding of the strings.\n")
	b.WriteString("var iamServices = [...]iamServiceRecord{\n")
	for _, s := range t.services {
		fmt.Fprintf(&b, "{prefix: %q, rcp: %t,\nactions: %q,\nresources: %q,\nkeys: %q},\n",
			s.prefix, s.rcp, strings.Join(s.actions, "|"), strings.Join(s.resources, "|"), strings.Join(s.keys, "|"))
	}
	b.WriteString("}\n\n")

	b.WriteString("// iamGlobalKeys lists the condition keys that every service accepts,\n")
	b.WriteString("// as \"Key Type\" entries separated by \"|\".\n")
	fmt.Fprintf(&b, "const iamGlobalKeys = %q\n", strings.Join(t.global, "|"))

	return format.Source(b.Bytes())
}
