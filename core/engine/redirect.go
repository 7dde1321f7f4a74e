package engine

import (
	"net/url"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/trace"
)

// RedirectRefusedID is the notice id of a refused redirect (D25).
const RedirectRefusedID = "redirect_refused"

// CheckRedirect resolves raw against base (the page's address) and reports
// whether the result may be navigated to: only http: and https: URLs pass
// (D16, D25). It returns the resolved URL either way ("" when raw does not
// parse).
func CheckRedirect(raw, base string) (resolved string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if base != "" {
		if b, err := url.Parse(base); err == nil {
			u = b.ResolveReference(u)
		}
	}
	return u.String(), u.Scheme == "http" || u.Scheme == "https"
}

// navigate performs ref §7 R10 with D16: a non-empty redirect URL that
// passes CheckRedirect is handed to Config.Navigate; any other is refused
// with the redirect_refused notice in wc/checkout and a trace record
// carrying the URL. The checkout stays complete either way.
func (e *Engine) navigate(attemptID, raw string) {
	if raw == "" {
		return
	}
	resolved, ok := CheckRedirect(raw, e.cfg.PageURL)
	s := e.Snapshot()
	rec := trace.Record{Time: e.cfg.Now(), AttemptID: attemptID, Kind: "redirect", Event: "redirect",
		URL: raw, Status: s.Checkout.Status, PaymentStatus: s.Payment.Status}
	if !ok {
		rec.Result = "refused"
		rec.Message = "redirect refused: only http: and https: URLs are followed"
		e.traces.Add(rec)
		e.set(func(s store.Snapshot) store.Snapshot {
			s.Notices = s.Notices.CreateNotice("error", "The checkout tried to send you to an address that is not a web page, so it was not followed. Your order was placed; please check your email for its details.",
				store.NoticeOptions{ID: RedirectRefusedID, Context: observer.ContextCheckout})
			return s
		})
		e.logError("checkout: redirect refused", panicErr{"refused redirect to " + raw})
		return
	}
	rec.Result = "ok"
	rec.URL = resolved
	e.traces.Add(rec)
	if e.cfg.Navigate != nil {
		e.cfg.Navigate(resolved)
	}
}
