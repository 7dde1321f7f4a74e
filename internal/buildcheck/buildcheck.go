// Package buildcheck holds the checks behind the project's build-tag and
// import rules (design.md "Rules that keep it that way"):
//
//   - every .go file under bridge/ and wasm/ (and scripts/emptywasm/) carries
//     a //go:build line that can only be true when both js and wasm are set;
//   - no file under core/ imports syscall/js, safejs or vert.
//
// The checks are plain functions over a directory so that they can be tested
// on temporary trees; buildcheck_test.go applies them to the repository.
// The package is host-only tooling and is never linked into the module.
package buildcheck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ModulePath is the module path of the main module; FindRepoRoot looks for
// the go.mod that declares it.
const ModulePath = "github.com/wcblocks/checkoutwasm"

// maxTags bounds the number of distinct tags in one //go:build expression
// that RequiresJSWasm will examine exhaustively (2^maxTags assignments).
const maxTags = 16

// Violation is one file that breaks a rule.
type Violation struct {
	// Path is the file path as found by the walk (dir joined with the
	// file's path relative to dir).
	Path string
	// Reason says which rule is broken, in words.
	Reason string
}

// String returns "path: reason".
func (v Violation) String() string { return v.Path + ": " + v.Reason }

// RequiresJSWasm reports whether expr can only be satisfied when both the js
// and the wasm tags are set, i.e. whether expr implies js && wasm. It
// decides this exactly by evaluating expr under every assignment of the tags
// it mentions; an expression with more than 16 distinct tags is reported as
// false (it is rejected rather than guessed at).
func RequiresJSWasm(expr constraint.Expr) bool {
	if expr == nil {
		return false
	}
	var tags []string
	collectTags(expr, map[string]bool{}, &tags)
	if len(tags) > maxTags {
		return false
	}
	sort.Strings(tags)
	for mask := 0; mask < 1<<len(tags); mask++ {
		set := map[string]bool{}
		for i, tag := range tags {
			set[tag] = mask&(1<<i) != 0
		}
		if expr.Eval(func(tag string) bool { return set[tag] }) && !(set["js"] && set["wasm"]) {
			return false
		}
	}
	return true
}

func collectTags(expr constraint.Expr, seen map[string]bool, tags *[]string) {
	switch e := expr.(type) {
	case *constraint.TagExpr:
		if !seen[e.Tag] {
			seen[e.Tag] = true
			*tags = append(*tags, e.Tag)
		}
	case *constraint.NotExpr:
		collectTags(e.X, seen, tags)
	case *constraint.AndExpr:
		collectTags(e.X, seen, tags)
		collectTags(e.Y, seen, tags)
	case *constraint.OrExpr:
		collectTags(e.X, seen, tags)
		collectTags(e.Y, seen, tags)
	}
}

// FileConstraint returns the //go:build expression in the header of the Go
// source src (the comment lines before the package clause). It returns
// (nil, nil) when the header has no //go:build line, and an error when the
// line does not parse, when there is more than one, or when src has no
// package clause.
func FileConstraint(src []byte) (constraint.Expr, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var found constraint.Expr
	for _, group := range f.Comments {
		if group.Pos() >= f.Package {
			break
		}
		for _, c := range group.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			if found != nil {
				return nil, errors.New("more than one //go:build line")
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return nil, err
			}
			found = expr
		}
	}
	return found, nil
}

// CheckJSWasmConstraints walks dir and returns one Violation for every .go
// file whose header lacks a //go:build line requiring js && wasm (see
// RequiresJSWasm); test files are included. Like the go command it skips
// directories named testdata and those starting with "." or "_". The file
// name suffixes _js/_wasm do not count: the line must be written out.
//
// Violations are sorted by path. A missing dir is reported as an error
// wrapping fs.ErrNotExist so that callers can treat "not written yet"
// separately; any other walk or read error stops the walk and is returned
// with the violations found so far.
func CheckJSWasmConstraints(dir string) ([]Violation, error) {
	var out []Violation
	err := walkGo(dir, func(path string, src []byte) {
		expr, err := FileConstraint(src)
		switch {
		case err != nil:
			out = append(out, Violation{path, "bad //go:build header: " + err.Error()})
		case expr == nil:
			out = append(out, Violation{path, "no //go:build line (want //go:build js && wasm)"})
		case !RequiresJSWasm(expr):
			out = append(out, Violation{path, "//go:build " + expr.String() + " does not require js && wasm"})
		}
	})
	sortViolations(out)
	return out, err
}

// CheckForbiddenImports walks dir like CheckJSWasmConstraints and returns
// one Violation per import of a forbidden package: an import path equal to
// an entry of forbidden or below it ("p" forbids "p" and "p/..."). Every
// .go file counts, whatever its build constraint. Files that do not parse
// are reported as violations too. Errors are reported as for
// CheckJSWasmConstraints.
func CheckForbiddenImports(dir string, forbidden []string) ([]Violation, error) {
	var out []Violation
	err := walkGo(dir, func(path string, src []byte) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.ImportsOnly)
		if err != nil {
			out = append(out, Violation{path, "does not parse: " + err.Error()})
			return
		}
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				continue
			}
			for _, bad := range forbidden {
				if imp == bad || strings.HasPrefix(imp, bad+"/") {
					out = append(out, Violation{path, "imports " + imp})
				}
			}
		}
	})
	sortViolations(out)
	return out, err
}

// FindRepoRoot walks up from start to the first directory whose go.mod
// declares ModulePath and returns it. It returns an error wrapping
// fs.ErrNotExist when no such directory exists above start.
func FindRepoRoot(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && modulePath(data) == ModulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod declaring %s at or above %s: %w", ModulePath, start, fs.ErrNotExist)
		}
		dir = parent
	}
}

func modulePath(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`)
		}
	}
	return ""
}

func walkGo(dir string, visit func(path string, src []byte)) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return errors.New(dir + " is not a directory")
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || !d.Type().IsRegular() {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		visit(path, src)
		return nil
	})
}

func sortViolations(v []Violation) {
	sort.SliceStable(v, func(i, j int) bool { return v[i].Path < v[j].Path })
}
