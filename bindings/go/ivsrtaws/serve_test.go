package ivsrtaws_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"sync"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
)

var readyLine = regexp.MustCompile(`^ivsrt: listening on (http://127\.0\.0\.1:\d+)\n$`)

// serve starts `ivsrt serve --port 0` on a private store and returns its URL; it is
// stopped with SIGTERM, and must exit 0, when the test ends. The binary is $IVSRT_CLI, else
// the one CMake builds in <repo>/build, where the cgo package finds the library too.
func serve(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("IVSRT_CLI")
	if bin == "" {
		bin, _ = filepath.Abs(filepath.Join("..", "..", "..", "build", "cli", "ivsrt"))
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no ivsrt binary (build the repository, or set IVSRT_CLI): %v", err)
	}
	cmd := exec.Command(bin, "--data-dir", t.TempDir(), "serve", "--port", "0")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("ivsrt serve: %v", err)
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := readyLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no ready line: %q (%v)", line, err)
	}
	return m[1]
}

// serveClient is a plain aws-sdk-go-v2 client of the server: only BaseEndpoint is set apart
// from the region and credentials. It keeps the SDK's retries: aws-sdk-go-v2's transport may
// close a connection while a response body is still being read (aws/aws-sdk-go-v2#2737,
// "use of closed network connection" on a 200), which the SDK retries by default since
// #2949. With one attempt it failed a test here about once in 40 runs, the server unchanged.
func serveClient(url, region string) *ivsrealtime.Client {
	return ivsrealtime.New(ivsrealtime.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  ivsrtaws.Credentials,
	})
}

func TestServeWithBaseEndpoint(t *testing.T) {
	url := serve(t)
	c := serveClient(url, "us-east-1")
	created, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		Name: aws.String("over-http"), Tags: map[string]string{"team": "video"},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(created.Stage.Arn)
	if !stageARN.MatchString(arn) {
		t.Fatalf("CreateStage = %+v", created.Stage)
	}
	got, err := c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String(arn)})
	if err != nil || aws.ToString(got.Stage.Name) != "over-http" || got.Stage.Tags["team"] != "video" {
		t.Fatalf("GetStage = %+v, %v", got, err)
	}
	token, err := c.CreateParticipantToken(ctx, &ivsrealtime.CreateParticipantTokenInput{
		StageArn: aws.String(arn), UserId: aws.String("alice"),
	})
	if err != nil || token.ParticipantToken.ExpirationTime == nil {
		t.Fatalf("CreateParticipantToken = %+v, %v", token, err)
	}
	_, err = c.CreateStage(ctx, &ivsrealtime.CreateStageInput{Name: aws.String("has space")})
	wantValidation(t, err)
	_, err = c.GetStage(ctx, &ivsrealtime.GetStageInput{Arn: aws.String(unknownStage)})
	wantNotFound(t, err)

	// The region is the one the client signs for.
	west, err := serveClient(url, "eu-west-1").ListStages(ctx, &ivsrealtime.ListStagesInput{})
	if err != nil || len(west.Stages) != 0 {
		t.Fatalf("ListStages in eu-west-1 = %+v, %v", west, err)
	}
}

func TestServeEightConcurrentClientsLoseNothing(t *testing.T) {
	url := serve(t)
	const clients, perClient = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	start := make(chan struct{})
	for n := 0; n < clients; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			c := serveClient(url, "us-east-1") // a client, and so a connection pool, each
			<-start
			for i := 0; i < perClient; i++ {
				_, err := c.CreateStage(ctx, &ivsrealtime.CreateStageInput{
					Name: aws.String(fmt.Sprintf("c%d-%d", n, i)),
					Tags: map[string]string{"client": fmt.Sprint(n)},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}(n)
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	var names, want []string
	pages := ivsrealtime.NewListStagesPaginator(serveClient(url, "us-east-1"),
		&ivsrealtime.ListStagesInput{MaxResults: aws.Int32(100)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range page.Stages {
			// A CreateStage the SDK retried after #2737 (its answer lost on the client's side)
			// made its stage twice: that is the client's doing, so each name counts once.
			if n := aws.ToString(s.Name); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for n := 0; n < clients; n++ {
		for i := 0; i < perClient; i++ {
			want = append(want, fmt.Sprintf("c%d-%d", n, i))
		}
	}
	sort.Strings(names)
	sort.Strings(want)
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("ListStages: %d stages, want the %d created", len(names), len(want))
	}
}
