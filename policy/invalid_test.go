package policy_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iameval/iameval/policy"
)

// TestInvalidDocuments parses the malformed documents under
// testdata/invalid, found in published AWS documentation and policy
// collections, and checks where each error points. first is the earlier
// key of a duplicate pair, "" for other errors.
func TestInvalidDocuments(t *testing.T) {
	tests := []struct {
		file  string
		kind  error
		path  string
		pos   string // "line:column"
		first string // "line:column"
	}{
		{"iamug-access-advisor-missing-closing-brace", policy.ErrInvalidJSON, "", "12:1", ""},
		{"iamug-condition-in-statement-array", policy.ErrInvalidJSON, "", "4:20", ""},
		{"iamug-kms-statement-trailing-comma", policy.ErrInvalidJSON, "", "13:2", ""},
		{"iamug-passrole-bare-statements", policy.ErrInvalidJSON, "", "6:6", ""},
		{"iamug-troubleshoot-duplicate-effect-key", policy.ErrDuplicateKey, "Statement.Effect", "5:9", "4:9"},
		{"iamug-troubleshoot-duplicate-resource-key", policy.ErrDuplicateKey, "Statement.Resource", "7:9", "6:9"},
		{"iamug-troubleshoot-duplicate-statement-key", policy.ErrDuplicateKey, "Statement", "8:7", "3:7"},
		{"iamug-troubleshoot-two-policy-objects", policy.ErrInvalidJSON, "", "10:5", ""},
		{"iamug-variables-missing-condition-key", policy.ErrInvalidJSON, "", "12:5", ""},
		{"mamip-AWSCodePipelineFullAccess", policy.ErrInvalidJSON, "", "1:1", ""},
		{"mamip-AWSECRPullThroughCacheServiceRolePolicy", policy.ErrInvalidJSON, "", "1:1", ""},
		{"s3ug-batch-ops-tags-nbsp-indentation", policy.ErrInvalidJSON, "", "2:1", ""},
		{"s3ug-outposts-ap-policy-unterminated-string", policy.ErrInvalidJSON, "", "12:132", ""},
		{"s3ug-replication-change-owner-ellipsis", policy.ErrInvalidJSON, "", "1:1", ""},
		{"s3ug-replication-kms-two-statements-no-array", policy.ErrInvalidJSON, "", "15:2", ""},
		{"s3ug-replication-perm-ellipsis", policy.ErrInvalidJSON, "", "1:1", ""},
	}

	files := corpusFiles(t, "testdata/invalid")
	require.Len(t, files, len(tests), "every file under testdata/invalid needs a row")

	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data := readTestdata(t, filepath.Join("testdata/invalid", tc.file+".json"))
			_, err := policy.Parse(data)

			var perr *policy.ParseError
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, tc.kind, "error: %v", err)
			require.Equal(t, tc.path, perr.Path, "error: %v", err)
			require.Equal(t, tc.pos, lineColumn(perr.Position), "error: %v", err)
			require.Equal(t, tc.first, lineColumn(perr.Previous), "error: %v", err)

			offset := perr.Offset
			require.LessOrEqual(t, offset, len(data))
			require.Equal(t, perr.Line, 1+strings.Count(string(data[:offset]), "\n"))
		})
	}
}

func lineColumn(p policy.Position) string {
	if !p.IsValid() {
		return ""
	}
	return strings.TrimPrefix(strings.ReplaceAll(p.String(), ", column ", ":"), "line ")
}
