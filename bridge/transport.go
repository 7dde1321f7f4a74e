//go:build js && wasm

package bridge

import (
	"errors"
	"strings"

	"github.com/wcblocks/checkoutwasm/bridge/jsv"
	"github.com/wcblocks/checkoutwasm/bridge/snapjson"

	"github.com/wcblocks/checkoutwasm/core/storeapi"
	"github.com/wcblocks/checkoutwasm/core/value"
	"github.com/wcblocks/checkoutwasm/core/value/valuetext"
	"github.com/wcblocks/checkoutwasm/internal/lite/context"
)

// fetchTransport performs the checkout request with the page's fetch (not
// net/http, which would add megabytes): cache 'no-store', same-origin
// credentials, the request's headers (Nonce, Idempotency-Key), and an
// AbortSignal tied to ctx so a reset abandons the request. checkout.js's
// host.respond reads the response (status, headers, body text) and sends
// it as one text, whose body Go parses as JSON.parse would
// (responseFromText); a page fetch that answers with something else than
// a Response is read here through jsv, its body parsed with the browser's
// JSON. A body that is not JSON is reported in Response.BodyErr (D14). A
// rejected fetch is a network failure (error).
type fetchTransport struct {
	conv  *converter
	calls *hostCalls // nil: jsutil.go's await
}

func (t *fetchTransport) Do(ctx context.Context, req storeapi.Request) (*storeapi.Response, error) {
	// The whole request as one text for checkout.js (host.request) when the
	// body is plain data: one crossing instead of ~30 (each header, each
	// init member, the AbortController, fetch itself).
	var enc snapjson.Encoder
	if t.calls != nil && enc.PlainJSON(req.Body) {
		body := string(enc.Bytes())
		headers := make([]string, 0, 2*len(req.Headers))
		for _, h := range req.Headers {
			headers = append(headers, h[0], h[1])
		}
		enc.Reset()
		enc.Value(value.NewObject("url", req.URL, "method", req.Method, "headers", headers, "body", body))
		r, sent, err := t.calls.request(ctx, enc.Bytes())
		if sent {
			if err != nil {
				return nil, err
			}
			return t.read(ctx, r)
		}
		enc.Reset()
	}
	fetch := global("fetch")
	if !isFunction(fetch) {
		return nil, errors.New("fetch is not available")
	}
	headers, _ := t.conv.object.New()
	for _, h := range req.Headers {
		_ = headers.Set(h[0], h[1])
	}
	// The body as one string built in Go (package snapjson) unless it holds
	// a value only JS can stringify (an opaque value): then JSON.stringify.
	var body any
	if enc.PlainJSON(req.Body) {
		body = string(enc.Bytes())
	} else {
		s, err := global("JSON").Call("stringify", t.conv.toJS(req.Body, false))
		if err != nil {
			return nil, errorFromCall(err)
		}
		body = s
	}
	init, _ := t.conv.object.New()
	_ = init.Set("method", req.Method)
	_ = init.Set("headers", headers)
	_ = init.Set("body", body)
	_ = init.Set("cache", "no-store")
	_ = init.Set("credentials", "same-origin")
	if ac, err := global("AbortController").New(); err == nil {
		_ = init.Set("signal", get(ac, "signal"))
		stop := context.AfterFunc(ctx, func() { _, _ = ac.Call("abort") })
		defer stop()
	}
	p, err := fetch.Invoke(req.URL, init)
	if err != nil {
		return nil, errorFromCall(err)
	}
	r, err := t.calls.respond(ctx, p)
	if err != nil {
		return nil, err
	}
	return t.read(ctx, r)
}

// read turns how the fetch settled into the Response: the text host.respond
// (or host.request) read, or a value a page's fetch answered with that is
// not a Response, read through jsv.
func (t *fetchTransport) read(ctx context.Context, r settledValue) (*storeapi.Response, error) {
	if r.parsed {
		return responseFromText(r.val), nil
	}
	res := r.v
	status, _ := get(res, "status").Int()
	out := &storeapi.Response{Status: status, Headers: map[string]string{}, Body: value.Undef}
	if hs := get(res, "headers"); !hs.IsUndefined() {
		collect, err := newFunc(func(_ jsv.Value, args []jsv.Value) any {
			v, _ := arg(args, 0).String()
			k, _ := arg(args, 1).String()
			out.Headers[strings.ToLower(k)] = v
			return nil
		})
		if err == nil {
			_, _ = hs.Call("forEach", collect.Value())
			collect.Release()
		}
	}
	tp, err := res.Call("text")
	if err != nil {
		out.BodyErr = errorFromCall(err)
		return out, nil
	}
	text, err := t.calls.await(ctx, tp)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out.BodyErr = err
		return out, nil
	}
	parsed, err := global("JSON").Call("parse", text)
	if err != nil {
		out.BodyErr = errorFromCall(err)
		return out, nil
	}
	conv, err := t.conv.convert(parsed, "the checkout response body")
	if err != nil {
		out.BodyErr = err
		return out, nil
	}
	out.Body = conv
	return out, nil
}

// responseFromText is the response host.respond read in JS: {status,
// headers: [name, value, ...], text} or, when reading the body failed,
// {status, headers, bodyError}. The body is parsed as JSON.parse would
// (valuetext.ParseJSON) within Limits; text that is not JSON, or over a
// budget, is the BodyErr.
func responseFromText(v any) *storeapi.Response {
	o := value.AsObject(v)
	status, _ := value.Number(o.Get("status"))
	out := &storeapi.Response{Status: int(status), Headers: map[string]string{}, Body: value.Undef}
	if list, ok := o.Get("headers").([]any); ok {
		for i := 0; i+1 < len(list); i += 2 {
			k, _ := list[i].(string)
			hv, _ := list[i+1].(string)
			out.Headers[strings.ToLower(k)] = hv
		}
	}
	if msg, ok := o.Get("bodyError").(string); ok {
		out.BodyErr = errors.New(msg)
		return out
	}
	text, _ := o.Get("text").(string)
	body, err := valuetext.ParseJSON([]byte(text), Limits)
	if err != nil {
		out.BodyErr = &convertError{Who: "the checkout response body", Err: err}
		return out
	}
	out.Body = body
	return out
}
