package ivsrt

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"sort"
	"strconv"
	"strings"
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
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("ivsrt: reading request body: %w", err)
		}
		body = b
	}
	headers, err := headerLines(req, len(body))
	if err != nil {
		return nil, err
	}
	resp, err := c.e.httpCall(req.Method, req.URL.RequestURI(), headers, body)
	if err != nil {
		return nil, err
	}
	h, err := parseHeaderLines(resp.Headers)
	if err != nil {
		return nil, fmt.Errorf("ivsrt: response headers: %w", err)
	}
	if h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", resp.Status, http.StatusText(resp.Status)),
		StatusCode:    resp.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(resp.Body)),
		ContentLength: int64(len(resp.Body)),
		Request:       req,
	}, nil
}

// RoundTrip implements http.RoundTripper.
func (c *HTTPClient) RoundTrip(req *http.Request) (*http.Response, error) { return c.Do(req) }

// headerLines renders the request's headers, Host first, as "Name: value\r\n" lines.
func headerLines(req *http.Request, bodyLen int) ([]byte, error) {
	var b bytes.Buffer
	host := req.Host
	if host == "" && req.URL != nil {
		host = req.URL.Host
	}
	if host != "" {
		b.WriteString("Host: " + host + "\r\n")
	}
	names := make([]string, 0, len(req.Header))
	for name := range req.Header {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if strings.EqualFold(name, "Host") {
			continue
		}
		for _, v := range req.Header[name] {
			if strings.ContainsAny(name, "\r\n:") || strings.ContainsAny(v, "\r\n") {
				return nil, fmt.Errorf("ivsrt: invalid request header %q", name)
			}
			b.WriteString(name + ": " + v + "\r\n")
		}
	}
	if req.Header.Get("Content-Length") == "" && bodyLen > 0 {
		b.WriteString("Content-Length: " + strconv.Itoa(bodyLen) + "\r\n")
	}
	return b.Bytes(), nil
}

// parseHeaderLines reads "Name: value" lines separated by "\r\n" or "\n".
func parseHeaderLines(raw []byte) (http.Header, error) {
	h := http.Header{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		h.Add(textproto.TrimString(name), textproto.TrimString(value))
	}
	return h, sc.Err()
}
