package ivsrtaws_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/ivsrt/ivsrt/bindings/go/internal/golden"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

// TestGolden replays tests/golden through a real *ivsrealtime.Client from NewClient, as
// Python replays them through boto3: the cases and checks of the Invoke and HTTP replays
// (ivsrt/golden_test.go), on the typed inputs and outputs an application handles.
func TestGolden(t *testing.T) {
	golden.Run(t, "sdk", viaSDK(notThroughTheSDK))
}

// notThroughTheSDK is the one record of the golden steps that the SDK cannot send as the
// case writes them (sdkRequest tells them), keyed by stepKey, with the reason; they go
// through HTTP. Any other such step fails the replay, and so does a step listed here that
// the SDK can send: no step leaves the SDK unnoticed.
var notThroughTheSDK = map[string]string{
	`ListParticipants {"stageArn":"${arn}","sessionId":"${sid}","filterByPublished":false}`: "ListParticipantsInput." +
		"FilterByPublished is a bool held by value: the SDK omits false, so no SDK user can filter on published=false",
	`CreateIngestConfiguration {"ingestProtocol":"RTMP","insecureIngest":false}`: "CreateIngestConfigurationInput." +
		"InsecureIngest is a bool held by value: the SDK omits false (the engine's default)",
	`DeleteIngestConfiguration {"arn":"${ic}","force":false}`: "DeleteIngestConfigurationInput.Force is a bool " +
		"held by value: the SDK omits false (the engine's default)",
	`UpdateIngestConfiguration {"arn":"${ic}","redundantIngest":false}`: "UpdateIngestConfigurationInput." +
		"RedundantIngest is missing from ivsrealtime v1.30.0 (model of 2026-04-08)",
	`UpdateIngestConfiguration {"arn":"${ic}","stageArn":"${stage2}","redundantIngest":true}`: "UpdateIngestConfigurationInput." +
		"RedundantIngest is missing from ivsrealtime v1.30.0 (model of 2026-04-08)",
	`CreateIngestConfiguration {"ingestProtocol":"RTMP","insecureIngest":true,"stageArn":"","redundantIngest":true}`: "CreateIngestConfigurationInput." +
		"RedundantIngest is missing from ivsrealtime v1.30.0 (model of 2026-04-08)",
}

// newerThanTheSDK lists the output members the model gained after the aws-sdk-go-v2
// ivsrealtime release go.mod pins, with where they come from: the SDK cannot hold them, so
// sameAsWire takes the engine's value for them instead of failing the step.
var newerThanTheSDK = map[string]string{
	"redundantIngest":            "IngestConfiguration(Summary) and Participant(Summary), model of 2026-04-08; ivsrealtime v1.30.0 predates it",
	"redundantIngestCredentials": "IngestConfiguration, model of 2026-04-08; ivsrealtime v1.30.0 predates it",
	"ingestConfigurationArn":     "Participant(Summary), model of 2026-04-08; ivsrealtime v1.30.0 predates it",
}

// stepKey names a step by its operation and its request as the case writes it, compacted.
func stepKey(st golden.Step) string {
	var b bytes.Buffer
	if json.Compact(&b, st.Request) != nil {
		return st.Op + " " + string(st.Request)
	}
	return st.Op + " " + b.String()
}

// The replay on the example of tests/golden/README.md, with steps that only the engine may
// refuse (a required member missing) and that go through HTTP (a JSON type the typed input
// cannot hold; test control).
func TestGoldenReplayThroughTheSDK(t *testing.T) {
	gc, err := golden.Parse([]byte(`{
	  "options": {"seed": 7, "clock": "2026-01-02T03:04:05Z"},
	  "steps": [
	    {"op": "CreateStage", "request": {"name": "a", "tags": {"k": "v"}}, "save": {"arn": "stage.arn"},
	     "expect": {"stage.name": "a", "stage.tags": {"k": "v"}},
	     "match": {"stage.arn": "^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9]{12}$"},
	     "absent": ["stage.activeSessionId"]},
	    {"op": "GetStage", "request": {"arn": "${arn}"}, "expect": {"stage.arn": "${arn}"}},
	    {"op": "GetStage", "request": {"arn": "nope"}, "error": "ValidationException", "status": 400},
	    {"op": "GetStage", "request": {}, "error": "ValidationException", "status": 400},
	    {"op": "ListStages", "request": {"maxResults": "1"}, "error": "ValidationException", "status": 400},
	    {"op": "ivsrt:AdvanceClock", "request": {"seconds": 5}, "expect": {"time": "2026-01-02T03:04:10Z"}}
	  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	golden.Replay(t, gc, viaSDK(map[string]string{
		`ListStages {"maxResults":"1"}`: "a string where ListStagesInput has an int32"}))
}

// A step the SDK cannot send fails unless it is listed, and a listed step fails if the SDK
// can send it.
func TestGoldenStepsNotThroughTheSDKAreListed(t *testing.T) {
	bad := golden.Step{Op: "ListStages", Request: json.RawMessage(`{"maxResults": "1"}`)}
	good := golden.Step{Op: "ListStages", Request: json.RawMessage(`{"maxResults": 1}`)}
	listed := map[string]string{stepKey(bad): "a string", stepKey(good): "no reason"}
	for _, c := range []struct {
		skip  map[string]string
		step  golden.Step
		fails bool
	}{
		{nil, bad, true},
		{listed, bad, false},
		{nil, good, false},
		{listed, good, true},
	} {
		res, err := viaSDK(c.skip)(t, ivsrttest.New(t))(c.step, c.step.Request)
		if (err != nil) != c.fails {
			t.Errorf("%s, listed %v: %+v, %v; want a failure %v", stepKey(c.step), c.skip != nil, res, err, c.fails)
		}
	}
}

// Exactly the requests the SDK cannot send as they stand go through HTTP.
func TestGoldenRequestsTheSDKCannotSend(t *testing.T) {
	client := ivsrtaws.NewClient(ivsrttest.New(t))
	for _, c := range []struct {
		op, request string
		viaSDK      bool
	}{
		{"GetStage", `{"arn":"x"}`, true},
		{"GetStage", `{}`, true}, // arn is required: the engine says so
		{"CreateEncoderConfiguration", `{"video":{"framerate":29.97,"width":2}}`, true},
		{"UpdateStage", `{"arn":"x","autoParticipantRecordingConfiguration":{"recordParticipantReplicas":true,"mediaTypes":[]}}`, true},
		{"TagResource", `{"resourceArn":"x","tags":{}}`, true},
		{"ivsrt:AdvanceClock", `{"seconds":5}`, false},
		{"NoSuchOperation", `{}`, false},
		{"Options", `{}`, false}, // a method of the client, not an operation
		{"ListStages", `{"maxResults":"1"}`, false},
		{"ListStages", `{"maxResults":1.5}`, false},
		{"GetStage", `["x"]`, false},
		{"GetStage", `{"arn":"x","extra":1}`, false},
		{"GetStage", `{"Arn":"x"}`, false},
		{"GetStage", `{"arn":null}`, false},
		{"UpdateStage", `{"arn":"x","autoParticipantRecordingConfiguration":{"recordParticipantReplicas":false}}`, false},
		{"ListParticipants", `{"stageArn":"x","sessionId":"y","filterByPublished":true}`, true},
		{"ListParticipants", `{"stageArn":"x","sessionId":"y","filterByPublished":false}`, false}, // a bool by value
	} {
		if _, _, why := sdkRequest(client, c.op, []byte(c.request)); (why == "") != c.viaSDK {
			t.Errorf("%s %s: through the SDK %v (%s), want %v", c.op, c.request, why == "", why, c.viaSDK)
		}
	}
}

// An output differs from the engine's body in any member but one held by value at zero;
// such a member the engine did not send leaves the SDK's view.
func TestGoldenOutputAgainstTheWire(t *testing.T) {
	zeros := map[string]bool{"a.n": true}
	for _, c := range []struct {
		sdk, wire string
		same      bool
		after     string // the SDK's view once held against the wire, when same
	}{
		{`{"a":{"n":0,"s":"x"}}`, `{"a":{"n":0,"s":"x"}}`, true, `{"a":{"n":0,"s":"x"}}`},
		{`{"a":{"n":0,"s":"x"}}`, `{"a":{"s":"x"}}`, true, `{"a":{"s":"x"}}`},
		{`{"a":{"s":"x","m":0}}`, `{"a":{"s":"x"}}`, false, ""},
		{`{"a":{"s":"x"}}`, `{"a":{"s":"x","new":1}}`, false, ""},
		{`{"a":{"s":"x"}}`, `{"a":{"s":"y"}}`, false, ""},
		{`{"a":{"s":"x"}}`, `{"a":"x"}`, false, ""},
		{`{"l":[1,2]}`, `{"l":[1]}`, false, ""},
	} {
		var sdk any
		if err := json.Unmarshal([]byte(c.sdk), &sdk); err != nil {
			t.Fatal(err)
		}
		err := sameAsWire(sdk, []byte(c.wire), zeros)
		if (err == nil) != c.same {
			t.Errorf("SDK %s, wire %s: %v, want same %v", c.sdk, c.wire, err, c.same)
		}
		if c.same && show(sdk) != c.after {
			t.Errorf("SDK %s, wire %s: the SDK's view became %s, want %s", c.sdk, c.wire, show(sdk), c.after)
		}
	}
}

// viaSDK calls the client method named by the operation with its typed input decoded from
// the request, and turns the typed output back into the AWS JSON shape, or the typed error
// into its AWS type and HTTP status. Test-control operations and operations AWS lacks go
// through HTTP, as in the boto3 replay; so do the steps in skip (see notThroughTheSDK).
// Each output is also held against the body the engine sent: a member the SDK drops or
// reads otherwise is a fidelity bug, and fails the step.
func viaSDK(skip map[string]string) golden.Surface {
	return func(t *testing.T, e *ivsrt.Engine) golden.Call {
		wire := &lastBody{next: e.HTTPClient()}
		client := ivsrtaws.NewClient(e, func(o *ivsrealtime.Options) {
			o.HTTPClient = wire
			o.APIOptions = append(o.APIOptions, withoutInputValidation)
		})
		direct := golden.HTTP(t, e)
		return func(st golden.Step, request []byte) (golden.Result, error) {
			method, in, why := sdkRequest(client, st.Op, request)
			reason, listed := skip[stepKey(st)]
			switch {
			case !method.IsValid():
				return direct(st, request)
			case why != "" && !listed:
				return golden.Result{}, fmt.Errorf("the SDK cannot send %s (%s): if no typed client can, "+
					"list %q in notThroughTheSDK with the reason", request, why, stepKey(st))
			case why == "" && listed:
				return golden.Result{}, fmt.Errorf("%q is in notThroughTheSDK (%s), but the SDK sends it", stepKey(st), reason)
			case listed:
				t.Logf("%s: through HTTP, not the SDK: %s (%s)", stepKey(st), reason, why)
				return direct(st, request)
			}
			wire.body = nil
			out := method.Call([]reflect.Value{reflect.ValueOf(context.Background()), in})
			if err, _ := out[1].Interface().(error); err != nil {
				return sdkError(err)
			}
			body, zeros := sdkJSON(out[0], true)
			if err := sameAsWire(body, wire.body, zeros); err != nil {
				return golden.Result{}, fmt.Errorf("the SDK's %sOutput is not what the engine sent: %w", st.Op, err)
			}
			return golden.Result{Body: body}, nil
		}
	}
}

var (
	contextType  = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType    = reflect.TypeOf((*error)(nil)).Elem()
	timeType     = reflect.TypeOf(time.Time{})
	metadataType = reflect.TypeOf(middleware.Metadata{})
)

// sdkRequest returns op's client method and its typed input holding request, or why the SDK
// cannot send that request as it stands:
//   - the client has no method for op (the method returned is invalid): test control
//     (ivsrt:...), an operation AWS lacks;
//   - the typed input cannot hold the request: not a JSON object, a member the input lacks,
//     a JSON type the member's field cannot hold;
//   - the SDK would send another request: a null member (sent as absent), false or 0 in a
//     member held by value (omitted), a member name in another case (sent in the model's).
//
// Missing required members are no reason: the client's own check of them is off
// (withoutInputValidation), as boto3's is in Python's replay, so the engine judges them.
func sdkRequest(client *ivsrealtime.Client, op string, request []byte) (method, in reflect.Value, why string) {
	method = reflect.ValueOf(client).MethodByName(op)
	if !method.IsValid() || !isOperation(method.Type()) {
		return reflect.Value{}, in, "the client has no such operation"
	}
	in = reflect.New(method.Type().In(1).Elem())
	dec := json.NewDecoder(bytes.NewReader(request))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in.Interface()); err != nil {
		return method, in, fmt.Sprintf("%s cannot hold it: %v", in.Type().Elem().Name(), err)
	}
	var asked any
	if err := json.Unmarshal(request, &asked); err != nil {
		return method, in, fmt.Sprintf("not JSON: %v", err)
	}
	if sent, _ := sdkJSON(in, false); !reflect.DeepEqual(sent, asked) {
		return method, in, "the SDK would send " + show(sent)
	}
	return method, in, ""
}

// isOperation tells an operation's method, func(ctx, *XInput, ...func(*Options)) (*XOutput,
// error), from the client's other methods.
func isOperation(mt reflect.Type) bool {
	return mt.NumIn() == 3 && mt.IsVariadic() && mt.In(0) == contextType &&
		mt.In(1).Kind() == reflect.Pointer && mt.In(1).Elem().Kind() == reflect.Struct &&
		mt.NumOut() == 2 && mt.Out(1) == errorType
}

// withoutInputValidation removes the client's check of required members, so that every
// request reaches the engine, which must refuse it as AWS does.
func withoutInputValidation(stack *middleware.Stack) error {
	const id = "OperationInputValidation" // the id of every operation's validator
	if _, ok := stack.Initialize.Get(id); !ok {
		return nil // an operation without required members has none
	}
	_, err := stack.Initialize.Remove(id)
	return err
}

// sdkError is the AWS view of a failed call: the typed error's code (smithy.APIError) and
// the HTTP status of the response. Any other error is not an answer of the engine.
func sdkError(err error) (golden.Result, error) {
	var api smithy.APIError
	var resp *awshttp.ResponseError
	if !errors.As(err, &api) || !errors.As(err, &resp) {
		return golden.Result{}, fmt.Errorf("not an answer of the engine: %w", err)
	}
	return golden.Result{ErrorType: api.ErrorCode(), Status: resp.HTTPStatusCode()}, nil
}

// sdkJSON is an SDK input or output v in the AWS JSON shape, as encoding/json decodes JSON
// into an any: each member under its model name (the field's name with a lower-case first
// letter, as the SDK's serializers write it), nil members absent, numbers float64 (a
// float32 at its shortest, as the SDK writes it), timestamps ISO-8601 in UTC, without
// ResultMetadata and unexported fields. An enum held by value is absent when "", as the
// SDK reads it. A bool or number held by value cannot be absent in the SDK: at zero its
// serializer omits it, so an input (output false) leaves it out, while an output keeps it
// and returns its path in zeros, since the SDK cannot tell whether the engine sent it.
func sdkJSON(v reflect.Value, output bool) (body any, zeros map[string]bool) {
	w := walker{output: output, zeros: map[string]bool{}}
	body, _ = w.value(v, "")
	return body, w.zeros
}

type walker struct {
	output bool
	zeros  map[string]bool
}

func (w *walker) value(v reflect.Value, path string) (any, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		if v.IsNil() {
			return nil, false
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return w.value(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == timeType {
			return v.Interface().(time.Time).UTC().Format(time.RFC3339Nano), true
		}
		return w.object(v, path), true
	case reflect.Map:
		m := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			k := it.Key().String()
			m[k], _ = w.value(it.Value(), join(path, k))
		}
		return m, true
	case reflect.Slice:
		l := make([]any, v.Len())
		for i := range l {
			l[i], _ = w.value(v.Index(i), join(path, strconv.Itoa(i)))
		}
		return l, true
	case reflect.String:
		return v.String(), true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int()), true
	case reflect.Float32:
		f, _ := strconv.ParseFloat(strconv.FormatFloat(v.Float(), 'g', -1, 32), 64)
		return f, true
	case reflect.Float64:
		return v.Float(), true
	}
	panic(fmt.Sprintf("no JSON form for %s at %q", v.Type(), path))
}

func (w *walker) object(v reflect.Value, path string) map[string]any {
	m := map[string]any{}
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type == metadataType {
			continue
		}
		name := strings.ToLower(f.Name[:1]) + f.Name[1:]
		p := join(path, name)
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Float32, reflect.Float64:
			if fv.IsZero() {
				if !w.output {
					continue
				}
				w.zeros[p] = true
			}
		}
		if x, ok := w.value(fv, p); ok {
			m[name] = x
		}
	}
	return m
}

func join(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// sameAsWire holds the SDK's view of an answer against the body the engine sent: the same
// members with the same values, but for the members held by value at zero (zeros), which
// the SDK has whether or not they were sent. Those the engine did not send are removed from
// sdk, so that a case's expectations see the members that were sent, as boto3's replay does
// (Event.Replica, a bool, is false in the SDK when the engine leaves it out; an enum, a
// string held by value, is "" both when the engine sends "" and when it sends nothing, as
// GridConfiguration.VideoFillMode).
func sameAsWire(sdk any, wire []byte, zeros map[string]bool) error {
	var sent any
	if err := json.Unmarshal(wire, &sent); err != nil {
		return fmt.Errorf("the body is not JSON: %v: %s", err, wire)
	}
	return diff(sdk, sent, "", zeros)
}

func diff(sdk, sent any, path string, zeros map[string]bool) error {
	switch s := sdk.(type) {
	case map[string]any:
		w, ok := sent.(map[string]any)
		if !ok {
			break
		}
		for k, x := range s {
			p := join(path, k)
			y, ok := w[k]
			switch {
			case !ok && zeros[p]:
				delete(s, k)
			case !ok:
				return fmt.Errorf("%s: the SDK has %s, the engine sent nothing", p, show(x))
			default:
				if err := diff(x, y, p, zeros); err != nil {
					return err
				}
			}
		}
		for k, y := range w {
			if _, ok := s[k]; !ok {
				if _, newer := newerThanTheSDK[k]; newer {
					s[k] = y // the case's expectations read what the engine sent
					continue
				}
				return fmt.Errorf("%s: the engine sent %s, the SDK has nothing", join(path, k), show(y))
			}
		}
		return nil
	case []any:
		w, ok := sent.([]any)
		if !ok || len(w) != len(s) {
			break
		}
		for i := range s {
			if err := diff(s[i], w[i], join(path, strconv.Itoa(i)), zeros); err != nil {
				return err
			}
		}
		return nil
	}
	if !reflect.DeepEqual(sdk, sent) {
		return fmt.Errorf("%q: the engine sent %s, the SDK has %s", path, show(sent), show(sdk))
	}
	return nil
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// lastBody is the client's HTTP client, keeping the body of the last response, with the
// output members bound to headers added, as the SDK reads them.
type lastBody struct {
	next ivsrealtime.HTTPClient
	body []byte
}

func (l *lastBody) Do(req *http.Request) (*http.Response, error) {
	resp, err := l.next.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	l.body = raw
	if resp.StatusCode == http.StatusOK {
		l.body, err = golden.WithHeaderMembers(raw, resp.Header)
	}
	return resp, err
}
