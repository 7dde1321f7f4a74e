package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// maxBodyBytes bounds every JSON request body.
const maxBodyBytes = 1 << 20

// readJSONParams reads r's body as the REST parameters, the way WordPress
// core does for a JSON request: an empty body means no parameters; a body
// that is not one JSON value → 400 rest_invalid_json; a JSON value that is
// not an object also means no parameters. Numbers are kept as json.Number.
// A body over 1 MiB → 413 rest_request_too_large.
func readJSONParams(r *http.Request) (map[string]any, *restError) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		e := newRestError(http.StatusBadRequest, "rest_invalid_json", "Invalid JSON body passed.", nil)
		return nil, &e
	}
	return parseJSONParams(raw)
}

func parseJSONParams(raw []byte) (map[string]any, *restError) {
	if len(raw) > maxBodyBytes {
		e := newRestError(http.StatusRequestEntityTooLarge, "rest_request_too_large",
			"The request body is too large.", nil)
		return nil, &e
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil
	}
	v, err := decodeJSON(raw)
	if err != nil {
		e := newRestError(http.StatusBadRequest, "rest_invalid_json", "Invalid JSON body passed.",
			map[string]any{"json_error_code": 4, "json_error_message": "Syntax error"})
		return nil, &e
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return map[string]any{}, nil
	}
	return obj, nil
}

// decodeJSON decodes exactly one JSON value (numbers as json.Number).
func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

// missingParams returns WordPress core's 400 rest_missing_callback_param
// error naming every required parameter absent from params, or nil.
func missingParams(params map[string]any, required ...string) *restError {
	var miss []string
	for _, k := range required {
		if _, ok := params[k]; !ok {
			miss = append(miss, k)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	e := newRestError(http.StatusBadRequest, "rest_missing_callback_param",
		"Missing parameter(s): "+strings.Join(miss, ", "), map[string]any{"params": miss})
	return &e
}

// paramError is one failed schema check, shaped like a WP_Error converted
// for data.details: {code, message, data}.
type paramError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

func typeError(param, types string) paramError {
	return paramError{Code: "rest_invalid_type", Message: param + " is not of type " + types + ".",
		Data: map[string]any{"param": param}}
}

func enumError(param string, enum []string) paramError {
	return paramError{Code: "rest_not_in_enum", Message: param + " is not one of " + strings.Join(enum, ", ") + "."}
}

func requiredPropError(prop, parent string) paramError {
	return paramError{Code: "rest_property_required", Message: prop + " is a required property of " + parent + "."}
}

// invalidParams collects the first failure of each top-level parameter, in
// the order they were checked.
type invalidParams struct {
	order []string
	errs  map[string]paramError
}

func (ip *invalidParams) add(param string, e paramError) {
	if ip.errs == nil {
		ip.errs = map[string]paramError{}
	}
	if _, dup := ip.errs[param]; dup {
		return
	}
	ip.order = append(ip.order, param)
	ip.errs[param] = e
}

// err returns WordPress core's 400 rest_invalid_param error: message
// "Invalid parameter(s): a, b", data.params (param → message) and
// data.details (param → {code, message, data}), both in check order; or nil
// when nothing failed.
func (ip *invalidParams) err() *restError {
	if len(ip.order) == 0 {
		return nil
	}
	params := orderedObject{}
	details := orderedObject{}
	for _, p := range ip.order {
		params = append(params, member{p, ip.errs[p].Message})
		details = append(details, member{p, ip.errs[p]})
	}
	e := newRestError(http.StatusBadRequest, "rest_invalid_param",
		"Invalid parameter(s): "+strings.Join(ip.order, ", "),
		map[string]any{"params": params, "details": details})
	return &e
}

// orderedObject marshals as a JSON object whose members keep their order.
type orderedObject []member

type member struct {
	Key   string
	Value any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.Value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
