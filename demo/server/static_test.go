package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	jsSource   = "console.log('checkout');\n"
	wasmSource = "\x00asm\x01\x00\x00\x00"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// webFixture builds a web/ folder like the real one.
func webFixture(t *testing.T, withDemo bool) string {
	t.Helper()
	root := t.TempDir()
	outside := t.TempDir()
	files := map[string][]byte{
		"checkout.js":           []byte(jsSource),
		"checkout.js.br":        []byte("BROTLI-BYTES"),
		"checkout.js.gz":        gz(t, jsSource),
		"dist/checkout.wasm":    []byte(wasmSource),
		"dist/checkout.wasm.gz": gz(t, wasmSource),
		"style.css":             []byte("body{}"),
		"checkout.d.ts":         []byte("export {};"),
		"notes.unknownext":      []byte("?"),
		".secret":               []byte("secret"),
		"docs/readme.txt":       []byte("docs"),
	}
	if withDemo {
		files["demo/index.html"] = []byte("<!doctype html><title>demo</title>")
		files["demo/app.js"] = []byte("app()")
	}
	for name, b := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(outside, "passwd"), []byte("root"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(root, "escape.txt")))
	return root
}

func webEnv(t *testing.T, withDemo bool) *testEnv {
	dir := webFixture(t, withDemo)
	return newEnv(t, func(c *Config) { c.WebDir = dir })
}

// Static files: MIME types (application/wasm for the module) and
// Cache-Control: no-cache.
func TestStaticContentTypes(t *testing.T) {
	e := webEnv(t, true)
	tests := []struct {
		path, ctype string
	}{
		{"/dist/checkout.wasm", "application/wasm"},
		{"/checkout.js", "text/javascript; charset=utf-8"},
		{"/demo/", "text/html; charset=utf-8"},
		{"/demo/index.html", "text/html; charset=utf-8"},
		{"/demo/app.js", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/checkout.d.ts", "text/plain; charset=utf-8"},
		{"/notes.unknownext", "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := e.do("GET", tt.path, "", map[string]string{"Accept-Encoding": "identity"})
			require.Equal(t, 200, resp.StatusCode)
			assert.Equal(t, tt.ctype, resp.Header.Get("Content-Type"))
			assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			assert.Empty(t, resp.Header.Get("Content-Encoding"))
		})
	}
}

// Precompressed siblings are served per Accept-Encoding, with
// Content-Encoding, the original Content-Type and Vary: Accept-Encoding.
func TestStaticPrecompressed(t *testing.T) {
	e := webEnv(t, true)
	tests := []struct {
		name, path, ae, enc string
		body                string // "" = compare by decoding
		vary                bool
	}{
		{"no Accept-Encoding", "/checkout.js", "", "", jsSource, true},
		{"identity only", "/checkout.js", "identity", "", jsSource, true},
		{"browser default prefers br", "/checkout.js", "gzip, deflate, br, zstd", "br", "BROTLI-BYTES", true},
		{"gzip only", "/checkout.js", "gzip", "gzip", "", true},
		{"x-gzip alias", "/checkout.js", "x-gzip", "gzip", "", true},
		{"higher q wins", "/checkout.js", "br;q=0.5, gzip;q=0.8", "gzip", "", true},
		{"q=0 refuses", "/checkout.js", "br;q=0, gzip;Q=0", "", jsSource, true},
		{"wildcard", "/checkout.js", "*", "br", "BROTLI-BYTES", true},
		{"wildcard but not br", "/checkout.js", "*;q=0.3, br;q=0", "gzip", "", true},
		{"bad q is 0", "/checkout.js", "br;q=x, gzip", "gzip", "", true},
		{"wasm has only .gz", "/dist/checkout.wasm", "br, gzip", "gzip", "", true},
		{"wasm, br only accepted", "/dist/checkout.wasm", "br", "", wasmSource, true},
		{"no siblings, no Vary", "/style.css", "br, gzip", "", "body{}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := e.do("GET", tt.path, "", map[string]string{"Accept-Encoding": tt.ae})
			require.Equal(t, 200, resp.StatusCode)
			assert.Equal(t, tt.enc, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, contentType(tt.path), resp.Header.Get("Content-Type"))
			if tt.vary {
				assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
			} else {
				assert.Empty(t, resp.Header.Get("Vary"))
			}
			if tt.body != "" {
				assert.Equal(t, tt.body, string(raw))
				return
			}
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			require.NoError(t, err)
			plain, err := io.ReadAll(zr)
			require.NoError(t, err)
			want, _ := os.ReadFile(filepath.Join(e.web, filepath.FromSlash(tt.path)))
			assert.Equal(t, string(want), string(plain))
		})
	}
}

func TestStaticHeadAndRange(t *testing.T) {
	e := webEnv(t, true)
	resp, raw := e.do("HEAD", "/dist/checkout.wasm", "", map[string]string{"Accept-Encoding": "identity"})
	assert.Equal(t, 200, resp.StatusCode)
	assert.Empty(t, raw)
	assert.Equal(t, int64(len(wasmSource)), resp.ContentLength)

	resp, raw = e.do("GET", "/dist/checkout.wasm", "", map[string]string{"Range": "bytes=0-3", "Accept-Encoding": "identity"})
	assert.Equal(t, 206, resp.StatusCode)
	assert.Equal(t, "\x00asm", string(raw))
}

func TestStaticRouting(t *testing.T) {
	e := webEnv(t, true)
	tests := []struct {
		name, method, path string
		status             int
		location           string
	}{
		{"root redirects to the demo", "GET", "/", 302, "/demo/"},
		{"demo without slash", "GET", "/demo", 301, "/demo/"},
		{"directory without slash", "GET", "/docs?x=1", 301, "/docs/?x=1"},
		{"directory without index is not listed", "GET", "/docs/", 404, ""},
		{"file in a directory", "GET", "/docs/readme.txt", 200, ""},
		{"dot file hidden", "GET", "/.secret", 404, ""},
		{"symlink out of the root", "GET", "/escape.txt", 404, ""},
		{"missing file", "GET", "/missing.js", 404, ""},
		{"POST to a static file", "POST", "/checkout.js", 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := e.do(tt.method, tt.path, "", nil)
			assert.Equal(t, tt.status, resp.StatusCode)
			if tt.location != "" {
				assert.Equal(t, tt.location, resp.Header.Get("Location"))
			}
		})
	}
}

// /demo/ without web/demo/index.html serves a placeholder that says so.
func TestDemoPlaceholder(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  func(t *testing.T) *testEnv
	}{
		{"web dir without demo", func(t *testing.T) *testEnv { return webEnv(t, false) }},
		{"no web dir at all", func(t *testing.T) *testEnv { return newEnv(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.env(t)
			resp, raw := e.do("GET", "/demo/", "", nil)
			assert.Equal(t, 200, resp.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
			assert.Contains(t, string(raw), "web/demo/index.html")
			assert.Contains(t, string(raw), "does not exist yet")
			if e.web == "" {
				resp, _ = e.do("GET", "/checkout.js", "", nil)
				assert.Equal(t, 404, resp.StatusCode, "no web dir: no static files")
			}
		})
	}
}

func TestAcceptQ(t *testing.T) {
	tests := []struct {
		ae, coding string
		want       float64
	}{
		{"", "br", 0},
		{"br", "br", 1},
		{"BR", "br", 1},
		{"gzip;q=0.4", "gzip", 0.4},
		{"gzip ; q = 0.4", "gzip", 0.4},
		{"x-gzip;q=0.2", "gzip", 0.2},
		{"*;q=0.7", "br", 0.7},
		{"*;q=0.7, br;q=0", "br", 0},
		{"deflate", "gzip", 0},
		{"br;level=5", "br", 1},
	}
	for _, tt := range tests {
		t.Run(tt.ae+"/"+tt.coding, func(t *testing.T) {
			assert.InDelta(t, tt.want, acceptQ(tt.ae, tt.coding), 1e-9)
		})
	}
}

func TestContentTypeFallback(t *testing.T) {
	assert.Equal(t, "application/wasm", contentType("x/y.WASM"))
	assert.Equal(t, "application/octet-stream", contentType("file"))
	assert.NotEmpty(t, contentType("a.pdf"))
}
