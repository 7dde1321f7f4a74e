package wasmpack

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStripLinesRealModule builds testdata/stripprog for js/wasm, strips
// and packs it as build.sh does, and runs it under Node: the program must
// behave the same, only file:line in tracebacks and runtime.Caller become
// "?" and 0.
func TestStripLinesRealModule(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not in PATH")
	}
	dir := t.TempDir()
	wasm := filepath.Join(dir, "prog.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./testdata/stripprog")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	in, err := os.ReadFile(wasm)
	require.NoError(t, err)
	execJS := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js")
	run := func(t *testing.T, wasm []byte, args ...string) (string, error) {
		f := filepath.Join(t.TempDir(), "m.wasm")
		require.NoError(t, os.WriteFile(f, wasm, 0o644))
		out, err := exec.Command(node, append([]string{execJS, f}, args...)...).CombinedOutput()
		return string(out), err
	}

	stripped, cleared, err := StripLines(in)
	require.NoError(t, err)
	assert.Greater(t, cleared, 1000, "line tables found and cleared")
	packed, _, _, err := PackData(stripped, 1024)
	require.NoError(t, err)
	assert.Equal(t, memOf(t, stripped), memOf(t, packed), "packing keeps the stripped image")
	assert.Equal(t, len(memOf(t, in)), len(memOf(t, stripped)), "no byte moves")

	const want = "deep: 101225\nrecovered: assignment to entry in nil map\ncaller: main.main "
	t.Run("the unstripped program reports file:line", func(t *testing.T) {
		out, err := run(t, in)
		require.NoError(t, err, out)
		assert.Regexp(t, "^"+regexp.QuoteMeta(want)+`\S*main\.go:\d+\n$`, out)
	})
	t.Run("the stripped program runs the same (GC, stack growth in 50 goroutines, recover); file:line are ?:0", func(t *testing.T) {
		out, err := run(t, packed)
		require.NoError(t, err, out)
		assert.Equal(t, want+"?:0\n", out)
	})
	t.Run("a panic in the stripped program prints function names without lines", func(t *testing.T) {
		out, err := run(t, packed, "panic")
		require.Error(t, err)
		assert.Contains(t, out, "panic: boom")
		assert.Contains(t, out, "main.main()")
		assert.Contains(t, out, "\t?:0")
		assert.NotContains(t, out, "main.go:")
	})
	t.Run("a module without a Go pclntab is left as it is, with an error", func(t *testing.T) {
		m := module([]segment{{offset: 8, data: []byte{1, 2, 3}}}, false, nil)
		got, _, err := StripLines(m)
		require.Error(t, err)
		assert.Equal(t, m, got)
	})
}

// memOf is the memory image of wasm's data segments from offset 0.
func memOf(t *testing.T, wasm []byte) []byte {
	t.Helper()
	secs, err := Parse(wasm)
	require.NoError(t, err)
	for _, s := range secs {
		if s.ID == secData {
			segs, err := parseData(s.Payload)
			require.NoError(t, err)
			base, img, err := memoryImage(segs)
			require.NoError(t, err)
			return append(make([]byte, base), img...)
		}
	}
	return nil
}

func TestSplitZeros(t *testing.T) {
	tests := []struct {
		name string
		img  []byte
		want []segment
	}{
		{"no zeros", []byte{1, 2}, []segment{{offset: 100, data: []byte{1, 2}}}},
		{"short zero runs stay inside", []byte{1, 0, 0, 2}, []segment{{offset: 100, data: []byte{1, 0, 0, 2}}}},
		{"long runs split, edges trimmed", []byte{0, 0, 0, 1, 0, 0, 0, 0, 2, 0}, []segment{{offset: 103, data: []byte{1}}, {offset: 108, data: []byte{2}}}},
		{"all zeros", []byte{0, 0, 0, 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitZeros(100, tt.img, 3))
		})
	}
}
