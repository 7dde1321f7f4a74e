package storeapi_test

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The wasm build must not link encoding/json (valuejson), html, fmt or log,
// and nothing under core/ may touch syscall/js, safejs or vert (design.md,
// contracts.md). Test files may import anything.
func TestNonTestFilesImportOnlyAllowedPackages(t *testing.T) {
	forbidden := []string{
		"encoding/json", "html", "fmt", "log", "syscall/js",
		"github.com/wcblocks/checkoutwasm/core/value/valuejson",
		"github.com/hack-pad/safejs", "github.com/norunners/vert",
	}
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	checked := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			assert.NotContains(t, forbidden, path, "%s imports %s", name, path)
		}
		checked++
	}
	assert.Positive(t, checked, "no non-test files found")
}
