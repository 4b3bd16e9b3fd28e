// Package fuzz holds the project's fuzz targets and the reference evaluator
// they compare the evaluator package with. It has no exported API: all of
// its code is in test files, and this file exists so that the folder is a
// normal package.
package fuzz
