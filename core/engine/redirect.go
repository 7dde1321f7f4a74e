package engine

import (
	"errors"
	"strings"

	"github.com/wcblocks/checkoutwasm/core/observer"
	"github.com/wcblocks/checkoutwasm/core/store"
	"github.com/wcblocks/checkoutwasm/core/trace"
)

// RedirectRefusedID is the notice id of a refused redirect (D25).
const RedirectRefusedID = "redirect_refused"

// MsgRedirectRefused is the text of the redirect_refused notice (D25).
const MsgRedirectRefused = "The checkout tried to send you to an address that is not a web page, so it was not followed. Your order was placed; please check your email for its details."

// CheckRedirect resolves raw against base (the page's address) the way a
// browser's URL parser does for the parts that decide safety, and reports
// whether the result may be navigated to: only http: and https: pass (D16,
// D25). Like browsers, it first strips leading and trailing C0 controls and
// spaces and removes every tab and newline, so "java\tscript:" is
// javascript:. The scheme is compared case-insensitively and returned
// lower-cased. A relative URL takes base's scheme; with no usable base it
// is refused. resolved is the URL that would be navigated to (or was
// refused).
func CheckRedirect(raw, base string) (resolved string, ok bool) {
	u := cleanURL(raw)
	if scheme, rest, has := splitScheme(u); has {
		s := strings.ToLower(scheme)
		return s + ":" + rest, s == "http" || s == "https"
	}
	b := cleanURL(base)
	bscheme, brest, has := splitScheme(b)
	if !has {
		return u, false
	}
	bscheme = strings.ToLower(bscheme)
	if bscheme != "http" && bscheme != "https" {
		return u, false
	}
	// The resolved URL is cleaned like any input, so that checking it again
	// gives the same answer (a base with inner white space could leave
	// trailing white space, which a browser strips).
	return cleanURL(resolveRelative(bscheme, brest, u)), true
}

func cleanURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// splitScheme reads an RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
func splitScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return s[:i], s[i+1:], true
		default:
			return "", s, false
		}
	}
	return "", s, false
}

// resolveRelative resolves ref against a base "scheme:rest" for the forms a
// checkout meets: "//host/p", "/p", "?q", "#f" and relative paths (with
// dot segments removed). Backslashes count as slashes, as browsers treat
// them in http(s) URLs.
func resolveRelative(scheme, baseRest, ref string) string {
	ref = strings.ReplaceAll(ref, "\\", "/")
	baseRest = strings.ReplaceAll(baseRest, "\\", "/")
	if strings.HasPrefix(ref, "//") {
		return scheme + ":" + ref
	}
	authority, path := "", baseRest
	if strings.HasPrefix(baseRest, "//") {
		end := strings.IndexAny(baseRest[2:], "/?#")
		if end < 0 {
			authority, path = baseRest, ""
		} else {
			authority, path = baseRest[:2+end], baseRest[2+end:]
		}
	}
	pathOnly, query := path, ""
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		pathOnly, query = path[:i], path[i:]
	}
	if q := strings.IndexByte(query, '#'); q >= 0 {
		query = query[:q]
	}
	switch {
	case ref == "":
		return scheme + ":" + authority + pathOnly + query
	case strings.HasPrefix(ref, "#"):
		return scheme + ":" + authority + pathOnly + query + ref
	case strings.HasPrefix(ref, "?"):
		return scheme + ":" + authority + pathOnly + ref
	case strings.HasPrefix(ref, "/"):
		p, tail := splitTail(ref)
		return scheme + ":" + authority + removeDots(p) + tail
	}
	dir := pathOnly[:strings.LastIndexByte(pathOnly, '/')+1]
	if dir == "" {
		dir = "/"
	}
	p, tail := splitTail(ref)
	return scheme + ":" + authority + removeDots(dir+p) + tail
}

func splitTail(ref string) (path, tail string) {
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		return ref[:i], ref[i:]
	}
	return ref, ""
}

// removeDots is RFC 3986 §5.2.4 for an absolute path.
func removeDots(p string) string {
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
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
	rec := trace.Record{Time: e.cfg.Now(), AttemptID: attemptID, Kind: trace.KindRedirect, Event: "redirect",
		URL: raw, Status: s.Checkout.Status, PaymentStatus: s.Payment.Status}
	if !ok {
		rec.Result = "refused"
		rec.Message = "redirect refused: only http: and https: URLs are followed"
		e.traces.Add(rec)
		e.set(func(s *store.Snapshot) {
			s.Notices = s.Notices.CreateNotice("error", MsgRedirectRefused,
				store.NoticeOptions{ID: RedirectRefusedID, Context: observer.ContextCheckout})
		})
		e.logError("checkout: redirect refused", errors.New("refused redirect to "+raw))
		return
	}
	rec.Result = "ok"
	rec.URL = resolved
	e.traces.Add(rec)
	if e.cfg.Navigate != nil {
		e.cfg.Navigate(resolved)
	}
}
