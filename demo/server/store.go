package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dbFileName is the order database inside Config.DataDir.
const dbFileName = "orders.db"

// legacyFileName is the JSON order store of earlier versions. It is not
// read: New logs a warning naming it and leaves it as it is.
const legacyFileName = "orders.json"

// firstOrderID is the id of the first order of an empty store.
const firstOrderID = 1001

// schemaVersion is stored in PRAGMA user_version. A database with a higher
// version was written by a newer program and is refused.
const schemaVersion = 1

// schema creates the tables of version 1. The Idempotency-Key is UNIQUE in
// both the idempotency table (one stored response per key) and the orders
// table (one order per key), so neither a second process on the same file
// nor a bug in the request handling can store a second order for a key:
// such an insert fails and its transaction is rolled back.
const schema = `
CREATE TABLE IF NOT EXISTS customers (
	id      INTEGER PRIMARY KEY,
	email   TEXT NOT NULL COLLATE NOCASE CONSTRAINT customers_email_unique UNIQUE,
	created TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS orders (
	id              INTEGER PRIMARY KEY,
	order_key       TEXT NOT NULL CONSTRAINT orders_order_key_unique UNIQUE,
	status          TEXT NOT NULL,
	idempotency_key TEXT CONSTRAINT orders_idempotency_key_unique UNIQUE, -- NULL: sent without a key
	doc             TEXT NOT NULL -- the Order as JSON, as /orders.json lists it
) STRICT;
CREATE TABLE IF NOT EXISTS idempotency (
	key          TEXT NOT NULL CONSTRAINT idempotency_key_unique UNIQUE,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	body         BLOB NOT NULL, -- the exact response bytes, replayed as they are
	user_id      INTEGER NOT NULL,
	order_id     INTEGER REFERENCES orders(id),
	created      TEXT NOT NULL
) STRICT;
`

// errKeyTaken is returned by storeTx.putRecord and storeTx.insertOrder when
// the Idempotency-Key is already stored (the UNIQUE constraint fired).
var errKeyTaken = errors.New("server: the Idempotency-Key is already stored")

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
	ID      int
	Email   string
	Created time.Time
}

// idemRecord is the stored response for one Idempotency-Key (D21, D42).
type idemRecord struct {
	Key         string
	RequestHash string
	Status      int
	Body        []byte // the exact response bytes, replayed as they are
	UserID      int
	OrderID     int // 0: the response created no order
	Created     time.Time
}

// orderStore is the embedded order database: one SQLite file (pure Go
// driver, no cgo) in WAL mode with synchronous=FULL, so a committed order
// survives a crash of the process. Writes run in IMMEDIATE transactions:
// a writer takes the database's write lock when it begins, so a lookup and
// the insert that follows it cannot interleave with another writer, in this
// process or in another one on the same file (which waits up to
// busyTimeout). Within the process, writeMu queues writers before they ask
// SQLite, so they do not spin in its busy handler.
type orderStore struct {
	db      *sql.DB
	path    string
	writeMu sync.Mutex
}

// busyTimeout is how long a transaction waits for another process's write
// lock before failing with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

// openStore creates dir if needed and opens (creating when missing)
// dir/orders.db. Errors: dir cannot be created, contains '?' or '#', the
// file cannot be opened, is not an SQLite database (the file is left as it
// is) or has a newer schema version. A legacy orders.json in dir is not
// read or changed; a warning naming it goes to log.
func openStore(dir string, log *slog.Logger) (*orderStore, error) {
	if strings.ContainsAny(dir, "?#") {
		return nil, errors.New("server: DataDir " + dir + " must not contain '?' or '#'")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errors.New("server: DataDir: " + err.Error())
	}
	path := filepath.Join(dir, dbFileName)
	dsn := path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, errors.New("server: opening " + path + ": " + err.Error())
	}
	st := &orderStore{db: db, path: path}
	if err := st.migrate(); err != nil {
		_ = db.Close()
		return nil, errors.New("server: " + path + " is not a valid order database: " + err.Error())
	}
	legacy := filepath.Join(dir, legacyFileName)
	if _, err := os.Stat(legacy); err == nil {
		log.Warn("an order store of an earlier version is ignored; orders are now kept in "+dbFileName,
			slog.String("ignored", legacy))
	} else if !errors.Is(err, fs.ErrNotExist) {
		log.Warn("cannot check for an earlier order store", slog.String("error", err.Error()))
	}
	return st, nil
}

// migrate creates the schema of an empty database and checks the version
// of an existing one.
func (st *orderStore) migrate() error {
	ctx := context.Background()
	var version int
	if err := st.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > schemaVersion {
		return errors.New("schema version " + strconv.Itoa(version) + " is newer than this program's " + strconv.Itoa(schemaVersion))
	}
	return st.write(ctx, func(tx *storeTx) error {
		if _, err := tx.tx.ExecContext(ctx, schema); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(schemaVersion))
		return err
	})
}

// Close closes the database. Later calls on the store fail.
func (st *orderStore) Close() error { return st.db.Close() }

// storeTx is one write transaction.
type storeTx struct {
	ctx context.Context
	tx  *sql.Tx
}

// write runs fn in one IMMEDIATE transaction and commits it when fn returns
// nil. When fn returns an error, or the commit fails, everything fn did is
// rolled back and that error is returned. fn must not keep tx.
func (st *orderStore) write(ctx context.Context, fn func(tx *storeTx) error) error {
	st.writeMu.Lock()
	defer st.writeMu.Unlock()
	tx, err := st.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(&storeTx{ctx: ctx, tx: tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
func isUnique(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) &&
		(se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// record returns the stored response for key, if any.
func (tx *storeTx) record(key string) (idemRecord, bool, error) {
	rec := idemRecord{Key: key}
	var orderID sql.NullInt64
	var created string
	err := tx.tx.QueryRowContext(tx.ctx,
		"SELECT request_hash, status, body, user_id, order_id, created FROM idempotency WHERE key = ?", key).
		Scan(&rec.RequestHash, &rec.Status, &rec.Body, &rec.UserID, &orderID, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return idemRecord{}, false, nil
	}
	if err != nil {
		return idemRecord{}, false, err
	}
	rec.OrderID = int(orderID.Int64)
	rec.Created, _ = time.Parse(time.RFC3339Nano, created)
	return rec, true, nil
}

// putRecord stores rec. A key that is already stored is errKeyTaken (the
// stored record is not replaced).
func (tx *storeTx) putRecord(rec idemRecord) error {
	var orderID any
	if rec.OrderID != 0 {
		orderID = rec.OrderID
	}
	_, err := tx.tx.ExecContext(tx.ctx,
		"INSERT INTO idempotency (key, request_hash, status, body, user_id, order_id, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
		rec.Key, rec.RequestHash, rec.Status, rec.Body, rec.UserID, orderID, rec.Created.UTC().Format(time.RFC3339Nano))
	if isUnique(err) {
		return errKeyTaken
	}
	return err
}

// nextOrderID is the id the next order gets: one more than the highest
// stored, firstOrderID in an empty store.
func (tx *storeTx) nextOrderID() (int, error) {
	var id int
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT COALESCE(MAX(id) + 1, ?) FROM orders", firstOrderID).Scan(&id)
	return id, err
}

// insertOrder stores o (its id must be free). An IdempotencyKey that
// another order has is errKeyTaken.
func (tx *storeTx) insertOrder(o Order) error {
	doc, err := json.Marshal(o)
	if err != nil {
		return err
	}
	var key any
	if o.IdempotencyKey != "" {
		key = o.IdempotencyKey
	}
	_, err = tx.tx.ExecContext(tx.ctx,
		"INSERT INTO orders (id, order_key, status, idempotency_key, doc) VALUES (?, ?, ?, ?, ?)",
		o.ID, o.Key, o.Status, key, string(doc))
	if isUnique(err) && o.IdempotencyKey != "" {
		return errors.Join(errKeyTaken, err)
	}
	return err
}

// updateOrder replaces the stored order with the same id by o.
func (tx *storeTx) updateOrder(o Order) error {
	doc, err := json.Marshal(o)
	if err != nil {
		return err
	}
	_, err = tx.tx.ExecContext(tx.ctx, "UPDATE orders SET status = ?, doc = ? WHERE id = ?", o.Status, string(doc), o.ID)
	return err
}

// order returns the order with id.
func (tx *storeTx) order(id int) (Order, bool, error) {
	return scanOrder(tx.tx.QueryRowContext(tx.ctx, "SELECT doc FROM orders WHERE id = ?", id))
}

// customerByEmail finds the account with email (ASCII case ignored).
func (tx *storeTx) customerByEmail(email string) (customer, bool, error) {
	c := customer{Email: email}
	var created string
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT id, email, created FROM customers WHERE email = ?", email).
		Scan(&c.ID, &c.Email, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return customer{}, false, nil
	}
	if err != nil {
		return customer{}, false, err
	}
	c.Created, _ = time.Parse(time.RFC3339Nano, created)
	return c, true, nil
}

// insertCustomer stores a new account and returns it with its id (one more
// than the highest stored, 1 for the first).
func (tx *storeTx) insertCustomer(email string, created time.Time) (customer, error) {
	var id int
	if err := tx.tx.QueryRowContext(tx.ctx, "SELECT COALESCE(MAX(id) + 1, 1) FROM customers").Scan(&id); err != nil {
		return customer{}, err
	}
	c := customer{ID: id, Email: email, Created: created}
	_, err := tx.tx.ExecContext(tx.ctx, "INSERT INTO customers (id, email, created) VALUES (?, ?, ?)",
		c.ID, c.Email, c.Created.UTC().Format(time.RFC3339Nano))
	return c, err
}

func scanOrder(row *sql.Row) (Order, bool, error) {
	var doc string
	if err := row.Scan(&doc); errors.Is(err, sql.ErrNoRows) {
		return Order{}, false, nil
	} else if err != nil {
		return Order{}, false, err
	}
	var o Order
	if err := json.Unmarshal([]byte(doc), &o); err != nil {
		return Order{}, false, err
	}
	return o, true, nil
}

// order reads the order with id outside a write transaction.
func (st *orderStore) order(ctx context.Context, id int) (Order, bool, error) {
	return scanOrder(st.db.QueryRowContext(ctx, "SELECT doc FROM orders WHERE id = ?", id))
}

// orders returns every stored order, lowest id first.
func (st *orderStore) orders(ctx context.Context) ([]Order, error) {
	rows, err := st.db.QueryContext(ctx, "SELECT doc FROM orders ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		var o Order
		if err := json.Unmarshal([]byte(doc), &o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
