// The model's string patterns, compiled once with RE2 and matched with
// full-match semantics.
#ifndef IVSRT_CORE_VALIDATE_PATTERN_H_
#define IVSRT_CORE_VALIDATE_PATTERN_H_

#include <string_view>

namespace ivsrt {

// Whether all of `s` (UTF-8) matches model::Patterns()[pattern_index], as
// Java's String.matches() would: the model's patterns dropped their ^...$
// anchors in 2024 without changing meaning. False for an index out of range or
// a pattern RE2 cannot compile. Thread-safe; the first call compiles every
// pattern.
bool MatchesPattern(int pattern_index, std::string_view s);

}  // namespace ivsrt

#endif  // IVSRT_CORE_VALIDATE_PATTERN_H_
