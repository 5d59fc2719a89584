#include "cli/authentication.h"

#include "cli/json.h"
#include "core/strings.h"

namespace ivsrt::cli {

std::optional<Refusal> UnsignedRefusal(
    const std::vector<std::pair<std::string, std::string>>& headers) {
  const std::string* authorization = nullptr;
  bool dated = false;
  for (const auto& [name, value] : headers) {
    if (EqualsIgnoreAsciiCase(name, "Authorization")) authorization = &value;
    dated =
        dated || EqualsIgnoreAsciiCase(name, "X-Amz-Date") || EqualsIgnoreAsciiCase(name, "Date");
  }
  if (authorization == nullptr) {
    return Refusal{403, "MissingAuthenticationTokenException", "Missing Authentication Token"};
  }
  std::string missing;
  for (std::string_view part : {"Credential", "Signature", "SignedHeaders"}) {
    if (authorization->find(StrCat(part, "=")) == std::string::npos) {
      StrAppend(&missing, "Authorization header requires '", part, "' parameter. ");
    }
  }
  if (!dated) {
    StrAppend(&missing,
              "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
              "header. ");
  }
  if (missing.empty()) return std::nullopt;
  return Refusal{403, "IncompleteSignatureException",
                 StrCat(missing, "Authorization=", Echo(*authorization))};
}

std::string RefusalBody(std::string_view message) {
  Json body = Json::Object();
  body.Set("message", Json::String(std::string(message)));
  return body.Compact();
}

}  // namespace ivsrt::cli
