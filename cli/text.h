// String helpers the command line needs beyond core/strings.h (which bridges
// Debian's absl::string_view and std::string_view).
#ifndef IVSRT_CLI_TEXT_H_
#define IVSRT_CLI_TEXT_H_

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "core/strings.h"

namespace ivsrt::cli {

// The elements of `parts` (anything convertible to std::string_view) between
// `sep`s.
template <typename Range>
std::string Join(const Range& parts, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out.append(sep);
    out.append(std::string_view(part));
    first = false;
  }
  return out;
}

// A status message (an absl::string_view) as a std::string_view.
inline std::string_view Msg(absl::string_view message) {
  return ToStd(message);
}

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_TEXT_H_
