package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startDemo runs the command with args plus -port 0 and returns its base URL
// and a stop function that cancels it and returns run's result.
func startDemo(t *testing.T, args ...string) (string, *lockedBuffer, func() error) {
	t.Helper()
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append(args, "-port", "0"), pw, &stderr)
		_ = pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "stderr: %s", stderr.String())
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	require.True(t, strings.HasPrefix(line, "Demo checkout: http://127.0.0.1:"), line)
	url := strings.TrimSpace(strings.TrimPrefix(line, "Demo checkout: "))
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("run did not return after cancel")
			}
		})
		return result
	}
	t.Cleanup(func() { _ = stop() })
	return url, &stderr, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRunServesAndShutsDown(t *testing.T) {
	web := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(web, "checkout.js"), []byte("ok()"), 0o644))
	data := filepath.Join(t.TempDir(), "data")
	url, stderr, stop := startDemo(t, "-addr", "127.0.0.1", "-web", web, "-data", data)
	assert.True(t, strings.HasSuffix(url, "/"))

	code, body := get(t, url+"demo/config.json")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, `"nonce"`)
	code, body = get(t, url+"checkout.js")
	assert.Equal(t, 200, code)
	assert.Equal(t, "ok()", body)
	assert.DirExists(t, data)

	assert.NoError(t, stop(), "a cancelled run shuts down cleanly")
	assert.Contains(t, stderr.String(), "path=/checkout.js")
}

// Without -web the web/ folder next to the module root is used; when there
// is none, the server runs without static files.
func TestRunDefaultWebDir(t *testing.T) {
	t.Run("no module root", func(t *testing.T) {
		t.Chdir(t.TempDir())
		url, stderr, stop := startDemo(t, "-data", "d")
		code, body := get(t, url+"demo/")
		assert.Equal(t, 200, code)
		assert.Contains(t, body, "does not exist yet")
		assert.Contains(t, stderr.String(), "no web/ folder found")
		assert.NoError(t, stop())
		assert.DirExists(t, "d")
	})
	t.Run("module root found from a subdirectory", func(t *testing.T) {
		root := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(root, "web", "demo"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, "web", "demo", "index.html"), []byte("<p>demo page</p>"), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(root, "cmd", "demo"), 0o755))
		t.Chdir(filepath.Join(root, "cmd", "demo"))
		url, _, stop := startDemo(t, "-data", filepath.Join(root, "data"))
		code, body := get(t, url+"demo/")
		assert.Equal(t, 200, code)
		assert.Equal(t, "<p>demo page</p>", body)
		assert.NoError(t, stop())
	})
}

func TestDefaultWebDir(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644))
	deep := filepath.Join(root, "a", "b")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	assert.Equal(t, filepath.Join(root, "web"), defaultWebDir(deep))
	assert.Equal(t, filepath.Join(root, "web"), defaultWebDir(root))
	lonely := t.TempDir()
	assert.Equal(t, filepath.Join(lonely, "web"), defaultWebDir(lonely))
}

func TestRunErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	_, busyPort, _ := net.SplitHostPort(busy.Addr().String())
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"bad port", []string{"-port", "x"}},
		{"extra arguments", []string{"-data", t.TempDir(), "extra"}},
		{"web is a file", []string{"-web", file, "-data", t.TempDir()}},
		{"port in use", []string{"-web", t.TempDir(), "-data", t.TempDir(), "-port", busyPort}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, &out, &errOut)
			assert.Error(t, err)
			assert.NotContains(t, out.String(), "Demo checkout:")
		})
	}
	t.Run("-h prints usage and succeeds", func(t *testing.T) {
		var out, errOut bytes.Buffer
		assert.NoError(t, run(context.Background(), []string{"-h"}, &out, &errOut))
		assert.Contains(t, errOut.String(), "-port")
		assert.Contains(t, errOut.String(), "-web")
	})
}
