package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunCountsTestsAndSubtests(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN TestA\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA/sub"}`,
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:3: boom\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestB"}`,
		`{"Action":"skip","Package":"p","Test":"TestC"}`,
		`{"Action":"output","Package":"p","Output":"coverage: 91.0% of statements\n"}`,
		`{"Action":"fail","Package":"p","Elapsed":0.5}`,
		`{"Action":"output","Package":"q","Output":"coverage: 100.0% of statements\n"}`,
		`{"Action":"pass","Package":"q","Elapsed":0.25}`,
		`{"Action":"skip","Package":"r"}`,
		`not json: a build error line`,
	}, "\n")
	var out strings.Builder
	s, err := run(strings.NewReader(in), &out)
	require.NoError(t, err)
	assert.Equal(t, 2, s.passed)
	assert.Equal(t, 1, s.failed)
	assert.Equal(t, 1, s.skipped)
	assert.True(t, s.pkgFailed)
	got := out.String()
	assert.Contains(t, got, "b_test.go:3: boom", "a failing test's output is shown")
	assert.NotContains(t, got, "=== RUN TestA", "a passing test's output is not")
	assert.Contains(t, got, "FAIL\tp\t0.500s")
	assert.Contains(t, got, "ok  \tq\t0.250s\tcoverage: 100.0% of statements")
	assert.Contains(t, got, "?   \tr\t[no test files]")
	assert.Contains(t, got, "not json: a build error line")
	assert.True(t, strings.HasSuffix(got, "2 passed, 1 failed, 1 skipped\n"))
}

func TestRunPackageWithoutResultFails(t *testing.T) {
	var out strings.Builder
	s, err := run(strings.NewReader(`{"Action":"output","Package":"p","Output":"panic: x\n"}`), &out)
	require.NoError(t, err)
	assert.True(t, s.pkgFailed)
	assert.Contains(t, out.String(), "FAIL\tp (no result)\npanic: x")
}

func TestAppendCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "counts.txt")
	require.NoError(t, appendCounts("go-host", path, summary{passed: 5, failed: 1, skipped: 2}))
	require.NoError(t, appendCounts("wasm", path, summary{passed: 3}))
	require.NoError(t, appendCounts("", path, summary{passed: 9}), "no label: nothing written")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "go-host 5 1 2\nwasm 3 0 0\n", string(b))
	assert.Error(t, appendCounts("x", filepath.Join(t.TempDir(), "missing", "c.txt"), summary{}))
}
