package main

import (
	"crypto/md5"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"time"
)

// object is a stored object. It is never changed once stored: a PUT
// replaces it with a new one, so a reader may keep it without a lock.
type object struct {
	data        []byte
	contentType string
	tags        map[string]string
	etag        string // quoted hex MD5 of data, as S3 returns for a single PUT
	modified    time.Time
}

func newObject(data []byte, contentType string, tags map[string]string, modified time.Time) *object {
	sum := md5.Sum(data)
	return &object{
		data:        data,
		contentType: contentType,
		tags:        tags,
		etag:        `"` + hex.EncodeToString(sum[:]) + `"`,
		modified:    modified.UTC(),
	}
}

// store holds the objects of the bucket in memory. It is safe for
// concurrent use.
type store struct {
	mu      sync.RWMutex
	objects map[string]*object
}

func newStore() *store {
	return &store{objects: make(map[string]*object)}
}

func (s *store) get(key string) (*object, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	obj, ok := s.objects[key]
	return obj, ok
}

func (s *store) put(key string, obj *object) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects[key] = obj
}

func (s *store) delete(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.objects, key)
}

// listing is one page of a ListObjectsV2 result.
type listing struct {
	keys      []string // object keys, sorted
	prefixes  []string // common prefixes, sorted
	truncated bool
	last      string // the last key or prefix of the page, for the continuation token
}

// list returns up to maxKeys keys and common prefixes that start with
// prefix and sort after after, as ListObjectsV2 does. With a delimiter,
// keys that contain it after the prefix are rolled up into one common
// prefix each, which counts once towards maxKeys.
func (s *store) list(prefix, delimiter, after string, maxKeys int) listing {
	s.mu.RLock()
	keys := make([]string, 0, len(s.objects))
	for key := range s.objects {
		if strings.HasPrefix(key, prefix) && key > after {
			keys = append(keys, key)
		}
	}
	s.mu.RUnlock()
	slices.Sort(keys)

	var out listing
	for _, key := range keys {
		entry, isPrefix := key, false
		if delimiter != "" {
			if i := strings.Index(key[len(prefix):], delimiter); i >= 0 {
				entry, isPrefix = key[:len(prefix)+i+len(delimiter)], true
			}
		}
		if isPrefix && (entry == out.last || entry <= after) {
			continue // rolled up already, on this page or an earlier one
		}
		if len(out.keys)+len(out.prefixes) == maxKeys {
			out.truncated = true
			break
		}
		if isPrefix {
			out.prefixes = append(out.prefixes, entry)
		} else {
			out.keys = append(out.keys, entry)
		}
		out.last = entry
	}
	return out
}
