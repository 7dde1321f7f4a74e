package buildcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestModuleLinksNoCostlyStdlib links ./wasm for js/wasm with the linker's
// reachability dump (-ldflags=-dumpdep) and fails when code the module was
// cut loose from is reachable again (README "What the module's bytes are"):
// the standard time and context packages and internal/godebug (~54 KiB
// brotli; use internal/lite/time and internal/lite/context), errors.As (links
// internal/reflectlite's Value code, ~8 KiB; use errors.AsType or errors.Is),
// fmt, reflect and encoding/json.
func TestModuleLinksNoCostlyStdlib(t *testing.T) {
	if testing.Short() {
		t.Skip("links the module (-short)")
	}
	root := repoRoot(t)
	cmd := exec.Command("go", "build", "-o", filepath.Join(t.TempDir(), "m.wasm"), "-ldflags=-dumpdep", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%.2000s", out)
	reached := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if _, to, ok := strings.Cut(line, " -> "); ok {
			reached[to] = true
		}
	}
	require.NotEmpty(t, reached, "no -dumpdep output")
	// Runtime functions the linker names after the package they serve
	// (go:linkname; internal/lite/time uses them as package time does) and
	// argument-info metadata are not that package's code.
	runtimeProvided := map[string]bool{"time.now": true, "time.newTimer": true, "time.stopTimer": true, "time.resetTimer": true}
	forbidden := []string{"time.", "context.", "internal/godebug.", "internal/bisect.", "errors.As", "fmt.", "reflect.", "encoding/json."}
	for _, prefix := range forbidden {
		t.Run(prefix, func(t *testing.T) {
			var hits []string
			for sym := range reached {
				if strings.HasPrefix(sym, prefix) && !strings.HasPrefix(sym, "errors.AsType") &&
					!runtimeProvided[sym] && !strings.Contains(sym, ".arginfo") {
					hits = append(hits, sym)
				}
			}
			assert.Empty(t, hits, "reachable in the module again; `GOOS=js GOARCH=wasm go build -ldflags=-dumpdep ./wasm` shows what reaches them")
		})
	}
}
