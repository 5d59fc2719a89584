package ivsrt

import (
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
		b, err := readBody(req)
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
		Status:        statusLine(resp.Status),
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

// readBody reads the request body in one allocation when its length is declared (the SDKs
// declare it), where io.ReadAll grows a buffer from 512 bytes.
func readBody(req *http.Request) ([]byte, error) {
	if req.ContentLength <= 0 || req.ContentLength > 16<<20 {
		return io.ReadAll(req.Body)
	}
	b := make([]byte, req.ContentLength)
	n, err := io.ReadFull(req.Body, b)
	if err == io.ErrUnexpectedEOF {
		return b[:n], nil // shorter than declared: what was sent
	}
	if err != nil {
		return nil, err
	}
	rest, err := io.ReadAll(req.Body) // longer than declared: all of it, as before
	return append(b, rest...), err
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

// headerLines renders the request's headers, Host first, as "Name: value\r\n" lines.
func headerLines(req *http.Request, bodyLen int) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(512)
	host := req.Host
	if host == "" && req.URL != nil {
		host = req.URL.Host
	}
	if host != "" {
		writeHeaderLine(&b, "Host", host)
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
			writeHeaderLine(&b, name, v)
		}
	}
	if req.Header.Get("Content-Length") == "" && bodyLen > 0 {
		writeHeaderLine(&b, "Content-Length", strconv.Itoa(bodyLen))
	}
	return b.Bytes(), nil
}

// writeHeaderLine appends "name: value\r\n" without building the line as a string first.
func writeHeaderLine(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("\r\n")
}

// parseHeaderLines reads "Name: value" lines separated by "\r\n" or "\n". (A
// bufio.Scanner here allocated its 4 KiB buffer on every response.)
func parseHeaderLines(raw []byte) (http.Header, error) {
	h := make(http.Header, 4)
	text := string(raw)
	for text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", line)
		}
		h.Add(textproto.TrimString(name), textproto.TrimString(value))
	}
	return h, nil
}
