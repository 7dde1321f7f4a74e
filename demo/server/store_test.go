package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Orders, customers and idempotency records survive a restart: a new Server
// on the same DataDir sees them and continues the ids (D21: keys persist with
// orders).
func TestPersistenceAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	e1 := newEnv(t, func(c *Config) { c.DataDir = dir })
	key := map[string]string{"Idempotency-Key": "persist-1"}
	_, _, first := e1.checkout(body(map[string]any{"create_account": true}), key)
	placeOrder(t, e1, card(cardDeclined))
	require.Len(t, e1.orders(), 2)

	fi, err := os.Stat(filepath.Join(dir, storeFileName))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".orders-*.tmp"))
	assert.Empty(t, leftovers, "temp files are renamed away")

	e2 := newEnv(t, func(c *Config) { c.DataDir = dir })
	orders := e2.orders()
	require.Len(t, orders, 2)
	assert.Equal(t, []int{1001, 1002}, []int{orders[0].ID, orders[1].ID})
	assert.Equal(t, "failed", orders[1].Status)
	assert.Equal(t, e1.srv.Orders(), e2.srv.Orders())

	t.Run("ids continue", func(t *testing.T) {
		r := placeOrder(t, e2, nil)
		assert.Equal(t, 1003, r.OrderID)
	})
	t.Run("customers persist", func(t *testing.T) {
		resp, m, _ := e2.checkout(body(map[string]any{"create_account": true}), nil)
		assert.Equal(t, 400, resp.StatusCode)
		assert.Equal(t, "registration-error-email-exists", m["code"])
		resp, m, _ = e2.checkout(body(map[string]any{"create_account": true, "billing_address": with(validBilling(), "email", "new@example.com")}), nil)
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, float64(2), m["customer_id"], "customer ids continue")
	})
	t.Run("idempotency keys persist", func(t *testing.T) {
		resp, _, again := e2.checkout(body(map[string]any{"create_account": true}), key)
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, string(first), string(again))
		assert.Equal(t, "1", resp.Header.Get("User-ID"))
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
		got := e3.Orders()
		assert.Equal(t, "processing", got[len(got)-1].Status)
	})
}

func TestOpenStore(t *testing.T) {
	t.Run("leftover temp files are removed", func(t *testing.T) {
		dir := t.TempDir()
		tmp := filepath.Join(dir, ".orders-123.tmp")
		require.NoError(t, os.WriteFile(tmp, []byte("{"), 0o644))
		_, err := openStore(dir)
		require.NoError(t, err)
		assert.NoFileExists(t, tmp)
	})
	t.Run("next ids follow the stored data", func(t *testing.T) {
		dir := t.TempDir()
		raw, _ := json.Marshal(map[string]any{
			"version": 1, "next_order_id": 0, "next_customer_id": 0,
			"orders":    []any{map[string]any{"id": 2000, "order_key": "k"}},
			"customers": []any{map[string]any{"id": 7, "email": "a@example.com"}},
		})
		require.NoError(t, os.WriteFile(filepath.Join(dir, storeFileName), raw, 0o644))
		st, err := openStore(dir)
		require.NoError(t, err)
		assert.Equal(t, 2001, st.d.NextOrderID)
		assert.Equal(t, 8, st.d.NextCustomerID)
	})
	t.Run("a store that is not JSON is an error and is kept", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, storeFileName)
		require.NoError(t, os.WriteFile(p, []byte("garbage"), 0o644))
		_, err := New(Config{DataDir: dir})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a valid order store")
		b, _ := os.ReadFile(p)
		assert.Equal(t, "garbage", string(b))
	})
	t.Run("unreadable store path", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(dir, storeFileName), 0o755))
		_, err := New(Config{DataDir: dir})
		assert.Error(t, err)
	})
	t.Run("update with no change writes nothing", func(t *testing.T) {
		dir := t.TempDir()
		st, err := openStore(dir)
		require.NoError(t, err)
		require.NoError(t, st.update(func(d *storeData) (bool, error) {
			d.NextOrderID = 5
			return false, nil
		}))
		assert.NoFileExists(t, filepath.Join(dir, storeFileName))
		st.view(func(d *storeData) { assert.Equal(t, firstOrderID, d.NextOrderID, "the copy was discarded") })
	})
}

// A checkout that changes nothing (an error before any step that stores)
// without an Idempotency-Key does not rewrite the store file.
func TestCheckoutErrorWritesNothing(t *testing.T) {
	e := newEnv(t)
	resp, _, _ := e.checkout(body(map[string]any{"payment_method": drop}), nil)
	require.Equal(t, 400, resp.StatusCode)
	assert.NoFileExists(t, filepath.Join(e.data, storeFileName))
}
