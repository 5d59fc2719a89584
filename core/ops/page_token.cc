#include "core/ops/page_token.h"

#include "core/base64url.h"
#include "core/errors.h"
#include "core/hmac.h"
#include "core/model/members.h"
#include "core/store/codec.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

constexpr char kVersion = '\x01';
constexpr size_t kMacBytes = 16;

// The generation is sealed, not carried: a token from another generation fails
// the MAC.
absl::StatusOr<std::string> Mac(const OpContext& ctx, const store::Txn& txn,
                                std::string_view operation, std::string_view body) {
  ASSIGN_OR_RETURN(uint64_t generation, StoreGeneration(txn));
  return HmacSha256(ctx.services->page_key,
                    StrCat(operation, "\n", ctx.Partition(), "\n", generation, "\n", body))
      .substr(0, kMacBytes);
}

}  // namespace

absl::StatusOr<std::string> SealPageToken(const OpContext& ctx, const store::Txn& txn,
                                          std::string_view operation, uint64_t position) {
  std::string body = StrCat(std::string(1, kVersion), store::BigEndian64(position));
  ASSIGN_OR_RETURN(std::string mac, Mac(ctx, txn, operation, body));
  return Base64UrlEncode(StrCat(body, mac));
}

absl::StatusOr<uint64_t> OpenPageToken(const OpContext& ctx, const store::Txn& txn,
                                       std::string_view operation, std::string_view token) {
  auto invalid = [] { return ValidationError("nextToken: invalid pagination token"); };
  auto raw = Base64UrlDecode(token);
  if (!raw || raw->size() != 1 + 8 + kMacBytes || (*raw)[0] != kVersion) return invalid();
  std::string_view body = std::string_view{*raw}.substr(0, 9);
  ASSIGN_OR_RETURN(std::string mac, Mac(ctx, txn, operation, body));
  if (!ConstantTimeEquals(std::string_view{*raw}.substr(9), mac)) return invalid();
  return *store::ParseBigEndian64(body.substr(1));
}

int64_t MaxResults(const Value& request, int64_t fallback) {
  const Value* v = request.Find(members::ListStagesRequest::maxResults);
  return v ? v->as_int() : fallback;
}

}  // namespace ivsrt
