#include "core/validate/pattern.h"

#include <memory>
#include <vector>

#include "core/model/model.h"
#include "re2/re2.h"

namespace ivsrt {
namespace {

const std::vector<std::unique_ptr<const RE2>>& CompiledPatterns() {
  // Built once (a function-local static is initialized thread-safely) and never
  // destroyed, so validation stays safe in threads that outlive static
  // destruction.
  static const auto* const compiled = [] {
    auto* res = new std::vector<std::unique_ptr<const RE2>>();
    RE2::Options options;
    options.set_log_errors(false);
    for (std::string_view pattern : model::Patterns()) {
      res->push_back(
          std::make_unique<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options));
    }
    return res;
  }();
  return *compiled;
}

}  // namespace

bool MatchesPattern(int pattern_index, std::string_view s) {
  const auto& compiled = CompiledPatterns();
  if (pattern_index < 0 || static_cast<size_t>(pattern_index) >= compiled.size()) {
    return false;
  }
  if (!compiled[pattern_index]->ok()) return false;
  // Each thread matches with copies of its own: an RE2 takes a lock of its DFA cache on every
  // match, a cache line that threads validating at once would pass between their cores.
  thread_local std::vector<std::unique_ptr<const RE2>> mine(compiled.size());
  std::unique_ptr<const RE2>& re = mine[pattern_index];
  if (re == nullptr) {
    re = std::make_unique<const RE2>(compiled[pattern_index]->pattern(),
                                     compiled[pattern_index]->options());
  }
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *re);
}

}  // namespace ivsrt
