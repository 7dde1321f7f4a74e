package buildcheck

import (
	"bytes"
	"errors"
	"go/build/constraint"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot returns the root of the main module (two levels above this
// package when run by go test).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := FindRepoRoot(".")
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	return root
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	}
}

func violationPaths(root string, vs []Violation) []string {
	var out []string
	for _, v := range vs {
		rel, err := filepath.Rel(root, v.Path)
		if err != nil {
			rel = v.Path
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func TestRequiresJSWasm(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"//go:build js && wasm", true},
		{"//go:build wasm && js", true},
		{"//go:build js && wasm && !tinygo", true},
		{"//go:build (js && wasm) || (js && wasm && debug)", true},
		{"//go:build js && (wasm || (wasm && foo))", true},
		{"//go:build js", false},
		{"//go:build wasm", false},
		{"//go:build js || wasm", false},
		{"//go:build !js", false},
		{"//go:build linux", false},
		{"//go:build (js && wasm) || linux", false},
		{"//go:build js && wasm || !js && !wasm", false},
		{"//go:build js && !wasm", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			expr, err := constraint.Parse(tt.line)
			require.NoError(t, err)
			assert.Equal(t, tt.want, RequiresJSWasm(expr))
		})
	}
	t.Run("nil", func(t *testing.T) {
		assert.False(t, RequiresJSWasm(nil))
	})
	t.Run("too many tags is rejected", func(t *testing.T) {
		line := "//go:build js && wasm"
		for i := 0; i < maxTags; i++ {
			line += " && !t" + string(rune('a'+i))
		}
		expr, err := constraint.Parse(line)
		require.NoError(t, err)
		assert.False(t, RequiresJSWasm(expr))
	})
}

func TestFileConstraint(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    string // expr.String(), "" for none
		wantErr bool
	}{
		{"plain", "//go:build js && wasm\n\npackage p\n", "js && wasm", false},
		{"after copyright", "// Copyright x\n\n//go:build js && wasm\n\npackage p\n", "js && wasm", false},
		{"in doc group", "//go:build js && wasm\n// Package p does x.\npackage p\n", "js && wasm", false},
		{"none", "package p\n", "", false},
		{"legacy plus-build only", "// +build js,wasm\n\npackage p\n", "", false},
		{"after package clause", "package p\n\n//go:build js && wasm\n", "", false},
		{"inside block comment", "/*\n//go:build js && wasm\n*/\n\npackage p\n", "", false},
		{"two lines", "//go:build js\n//go:build wasm\n\npackage p\n", "", true},
		{"bad syntax", "//go:build js &&\n\npackage p\n", "", true},
		{"no package clause", "//go:build js && wasm\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr, err := FileConstraint([]byte(tt.src))
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			if tt.want == "" {
				assert.Nil(t, expr)
				return
			}
			require.NotNil(t, expr)
			assert.Equal(t, tt.want, expr.String())
		})
	}
}

// The checker itself, on a temp tree with good and bad files (design.md:
// "A host test fails if a file under bridge/ or wasm/ lacks the js && wasm
// constraint").
func TestCheckJSWasmConstraints(t *testing.T) {
	const good = "//go:build js && wasm\n\npackage bridge\n"
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"good.go":               good,
		"good_test.go":          "//go:build js && wasm\n\npackage bridge\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
		"also_good.go":          "// Copyright.\n\n//go:build wasm && js && !tinygo\n\npackage bridge\n",
		"missing.go":            "package bridge\n",
		"missing_test.go":       "package bridge\n",
		"js_only.go":            "//go:build js\n\npackage bridge\n",
		"either.go":             "//go:build js || wasm\n\npackage bridge\n",
		"legacy.go":             "// +build js,wasm\n\npackage bridge\n",
		"late.go":               "package bridge\n\n//go:build js && wasm\n",
		"suffix_js_wasm.go":     "package bridge\n",
		"broken.go":             "//go:build js &&\n\npackage bridge\n",
		"sub/deep.go":           "package sub\n",
		"sub/ok.go":             good,
		"testdata/ignored.go":   "package ignored\n",
		".hidden/ignored.go":    "package ignored\n",
		"_under/ignored.go":     "package ignored\n",
		"notes.txt":             "package nothing\n",
		"sub/testdata/x/bad.go": "package bad\n",
	})

	got, err := CheckJSWasmConstraints(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"broken.go",
		"either.go",
		"js_only.go",
		"late.go",
		"legacy.go",
		"missing.go",
		"missing_test.go",
		"sub/deep.go",
		"suffix_js_wasm.go",
	}, violationPaths(dir, got))
	for _, v := range got {
		assert.NotEmpty(t, v.Reason, v.Path)
		assert.True(t, strings.HasPrefix(v.String(), v.Path+": "), v.String())
	}

	t.Run("all good", func(t *testing.T) {
		ok := t.TempDir()
		writeFiles(t, ok, map[string]string{"a.go": good, "b/b.go": good})
		got, err := CheckJSWasmConstraints(ok)
		require.NoError(t, err)
		assert.Empty(t, got)
	})
	t.Run("missing dir", func(t *testing.T) {
		_, err := CheckJSWasmConstraints(filepath.Join(dir, "nope"))
		assert.ErrorIs(t, err, fs.ErrNotExist)
	})
	t.Run("file instead of dir", func(t *testing.T) {
		_, err := CheckJSWasmConstraints(filepath.Join(dir, "good.go"))
		assert.Error(t, err)
	})
}

func TestCheckForbiddenImports(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"clean.go":         "package core\n\nimport (\n\t\"errors\"\n\t\"strconv\"\n)\n",
		"js.go":            "package core\n\nimport \"syscall/js\"\n",
		"tagged_js.go":     "//go:build js && wasm\n\npackage core\n\nimport js \"syscall/js\"\n",
		"safejs_test.go":   "package core\n\nimport _ \"github.com/hack-pad/safejs\"\n",
		"vert_sub.go":      "package core\n\nimport \"github.com/norunners/vert/internal/x\"\n",
		"lookalike.go":     "package core\n\nimport \"github.com/norunners/vertex\"\n",
		"sub/nested.go":    "package sub\n\nimport \"syscall/js\"\n",
		"testdata/skip.go": "package skip\n\nimport \"syscall/js\"\n",
		"broken.go":        "package core\n\nimport (\n",
	})
	forbidden := []string{"syscall/js", "github.com/hack-pad/safejs", "github.com/norunners/vert"}
	got, err := CheckForbiddenImports(dir, forbidden)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"broken.go",
		"js.go",
		"safejs_test.go",
		"sub/nested.go",
		"tagged_js.go",
		"vert_sub.go",
	}, violationPaths(dir, got))

	_, err = CheckForbiddenImports(filepath.Join(dir, "nope"), forbidden)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestFindRepoRoot(t *testing.T) {
	root := repoRoot(t)
	got, err := FindRepoRoot(filepath.Join(root, "internal", "buildcheck"))
	require.NoError(t, err)
	assert.Equal(t, root, got)

	other := t.TempDir()
	writeFiles(t, other, map[string]string{"go.mod": "module example.com/other\n", "a/b/x.txt": ""})
	_, err = FindRepoRoot(filepath.Join(other, "a", "b"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// design.md: every file under bridge/ and wasm/ is js && wasm only. Passes
// (as a skip) while a folder does not exist yet.
func TestRepoJSWasmOnlyFolders(t *testing.T) {
	root := repoRoot(t)
	for _, rel := range []string{"bridge", "wasm", "scripts/emptywasm"} {
		t.Run(rel, func(t *testing.T) {
			got, err := CheckJSWasmConstraints(filepath.Join(root, filepath.FromSlash(rel)))
			if errors.Is(err, fs.ErrNotExist) {
				t.Skipf("%s/ does not exist yet", rel)
			}
			require.NoError(t, err)
			for _, v := range got {
				t.Errorf("%s", v)
			}
		})
	}
}

// contracts.md: no package under core/ imports syscall/js, safejs or vert.
func TestRepoCoreImports(t *testing.T) {
	root := repoRoot(t)
	got, err := CheckForbiddenImports(filepath.Join(root, "core"),
		[]string{"syscall/js", "github.com/hack-pad/safejs", "github.com/norunners/vert"})
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("core/ does not exist yet")
	}
	require.NoError(t, err)
	for _, v := range got {
		t.Errorf("%s", v)
	}
}

// design.md: wasm_exec.js always comes from the toolchain that built the
// module. build.sh copies it to the repo root and to web/dist/; both copies
// must equal $(go env GOROOT)/lib/wasm/wasm_exec.js. Skipped when a copy is
// absent, unless WASM_BUILT=1 (set by the Makefile right after build).
func TestWasmExecJSMatchesToolchain(t *testing.T) {
	root := repoRoot(t)
	goroot := goEnvGOROOT(t)
	want, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	require.NoError(t, err, "toolchain wasm_exec.js")
	require.NotEmpty(t, want)

	for _, rel := range []string{"wasm_exec.js", "web/dist/wasm_exec.js"} {
		t.Run(rel, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if errors.Is(err, fs.ErrNotExist) && os.Getenv("WASM_BUILT") != "1" {
				t.Skipf("%s not built yet (set WASM_BUILT=1 to require it)", rel)
			}
			require.NoError(t, err)
			assert.True(t, bytes.Equal(want, got),
				"%s differs from %s/lib/wasm/wasm_exec.js: rebuild with ./build.sh", rel, goroot)
		})
	}
}

// goEnvGOROOT asks the go command in PATH (the one running this test) for
// its GOROOT.
func goEnvGOROOT(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err, "go env GOROOT")
	goroot := strings.TrimSpace(string(out))
	require.NotEmpty(t, goroot)
	return goroot
}
