package policy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files under testdata/iam are copies of the iam-data files for S3
// (MIT license, testdata/iam/LICENSE.txt). These tests check that the
// generated table holds everything they say about S3.

func readIAMFile(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "iam", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

func TestIAMTableCoversS3Actions(t *testing.T) {
	var actions map[string]struct {
		Name          string `json:"name"`
		AccessLevel   string `json:"accessLevel"`
		ResourceTypes []struct {
			Name     string `json:"name"`
			Required bool   `json:"required"`
		} `json:"resourceTypes"`
	}
	readIAMFile(t, "actions/s3.json", &actions)
	require.Len(t, actions, 180)

	s3 := iam().service("s3")
	require.NotNil(t, s3)
	assert.Len(t, s3.actions, len(actions))
	levels := map[string]accessLevel{
		"List": levelList, "Read": levelRead, "Write": levelWrite,
		"Permissions management": levelPermissions, "Tagging": levelTagging,
	}
	for key, want := range actions {
		got := s3.action(want.Name)
		if !assert.NotNil(t, got, "action %s", want.Name) {
			continue
		}
		assert.Equal(t, strings.ToLower(got.name), key)
		assert.Equal(t, want.Name, got.name)
		first, _, _ := strings.Cut(want.AccessLevel, ",")
		assert.Equal(t, levels[first], got.level, "access level of %s", want.Name)

		type typeRef struct {
			Name     string
			Required bool
		}
		var wantTypes, gotTypes []typeRef
		for _, rt := range want.ResourceTypes {
			wantTypes = append(wantTypes, typeRef{strings.ToLower(rt.Name), rt.Required})
		}
		for _, ref := range got.types {
			gotTypes = append(gotTypes, typeRef{strings.ToLower(s3.resourceTypes[ref.index].name), ref.required})
		}
		byName := func(a, b typeRef) int { return strings.Compare(a.Name, b.Name) }
		slices.SortFunc(wantTypes, byName)
		slices.SortFunc(gotTypes, byName)
		if diff := cmp.Diff(wantTypes, gotTypes); diff != "" {
			t.Errorf("resource types of %s (-want +got):\n%s", want.Name, diff)
		}
	}
}

func TestIAMTableCoversS3ResourceTypes(t *testing.T) {
	var types map[string]struct {
		Key string `json:"key"`
		ARN string `json:"arn"`
	}
	readIAMFile(t, "resourceTypes/s3.json", &types)
	require.Len(t, types, 13)

	s3 := iam().service("s3")
	require.NotNil(t, s3)
	got := make(map[string][]string)
	for _, rt := range s3.resourceTypes {
		for _, tmpl := range rt.templates {
			got[rt.name] = append(got[rt.name], tmpl.text)
		}
	}
	want := make(map[string][]string)
	for _, rt := range types {
		want[rt.Key] = strings.Split(rt.ARN, ", ")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("S3 resource types (-want +got):\n%s", diff)
	}
}

type keyJSON struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

// checkKey checks that the table has a key with the given type. The
// table writes the placeholders "<key>" and "/tag-key" as ${...}, so the
// test looks keys up with a sample tag key in place of a placeholder.
func checkKey(t *testing.T, want keyJSON) *keyInfo {
	t.Helper()
	name := want.Key
	for _, placeholder := range []string{"${TagKey}", "<key>", "tag-key"} {
		name = strings.Replace(name, placeholder, "Project", 1)
	}
	got := iam().key(name)
	if !assert.NotNil(t, got, "condition key %s", want.Key) {
		return nil
	}
	if !got.mixed {
		assert.Equal(t, strings.HasPrefix(want.Type, "ArrayOf"), got.multi, "ArrayOf in type of %s", want.Key)
	}
	assert.Equal(t, strings.TrimPrefix(want.Type, "ArrayOf"), got.typ.String(), "type of %s", want.Key)
	return got
}

func TestIAMTableCoversS3ConditionKeys(t *testing.T) {
	var keys map[string]keyJSON
	readIAMFile(t, "conditionKeys/s3.json", &keys)
	require.Len(t, keys, 62)

	for _, want := range keys {
		got := checkKey(t, want)
		if got != nil && !got.global {
			assert.Contains(t, got.services, "s3", "services of %s", want.Key)
		}
	}
}

func TestIAMTableCoversGlobalKeys(t *testing.T) {
	var keys []keyJSON
	readIAMFile(t, "global-condition-keys.json", &keys)
	require.Len(t, keys, 59)

	for _, want := range keys {
		if got := checkKey(t, want); got != nil {
			assert.True(t, got.global, "%s is global", want.Key)
		}
	}
}

func TestIAMTableLicense(t *testing.T) {
	license, err := os.ReadFile(filepath.Join("testdata", "iam", "LICENSE.txt"))
	require.NoError(t, err)
	table, err := os.ReadFile("iamdata.go")
	require.NoError(t, err)

	header, _, found := strings.Cut(string(table), "\npackage policy")
	require.True(t, found)
	for _, line := range strings.Split(strings.TrimSpace(string(license)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			assert.Contains(t, header, line)
		}
	}
}

func TestIAMTableLookups(t *testing.T) {
	ix := iam()
	tests := []struct {
		name string
		key  string
		want string // the key as the table spells it, "" when unknown
	}{
		{"exact key", "s3:prefix", "s3:prefix"},
		{"key in other case", "S3:PREFIX", "s3:prefix"},
		{"tag key placeholder", "aws:ResourceTag/team", "aws:ResourceTag/${TagKey}"},
		{"tag key needs a name", "aws:ResourceTag/", ""},
		{"placeholder inside a key", "kms:EncryptionContext:aws:s3:arn", "kms:EncryptionContext:${EncryptionContextKey}"},
		{"unknown key", "s3:prefixes", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ix.key(tc.key)
			if tc.want == "" {
				assert.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tc.want, got.name)
		})
	}

	s3 := ix.service("S3")
	require.NotNil(t, s3)
	assert.Equal(t, "GetObject", s3.action("getobject").name)
	assert.Nil(t, s3.action("GetObjects"))
	assert.Equal(t, "GetObject", s3.closestAction("GetObjet"))
	assert.Empty(t, s3.closestAction("Frobnicate"))
	assert.Len(t, s3.matchActions("GetObjectVersion*"), 8)
}
