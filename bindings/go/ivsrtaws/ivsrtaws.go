// Package ivsrtaws makes aws-sdk-go-v2 ivsrealtime clients answered in-process by an
// ivsrt engine: no server, no port, no network. It is the only package of this module
// that imports AWS modules.
//
//	client := ivsrtaws.NewClient(engine)
//	out, err := client.CreateStage(ctx, &ivsrealtime.CreateStageInput{Name: aws.String("demo")})
package ivsrtaws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

// Fake static credentials: requests are signed as with AWS, and the engine reads only the
// region from the signature.
const (
	AccessKeyID     = "AKIAIVSRTEXAMPLE0000"
	SecretAccessKey = "ivsrt/fake/secret/access/key/000000000000"
)

// Credentials is a provider of the fake static credentials.
var Credentials aws.CredentialsProvider = aws.CredentialsProviderFunc(
	func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretAccessKey, Source: "ivsrt"}, nil
	})

// Options returns ivsrealtime client options answered by e: its HTTP client, its region,
// fake static credentials and a single attempt per call (an in-process engine has nothing
// to retry, and a retry would hide the first answer).
func Options(e *ivsrt.Engine) ivsrealtime.Options {
	return ivsrealtime.Options{
		Region:           e.Region(),
		Credentials:      Credentials,
		HTTPClient:       e.HTTPClient(),
		RetryMaxAttempts: 1,
	}
}

// NewClient returns an *ivsrealtime.Client answered by e; optFns adjust the options as in
// ivsrealtime.New (for example another Region).
func NewClient(e *ivsrt.Engine, optFns ...func(*ivsrealtime.Options)) *ivsrealtime.Client {
	return ivsrealtime.New(Options(e), optFns...)
}
