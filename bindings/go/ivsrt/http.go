package ivsrt

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// HTTPClient answers HTTP requests in-process, exactly as the AWS ivs-realtime endpoint
// would, whatever host the request names: no socket is opened. Its Do method makes it
// usable as ivsrealtime.Options.HTTPClient, and it is an http.RoundTripper too, for an
// *http.Client{Transport: ...}.
//
// The region of a request is taken from its SigV4 signature, else from its Host header,
// else the engine's region. AWS errors are ordinary responses (status 400, 402, 403, 404,
// 409 or 500 with an x-amzn-ErrorType header); Do fails only when no response could be
// produced, for example after Close (ErrClosed).
type HTTPClient struct {
	e *Engine
}

// HTTPClient returns an in-process HTTP client for this engine.
func (e *Engine) HTTPClient() *HTTPClient { return &HTTPClient{e: e} }

// Do answers one request.
func (c *HTTPClient) Do(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	// The body, then the header lines, in one pooled buffer: ivsrt_http reads them during
	// the call only.
	scratch := scratchPool.Get().(*[]byte)
	defer putScratch(scratch)
	buf := (*scratch)[:0]
	if req.Body != nil {
		b, err := appendBody(buf, req)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("ivsrt: reading request body: %w", err)
		}
		buf = b
	}
	bodyLen := len(buf)
	buf, err := appendHeaderLines(buf, req)
	if err != nil {
		return nil, err
	}
	*scratch = buf[:0]
	body, lines := buf[:bodyLen], buf[bodyLen:]
	resp, err := c.e.httpCall(req.Method, req.URL.RequestURI(), lines, body)
	if err != nil {
		return nil, err
	}
	h, err := responseHeader(resp.Headers, len(resp.Body))
	if err != nil {
		return nil, fmt.Errorf("ivsrt: response headers: %w", err)
	}
	r := &response{Response: http.Response{
		Status:        statusLine(resp.Status),
		StatusCode:    resp.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		ContentLength: int64(len(resp.Body)),
		Request:       req,
	}}
	r.body.Reset(resp.Body)
	r.Body = &r.body
	return &r.Response, nil
}

// response is an answer and its body's reader in one allocation.
type response struct {
	http.Response
	body responseBody
}

// responseBody reads the engine's response body, copied into Go memory; Close does nothing.
type responseBody struct{ bytes.Reader }

func (*responseBody) Close() error { return nil }

// Request scratch buffers: most requests need far less than this; a larger buffer one
// request grew is not kept.
const (
	scratchSize    = 2 << 10
	maxScratchSize = 64 << 10
)

var scratchPool = sync.Pool{New: func() any {
	b := make([]byte, 0, scratchSize)
	return &b
}}

func putScratch(b *[]byte) {
	if cap(*b) <= maxScratchSize {
		scratchPool.Put(b)
	}
}

// appendBody appends the request body to b, reading it whole whatever Content-Length says:
// a shorter or longer body than declared is what was sent. A declared length (the SDKs
// declare it) sizes the buffer once, where io.ReadAll grows it from 512 bytes.
func appendBody(b []byte, req *http.Request) ([]byte, error) {
	if n := req.ContentLength; n > 0 && n <= 16<<20 {
		b = slices.Grow(b, int(n)+1) // +1: room to see EOF without growing
	}
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, 512)
		}
		n, err := req.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// RoundTrip implements http.RoundTripper.
func (c *HTTPClient) RoundTrip(req *http.Request) (*http.Response, error) { return c.Do(req) }

// The Status strings of the statuses the engine answers with, made once.
var statusLines = func() map[int]string {
	lines := map[int]string{}
	for _, code := range []int{200, 400, 402, 403, 404, 409, 413, 500} {
		lines[code] = strconv.Itoa(code) + " " + http.StatusText(code)
	}
	return lines
}()

// statusLine is net/http's Status for a code: "200 OK".
func statusLine(code int) string {
	if line, ok := statusLines[code]; ok {
		return line
	}
	return fmt.Sprintf("%d %s", code, http.StatusText(code))
}

// appendHeaderLines appends the request's Host and Authorization headers to b as
// "Name: value\r\n" lines, Host first. They are the only headers ivsrt_http reads (the
// region, from the SigV4 credential scope or the host name: RegionFromHeaders in
// core/http_router.cc; no input member of the model is bound to a header; a test holds the
// engine to it), so the others, six more lines from aws-sdk-go-v2, are not copied, sorted or
// passed. Every header is still checked: one that cannot be written as a line fails the
// request, as it would on the wire.
func appendHeaderLines(b []byte, req *http.Request) ([]byte, error) {
	host := req.Host
	if host == "" && req.URL != nil {
		host = req.URL.Host
	}
	if host != "" {
		b = appendHeaderLine(b, "Host", host)
	}
	var found [1]string
	auth := found[:0] // the names spelling Authorization: one, unless set by hand
	for name, values := range req.Header {
		if strings.EqualFold(name, "Host") {
			continue
		}
		for i, v := range values {
			if i == 0 && (!oneLine(name) || strings.IndexByte(name, ':') >= 0) || !oneLine(v) {
				return nil, fmt.Errorf("ivsrt: invalid request header %q", name)
			}
		}
		if strings.EqualFold(name, "Authorization") {
			auth = append(auth, name)
		}
	}
	slices.Sort(auth) // several spellings: in a fixed order, the first scope read wins
	for _, name := range auth {
		for _, v := range req.Header[name] {
			b = appendHeaderLine(b, name, v)
		}
	}
	return b, nil
}

// oneLine reports whether s holds no line break (strings.IndexByte is vectorised, where
// strings.ContainsAny looks at one byte at a time).
func oneLine(s string) bool {
	return strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0
}

// appendHeaderLine appends "name: value\r\n".
func appendHeaderLine(b []byte, name, value string) []byte {
	b = append(b, name...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, "\r\n"...)
}

// responseHeader reads the engine's "Name: value" lines, separated by "\r\n" or "\n", and
// sets Content-Length to bodyLen unless they do. The values share one backing array, and
// the names the engine writes are canonicalised without an allocation.
func responseHeader(raw string, bodyLen int) (http.Header, error) {
	n := strings.Count(raw, "\n") + 2 // a last line without "\n", and Content-Length
	h := make(http.Header, n)
	values := make([]string, 0, n)
	set := func(key, value string) {
		values = append(values, value)
		h[key] = values[len(values)-1 : len(values) : len(values)]
	}
	for text := raw; text != ""; {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		key := canonicalHeaderKey(textproto.TrimString(name))
		value = textproto.TrimString(value)
		if old, ok := h[key]; ok {
			h[key] = append(old, value)
		} else {
			set(key, value)
		}
	}
	if v := h["Content-Length"]; len(v) == 0 || v[0] == "" { // h.Get, for a canonical key
		set("Content-Length", strconv.Itoa(bodyLen))
	}
	return h, nil
}

// canonicalHeaderKey is textproto.CanonicalMIMEHeaderKey, without its allocation for the
// names the engine writes in AWS's spelling.
func canonicalHeaderKey(name string) string {
	switch name {
	case "x-amzn-RequestId":
		return "X-Amzn-Requestid"
	case "x-amzn-ErrorType":
		return "X-Amzn-Errortype"
	}
	return textproto.CanonicalMIMEHeaderKey(name)
}
