package buildcheck

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOnlyJSVImportsSyscallJS is issue 9 point 1: bridge/jsv is the only
// package (tests aside) that imports syscall/js, so every JS operation the
// module performs goes through jsv's catching paths.
func TestOnlyJSVImportsSyscallJS(t *testing.T) {
	root := repoRoot(t)
	var bad []string
	err := walkGo(root, func(path string, src []byte) {
		rel, _ := filepath.Rel(root, path)
		if strings.HasSuffix(rel, "_test.go") || strings.HasPrefix(rel, filepath.Join("bridge", "jsv")+string(filepath.Separator)) ||
			strings.Contains(rel, "testdata") || strings.HasPrefix(rel, "node_modules") {
			return
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
		if err != nil {
			return
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"syscall/js"` {
				bad = append(bad, rel)
			}
		}
	})
	require.NoError(t, err)
	assert.Empty(t, bad, "only bridge/jsv may import syscall/js")
}

// unprotected are the syscall/js.Value methods that reach a wasm_exec.js
// import without try/catch (valueGet, valueSet, valueDelete, valueIndex,
// valueSetIndex, valueLength, valueInstanceOf), plus Call, whose failure
// path re-reads the property with valueGet. A JS exception there unwinds Go
// frames and kills the program.
var unprotected = map[string]bool{
	"Get": true, "Set": true, "Delete": true, "Index": true, "SetIndex": true,
	"Length": true, "InstanceOf": true, "Call": true,
}

// typeCheckJS type-checks the non-test files of the package in dir (a path
// relative to root) for js/wasm, with its dependencies' export data from
// `go list -export`, and returns its files and the selections.
func typeCheckJS(t *testing.T, root, rel string) (*token.FileSet, []*ast.File, *types.Info) {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}} {{.Export}}", "./"+rel)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	require.NoError(t, err)
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, " "); ok && file != "" {
			exports[path] = file
		}
	}
	lookup := func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) }
	dir := filepath.Join(root, rel)
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		require.NoError(t, err)
		files = append(files, f)
	}
	require.NotEmpty(t, files)
	info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	_, err = conf.Check(ModulePath+"/"+rel, fset, files, info)
	require.NoError(t, err)
	return fset, files, info
}

// jsValueCalls lists the syscall/js.Value methods selected in files.
func jsValueCalls(fset *token.FileSet, files []*ast.File, info *types.Info, visit func(sel *ast.SelectorExpr, method string)) {
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			s := info.Selections[sel]
			if s == nil || s.Kind() != types.MethodVal {
				return true
			}
			recv := s.Recv().String()
			if recv == "syscall/js.Value" || recv == "*syscall/js.Value" {
				visit(sel, sel.Sel.Name)
			}
			return true
		})
	}
}

// TestJSVUsesOnlyCatchingPrimitives is issue 9 point 1: type-checks
// bridge/jsv for js/wasm and lists every syscall/js method it calls. The
// unprotected ones may appear only in the one-time read of the engine's
// own builtins (the `builtins` initialiser), never on a value from a page.
func TestJSVUsesOnlyCatchingPrimitives(t *testing.T) {
	root := repoRoot(t)
	fset, files, info := typeCheckJS(t, root, "bridge/jsv")
	var inBuiltins []ast.Node
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "builtins" {
				inBuiltins = append(inBuiltins, vs)
			}
			return true
		})
	}
	inside := func(n ast.Node) bool {
		for _, b := range inBuiltins {
			if n.Pos() >= b.Pos() && n.End() <= b.End() {
				return true
			}
		}
		return false
	}
	used := map[string]bool{}
	var violations []string
	jsValueCalls(fset, files, info, func(sel *ast.SelectorExpr, m string) {
		used[m] = true
		if unprotected[m] && !inside(sel) {
			violations = append(violations, fset.Position(sel.Pos()).String()+": js.Value."+m)
		}
	})
	assert.Empty(t, violations, "unprotected syscall/js primitives outside the builtins initialiser")
	var names []string
	for m := range used {
		names = append(names, m)
	}
	sort.Strings(names)
	t.Logf("syscall/js.Value methods used by jsv: %s", strings.Join(names, ", "))
	assert.Contains(t, names, "Invoke", "the catching call path is what jsv is built on")
}

// TestNoRawJSValueOutsideJSV is issue 9 point 1: the packages that use jsv
// (bridge, wasm) never call a syscall/js.Value method on a value taken out
// with jsv.Unsafe, so every JS operation of the module goes through jsv.
func TestNoRawJSValueOutsideJSV(t *testing.T) {
	root := repoRoot(t)
	for _, rel := range []string{"bridge", "bridge/snapjson", "wasm"} {
		if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
			continue
		}
		fset, files, info := typeCheckJS(t, root, rel)
		var violations []string
		jsValueCalls(fset, files, info, func(sel *ast.SelectorExpr, m string) {
			violations = append(violations, fset.Position(sel.Pos()).String()+": js.Value."+m)
		})
		assert.Empty(t, violations, "%s calls syscall/js directly", rel)
	}
}
