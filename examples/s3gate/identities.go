package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/iameval/iameval/evaluator"
)

// identitiesFile is the layout of the -identities file:
//
//	{
//	  "identities": [
//	    {
//	      "principal": "arn:aws:iam::111122223333:role/analytics",
//	      "policies": ["policies/analytics.json"],
//	      "tags": {"team": "analytics"}
//	    }
//	  ]
//	}
//
// Policy file names are relative to the folder of the identities file.
// Unknown members, duplicate keys and trailing data are errors.
type identitiesFile struct {
	Identities []struct {
		Principal string            `json:"principal"`
		Policies  []string          `json:"policies"`
		Tags      map[string]string `json:"tags"`
	} `json:"identities"`
}

// maxIdentitiesBytes bounds the identities file, which lists names and
// tags, not policies.
const maxIdentitiesBytes = 1 << 20

// loadIdentities reads the identities file and the policy files it names.
// Errors name the file and the JSON path of the offending member.
func loadIdentities(name string) ([]Identity, error) {
	data, err := readBounded(name, maxIdentitiesBytes)
	if err != nil {
		return nil, err
	}
	if err := checkDuplicateKeys(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var file identitiesFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: unexpected data after the top-level object", name)
	}

	dir := filepath.Dir(name)
	out := make([]Identity, 0, len(file.Identities))
	for i, entry := range file.Identities {
		at := "identities[" + strconv.Itoa(i) + "]"
		if entry.Principal == "" {
			return nil, fmt.Errorf("%s: %s.principal: missing or empty", name, at)
		}
		id := Identity{Principal: entry.Principal, Tags: entry.Tags}
		for j, policyFile := range entry.Policies {
			p, err := evaluator.LoadPolicyFile(filepath.Join(dir, policyFile))
			if err != nil {
				return nil, fmt.Errorf("%s: %s.policies[%d]: %w", name, at, j, err)
			}
			id.Policies = append(id.Policies, p)
		}
		out = append(out, id)
	}
	return out, nil
}

func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, limit)
	}
	return data, nil
}

// checkDuplicateKeys reports the first object in data that repeats a
// member name, with its JSON path, because encoding/json would silently
// keep the last value. Syntax errors are left to the decoder.
func checkDuplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	err := walkValue(dec, "")
	var syntax *syntaxError
	if errors.As(err, &syntax) {
		return nil // the decoder that follows reports it with its offset
	}
	return err
}

// syntaxError stops walkValue at invalid JSON.
type syntaxError struct{ err error }

func (e *syntaxError) Error() string { return e.err.Error() }

func walkValue(dec *json.Decoder, at string) error {
	tok, err := dec.Token()
	if err != nil {
		return &syntaxError{err}
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			keyTok, err := dec.Token()
			if err != nil {
				return &syntaxError{err}
			}
			key, _ := keyTok.(string)
			path := key
			if at != "" {
				path = at + "." + key
			}
			if seen[key] {
				return fmt.Errorf("%s: duplicate key %q", path, key)
			}
			seen[key] = true
			if err := walkValue(dec, path); err != nil {
				return err
			}
		}
		_, _ = dec.Token() // '}'
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if err := walkValue(dec, at+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		_, _ = dec.Token() // ']'
	}
	return nil
}
