// CreateEncoderConfiguration, GetEncoderConfiguration, ListEncoderConfigurations,
// DeleteEncoderConfiguration. The body is the EncoderConfiguration's own members,
// {"name", "video": {"bitrate", "framerate", "height", "width"}}, video filled with AWS's
// defaults. Beyond the model's ranges (Width, Height 2-1920; Framerate 1-60; Bitrate
// 1-8,500,000) the Video documentation adds: width and height even, and at most 2,073,600
// pixels (1920x1080 or 1080x1920).
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/members.h"
#include "core/ops/page_token.h"
#include "core/ops/registry.h"
#include "core/resources/listing.h"
#include "core/resources/operations.h"
#include "core/strings.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;
using VideoMembers = members::Video;
constexpr ResourceType kType = ResourceType::kEncoderConfiguration;
constexpr std::string_view kOutput =
    members::CreateEncoderConfigurationResponse::encoderConfiguration;

// The Video documentation's defaults: 1280x720, 2,500 kbps, 30 fps.
constexpr int64_t kDefaultWidth = 1280;
constexpr int64_t kDefaultHeight = 720;
constexpr int64_t kDefaultBitrate = 2500000;
constexpr float kDefaultFramerate = 30;
constexpr int64_t kMaxPixels = 2073600;
// ListEncoderConfigurations' documented default page (NOTES.md section 5.9).
constexpr int64_t kDefaultPage = 100;

struct Video {
  int64_t width = kDefaultWidth;
  int64_t height = kDefaultHeight;
  float framerate = kDefaultFramerate;  // the model's Framerate is a 32-bit float
  int64_t bitrate = kDefaultBitrate;
};

absl::StatusOr<Video> ReadVideo(const Value* video) {
  Video v;
  if (video == nullptr) return v;
  if (const Value* width = video->Find(VideoMembers::width)) v.width = width->as_int();
  if (const Value* height = video->Find(VideoMembers::height)) v.height = height->as_int();
  if (const Value* rate = video->Find(VideoMembers::framerate)) {
    v.framerate =
        static_cast<float>(rate->kind() == Value::Kind::kInt ? static_cast<double>(rate->as_int())
                                                             : rate->as_double());
  }
  if (const Value* bitrate = video->Find(VideoMembers::bitrate)) v.bitrate = bitrate->as_int();
  for (auto [member, n] :
       {std::pair{VideoMembers::width, v.width}, {VideoMembers::height, v.height}}) {
    if (n % 2 != 0) return ValidationError(StrCat("video.", member, ": must be even, got ", n));
  }
  if (v.width * v.height > kMaxPixels) {
    return ValidationError(StrCat("video: width x height must be at most ", kMaxPixels,
                                  " pixels (1920x1080 or 1080x1920), got ", v.width, "x",
                                  v.height));
  }
  return v;
}

}  // namespace

absl::StatusOr<std::string> CreateEncoderConfiguration(const OpContext& ctx, const Value& request) {
  using In = members::CreateEncoderConfigurationRequest;
  ASSIGN_OR_RETURN(Video video, ReadVideo(request.Find(In::video)));
  JsonWriter body;
  body.BeginObject();
  body.Field(In::name, StringOr(request, In::name, ""));
  body.Key(In::video).BeginObject();
  body.Key(VideoMembers::bitrate).Int(video.bitrate);
  body.Key(VideoMembers::framerate).Float(video.framerate);
  body.Key(VideoMembers::height).Int(video.height);
  body.Key(VideoMembers::width).Int(video.width);
  body.EndObject().EndObject();
  return resources::CreateOperation(ctx, kType, request.Find(In::tags), body.Take(), kOutput);
}

absl::StatusOr<std::string> GetEncoderConfiguration(const OpContext& ctx, const Value& request) {
  return resources::GetOperation(
      ctx, kType, StringOr(request, members::GetEncoderConfigurationRequest::arn, ""), kOutput);
}

absl::StatusOr<std::string> DeleteEncoderConfiguration(const OpContext& ctx, const Value& request) {
  return resources::DeleteOperation(
      ctx, kType, StringOr(request, members::DeleteEncoderConfigurationRequest::arn, ""));
}

absl::StatusOr<std::string> ListEncoderConfigurations(const OpContext& ctx, const Value& request) {
  using In = members::ListEncoderConfigurationsRequest;
  return resources::List(
      ctx, kType,
      {.operation = "ListEncoderConfigurations",
       .list_member = members::ListEncoderConfigurationsResponse::encoderConfigurations,
       .max_results = MaxResults(request, kDefaultPage),
       .next_token = StringOr(request, In::nextToken, "")});
}

IVSRT_REGISTER_OPERATIONS(EncoderConfigurations,
                          {"CreateEncoderConfiguration", &CreateEncoderConfiguration},
                          {"GetEncoderConfiguration", &GetEncoderConfiguration},
                          {"ListEncoderConfigurations", &ListEncoderConfigurations},
                          {"DeleteEncoderConfiguration", &DeleteEncoderConfiguration});

}  // namespace ivsrt::ops
