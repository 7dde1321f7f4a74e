package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	tests := []struct {
		name string
		cfg  Config
		msg  string
	}{
		{"no DataDir", Config{}, "DataDir is required"},
		{"WebDir missing", Config{DataDir: t.TempDir(), WebDir: filepath.Join(t.TempDir(), "nope")}, "WebDir"},
		{"WebDir is a file", Config{DataDir: t.TempDir(), WebDir: file}, "is not a directory"},
		{"DataDir below a file", Config{DataDir: filepath.Join(file, "data")}, "DataDir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.cfg)
			assert.Nil(t, s)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	t.Run("DataDir is created", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		_, err := New(Config{DataDir: dir})
		require.NoError(t, err)
		assert.DirExists(t, dir)
	})
}

// syncBuffer is a bytes.Buffer safe for the logger and the test together.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRequestLog(t *testing.T) {
	var buf syncBuffer
	e := newEnv(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&buf, nil)) })
	e.do("GET", "/orders.json", "", nil)
	e.checkout(body(nil), map[string]string{"Idempotency-Key": "log"})
	e.checkout(body(nil), map[string]string{"Idempotency-Key": "log"})
	out := buf.String()
	assert.Contains(t, out, "path=/orders.json status=200")
	assert.Contains(t, out, "msg=checkout status=200 order_id=1001 payment_method=bacs")
	assert.Contains(t, out, "msg=\"checkout replayed\" idempotency_key=log order_id=1001")
}

// Serve shuts down gracefully when its context ends and returns nil.
func TestServeShutdown(t *testing.T) {
	s, err := New(Config{DataDir: t.TempDir()})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/orders.json")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "[]", string(b))

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	_, err = http.Get("http://" + ln.Addr().String() + "/orders.json")
	assert.Error(t, err, "the listener is closed")
}

func TestServeErrors(t *testing.T) {
	t.Run("serve error is returned", func(t *testing.T) {
		s, err := New(Config{DataDir: t.TempDir()})
		require.NoError(t, err)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		require.NoError(t, ln.Close())
		assert.Error(t, s.Serve(context.Background(), ln))
	})
}

// Many concurrent checkouts with distinct keys each get their own order id,
// and concurrent retries of one key place one order (D21).
func TestConcurrentCheckouts_D21(t *testing.T) {
	e := newEnv(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			e.checkout(body(nil), map[string]string{"Idempotency-Key": "same"})
		}()
		go func() {
			defer wg.Done()
			e.checkout(body(nil), map[string]string{"Idempotency-Key": "k" + string(rune('a'+i))})
		}()
	}
	wg.Wait()
	orders := storedOrders(t, e.srv)
	assert.Len(t, orders, 9)
	seen := map[int]bool{}
	for _, o := range orders {
		assert.False(t, seen[o.ID], "duplicate id %d", o.ID)
		seen[o.ID] = true
	}
}
