package ivsrtaws_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
	"github.com/ivsrt/ivsrt/bindings/go/ivsrtaws"
)

// The README's Go example.
func Example() {
	engine, err := ivsrt.Open(ivsrt.Options{}) // a private temporary store
	if err != nil {
		log.Fatal(err)
	}
	defer engine.Close()
	client := ivsrtaws.NewClient(engine) // a real *ivsrealtime.Client, answered in-process

	out, err := client.CreateStage(context.TODO(), &ivsrealtime.CreateStageInput{Name: aws.String("demo")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(aws.ToString(out.Stage.Name))

	_, err = client.GetStage(context.TODO(), &ivsrealtime.GetStageInput{Arn: aws.String("nope")})
	var ve *types.ValidationException
	fmt.Println(errors.As(err, &ve))
	// Output:
	// demo
	// true
}
