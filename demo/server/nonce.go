package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// nonceManager issues the Store API nonces (ref §15.1, D15).
//
// fixed is random per process and always valid (it is what
// /demo/config.json hands out). Every checkout response rotates: a new nonce
// is issued, sent in the Nonce header and appended to recent; the last keep
// issued nonces stay valid, older ones are forgotten.
type nonceManager struct {
	fixed  string
	keep   int
	mu     sync.Mutex
	recent []string // oldest first
}

func newNonceManager(keep int) *nonceManager {
	return &nonceManager{fixed: randomNonce(), keep: keep}
}

// randomNonce returns 10 lowercase hex characters, the length of a
// WordPress nonce, from crypto/rand.
func randomNonce() string {
	var b [5]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return hex.EncodeToString(b[:])
}

// current returns the newest issued nonce, or the fixed one before any rotation.
func (n *nonceManager) current() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.recent) == 0 {
		return n.fixed
	}
	return n.recent[len(n.recent)-1]
}

// rotate issues a new nonce, remembers it and returns it.
func (n *nonceManager) rotate() string {
	next := randomNonce()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.recent = append(n.recent, next)
	if len(n.recent) > n.keep {
		n.recent = append(n.recent[:0:0], n.recent[len(n.recent)-n.keep:]...)
	}
	return next
}

// valid reports whether s is the fixed nonce or one of the last keep issued.
func (n *nonceManager) valid(s string) bool {
	if s == "" {
		return false
	}
	if subtle.ConstantTimeCompare([]byte(s), []byte(n.fixed)) == 1 {
		return true
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	ok := false
	for _, r := range n.recent {
		if subtle.ConstantTimeCompare([]byte(s), []byte(r)) == 1 {
			ok = true
		}
	}
	return ok
}

// checkNonce applies the ref §15.1 nonce rule to r: the Nonce header, or when
// it is missing or empty the deprecated X-WC-Store-API-Nonce header. No
// nonce → 401 woocommerce_rest_missing_nonce; a nonce that is not valid →
// 403 woocommerce_rest_invalid_nonce; a valid one → nil.
func (n *nonceManager) checkNonce(r *http.Request) *restError {
	nonce := r.Header.Get("Nonce")
	if nonce == "" {
		nonce = r.Header.Get("X-WC-Store-API-Nonce")
	}
	if nonce == "" {
		e := newRestError(http.StatusUnauthorized, "woocommerce_rest_missing_nonce",
			"Missing the Nonce header. This endpoint requires a valid nonce.", nil)
		return &e
	}
	if !n.valid(nonce) {
		e := newRestError(http.StatusForbidden, "woocommerce_rest_invalid_nonce", "Nonce is invalid.", nil)
		return &e
	}
	return nil
}

// setStoreAPIHeaders sets the response headers every Store API response
// carries (ref §15.3): Nonce, Nonce-Timestamp, User-ID, Cart-Token and the
// deprecated X-WC-Store-API-Nonce. API responses are never cached.
func (s *Server) setStoreAPIHeaders(w http.ResponseWriter, cartToken string, userID int, nonce string) {
	h := w.Header()
	h.Set("Nonce", nonce)
	h.Set("Nonce-Timestamp", strconv.FormatInt(s.now().Unix(), 10))
	h.Set("User-ID", strconv.Itoa(userID))
	h.Set("Cart-Token", cartToken)
	h.Set("X-WC-Store-API-Nonce", nonce)
	h.Set("Cache-Control", "no-store")
}

// sessionCookie is the cookie that carries the cart token for browsers.
const sessionCookie = "woocommerce_cart_token"

// session is the per-visitor state: the chosen shipping rate and the
// customer id once an account was created (the visitor is then "logged in").
type session struct {
	token        string
	selectedRate string
	customerID   int
}

// sessionStore keeps sessions in memory, keyed by cart token. At most max
// sessions are kept; the oldest is dropped first.
type sessionStore struct {
	mu    sync.Mutex
	max   int
	byTok map[string]*session
	order []string // tokens, oldest first
}

func newSessionStore(max int) *sessionStore {
	return &sessionStore{max: max, byTok: map[string]*session{}}
}

// resolve finds the session named by the Cart-Token request header, else by
// the cart token cookie. An unknown or absent token starts a new session with
// a fresh server-issued token, which is also set as a cookie on w. It returns
// a copy of the session.
func (ss *sessionStore) resolve(w http.ResponseWriter, r *http.Request) session {
	tok := r.Header.Get("Cart-Token")
	if tok == "" {
		if c, err := r.Cookie(sessionCookie); err == nil {
			tok = c.Value
		}
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s, ok := ss.byTok[tok]; ok && tok != "" {
		return *s
	}
	s := &session{token: rand.Text()}
	ss.byTok[s.token] = s
	ss.order = append(ss.order, s.token)
	for len(ss.order) > ss.max {
		delete(ss.byTok, ss.order[0])
		ss.order = ss.order[1:]
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: s.token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Expires: time.Now().Add(48 * time.Hour),
	})
	return *s
}

// update applies fn to the live session named token, if it still exists.
func (ss *sessionStore) update(token string, fn func(*session)) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if s, ok := ss.byTok[token]; ok {
		fn(s)
	}
}
