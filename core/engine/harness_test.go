package engine

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuejson"
)

// responder answers one request of the fake transport.
type responder func(ctx context.Context, req storeapi.Request) (*storeapi.Response, error)

type fakeTransport struct {
	mu    sync.Mutex
	reqs  []storeapi.Request
	queue []responder
}

func (f *fakeTransport) push(r ...responder) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, r...)
}

func (f *fakeTransport) Do(ctx context.Context, req storeapi.Request) (*storeapi.Response, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	if len(f.queue) == 0 {
		f.mu.Unlock()
		return nil, errors.New("fake transport: no response queued")
	}
	r := f.queue[0]
	f.queue = f.queue[1:]
	f.mu.Unlock()
	return r(ctx, req)
}

func (f *fakeTransport) requests() []storeapi.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]storeapi.Request(nil), f.reqs...)
}

func jsonResponse(status int, body string, headers map[string]string) responder {
	return func(context.Context, storeapi.Request) (*storeapi.Response, error) {
		if headers == nil {
			headers = map[string]string{}
		}
		return &storeapi.Response{Status: status, Headers: headers, Body: valuejson.MustParse(body)}, nil
	}
}

func notJSONResponse(status int) responder {
	return func(context.Context, storeapi.Request) (*storeapi.Response, error) {
		return &storeapi.Response{Status: status, Headers: map[string]string{}, Body: value.Undef, BodyErr: errors.New("Unexpected token < in JSON")}, nil
	}
}

func networkFailure() responder {
	return func(context.Context, storeapi.Request) (*storeapi.Response, error) {
		return nil, errors.New("Failed to fetch")
	}
}

// blockingResponse waits until release is closed or ctx ends.
func blockingResponse(release <-chan struct{}, then responder) responder {
	return func(ctx context.Context, req storeapi.Request) (*storeapi.Response, error) {
		select {
		case <-release:
			return then(ctx, req)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

const successBody = `{"order_id":1001,"status":"processing","customer_id":0,
 "payment_result":{"payment_status":"success","payment_details":[],"redirect_url":"https://shop.test/checkout/order-received/1001/?key=wc_order_x"}}`

const declineBody = `{"order_id":1002,"status":"failed","message":"Your card was declined.",
 "payment_result":{"payment_status":"failure","payment_details":[],"redirect_url":""}}`

type logger struct {
	mu     sync.Mutex
	warns  []string
	errors []string
}

func (l *logger) Warn(m string) { l.mu.Lock(); l.warns = append(l.warns, m); l.mu.Unlock() }
func (l *logger) Error(m string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		m += ": " + err.Error()
	}
	l.errors = append(l.errors, m)
}
func (l *logger) Debug(string) {}

// harness records the exact sequence of (checkout status, hasError,
// payment status) changes and emitted events of a checkout.
type harness struct {
	t   *testing.T
	e   *Engine
	tr  *fakeTransport
	log *logger

	mu       sync.Mutex
	seq      []string
	navs     []string
	changes  int
	lastLine string
}

type option func(*Config)

func newHarness(t *testing.T, opts ...option) *harness {
	t.Helper()
	h := &harness{t: t, tr: &fakeTransport{}, log: &logger{}}
	cfg := Config{
		Nonce:     "nonce-1",
		PageURL:   "https://shop.test/checkout/",
		Cart:      CartConfig{NeedsPayment: true, NeedsShipping: true},
		Transport: h.tr,
		Logger:    h.log,
		Navigate: func(u string) {
			h.mu.Lock()
			h.navs = append(h.navs, u)
			h.mu.Unlock()
		},
	}
	n := 0
	cfg.NewAttemptID = func() string { n++; return "att-" + strconv.Itoa(n) }
	for _, o := range opts {
		o(&cfg)
	}
	h.e = New(cfg)
	h.e.Subscribe(func(c Change) {
		s := c.Snapshot
		line := "status " + s.Checkout.Status + " err=" + strconv.FormatBool(s.Checkout.HasError) + " pay=" + s.Payment.Status
		h.mu.Lock()
		h.changes++
		if line != h.lastLine {
			h.seq = append(h.seq, line)
			h.lastLine = line
		}
		h.mu.Unlock()
	})
	for _, ev := range []observer.Event{observer.CheckoutValidation, observer.PaymentSetup, observer.CheckoutSuccess,
		observer.CheckoutFail, observer.ShippingRatesSuccess, observer.ShippingRatesFail,
		observer.ShippingRateSelectSuccess, observer.ShippingRateSelectFail} {
		ev := ev
		h.e.Registry().Add(ev, func(context.Context, any) (any, error) {
			h.mu.Lock()
			h.seq = append(h.seq, "event "+string(ev))
			h.mu.Unlock()
			return value.Undef, nil
		}, -1e9, observer.Options{Label: "recorder"})
	}
	return h
}

// registerMethod registers a regular method that can always pay and selects it.
func (h *harness) registerMethod(name string) {
	h.t.Helper()
	require.NoError(h.t, h.e.RegisterPaymentMethod(PaymentMethod{Name: name, CanMakePayment: always}, false))
	require.NoError(h.t, h.e.UpdateAvailablePaymentMethods(context.Background()))
	require.Equal(h.t, name, h.e.Snapshot().Payment.ActivePaymentMethod)
	h.reset()
}

func always(context.Context, any) (any, error) { return true, nil }

// on registers a JS-like observer.
func (h *harness) on(ev observer.Event, prio float64, fn func(ctx context.Context, data any) (any, error)) {
	h.e.Registry().Add(ev, fn, prio, observer.Options{})
}

func returns(v any) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) { return v, nil }
}

func (h *harness) reset() {
	h.mu.Lock()
	h.seq, h.lastLine, h.changes = nil, "", 0
	h.mu.Unlock()
}

func (h *harness) sequence() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.seq...)
}

func (h *harness) navigations() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.navs...)
}

// submit runs one attempt to its end (bounded by 5 s).
func (h *harness) submit() Outcome {
	h.t.Helper()
	a := h.e.Submit()
	select {
	case <-a.Done():
	case <-time.After(5 * time.Second):
		h.t.Fatalf("attempt did not settle; path so far %v", a.Path())
	}
	return a.Outcome()
}

// notices renders every notice as "context|id|status|content".
func (h *harness) notices() []string {
	var out []string
	for _, n := range h.e.Snapshot().Notices.All() {
		id := n.ID
		if strings.HasPrefix(id, "notice-") {
			id = "*"
		}
		out = append(out, n.Context+"|"+id+"|"+n.Status+"|"+n.Content)
	}
	return out
}

func obj(js string) *value.Object { return value.AsObject(valuejson.MustParse(js)) }

var _ = store.CheckoutKey
