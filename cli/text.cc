#include "cli/text.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace ivsrt::cli {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `i` moved back to the start of the UTF-8 sequence it falls in.
size_t SequenceStart(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && IsContinuation(s[i])) --i;
  return i;
}

}  // namespace

Excerpt EchoAt(std::string_view s, size_t pos) {
  if (s.size() <= kMaxEchoedBytes) return {std::string(s), pos};
  // The position sits mid-window, so the text on both sides of a caret shows.
  size_t start = pos > kMaxEchoedBytes / 2 ? pos - kMaxEchoedBytes / 2 : 0;
  start = SequenceStart(s, std::min(start, s.size() - kMaxEchoedBytes));
  const size_t end = SequenceStart(s, start + kMaxEchoedBytes);
  Excerpt out;
  if (start > 0) out.text = "...";
  out.column = out.text.size() + pos - start;
  out.text.append(s.substr(start, end - start));
  if (end < s.size()) out.text += "...";
  return out;
}

}  // namespace ivsrt::cli
