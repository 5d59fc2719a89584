#include "core/arn.h"

#include "core/strings.h"

namespace ivsrt {

std::optional<Arn> ParseArn(std::string_view text) {
  constexpr std::string_view kPrefix = "arn:aws:ivs:";
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = text.substr(kPrefix.size());
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  Arn arn;
  arn.region = rest.substr(0, colon);
  rest = rest.substr(colon + 1);
  colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  arn.account = rest.substr(0, colon);
  rest = rest.substr(colon + 1);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  arn.resource_type = rest.substr(0, slash);
  arn.id = rest.substr(slash + 1);
  if (arn.region.empty() || arn.account.empty() || arn.resource_type.empty() || arn.id.empty() ||
      arn.id.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  return arn;
}

std::string MakeArn(std::string_view region, std::string_view account,
                    std::string_view resource_type, std::string_view id) {
  return StrCat("arn:aws:ivs:", region, ":", account, ":", resource_type, "/", id);
}

bool IsRegionName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace ivsrt
