package server

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// storeFileName is the order store inside Config.DataDir.
const storeFileName = "orders.json"

// firstOrderID is the id of the first order of an empty store.
const firstOrderID = 1001

// Address is a billing or shipping address as the Store API returns it.
// Shipping addresses have no email.
type Address struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email,omitempty"`
	Phone     string `json:"phone"`
}

// OrderItem is one line of an order. Money is in minor units.
type OrderItem struct {
	ProductID int    `json:"product_id"`
	Name      string `json:"name"`
	SKU       string `json:"sku"`
	Quantity  int    `json:"quantity"`
	Price     int64  `json:"price"`
	Total     int64  `json:"total"`
}

// ShippingLine is the shipping rate an order was placed with.
type ShippingLine struct {
	RateID string `json:"rate_id"`
	Name   string `json:"name"`
	Price  int64  `json:"price"`
}

// Order is a stored order, as listed by /orders.json. Money is in minor
// units of Currency. Card numbers are never stored: PaymentData holds the
// sanitized payment_data map (ref §15.1) with demo_card_number masked to its
// last four digits.
type Order struct {
	ID                 int             `json:"id"`
	Key                string          `json:"order_key"`
	Number             string          `json:"order_number"`
	Created            time.Time       `json:"date_created"`
	Status             string          `json:"status"`
	PaymentMethod      string          `json:"payment_method"`
	PaymentMethodTitle string          `json:"payment_method_title"`
	CustomerID         int             `json:"customer_id"`
	CustomerNote       string          `json:"customer_note"`
	Email              string          `json:"email"`
	Billing            Address         `json:"billing_address"`
	Shipping           Address         `json:"shipping_address"`
	Items              []OrderItem     `json:"items"`
	ShippingLine       ShippingLine    `json:"shipping_line"`
	Currency           string          `json:"currency"`
	ItemsTotal         int64           `json:"items_total"`
	ShippingTotal      int64           `json:"shipping_total"`
	Total              int64           `json:"total"`
	PaymentData        map[string]any  `json:"payment_data"`
	Extensions         json.RawMessage `json:"extensions"`
	IdempotencyKey     string          `json:"idempotency_key,omitempty"`
}

// customer is an account created by create_account (ref §15.2 step 4).
type customer struct {
	ID      int       `json:"id"`
	Email   string    `json:"email"`
	Created time.Time `json:"date_created"`
}

// idemRecord is the stored response for one Idempotency-Key (D21).
type idemRecord struct {
	Key         string    `json:"key"`
	RequestHash string    `json:"request_hash"`
	Status      int       `json:"status"`
	Body        string    `json:"body"` // the exact response bytes, replayed as they are
	UserID      int       `json:"user_id"`
	OrderID     int       `json:"order_id,omitempty"`
	Created     time.Time `json:"date_created"`
}

// storeData is the whole persisted state. Orders, customers and records are
// values that are never modified in place once stored: a change replaces the
// element, so a shallow clone is an independent snapshot.
type storeData struct {
	Version        int          `json:"version"`
	NextOrderID    int          `json:"next_order_id"`
	NextCustomerID int          `json:"next_customer_id"`
	Orders         []Order      `json:"orders"`
	Customers      []customer   `json:"customers"`
	Idempotency    []idemRecord `json:"idempotency"`

	idem map[string]int // key → index in Idempotency (not persisted)
}

func (d *storeData) clone() *storeData {
	c := *d
	c.Orders = slices.Clone(d.Orders)
	c.Customers = slices.Clone(d.Customers)
	c.Idempotency = slices.Clone(d.Idempotency)
	c.idem = maps.Clone(d.idem)
	return &c
}

func (d *storeData) order(id int) (int, bool) {
	for i := range d.Orders {
		if d.Orders[i].ID == id {
			return i, true
		}
	}
	return 0, false
}

func (d *storeData) customerByEmail(email string) (customer, bool) {
	for _, c := range d.Customers {
		if strings.EqualFold(c.Email, email) {
			return c, true
		}
	}
	return customer{}, false
}

func (d *storeData) record(key string) (idemRecord, bool) {
	i, ok := d.idem[key]
	if !ok {
		return idemRecord{}, false
	}
	return d.Idempotency[i], true
}

func (d *storeData) putRecord(rec idemRecord) {
	if i, ok := d.idem[rec.Key]; ok {
		d.Idempotency[i] = rec
		return
	}
	d.idem[rec.Key] = len(d.Idempotency)
	d.Idempotency = append(d.Idempotency, rec)
}

// orderStore is the embedded order database: storeData in memory, mirrored
// to one JSON file that is replaced atomically (temp file + rename) under mu.
type orderStore struct {
	path string
	mu   sync.Mutex
	d    *storeData
}

// openStore creates dir if needed and loads dir/orders.json when it exists.
// Errors: dir cannot be created; the file exists but cannot be read or is not
// a valid store (the file is left as it is). Leftover temp files from an
// interrupted write are removed.
func openStore(dir string) (*orderStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errors.New("server: DataDir: " + err.Error())
	}
	st := &orderStore{path: filepath.Join(dir, storeFileName)}
	d := &storeData{Version: 1, NextOrderID: firstOrderID, NextCustomerID: 1}
	raw, err := os.ReadFile(st.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, errors.New("server: reading " + st.path + ": " + err.Error())
	default:
		if err := json.Unmarshal(raw, d); err != nil {
			return nil, errors.New("server: " + st.path + " is not a valid order store: " + err.Error())
		}
	}
	d.idem = make(map[string]int, len(d.Idempotency))
	for i, r := range d.Idempotency {
		d.idem[r.Key] = i
	}
	for _, o := range d.Orders {
		d.NextOrderID = max(d.NextOrderID, o.ID+1)
	}
	for _, c := range d.Customers {
		d.NextCustomerID = max(d.NextCustomerID, c.ID+1)
	}
	st.d = d
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".orders-*.tmp")); len(tmps) > 0 {
		for _, t := range tmps {
			_ = os.Remove(t)
		}
	}
	return st, nil
}

// view runs fn with the current data under the lock; fn must not keep or
// modify d.
func (st *orderStore) view(fn func(d *storeData)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	fn(st.d)
}

// update runs fn on a private copy of the data under the lock. If fn returns
// an error, or changed == false, nothing is written and the data stays as it
// was. Otherwise the copy is written to disk (atomically) and becomes the
// current data; if writing fails, the data stays as it was and the write
// error is returned. Calls are serialised.
func (st *orderStore) update(fn func(d *storeData) (changed bool, err error)) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	next := st.d.clone()
	changed, err := fn(next)
	if err != nil || !changed {
		return err
	}
	if err := writeFileAtomic(st.path, next); err != nil {
		return err
	}
	st.d = next
	return nil
}

// writeFileAtomic writes d as JSON to a temp file in path's directory,
// syncs it, and renames it over path, so readers see the old or the new file,
// never a partial one.
func writeFileAtomic(path string, d *storeData) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".orders-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(append(b, '\n'))
	merr := f.Chmod(0o644)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if df, err := os.Open(dir); err == nil {
		_ = df.Sync()
		_ = df.Close()
	}
	return nil
}
