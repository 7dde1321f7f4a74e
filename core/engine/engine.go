// Package engine is one checkout instance: the five stores, dispatch by
// action name, change notification, the observer registry, the payment
// method registry and the attempt state machine (submit → validation →
// processing → payment setup → request → after-processing → settled).
//
// Concurrency: every method is safe to call from any goroutine. State
// changes are serialised under one mutex; listeners are called outside it,
// in change order, one change at a time (a change made by a listener is
// delivered after the listener returns). Observers are called without the
// lock held, so they may call back into the engine.
package engine

import (
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/trace"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
	"github.com/wcblocks/checkoutwasm/internal/lite/time"
)

// Logger receives console output: Warn for deprecations (once per name,
// D30), Error for logged observer throws, Debug for the optional transition
// log. A nil Logger discards everything.
type Logger interface {
	Warn(msg string)
	Error(msg string, err error)
	Debug(msg string)
}

// CartConfig is the `cart` load option of js-api.md.
type CartConfig struct {
	NeedsPayment   bool
	NeedsShipping  bool
	PaymentMethods []string // names the cart allows for regular methods (ref §14); nil = every registered method
	// Response, when non-nil, is a Store API cart response (or the legacy
	// {needsPayment, needsShipping, paymentMethods} object) received over
	// the fields above with store.Cart.ReceiveCart (D39): its keys win.
	Response *value.Object
}

// Config configures one engine. Zero values are usable defaults.
type Config struct {
	Nonce        string // sent as the Nonce header; replaced by a response's Nonce header (D15)
	StoreAPIURL  string // default storeapi.DefaultBaseURL
	PageURL      string // the page's address; relative redirect URLs resolve against it (D25)
	CheckoutData store.CheckoutData
	Cart         CartConfig

	SavedPaymentMethods    *value.Object // ref §3.1 customerPaymentMethods
	GlobalPaymentMethods   *value.Object // ref §3.3 id → title
	PaymentMethodSortOrder []string      // ref §14
	LocalPickupEnabled     bool
	CollectableMethodIDs   []string

	// ObserverTimeouts is the page-wide time budget per event (D17); absent = none.
	ObserverTimeouts map[observer.Event]time.Duration

	Transport storeapi.Transport // the checkout request; required for Submit to send anything
	// Navigate performs a redirect that passed the D16 check. nil = no navigation.
	Navigate func(url string)
	// BeforeEmit, when set, runs right before each event's observers are
	// taken (D43, see beforeEmit in beforeemit.go). It starts what must
	// happen first and returns at once: nil when there is nothing to wait
	// for, else a function the engine calls to wait for it (the bridge
	// waits there for the page's renders to commit).
	BeforeEmit func(ev observer.Event) (wait func(ctx context.Context) error)
	Logger     Logger
	Debug      bool
	Now        func() time.Time
	// NewAttemptID makes attempt ids (also the Idempotency-Key, D21). Default: random 128-bit hex.
	NewAttemptID func() string
	// TraceLimit bounds the trace (D20): the oldest records go first.
	// Default DefaultTraceLimit.
	TraceLimit int

	// AvailabilityDebounce is how long after the last cart change the
	// availability check re-runs (D40); 0 means DefaultAvailabilityDebounce,
	// a negative value turns the re-check off. A stream of changes delays
	// it by at most AvailabilityMaxWait.
	AvailabilityDebounce time.Duration
	// AfterFunc schedules f once after d and returns a stop function that
	// reports whether it prevented the call (time.AfterFunc by default;
	// tests inject a fake clock).
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
	// ReceiveCart is given to canMakePayment as cart.receiveCart (D40): the
	// bridge passes a JS function (a value.Opaque). nil means undefined.
	ReceiveCart any
}

// DefaultTraceLimit is the number of trace records (D20) kept by default:
// about the last 50 attempts (~10 records each). The trace is the largest
// thing the module keeps (~200 bytes a record), so its size sets how large
// the Go heap, and with it WebAssembly memory, settles (issue 10: 2,000
// records held ~0.4 MiB and cost one more 512 KiB heap arena).
const DefaultTraceLimit = 500

// Change is one state change: the stores it touched, in store-key order, and
// the snapshot right after it. Version increases by one per change.
type Change struct {
	Version  uint64
	Stores   []string
	Snapshot store.Snapshot
}

// Engine is one checkout instance. Create it with New.
type Engine struct {
	cfg     Config
	reg     *observer.Registry
	emitter *observer.Emitter
	traces  *trace.Log

	mu        sync.Mutex
	snap      store.Snapshot
	scratch   store.Snapshot // update's working copy (see update)
	version   uint64
	changed   chan struct{} // closed and replaced on every change (waiters use it)
	pending   []Change
	deliverer bool
	listeners []listener
	nextLis   int
	nonce     string
	attempt   *Attempt
	attempts  int
	retry     retryKey // D42: the key of the last request whose result is unknown
	warned    map[string]bool
	methods   methodRegistry
	express   expressMemory
	recheck   availabilityRecheck // D40 debounced re-check after cart changes

	availMu      sync.Mutex // serialises availability updates (ref §14)
	availPending bool
	availRunning bool
	availQueued  []func()
}

type listener struct {
	id int
	fn func(Change)
}

// New builds an engine from cfg. The initial state is published to nobody:
// callers read it with Snapshot.
func New(cfg Config) *Engine {
	if cfg.StoreAPIURL == "" {
		cfg.StoreAPIURL = storeapi.DefaultBaseURL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.NewAttemptID == nil {
		cfg.NewAttemptID = randomID
	}
	if cfg.TraceLimit <= 0 {
		cfg.TraceLimit = DefaultTraceLimit
	}
	e := &Engine{
		cfg:     cfg,
		reg:     observer.NewRegistry(),
		traces:  trace.NewLog(cfg.TraceLimit),
		changed: make(chan struct{}),
		nonce:   cfg.Nonce,
		warned:  map[string]bool{},
	}
	e.snap = store.Snapshot{
		Checkout:   store.NewCheckout(cfg.CheckoutData),
		Payment:    store.NewPayment(cfg.SavedPaymentMethods),
		Validation: store.NewValidation(),
		Notices:    store.NewNotices(),
		Cart: store.NewCart(cfg.CheckoutData.BillingAddress, cfg.CheckoutData.ShippingAddress,
			cfg.Cart.NeedsPayment, cfg.Cart.NeedsShipping, cfg.Cart.PaymentMethods).ReceiveCart(cfg.Cart.Response),
	}
	e.emitter = &observer.Emitter{
		Registry: e.reg,
		Timeouts: cfg.ObserverTimeouts,
		Trace:    e.traceObserver,
		StatusFunc: func() (string, string) {
			s := e.Snapshot()
			return s.Checkout.Status, s.Payment.Status
		},
		LogError: e.logError,
		Now:      cfg.Now,
	}
	// ref §7 R8: the built-in validation observer at priority 0.
	e.reg.Add(observer.CheckoutValidation, e.builtinValidation, 0, observer.Options{Label: builtinValidationLabel, Prompt: true})
	e.watchCartForAvailability()
	return e
}

func randomID() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 32)
	for _, u := range [2]uint64{rand.Uint64(), rand.Uint64()} {
		for i := 0; i < 16; i++ {
			b = append(b, hex[u>>60])
			u <<= 4
		}
	}
	return string(b)
}

// Snapshot returns the current state of every store.
func (e *Engine) Snapshot() store.Snapshot {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.snap
}

// Version is the number of changes so far.
func (e *Engine) Version() uint64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.version
}

// Env is what the selector views need besides state (registered configs and settings).
func (e *Engine) Env() store.Env {
	return store.Env{
		ShowSavedCards:       e.methods.showSavedCards,
		GlobalPaymentMethods: e.cfg.GlobalPaymentMethods,
		LocalPickupEnabled:   e.cfg.LocalPickupEnabled,
		CollectableMethodIDs: e.cfg.CollectableMethodIDs,
	}
}

// View is the selector object of one store key for the current state (docs/contracts.md).
func (e *Engine) View(key string) *value.Object {
	return e.Snapshot().View(key, e.Env())
}

// Subscribe registers fn to be called once per change, after it happened,
// in change order. It returns an idempotent unsubscribe function. A
// listener that panics is recovered and logged; the others still run.
func (e *Engine) Subscribe(fn func(Change)) (unsubscribe func()) {
	e.mu.Lock()
	e.nextLis++
	id := e.nextLis
	e.listeners = append(e.listeners, listener{id, fn})
	e.mu.Unlock()
	return func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		for i, l := range e.listeners {
			if l.id == id {
				e.listeners = append(e.listeners[:i:i], e.listeners[i+1:]...)
				return
			}
		}
	}
}

// Registry gives access to the observer registry (the bridge registers JS observers here).
func (e *Engine) Registry() *observer.Registry { return e.reg }

// Trace returns the trace records, oldest first (D20).
func (e *Engine) Trace() []trace.Record { return e.traces.Records() }

// ClearTrace empties the trace.
func (e *Engine) ClearTrace() { e.traces.Clear() }

// Nonce is the nonce the next request will send.
func (e *Engine) Nonce() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.nonce
}

// Warn logs msg with console.warn once per key for the engine's lifetime (D30).
func (e *Engine) Warn(key, msg string) {
	e.mu.Lock()
	seen := e.warned[key]
	e.warned[key] = true
	e.mu.Unlock()
	if !seen && e.cfg.Logger != nil {
		e.cfg.Logger.Warn(msg)
	}
}

func (e *Engine) logError(msg string, err error) {
	if e.cfg.Logger != nil {
		e.cfg.Logger.Error(msg, err)
	}
}

func (e *Engine) debug(msg string) {
	if e.cfg.Debug && e.cfg.Logger != nil {
		e.cfg.Logger.Debug(msg)
	}
}

// update applies f to the state when guard (evaluated under the lock) holds.
// It reports whether the guard held. When the state changed, the change is
// queued and delivered to listeners in order before update returns (unless
// this goroutine is itself inside a listener, or another goroutine is
// delivering: then that delivery loop delivers it). Status changes leave a
// trace record (D20). The reactions R5/R6 of ref §7 run afterwards as
// changes of their own (D27).
func (e *Engine) update(attemptID string, guard func() bool, f func(*store.Snapshot)) bool {
	e.mu.Lock()
	if guard != nil && !guard() {
		e.mu.Unlock()
		return false
	}
	old := e.snap
	// f works on e.scratch rather than on a local: a local whose address
	// goes to f escapes, and a Snapshot is copied to the heap on every
	// update. Updates never nest here (f runs under e.mu).
	e.scratch = old
	f(&e.scratch)
	next := e.scratch
	e.scratch = store.Snapshot{} // hold nothing between updates
	keys := changedStores(old, next)
	if len(keys) == 0 {
		e.mu.Unlock()
		return true
	}
	e.snap = next
	e.version++
	close(e.changed)
	e.changed = make(chan struct{})
	e.pending = append(e.pending, Change{Version: e.version, Stores: keys, Snapshot: next})
	e.mu.Unlock()

	if old.Checkout.Status != next.Checkout.Status || old.Payment.Status != next.Payment.Status || old.Checkout.HasError != next.Checkout.HasError {
		e.traceStatus(attemptID, old, next)
	}
	e.deliver()
	e.react(attemptID, old, next)
	return true
}

// set is update without a guard.
func (e *Engine) set(f func(*store.Snapshot)) {
	e.update("", nil, f)
}

func (e *Engine) deliver() {
	e.mu.Lock()
	if e.deliverer {
		e.mu.Unlock()
		return
	}
	e.deliverer = true
	for len(e.pending) > 0 {
		c := e.pending[0]
		// Shift rather than reslice, so that the queue keeps its array
		// (it holds one change almost always; append would allocate anew).
		n := copy(e.pending, e.pending[1:])
		e.pending[n] = Change{}
		e.pending = e.pending[:n]
		ls := append([]listener(nil), e.listeners...)
		e.mu.Unlock()
		for _, l := range ls {
			e.callListener(l.fn, c)
		}
		e.mu.Lock()
	}
	e.deliverer = false
	e.mu.Unlock()
}

func (e *Engine) callListener(fn func(Change), c Change) {
	defer func() {
		if r := recover(); r != nil {
			e.logError("checkout: a state listener panicked", observer.Recovered("listener", r))
		}
	}()
	fn(c)
}

// react runs the payment-status reactions R5 and R6 of ref §7, edge
// triggered as in the reference: R5 when checkout isIdle or payment isReady
// changed and now idle && !ready; R6 when hasError or isReady changed and
// now hasError && ready. Each sets the payment status to idle.
func (e *Engine) react(attemptID string, old, next store.Snapshot) {
	wasIdle, isIdle := old.Checkout.Status == store.StatusIdle, next.Checkout.Status == store.StatusIdle
	wasReady, isReady := old.Payment.Status == store.PaymentReady, next.Payment.Status == store.PaymentReady
	r5 := (wasIdle != isIdle || wasReady != isReady) && isIdle && !isReady
	r6 := (old.Checkout.HasError != next.Checkout.HasError || wasReady != isReady) && next.Checkout.HasError && isReady
	if r5 || r6 {
		e.update(attemptID, nil, func(s *store.Snapshot) {
			s.Payment = s.Payment.SetIdle()
		})
	}
}

// traceObserver records one observer call (D20) and, with Config.Debug,
// logs it (js-api.md: debug logs every transition and observer call).
func (e *Engine) traceObserver(r trace.Record) {
	e.traces.Add(r)
	if e.cfg.Debug {
		e.debug("checkout: observer " + r.Label + " on " + r.Event + " (priority " +
			strconv.FormatFloat(r.Priority, 'g', -1, 64) + ") → " + r.Result +
			" in " + strconv.FormatFloat(r.DurationMs, 'f', 1, 64) + " ms")
	}
}

func (e *Engine) traceStatus(attemptID string, old, next store.Snapshot) {
	msg := "checkout " + old.Checkout.Status + "→" + next.Checkout.Status +
		" hasError=" + strconv.FormatBool(next.Checkout.HasError) +
		", payment " + old.Payment.Status + "→" + next.Payment.Status
	e.traces.Add(trace.Record{
		Time:          e.cfg.Now(),
		AttemptID:     attemptID,
		Kind:          trace.KindStatus,
		Result:        next.Checkout.Status,
		Status:        next.Checkout.Status,
		PaymentStatus: next.Payment.Status,
		Message:       msg,
	})
	e.debug("checkout: " + msg)
}

func changedStores(a, b store.Snapshot) []string {
	var keys []string
	if !a.Cart.Equal(b.Cart) {
		keys = append(keys, store.CartKey)
	}
	if !a.Checkout.Equal(b.Checkout) {
		keys = append(keys, store.CheckoutKey)
	}
	if !a.Payment.Equal(b.Payment) {
		keys = append(keys, store.PaymentKey)
	}
	if !a.Validation.Equal(b.Validation) {
		keys = append(keys, store.ValidationKey)
	}
	if !a.Notices.Equal(b.Notices) {
		keys = append(keys, store.NoticesKey)
	}
	return keys
}

// waitChange returns a channel closed at the next change.
func (e *Engine) waitChange() <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.changed
}

// createNotice is the notices store call the flow uses (no suppression).
func createNotice(s *store.Snapshot, n storeapi.NoticeSpec) {
	d := n.IsDismissible
	s.Notices = s.Notices.CreateNotice(n.Status, n.Content, store.NoticeOptions{ID: n.ID, Context: n.Context, IsDismissible: &d})
}

// backgroundCtx is the context for emissions outside an attempt (shipping events, settled).
func backgroundCtx() context.Context { return context.Background() }
