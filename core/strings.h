// Debian's Abseil has its own absl::string_view (not std::string_view): these adapters are
// the one place the two meet, so the rest of the engine speaks std::string_view.
#ifndef IVSRT_CORE_STRINGS_H_
#define IVSRT_CORE_STRINGS_H_

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ivsrt {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

namespace strings_internal {
template <typename T>
decltype(auto) AbslArg(const T& v) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return ToAbsl(v);
  } else {
    return (v);
  }
}
}  // namespace strings_internal

// absl::StrCat / absl::StrAppend that also take std::string_view.
template <typename... Args>
std::string StrCat(const Args&... args) {
  return absl::StrCat(strings_internal::AbslArg(args)...);
}
template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  absl::StrAppend(out, strings_internal::AbslArg(args)...);
}

// Pieces of `s` between `sep`s; empty pieces are dropped when `skip_empty`.
std::vector<std::string_view> Split(std::string_view s, char sep, bool skip_empty = false);
// `s` without leading and trailing ASCII whitespace.
std::string_view TrimAsciiWhitespace(std::string_view s);
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// User input quoted in a message (a member name, a header, a CLI value) is cut to this
// many bytes: a 50 KB value must not come back as a 50 KB message.
inline constexpr size_t kMaxEchoedBytes = 64;
// `s` as quoted in a message: whole if it fits, else its first kMaxEchoedBytes (never
// splitting a UTF-8 sequence) and "...".
std::string Echo(std::string_view s);

}  // namespace ivsrt

#endif  // IVSRT_CORE_STRINGS_H_
