// Printing a response as the AWS CLI does: JSON with a 4-space indent, members
// in the order the service sent them, timestamps as Python's isoformat()
// ("2023-03-07T09:47:43+00:00").
#ifndef IVSRT_CLI_OUTPUT_H_
#define IVSRT_CLI_OUTPUT_H_

#include <string>
#include <string_view>

#include "cli/json.h"

namespace ivsrt::cli {

// "2023-03-07T09:47:43Z" -> "2023-03-07T09:47:43+00:00", "...43.5Z" ->
// "...43.500000+00:00"; anything else is returned unchanged.
std::string IsoFormat(std::string_view timestamp);

// Rewrites every timestamp member of `response` (an instance of the shape at
// `shape`, or model::kNoShape to leave it as it is).
void FormatTimestamps(Json& response, int shape);

// The text to print for a response: nothing for {}, else pretty JSON and a
// newline.
std::string OutputText(const Json& response);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_OUTPUT_H_
