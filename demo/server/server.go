// Package server is the local stand-in for WooCommerce's server side that the
// demo shop talks to: the Store API cart and checkout routes (ref §15), the
// demo payment gateways, an order-received page, an order list and the static
// files of web/ (checkout.js, the wasm module, the demo page).
//
// It is host code only (never linked into the wasm module): the standard
// library plus modernc.org/sqlite, a pure-Go SQLite (no cgo). Orders,
// customers and idempotency records live in the SQLite database
// Config.DataDir/orders.db; each checkout is one transaction, so a restarted
// server sees every earlier order, continues the order ids and replays every
// stored Idempotency-Key (D21, D42). An orders.json of earlier versions is
// ignored (New logs a warning naming it).
//
// Routes:
//
//	GET  /                                        302 to /demo/
//	GET  /demo/config.json                        load() options for checkout.js (nonce, cart, checkoutData)
//	GET  /wp-json/wc/store/v1/cart                the demo cart
//	POST /wp-json/wc/store/v1/cart/select-shipping-rate
//	POST /wp-json/wc/store/v1/checkout            ref §15.1–15.3, Idempotency-Key (D21, D42)
//	GET  /checkout/order-received/{id}/?key=...   thank-you page
//	GET  /orders, /orders.json                    every stored order
//	GET  /demo-3ds/challenge, POST /demo-3ds/confirm   the demo 3-D Secure step
//	GET  /...                                     static files from Config.WebDir
//
// Every Store API response (success or error) carries the headers Nonce,
// Nonce-Timestamp, User-ID, Cart-Token and X-WC-Store-API-Nonce (ref §15.3).
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"
)

// StoreAPIPrefix is the URL path prefix of the Store API routes.
const StoreAPIPrefix = "/wp-json/wc/store/v1"

// Config configures a Server.
type Config struct {
	// WebDir is the static root (the repository's web/ folder), so that
	// /checkout.js, /dist/checkout.wasm and /demo/... are served from it.
	// Empty means: no static files (the API, the pages and the /demo/
	// placeholder still work). A non-empty path that is not a directory
	// makes New fail.
	WebDir string
	// DataDir holds the order database (orders.db, with its -wal and -shm
	// files). Required; New creates the directory when it does not exist.
	// It must not contain '?' or '#'.
	DataDir string
	// Logger receives one record per request and every storage failure;
	// nil discards everything.
	Logger *slog.Logger
	// ExtraGateways are enabled on top of the demo's own gateways (see
	// ExtraGateway); the compatibility suite passes its gateways here.
	ExtraGateways []ExtraGateway
}

// Server is the demo shop's HTTP server. It is an http.Handler; all methods
// are safe for concurrent use.
type Server struct {
	cfg      Config
	log      *slog.Logger
	handler  http.Handler
	nonces   *nonceManager
	sessions *sessionStore
	store    *orderStore
	catalog  catalog
	now      func() time.Time
}

// New checks cfg, opens (creating when missing) the order database in
// cfg.DataDir and returns a ready Server; call Close when done with it. It
// returns an error (and no Server, nothing left open) when DataDir is empty,
// contains '?' or '#', or cannot be created, when orders.db exists but is
// not an SQLite database or has a newer schema version (the file is left
// untouched), or when WebDir is set but is not a directory.
func New(cfg Config) (*Server, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("server: Config.DataDir is required")
	}
	if cfg.WebDir != "" {
		fi, err := os.Stat(cfg.WebDir)
		if err != nil {
			return nil, errors.New("server: WebDir: " + err.Error())
		}
		if !fi.IsDir() {
			return nil, errors.New("server: WebDir " + cfg.WebDir + " is not a directory")
		}
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	st, err := openStore(cfg.DataDir, logger)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      logger,
		nonces:   newNonceManager(16),
		sessions: newSessionStore(4096),
		store:    st,
		catalog:  demoCatalog().withExtra(cfg.ExtraGateways),
		now:      time.Now,
	}
	s.handler = s.logRequests(s.routes())
	return s, nil
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/demo/", http.StatusFound)
	})
	mux.HandleFunc("GET /demo/config.json", s.handleConfig)
	mux.HandleFunc("GET "+StoreAPIPrefix+"/cart", s.handleCart)
	mux.HandleFunc("POST "+StoreAPIPrefix+"/cart/select-shipping-rate", s.handleSelectShippingRate)
	mux.HandleFunc("POST "+StoreAPIPrefix+"/checkout", s.handleCheckout)
	mux.HandleFunc("/wp-json/", s.handleNoRoute)
	mux.HandleFunc("GET /checkout/order-received/{id}/{$}", s.handleOrderReceived)
	mux.HandleFunc("GET /checkout/order-received/{id}", s.handleOrderReceived)
	mux.HandleFunc("GET /orders", s.handleOrdersHTML)
	mux.HandleFunc("GET /orders.json", s.handleOrdersJSON)
	mux.HandleFunc("GET /demo-3ds/challenge", s.handle3DSChallenge)
	mux.HandleFunc("POST /demo-3ds/confirm", s.handle3DSConfirm)
	mux.HandleFunc("/", s.handleStatic)
	return mux
}

// ServeHTTP dispatches r to the route table in the package doc.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Nonce returns the per-process nonce (random, from crypto/rand) that
// /demo/config.json hands out. It stays valid for the life of the Server,
// next to the last 16 nonces sent in Nonce response headers.
func (s *Server) Nonce() string { return s.nonces.fixed }

// Orders returns every stored order, oldest (lowest id) first, or the
// database's error.
func (s *Server) Orders() ([]Order, error) {
	return s.store.orders(context.Background())
}

// Close closes the order database. Call it after Serve has returned; requests
// served after Close answer 500.
func (s *Server) Close() error { return s.store.Close() }

// Serve serves HTTP on ln until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits up to 5 seconds for requests in
// flight. It returns nil after such a shutdown, otherwise the error that
// stopped serving (ln is closed in both cases).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// statusRecorder remembers the status code for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (sr *statusRecorder) WriteHeader(code int) {
	if sr.status == 0 {
		sr.status = code
	}
	sr.ResponseWriter.WriteHeader(code)
}

func (sr *statusRecorder) Write(b []byte) (int, error) {
	if sr.status == 0 {
		sr.status = http.StatusOK
	}
	return sr.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (sr *statusRecorder) Unwrap() http.ResponseWriter { return sr.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Duration("duration", time.Since(start)))
	})
}

// writeJSON writes v as JSON with the given status. Marshalling errors cannot
// happen for the types used here; if one did, a 500 error body is sent.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"code":"woocommerce_rest_unknown_server_error","message":"Could not encode the response.","data":{"status":500}}`)
	}
	writeJSONBytes(w, status, b)
}

func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=UTF-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// restError is the WordPress REST error body {code, message, data}.
type restError struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data"`
}

// newRestError builds an error body whose data holds status plus extra.
func newRestError(status int, code, message string, extra map[string]any) restError {
	data := map[string]any{"status": status}
	for k, v := range extra {
		data[k] = v
	}
	return restError{Code: code, Message: message, Data: data}
}

func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.resolve(w, r)
	s.setStoreAPIHeaders(w, sess.token, sess.customerID, s.nonces.current())
	writeJSON(w, http.StatusNotFound, newRestError(http.StatusNotFound, "rest_no_route",
		"No route was found matching the URL and request method.", nil))
}
