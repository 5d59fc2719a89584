#include "cli/request_head.h"

namespace ivsrt::cli {
namespace {

// `line` without its '\r', if it has one.
std::string_view Content(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

size_t ValueSize(std::string_view field) {
  size_t colon = field.find(':');
  if (colon == std::string_view::npos) return 0;
  std::string_view value = field.substr(colon + 1);
  size_t first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return 0;
  return value.find_last_not_of(" \t") + 1 - first;
}

}  // namespace

HeadCheck CheckRequestHead(std::string_view received) {
  const HeadCheck incomplete{HeadVerdict::kIncomplete, 0};
  const HeadCheck too_large{HeadVerdict::kFieldsTooLarge, 0};
  size_t end = received.find('\n');
  std::string_view request_line = Content(received.substr(0, end));
  // Without its '\n' a line may still lose a '\r' it ends with.
  size_t line_size = end == std::string_view::npos ? received.size() : request_line.size();
  if (line_size > kMaxRequestLine + (end == std::string_view::npos ? 1 : 0)) {
    return {HeadVerdict::kUriTooLong, 0};
  }
  if (end == std::string_view::npos) return incomplete;
  size_t total = request_line.size();
  size_t fields = 0;
  for (size_t start = end + 1;;) {
    end = received.find('\n', start);
    std::string_view partial = received.substr(
        start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (end == std::string_view::npos) {
      if (partial.size() > kMaxFieldLine + 1 || received.size() > kMaxHeadBytes) return too_large;
      return incomplete;
    }
    if (partial == "\r") {
      if (end + 1 > kMaxHeadBytes) return too_large;
      return {HeadVerdict::kComplete, end + 1};
    }
    std::string_view field = Content(partial);
    total += ValueSize(field);
    if (field.size() > kMaxFieldLine || ++fields > kMaxFields || total > kMaxLineAndValues ||
        end + 1 > kMaxHeadBytes) {
      return too_large;
    }
    start = end + 1;
  }
}

}  // namespace ivsrt::cli
