package ivsrtaws_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	"github.com/aws/smithy-go"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrttest"
)

var (
	ctx      = context.Background()
	stageARN = regexp.MustCompile(`^arn:aws:ivs:us-east-1:123456789012:stage/[a-zA-Z0-9-]+$`)
)

const unknownStage = "arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234"

func newClient(t *testing.T, opts ...ivsrt.Options) (*ivsrt.Engine, *ivsrealtime.Client) {
	t.Helper()
	var e *ivsrt.Engine
	if len(opts) == 0 {
		e = ivsrttest.New(t)
	} else {
		e = ivsrttest.NewWithOptions(t, opts[0])
	}
	return e, ivsrtaws.NewClient(e)
}

// wantAPIError checks err against AWS's view of an error: the modeled type (via target, a
// pointer to a *types.X), the smithy code, the fault and the HTTP status. (The message is
// in the modeled ExceptionMessage member: the Go SDK leaves ErrorMessage() empty for this
// service, against AWS too.)
func wantAPIError(t *testing.T, err error, target any, code string, status int) {
	t.Helper()
	if err == nil {
		t.Fatalf("call succeeded, want %s", code)
	}
	if !errors.As(err, target) {
		t.Fatalf("errors.As(%v, %T) = false", err, target)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code || ae.ErrorFault() != smithy.FaultClient {
		t.Fatalf("smithy.APIError of %v: code %q", err, ae.ErrorCode())
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != status {
		t.Fatalf("awshttp.ResponseError of %v: want status %d", err, status)
	}
	if re.ServiceRequestID() == "" {
		t.Fatalf("%s without a request id", code)
	}
}

func wantValidation(t *testing.T, err error) *types.ValidationException {
	t.Helper()
	var ve *types.ValidationException
	wantAPIError(t, err, &ve, "ValidationException", 400)
	if aws.ToString(ve.ExceptionMessage) == "" {
		t.Fatalf("ValidationException without exceptionMessage: %v", err)
	}
	return ve
}

func wantNotFound(t *testing.T, err error) {
	t.Helper()
	var nf *types.ResourceNotFoundException
	wantAPIError(t, err, &nf, "ResourceNotFoundException", 404)
	if aws.ToString(nf.ExceptionMessage) == "" {
		t.Fatalf("ResourceNotFoundException without exceptionMessage: %v", err)
	}
}

func TestStageLifecycle(t *testing.T) {
	_, c := newClient(t)

	created, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		Name: aws.String("first"),
		Tags: map[string]string{"team": "video"},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(created.Stage.Arn)
	if !stageARN.MatchString(arn) || aws.ToString(created.Stage.Name) != "first" || created.Stage.Tags["team"] != "video" {
		t.Fatalf("CreateStage = %+v", created.Stage)
	}
	if len(created.ParticipantTokens) != 0 {
		t.Fatalf("unrequested participant tokens: %+v", created.ParticipantTokens)
	}

	got, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String(arn)})
	if err != nil || aws.ToString(got.Stage.Arn) != arn || aws.ToString(got.Stage.Name) != "first" {
		t.Fatalf("GetStage = %+v, %v", got, err)
	}

	up, err := c.UpdateStage(ctx, &ivsrealtime.UpdateStageInput{Arn: aws.String(arn), Name: aws.String("renamed")})
	if err != nil || aws.ToString(up.Stage.Name) != "renamed" {
		t.Fatalf("UpdateStage = %+v, %v", up, err)
	}

	list, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{})
	if err != nil || len(list.Stages) != 1 || aws.ToString(list.Stages[0].Arn) != arn ||
		aws.ToString(list.Stages[0].Name) != "renamed" || list.NextToken != nil {
		t.Fatalf("ListStages = %+v, %v", list, err)
	}

	if _, err := c.DeleteStage(ctx, &ivsrealtime.DeleteStageInput{Arn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String(arn)})
	wantNotFound(t, err)
	_, err = c.DeleteStage(ctx, &ivsrealtime.DeleteStageInput{Arn: aws.String(arn)})
	wantNotFound(t, err)
}

func TestValidationErrors(t *testing.T) {
	_, c := newClient(t)
	_, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String("nope")})
	wantValidation(t, err)
	_, err = c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Name: aws.String("has space")})
	wantValidation(t, err)
	_, err = c.UpdateStage(ctx, &ivsrealtime.UpdateStageInput{Arn: aws.String("arn:aws:ivs:us-east-1:123456789012:channel/abc")})
	wantValidation(t, err)
	_, err = c.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(101)})
	wantValidation(t, err)
	_, err = c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{
		StageArn: aws.String(unknownStage), Duration: aws.Int32(20161)})
	wantValidation(t, err)
	_, err = c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{StageArn: aws.String("nope")})
	wantValidation(t, err)
	_, err = c.DisconnectParticipant(ctx, &ivsrealtime.DisconnectParticipantInput{
		StageArn: aws.String(unknownStage), ParticipantId: aws.String("bad id!")})
	wantValidation(t, err)
}

func TestNotFound(t *testing.T) {
	_, c := newClient(t)
	arn := aws.String(unknownStage)
	_, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: arn})
	wantNotFound(t, err)
	_, err = c.UpdateStage(ctx, &ivsrealtime.UpdateStageInput{Arn: arn, Name: aws.String("x")})
	wantNotFound(t, err)
	_, err = c.DeleteStage(ctx, &ivsrealtime.DeleteStageInput{Arn: arn})
	wantNotFound(t, err)
	_, err = c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{StageArn: arn})
	wantNotFound(t, err)
	_, err = c.DisconnectParticipant(ctx, &ivsrealtime.DisconnectParticipantInput{StageArn: arn, ParticipantId: aws.String("abc")})
	wantNotFound(t, err)
}

func TestServiceQuota(t *testing.T) {
	_, c := newClient(t, ivsrt.Options{Quotas: map[string]int{"stages": 2}})
	for i := 0; i < 2; i++ {
		if _, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{})
	var qe *types.ServiceQuotaExceededException
	wantAPIError(t, err, &qe, "ServiceQuotaExceededException", 402)
	if aws.ToString(qe.ExceptionMessage) == "" {
		t.Fatalf("ServiceQuotaExceededException without exceptionMessage: %v", err)
	}
	var ve *types.ValidationException
	if errors.As(err, &ve) {
		t.Fatal("a quota error is also a ValidationException")
	}
}

func TestPaging(t *testing.T) {
	_, c := newClient(t)
	want := map[string]bool{}
	for i := 0; i < 5; i++ {
		out, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Name: aws.String(fmt.Sprintf("s%d", i))})
		if err != nil {
			t.Fatal(err)
		}
		want[aws.ToString(out.Stage.Arn)] = true
	}

	// By hand with NextToken.
	seen := map[string]bool{}
	var token *string
	pages := 0
	for {
		out, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.Stages) > 2 {
			t.Fatalf("page of %d", len(out.Stages))
		}
		for _, s := range out.Stages {
			if seen[aws.ToString(s.Arn)] {
				t.Fatalf("%s twice", aws.ToString(s.Arn))
			}
			seen[aws.ToString(s.Arn)] = true
		}
		if out.NextToken == nil {
			break
		}
		token = out.NextToken
	}
	if pages != 3 || len(seen) != 5 {
		t.Fatalf("%d pages, %d stages", pages, len(seen))
	}
	for arn := range want {
		if !seen[arn] {
			t.Fatalf("%s never listed", arn)
		}
	}

	// And with the SDK's paginator.
	p := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(4)})
	n, pages := 0, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		n += len(out.Stages)
	}
	if n != 5 || pages != 2 {
		t.Fatalf("paginator: %d stages in %d pages", n, pages)
	}

	_, err := c.ListStages(ctx, &ivsrealtime.ListStagesInput{NextToken: aws.String("not a token!")})
	wantValidation(t, err)
}

func TestTags(t *testing.T) {
	_, c := newClient(t)
	out, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Tags: map[string]string{"a": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	arn := out.Stage.Arn

	if _, err := c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"b": "2", "c": "3"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.ListTagsForResource(ctx, &ivsrealtime.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil || len(tags.Tags) != 3 || tags.Tags["a"] != "1" || tags.Tags["b"] != "2" || tags.Tags["c"] != "3" {
		t.Fatalf("ListTagsForResource = %+v, %v", tags, err)
	}
	if _, err := c.UntagResource(ctx, &ivsrealtime.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"a", "c"}}); err != nil {
		t.Fatal(err)
	}
	tags, err = c.ListTagsForResource(ctx, &ivsrealtime.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil || len(tags.Tags) != 1 || tags.Tags["b"] != "2" {
		t.Fatalf("after UntagResource: %+v, %v", tags, err)
	}
	got, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: arn})
	if err != nil || len(got.Stage.Tags) != 1 || got.Stage.Tags["b"] != "2" {
		t.Fatalf("GetStage tags: %+v, %v", got, err)
	}

	// Keys that need escaping in the URL query survive the trip.
	odd := map[string]string{"a b/c": "x", "k=v&w": "y", "ü": "z"}
	if _, err := c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: arn, Tags: odd}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &ivsrealtime.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"a b/c", "k=v&w", "ü"}}); err != nil {
		t.Fatal(err)
	}
	tags, err = c.ListTagsForResource(ctx, &ivsrealtime.ListTagsForResourceInput{ResourceArn: arn})
	if err != nil || len(tags.Tags) != 1 {
		t.Fatalf("escaped keys not removed: %+v, %v", tags, err)
	}

	// The 50-tag limit.
	_, err = c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Tags: manyTags("k", 51)})
	wantValidation(t, err)
	full, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Tags: manyTags("k", 50)})
	if err != nil || len(full.Stage.Tags) != 50 {
		t.Fatalf("50 tags: %v", err)
	}
	_, err = c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: full.Stage.Arn, Tags: map[string]string{"k50": "v"}})
	wantValidation(t, err)
	_, err = c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: arn, Tags: manyTags("x", 51)})
	wantValidation(t, err)
	if _, err := c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: full.Stage.Arn, Tags: map[string]string{"k0": "new"}}); err != nil {
		t.Fatalf("overwriting a tag at the limit: %v", err)
	}

	// Malformed versus unknown ARNs.
	for _, bad := range []string{"not-an-arn", "arn:aws:ivs:us-east-1:123456789012:stage", "arn:aws:s3:::bucket"} {
		_, err = c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: aws.String(bad), Tags: map[string]string{"a": "b"}})
		wantValidation(t, err)
		_, err = c.UntagResource(ctx, &ivsrealtime.UntagResourceInput{ResourceArn: aws.String(bad), TagKeys: []string{"a"}})
		wantValidation(t, err)
		_, err = c.ListTagsForResource(ctx, &ivsrealtime.ListTagsForResourceInput{ResourceArn: aws.String(bad)})
		wantValidation(t, err)
	}
	unknown := aws.String(unknownStage)
	_, err = c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: unknown, Tags: map[string]string{"a": "b"}})
	wantNotFound(t, err)
	_, err = c.UntagResource(ctx, &ivsrealtime.UntagResourceInput{ResourceArn: unknown, TagKeys: []string{"a"}})
	wantNotFound(t, err)
	_, err = c.ListTagsForResource(ctx, &ivsrealtime.ListTagsForResourceInput{ResourceArn: unknown})
	wantNotFound(t, err)
}

func TestStorageConfigurationInUseByARecordingStage(t *testing.T) {
	_, c := newClient(t)
	created, err := c.CreateStorageConfiguration(ctx, &ivsrealtime.CreateStorageConfigurationInput{
		Name: aws.String("recordings"),
		S3:   &types.S3StorageConfiguration{BucketName: aws.String("my-recordings")},
	})
	if err != nil {
		t.Fatal(err)
	}
	sc := created.StorageConfiguration
	if sc == nil || sc.S3 == nil || aws.ToString(sc.S3.BucketName) != "my-recordings" || aws.ToString(sc.Name) != "recordings" {
		t.Fatalf("CreateStorageConfiguration = %+v", sc)
	}
	storageARN := sc.Arn

	stage, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		AutoParticipantRecordingConfiguration: &types.AutoParticipantRecordingConfiguration{StorageConfigurationArn: storageARN},
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := stage.Stage.AutoParticipantRecordingConfiguration
	if rec == nil || aws.ToString(rec.StorageConfigurationArn) != aws.ToString(storageARN) {
		t.Fatalf("CreateStage recording = %+v", rec)
	}

	_, err = c.DeleteStorageConfiguration(ctx, &ivsrealtime.DeleteStorageConfigurationInput{Arn: storageARN})
	var ce *types.ConflictException
	wantAPIError(t, err, &ce, "ConflictException", 409)
	if !strings.Contains(aws.ToString(ce.ExceptionMessage), aws.ToString(stage.Stage.Arn)) {
		t.Fatalf("the conflict does not name the stage: %q", aws.ToString(ce.ExceptionMessage))
	}
	got, err := c.GetStorageConfiguration(ctx, &ivsrealtime.GetStorageConfigurationInput{Arn: storageARN})
	if err != nil || aws.ToString(got.StorageConfiguration.Arn) != aws.ToString(storageARN) {
		t.Fatalf("after the conflict: %+v, %v", got, err)
	}

	if _, err := c.UpdateStage(ctx, &ivsrealtime.UpdateStageInput{
		Arn:                                   stage.Stage.Arn,
		AutoParticipantRecordingConfiguration: &types.AutoParticipantRecordingConfiguration{StorageConfigurationArn: aws.String("")},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteStorageConfiguration(ctx, &ivsrealtime.DeleteStorageConfigurationInput{Arn: storageARN}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetStorageConfiguration(ctx, &ivsrealtime.GetStorageConfigurationInput{Arn: storageARN})
	wantNotFound(t, err)
	list, err := c.ListStorageConfigurations(ctx, &ivsrealtime.ListStorageConfigurationsInput{})
	if err != nil || len(list.StorageConfigurations) != 0 {
		t.Fatalf("ListStorageConfigurations = %+v, %v", list, err)
	}
}

func TestParticipantTokens(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e, c := newClient(t, ivsrt.Options{Clock: start})
	stage, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		ParticipantTokenConfigurations: []types.ParticipantTokenConfiguration{
			{UserId: aws.String("guest"), Capabilities: []types.ParticipantTokenCapability{types.ParticipantTokenCapabilitySubscribe}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(stage.Stage.Arn)
	if len(stage.ParticipantTokens) != 1 || aws.ToString(stage.ParticipantTokens[0].UserId) != "guest" {
		t.Fatalf("CreateStage tokens = %+v", stage.ParticipantTokens)
	}
	// AWS answers CreateStage's tokens without an expiration time or a duration.
	if pt := stage.ParticipantTokens[0]; pt.ExpirationTime != nil || pt.Duration != nil {
		t.Fatalf("CreateStage token = %+v", pt)
	}

	out, err := c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{
		StageArn:     aws.String(arn),
		UserId:       aws.String("alice"),
		Duration:     aws.Int32(90),
		Attributes:   map[string]string{"role": "host"},
		Capabilities: []types.ParticipantTokenCapability{types.ParticipantTokenCapabilityPublish},
	})
	if err != nil {
		t.Fatal(err)
	}
	pt := out.ParticipantToken
	if pt == nil || aws.ToString(pt.Token) == "" || aws.ToString(pt.ParticipantId) == "" {
		t.Fatalf("ParticipantToken = %+v", pt)
	}
	if pt.ExpirationTime == nil || !pt.ExpirationTime.Equal(start.Add(90*time.Minute)) {
		t.Fatalf("ExpirationTime = %v, want %v", pt.ExpirationTime, start.Add(90*time.Minute))
	}

	v, err := e.VerifyParticipantToken(ctx, aws.ToString(pt.Token))
	if err != nil || !v.Valid {
		t.Fatalf("verify: %v %s", err, v.Raw)
	}
	cl := v.Claims
	if cl.ParticipantID != aws.ToString(pt.ParticipantId) || cl.UserID != "alice" || cl.Resource != arn ||
		cl.Attributes["role"] != "host" || !cl.Capabilities.AllowPublish || cl.Capabilities.AllowSubscribe ||
		cl.ExpiresAt != start.Add(90*time.Minute).Unix() {
		t.Fatalf("claims = %s", v.Raw)
	}

	guest := stage.ParticipantTokens[0]
	if _, err := c.DisconnectParticipant(ctx, &ivsrealtime.DisconnectParticipantInput{
		StageArn: aws.String(arn), ParticipantId: guest.ParticipantId, Reason: aws.String("done"),
	}); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.VerifyParticipantToken(ctx, aws.ToString(guest.Token)); v.Valid || v.Reason != "revoked" {
		t.Fatalf("after DisconnectParticipant: %s", v.Raw)
	}
	if v, _ := e.VerifyParticipantToken(ctx, aws.ToString(pt.Token)); !v.Valid {
		t.Fatalf("disconnecting one participant revoked another: %s", v.Raw)
	}
	if _, err := e.AdvanceClock(ctx, 91*time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.VerifyParticipantToken(ctx, aws.ToString(pt.Token)); v.Valid || v.Reason != "expired" {
		t.Fatalf("after expiry: %s", v.Raw)
	}
}

// The SDK signs with the client's region; the engine answers in that region.
func TestRegionFromSignature(t *testing.T) {
	e := ivsrttest.New(t)
	c := ivsrtaws.NewClient(e, func(o *ivsrealtime.Options) { o.Region = "eu-west-1" })
	out, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{})
	if err != nil {
		t.Fatal(err)
	}
	if arn := aws.ToString(out.Stage.Arn); !regexp.MustCompile(`^arn:aws:ivs:eu-west-1:`).MatchString(arn) {
		t.Fatalf("ARN %q not in eu-west-1", arn)
	}
	// With an endpoint that names no region, the signature's credential scope decides.
	signed := ivsrtaws.NewClient(e, func(o *ivsrealtime.Options) {
		o.Region = "ap-northeast-2"
		o.BaseEndpoint = aws.String("https://ivsrt.invalid")
	})
	out, err = signed.CreateStage(ctx, &ivsrealtime.CreateStageInput{})
	if err != nil {
		t.Fatal(err)
	}
	if arn := aws.ToString(out.Stage.Arn); !regexp.MustCompile(`^arn:aws:ivs:ap-northeast-2:`).MatchString(arn) {
		t.Fatalf("ARN %q not in the signed region ap-northeast-2", arn)
	}
	home, err := ivsrtaws.NewClient(e).ListStages(ctx, &ivsrealtime.ListStagesInput{})
	if err != nil || len(home.Stages) != 0 {
		t.Fatalf("us-east-1 sees eu-west-1's stage: %+v, %v", home, err)
	}
}

func TestConcurrentClients(t *testing.T) {
	_, c := newClient(t)
	const workers, each = 12, 8
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				out, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Name: aws.String(fmt.Sprintf("w%d-%d", w, i))})
				if err != nil {
					errs <- err
					return
				}
				if _, err := c.TagResource(ctx, &ivsrealtime.TagResourceInput{ResourceArn: out.Stage.Arn, Tags: map[string]string{"w": fmt.Sprint(w)}}); err != nil {
					errs <- err
					return
				}
				tok, err := c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{StageArn: out.Stage.Arn})
				if err != nil || aws.ToString(tok.ParticipantToken.Token) == "" {
					errs <- fmt.Errorf("CreateParticipantToken: %v", err)
					return
				}
				var nf *types.ResourceNotFoundException
				if _, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String(unknownStage)}); !errors.As(err, &nf) {
					errs <- fmt.Errorf("GetStage unknown = %v", err)
					return
				}
				if i%2 == 1 {
					if _, err := c.DeleteStage(ctx, &ivsrealtime.DeleteStageInput{Arn: out.Stage.Arn}); err != nil {
						errs <- err
						return
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	n := 0
	p := ivsrealtime.NewListStagesPaginator(c, &ivsrealtime.ListStagesInput{MaxResults: aws.Int32(7)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.Stages)
	}
	if n != workers*each/2 {
		t.Fatalf("%d stages, want %d", n, workers*each/2)
	}
}

func TestClosedEngine(t *testing.T) {
	e, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := ivsrtaws.NewClient(e)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = c.ListStages(ctx, &ivsrealtime.ListStagesInput{})
	if !errors.Is(err, ivsrt.ErrClosed) {
		t.Fatalf("call after Close = %v, want ErrClosed", err)
	}
}

func manyTags(prefix string, n int) map[string]string {
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("%s%d", prefix, i)] = "v"
	}
	return m
}
