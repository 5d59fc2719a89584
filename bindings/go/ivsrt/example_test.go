package ivsrt_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/ivsrt/ivsrt/bindings/go/ivsrt"
)

func ExampleEngine_Invoke() {
	engine, err := ivsrt.Open(ivsrt.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer engine.Close()

	_, err = engine.Invoke(context.TODO(), "GetStage",
		[]byte(`{"arn": "arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234"}`))
	var e *ivsrt.Error
	if errors.As(err, &e) {
		fmt.Println(e.Type, e.HTTPStatus, errors.Is(err, ivsrt.ErrNotFound))
	}
	// Output: ResourceNotFoundException 404 true
}
