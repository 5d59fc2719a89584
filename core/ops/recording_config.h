// A stage's AutoParticipantRecordingConfiguration: the request's fields over AWS's
// documented defaults, kept as canonical JSON.
#ifndef IVSRT_CORE_OPS_RECORDING_CONFIG_H_
#define IVSRT_CORE_OPS_RECORDING_CONFIG_H_

#include <string>
#include <string_view>

#include "core/json/value.h"
#include "core/json/writer.h"

namespace ivsrt {

// The canonical JSON of `config` (a validated AutoParticipantRecordingConfiguration), or ""
// when it equals the defaults. An empty storageConfigurationArn disables recording and
// resets every other field to its default, as AWS documents.
std::string CanonicalRecordingConfig(const Value& config);
// Writes the stored form ("" = the defaults).
void WriteRecordingConfig(JsonWriter& w, std::string_view stored);

}  // namespace ivsrt

#endif  // IVSRT_CORE_OPS_RECORDING_CONFIG_H_
