// StartComposition's request in its canonical output form: the layout and each destination's
// configuration with AWS's defaults filled as the AWS CLI's start-composition examples and the
// API reference show them, plus the rules the model cannot express.
#ifndef IVSRT_CORE_OPS_COMPOSITION_CONFIG_H_
#define IVSRT_CORE_OPS_COMPOSITION_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/json/value.h"

namespace ivsrt {

// The LayoutConfiguration output for the request's `layout` (nullptr: none). Without grid or
// pip: the default grid {featuredParticipantAttribute "", gridGap 2, omitStoppedVideo false,
// participantOrderAttribute "", videoAspectRatio VIDEO, videoFillMode ""}. A pip gets
// {featuredParticipantAttribute "", gridGap 0, omitStoppedVideo false,
// participantOrderAttribute "", pipBehavior STATIC, pipOffset 0, pipParticipantAttribute "",
// pipPosition BOTTOM_RIGHT, videoFillMode COVER}, pipWidth and pipHeight only when given.
// Given both, both are echoed (the model makes neither win).
std::string CanonicalLayout(const Value* layout);

struct DestinationRequest {
  bool is_s3 = false;
  std::string configuration_json;  // the DestinationConfiguration output, defaults filled
  std::string storage_arn;         // s3 only
  // Every encoder configuration named: s3's one, and a channel's when given.
  std::vector<std::string> encoder_arns;
};

// The request's `destinations` (validated against the model: 1-2 items). ValidationException
// when one has both or neither of channel and s3 (the API reference: "Either a channel or an
// s3 must be specified"), or when two are of the same kind (a composition has one channel,
// one s3, or one of each). Defaults: name ""; s3 recordingConfiguration {"format": "HLS",
// "hlsConfiguration": {"targetSegmentDurationSeconds": 2}}; a thumbnail configuration
// {"storage": ["SEQUENTIAL"], "targetIntervalSeconds": 60}, thumbnailConfigurations only
// when sent.
absl::StatusOr<std::vector<DestinationRequest>> ReadDestinations(const Value& destinations);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_COMPOSITION_CONFIG_H_
