package server

import (
	"os"
	"testing"
)

// TestMain keeps the tests' databases (t.TempDir, which follows TMPDIR) on
// tmpfs when the machine has /dev/shm. Every commit of the order database is
// fsynced (synchronous=FULL): right for the demo's orders, but on a busy disk
// it made this package's tests 5-7x slower (measured without -race: 9-10 s
// against 1.2-1.6 s on tmpfs, the JSON store's time). What the tests check --
// the transactions, constraints and replays -- does not depend on the file
// system. Without /dev/shm the tests use the usual temp dir.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("/dev/shm", "demo-server-test-")
	if err != nil {
		os.Exit(m.Run())
	}
	_ = os.Setenv("TMPDIR", dir)
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}
