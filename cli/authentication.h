// What AWS's front end (API Gateway, before ivs-realtime sees a request) turns
// away for want of a SigV4 signature. `ivsrt serve` applies it to every AWS
// route; ivsrt_http does not, as its callers are in-process.
#ifndef IVSRT_CLI_AUTHENTICATION_H_
#define IVSRT_CLI_AUTHENTICATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ivsrt::cli {

// An answer as API Gateway writes it: the status, x-amzn-ErrorType, and a body
// {"message": message} (no exceptionMessage: the service never saw it).
struct Refusal {
  int status = 0;
  std::string type;
  std::string message;
};

// The refusal for a request with `headers` (name, value) that is not signed,
// or nullopt. Signatures are not checked, only that there is one:
// - no Authorization header: 403 MissingAuthenticationTokenException,
//   "Missing Authentication Token";
// - an Authorization header without Credential=, Signature= or SignedHeaders=,
//   or a request without X-Amz-Date or Date: 403 IncompleteSignatureException,
//   "Authorization header requires 'Credential' parameter. ..." naming each
//   part that is missing, then "Authorization=" and the header's value (its
//   first 64 bytes).
// Sources: API Gateway's gateway responses (MISSING_AUTHENTICATION_TOKEN, 403)
// and AWS's SigV4 troubleshooting page ("Missing Authentication Token" for an
// unsigned request); the x-amzn-ErrorType in amzn/selling-partner-api-models
// #749; the IncompleteSignatureException message and 403 in aws/chalice#828.
std::optional<Refusal> UnsignedRefusal(
    const std::vector<std::pair<std::string, std::string>>& headers);

// {"message": message}.
std::string RefusalBody(std::string_view message);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_AUTHENTICATION_H_
