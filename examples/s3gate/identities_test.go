package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/evaluator"
)

func TestCheckDuplicateKeys(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{"no duplicates", `{"a": {"b": 1, "c": [{"b": 2}, {"b": 3}]}}`, ""},
		{"top level", `{"a": 1, "a": 2}`, `a: duplicate key "a"`},
		{"nested object", `{"a": {"b": 1, "b": 2}}`, `a.b: duplicate key "b"`},
		{"inside array", `{"list": [{"x": 1}, {"x": 1, "x": 2}]}`, `list[1].x: duplicate key "x"`},
		{"syntax error left to decoder", `{"a": `, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkDuplicateKeys([]byte(tc.doc))
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.EqualError(t, err, tc.wantErr)
		})
	}
}

func TestLoadIdentities(t *testing.T) {
	ids, err := loadIdentities("testdata/identities.json")
	require.NoError(t, err)
	require.Len(t, ids, 3)
	assert.Equal(t, "arn:aws:iam::111122223333:role/ingest/uploader", ids[1].Principal)
	assert.Len(t, ids[1].Policies, 1)
	assert.Equal(t, map[string]string{"clearance": "confidential"}, ids[2].Tags)
}

func TestLoadIdentitiesErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{"trailing data", `{"identities": []} {}`, "unexpected data after the top-level object"},
		{"missing principal", `{"identities": [{"tags": {}}]}`, "identities[0].principal: missing or empty"},
		{"wrong type", `{"identities": {}}`, "cannot unmarshal object"},
		{"missing policy file", `{"identities": [{"principal": "arn:aws:iam::111122223333:user/a", "policies": ["none.json"]}]}`,
			"identities[0].policies[0]: evaluator: open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writeTestFile(t, dir, tc.name+".json", tc.doc)
			_, err := loadIdentities(file)
			require.Error(t, err)
			assert.Contains(t, err.Error(), file)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestResolveCaller(t *testing.T) {
	g, _ := newTestGateway(t)
	tests := []struct {
		name       string
		header     string
		wantType   evaluator.PrincipalType
		wantIssuer string
		wantTags   map[string]string
		wantKnown  bool
	}{
		{"no header is anonymous", "", evaluator.PrincipalAnonymous, "", nil, false},
		{"known user", alice, evaluator.PrincipalUser, "", map[string]string{"team": "reports"}, true},
		{"unknown user", "arn:aws:iam::111122223333:user/mallory", evaluator.PrincipalUser, "", nil, false},
		{"session of known role gets its path", uploader, evaluator.PrincipalRoleSession,
			"arn:aws:iam::111122223333:role/ingest/uploader", map[string]string{"team": "ingest"}, true},
		{"session of unknown role", "arn:aws:sts::111122223333:assumed-role/other/s1", evaluator.PrincipalRoleSession,
			"arn:aws:iam::111122223333:role/other", nil, false},
		{"session of same name in other account", "arn:aws:sts::444455556666:assumed-role/uploader/s1",
			evaluator.PrincipalRoleSession, "arn:aws:iam::444455556666:role/uploader", nil, false},
		{"known role itself", "arn:aws:iam::111122223333:role/ingest/uploader", evaluator.PrincipalRole,
			"arn:aws:iam::111122223333:role/ingest/uploader", map[string]string{"team": "ingest"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := g.resolveCaller(tc.header)
			require.NoError(t, err)
			assert.Equal(t, tc.wantType, c.principal.Type())
			assert.Equal(t, tc.wantIssuer, c.principal.Issuer())
			assert.Equal(t, tc.wantTags, c.tags)
			assert.Equal(t, tc.wantKnown, c.identity != g.stranger)
		})
	}

	_, err := g.resolveCaller("arn:aws:iam::111122223333:group/admins")
	assert.ErrorIs(t, err, evaluator.ErrInvalidPrincipal)
}
