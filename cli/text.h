// String helpers the command line needs beyond core/strings.h (which bridges
// Debian's absl::string_view and std::string_view).
#ifndef IVSRT_CLI_TEXT_H_
#define IVSRT_CLI_TEXT_H_

#include <cstddef>
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
inline std::string_view Msg(absl::string_view message) { return ToStd(message); }

// A window of user input quoted in a message, and where a caret belongs in it.
struct Excerpt {
  std::string text;
  size_t column = 0;  // byte offset of the chosen position within `text`
};

// At most kMaxEchoedBytes (core/strings.h, the engine's bound) of `s` around
// byte `pos` (whole UTF-8 sequences), with "..." where text was left off before
// or after. Without a position, Echo (core/strings.h) quotes the start.
Excerpt EchoAt(std::string_view s, size_t pos);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_TEXT_H_
