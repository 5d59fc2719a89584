module github.com/ivsrt/ivsrt/bench/go

go 1.22

require (
	github.com/aws/aws-sdk-go-v2 v1.39.0
	github.com/aws/aws-sdk-go-v2/service/ivsrealtime v1.30.0
	github.com/ivsrt/ivsrt/bindings/go v0.0.0
)

require (
	github.com/aws/aws-sdk-go-v2/internal/configsources v1.4.7 // indirect
	github.com/aws/aws-sdk-go-v2/internal/endpoints/v2 v2.7.7 // indirect
	github.com/aws/smithy-go v1.23.0 // indirect
)

replace github.com/ivsrt/ivsrt/bindings/go => ../../bindings/go
