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

// The README's Go example of the simulated media plane: participants join with their
// tokens, publish and subscribe; the SDK and the EventBridge stream see it.
func Example_session() {
	ctx := context.TODO()
	engine, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer engine.Close()
	client := ivsrtaws.NewClient(engine)
	stage, err := client.CreateStage(ctx, &ivsrealtime.CreateStageInput{
		ParticipantTokenConfigurations: []types.ParticipantTokenConfiguration{{UserId: aws.String("ann")},
			{UserId: aws.String("bob"), Capabilities: []types.ParticipantTokenCapability{"SUBSCRIBE"}}}})
	if err != nil {
		log.Fatal(err)
	}

	ann, err := engine.Join(ctx, *stage.ParticipantTokens[0].Token, ivsrt.WithClient(ivsrt.Client{OSName: "Linux"}))
	if err != nil {
		log.Fatal(err)
	}
	bob, err := engine.Join(ctx, *stage.ParticipantTokens[1].Token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ann.Publish(ctx), bob.Subscribe(ctx, ann.ID))
	fmt.Println(errors.Is(bob.Publish(ctx), ivsrt.InsufficientCapabilities)) // bob may only subscribe

	live, _ := client.ListParticipants(ctx, &ivsrealtime.ListParticipantsInput{
		StageArn: stage.Stage.Arn, SessionId: &ann.SessionID, FilterByPublished: true})
	fmt.Println(*live.Participants[0].UserId)

	events, _, _ := engine.Events(ctx, "", 10) // EventBridge's "IVS Stage Update" events
	detail, _ := events[0].StageUpdate()
	fmt.Println(detail.EventName, detail.UserID)
	// Output:
	// <nil> <nil>
	// true
	// ann
	// Participant Published ann
}
