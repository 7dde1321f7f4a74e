package server

import (
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// contentTypes fixes the types that matter for the demo, independent of the
// host's mime.types; other extensions fall back to mime.TypeByExtension.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".map":  "application/json",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
	".ts":   "text/plain; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// encodings are the precompressed siblings we look for, in preference order
// on equal quality.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// acceptQ returns the quality Accept-Encoding header ae gives to coding
// (RFC 9110 §12.5.3): an explicit entry wins over "*"; "x-gzip" counts as
// gzip; absent means 0.
func acceptQ(ae, coding string) float64 {
	q, star := -1.0, -1.0
	for _, part := range strings.Split(ae, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		v := 1.0
		for _, p := range strings.Split(params, ";") {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil {
					f = 0
				}
				v = f
			}
		}
		switch {
		case name == coding || (coding == "gzip" && name == "x-gzip"):
			q = max(q, v)
		case name == "*":
			star = max(star, v)
		}
	}
	if q >= 0 {
		return q
	}
	return max(star, 0)
}

// openRegular opens name inside root (no escape through .. or symlinks) and
// returns it only when it is a regular file.
func openRegular(root, name string) (*os.File, fs.FileInfo, bool) {
	f, err := os.OpenInRoot(root, name)
	if err != nil {
		return nil, nil, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		_ = f.Close()
		return nil, nil, false
	}
	return f, fi, true
}

// handleStatic serves GET/HEAD for files under Config.WebDir (other
// methods: 405).
//
//   - Paths with a segment starting with "." are 404. A directory without a
//     trailing slash redirects (301) to the slash form; a directory serves
//     its index.html, never a listing. /demo/ without web/demo/index.html
//     serves a placeholder page that says so.
//   - Content-Type comes from the requested file's extension
//     (application/wasm for .wasm). Every static response has
//     Cache-Control: no-cache and X-Content-Type-Options: nosniff.
//   - When <file>.br or <file>.gz exists next to the file, the response has
//     Vary: Accept-Encoding, and the sibling the request's Accept-Encoding
//     prefers (higher q; br on a tie; q=0 refuses) is sent instead, with
//     Content-Encoding and the original Content-Type. The original must
//     exist.
//   - Ranges and conditional requests are handled by http.ServeContent on
//     the representation sent.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == "/demo" {
		http.Redirect(w, r, "/demo/", http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			http.NotFound(w, r)
			return
		}
	}
	if strings.HasSuffix(p, "/") && name != "" {
		name += "/index.html"
	}
	var (
		f  *os.File
		fi fs.FileInfo
		ok bool
	)
	if s.cfg.WebDir != "" {
		f, fi, ok = openRegular(s.cfg.WebDir, filepath.FromSlash(name))
	}
	if !ok {
		if s.cfg.WebDir != "" && !strings.HasSuffix(p, "/") {
			if d, err := os.OpenInRoot(s.cfg.WebDir, filepath.FromSlash(name)); err == nil {
				st, serr := d.Stat()
				_ = d.Close()
				if serr == nil && st.IsDir() {
					target := p + "/"
					if r.URL.RawQuery != "" {
						target += "?" + r.URL.RawQuery
					}
					http.Redirect(w, r, target, http.StatusMovedPermanently)
					return
				}
			}
		}
		if name == "demo/index.html" {
			s.renderPage(w, http.StatusOK, "placeholder", nil)
			return
		}
		http.NotFound(w, r)
		return
	}
	defer func() { _ = f.Close() }()

	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")

	ae := r.Header.Get("Accept-Encoding")
	bestQ := 0.0
	var best *os.File
	var bestInfo fs.FileInfo
	for _, enc := range encodings {
		cf, cfi, exists := openRegular(s.cfg.WebDir, filepath.FromSlash(name+enc.suffix))
		if !exists {
			continue
		}
		h.Set("Vary", "Accept-Encoding")
		if q := acceptQ(ae, enc.name); q > bestQ {
			if best != nil {
				_ = best.Close()
			}
			best, bestInfo, bestQ = cf, cfi, q
			h.Set("Content-Encoding", enc.name)
			continue
		}
		_ = cf.Close()
	}
	if best != nil {
		defer func() { _ = best.Close() }()
		http.ServeContent(w, r, name, bestInfo.ModTime(), best)
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
