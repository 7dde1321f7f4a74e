package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Orders, customers and idempotency records survive a restart: a new Server
// on the same DataDir sees them and continues the ids; a replay after the
// restart returns the stored reply byte for byte (D21, D42).
func TestPersistenceAcrossRestart_D42(t *testing.T) {
	dir := t.TempDir()
	e1 := newEnv(t, func(c *Config) { c.DataDir = dir })
	key := map[string]string{"Idempotency-Key": "persist-1"}
	r1, _, first := e1.checkout(body(map[string]any{"create_account": true}), key)
	require.Equal(t, 200, r1.StatusCode)
	placeOrder(t, e1, card(cardDeclined))
	require.Len(t, storedOrders(t, e1.srv), 2)
	before := storedOrders(t, e1.srv)
	e1.ts.Close()
	require.NoError(t, e1.srv.Close())

	e2 := newEnv(t, func(c *Config) { c.DataDir = dir })
	orders := storedOrders(t, e2.srv)
	require.Len(t, orders, 2)
	assert.Equal(t, []int{1001, 1002}, []int{orders[0].ID, orders[1].ID})
	assert.Equal(t, "failed", orders[1].Status)
	assert.Equal(t, before, orders)

	t.Run("ids continue", func(t *testing.T) {
		r := placeOrder(t, e2, nil)
		assert.Equal(t, 1003, r.OrderID)
	})
	t.Run("customers persist", func(t *testing.T) {
		resp, m, _ := e2.checkout(body(map[string]any{"create_account": true}), nil)
		assert.Equal(t, 400, resp.StatusCode)
		assert.Equal(t, "registration-error-email-exists", m["code"])
		resp, m, _ = e2.checkout(body(map[string]any{"create_account": true,
			"billing_address": with(validBilling(), "email", "ADA@example.com")}), nil)
		assert.Equal(t, "registration-error-email-exists", m["code"], "emails compare without case")
		resp, m, _ = e2.checkout(body(map[string]any{"create_account": true, "billing_address": with(validBilling(), "email", "new@example.com")}), nil)
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, float64(2), m["customer_id"], "customer ids continue")
	})
	t.Run("D42: a replay after the restart returns the stored reply", func(t *testing.T) {
		n := len(storedOrders(t, e2.srv))
		resp, _, again := e2.checkout(body(map[string]any{"create_account": true}), key)
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, string(first), string(again))
		assert.Equal(t, "1", resp.Header.Get("User-ID"))
		assert.Len(t, storedOrders(t, e2.srv), n, "no new order")
		resp, m, _ := e2.checkout(body(nil), key)
		assert.Equal(t, 409, resp.StatusCode)
		assert.Equal(t, "idempotency_key_reused", m["code"])
	})
	t.Run("3ds confirmations persist", func(t *testing.T) {
		r := placeOrder(t, e2, map[string]any{"payment_method": "demo_3ds"})
		o, err := e2.srv.confirm3DS(r.OrderID, r.OrderKey, "approve")
		require.NoError(t, err)
		assert.Equal(t, "processing", o.Status)
		e3, err := New(Config{DataDir: dir})
		require.NoError(t, err)
		defer e3.Close()
		got := storedOrders(t, e3)
		assert.Equal(t, "processing", got[len(got)-1].Status)
	})
}

func TestOpenStore(t *testing.T) {
	discard := slog.New(slog.DiscardHandler)
	t.Run("a file that is not a database is an error and is kept", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, dbFileName)
		garbage := strings.Repeat("garbage ", 200)
		require.NoError(t, os.WriteFile(p, []byte(garbage), 0o644))
		_, err := New(Config{DataDir: dir})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "is not a valid order database")
		b, _ := os.ReadFile(p)
		assert.Equal(t, garbage, string(b))
	})
	t.Run("a database of a newer version is refused", func(t *testing.T) {
		dir := t.TempDir()
		db, err := sql.Open("sqlite", filepath.Join(dir, dbFileName))
		require.NoError(t, err)
		_, err = db.Exec("PRAGMA user_version = 99")
		require.NoError(t, err)
		require.NoError(t, db.Close())
		_, err = openStore(dir, discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "schema version 99 is newer")
	})
	t.Run("the database path is a directory", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(dir, dbFileName), 0o755))
		_, err := New(Config{DataDir: dir})
		assert.Error(t, err)
	})
	t.Run("a DataDir with ? or # is refused", func(t *testing.T) {
		_, err := openStore(filepath.Join(t.TempDir(), "a?b"), discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "must not contain")
	})
	t.Run("a legacy orders.json is ignored, named in a warning and left as it is", func(t *testing.T) {
		dir := t.TempDir()
		legacy := filepath.Join(dir, legacyFileName)
		require.NoError(t, os.WriteFile(legacy, []byte(`{"orders":[{"id":7}]}`), 0o644))
		var logs syncBuffer
		s, err := New(Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		require.NoError(t, err)
		defer s.Close()
		assert.Empty(t, storedOrders(t, s))
		assert.Contains(t, logs.String(), "level=WARN")
		assert.Contains(t, logs.String(), legacy)
		b, _ := os.ReadFile(legacy)
		assert.Equal(t, `{"orders":[{"id":7}]}`, string(b))
	})
	t.Run("reopening keeps the schema and the data", func(t *testing.T) {
		dir := t.TempDir()
		st, err := openStore(dir, discard)
		require.NoError(t, err)
		require.NoError(t, st.write(context.Background(), func(tx *storeTx) error {
			_, err := tx.insertCustomer("a@example.com", time.Unix(0, 0))
			return err
		}))
		require.NoError(t, st.Close())
		st, err = openStore(dir, discard)
		require.NoError(t, err)
		defer st.Close()
		require.NoError(t, st.write(context.Background(), func(tx *storeTx) error {
			c, ok, err := tx.customerByEmail("A@EXAMPLE.COM")
			assert.True(t, ok)
			assert.Equal(t, 1, c.ID)
			assert.True(t, c.Created.Equal(time.Unix(0, 0)))
			return err
		}))
	})
	t.Run("a failing write rolls back everything it did", func(t *testing.T) {
		st, err := openStore(t.TempDir(), discard)
		require.NoError(t, err)
		defer st.Close()
		boom := assert.AnError
		err = st.write(context.Background(), func(tx *storeTx) error {
			if _, err := tx.insertCustomer("a@example.com", time.Now()); err != nil {
				return err
			}
			return boom
		})
		assert.ErrorIs(t, err, boom)
		require.NoError(t, st.write(context.Background(), func(tx *storeTx) error {
			_, ok, err := tx.customerByEmail("a@example.com")
			assert.False(t, ok)
			return err
		}))
	})
	t.Run("a closed store answers errors, not panics", func(t *testing.T) {
		e := newEnv(t)
		require.NoError(t, e.srv.Close())
		_, err := e.srv.Orders()
		assert.Error(t, err)
		resp, m, _ := e.checkout(body(nil), map[string]string{"Idempotency-Key": "closed"})
		assert.Equal(t, 500, resp.StatusCode)
		assert.Equal(t, "woocommerce_rest_unknown_server_error", m["code"])
		for _, path := range []string{"/orders", "/orders.json", "/checkout/order-received/1001/?key=k", "/demo-3ds/challenge?order=1001&key=k"} {
			r, _ := e.do("GET", path, "", nil)
			assert.Equal(t, 500, r.StatusCode, path)
		}
		code, _ := e.do("POST", "/demo-3ds/confirm", `{"order_id":1001,"order_key":"k","outcome":"approve"}`,
			map[string]string{"Content-Type": "application/json"})
		assert.Equal(t, 500, code.StatusCode)
	})
}

// D42: the Idempotency-Key is a UNIQUE constraint of the database itself:
// even a writer that skips the lookup cannot store a second record or a
// second order for a key.
func TestIdempotencyKeyUniqueConstraint_D42(t *testing.T) {
	st, err := openStore(t.TempDir(), slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	rec := idemRecord{Key: "k", RequestHash: "h", Status: 200, Body: []byte(`{"order_id":1001}`), Created: time.Now()}
	order := Order{ID: 1001, Key: "wc_order_a", Status: orderProcessing, IdempotencyKey: "k", Extensions: json.RawMessage(`{}`)}
	require.NoError(t, st.write(ctx, func(tx *storeTx) error {
		if err := tx.insertOrder(order); err != nil {
			return err
		}
		rec.OrderID = order.ID
		return tx.putRecord(rec)
	}))
	tests := []struct {
		name string
		fn   func(tx *storeTx) error
	}{
		{"a second record for the key", func(tx *storeTx) error {
			return tx.putRecord(idemRecord{Key: "k", RequestHash: "other", Status: 500, Body: []byte(`{}`), Created: time.Now()})
		}},
		{"a second order for the key", func(tx *storeTx) error {
			return tx.insertOrder(Order{ID: 1002, Key: "wc_order_b", Status: orderProcessing, IdempotencyKey: "k"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.write(ctx, tt.fn)
			assert.ErrorIs(t, err, errKeyTaken)
		})
	}
	require.NoError(t, st.write(ctx, func(tx *storeTx) error {
		got, ok, err := tx.record("k")
		require.True(t, ok)
		assert.Equal(t, rec.Body, got.Body, "the first record is kept")
		assert.Equal(t, 1001, got.OrderID)
		return err
	}))
	orders, err := st.orders(ctx)
	require.NoError(t, err)
	assert.Equal(t, []Order{order}, orders)
	t.Run("orders without a key do not collide", func(t *testing.T) {
		require.NoError(t, st.write(ctx, func(tx *storeTx) error {
			for i, k := range []string{"wc_order_c", "wc_order_d"} {
				if err := tx.insertOrder(Order{ID: 2000 + i, Key: k, Status: orderOnHold}); err != nil {
					return err
				}
			}
			return nil
		}))
	})
}

// The SQLite driver is host code only: neither it nor this package is
// linked into the wasm module (the module's package list for js/wasm).
func TestSQLiteNotInWasmModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cmd := exec.Command("go", "list", "-deps", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := string(out)
	require.Contains(t, deps, "github.com/wcblocks/checkoutwasm/bridge", "the list is the module's")
	assert.NotContains(t, deps, "modernc.org/")
	assert.NotContains(t, deps, "database/sql")
	assert.NotContains(t, deps, "/demo/server")
}
