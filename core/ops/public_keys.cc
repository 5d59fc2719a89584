// ImportPublicKey, GetPublicKey, ListPublicKeys, DeletePublicKey: the keys that verify
// self-signed participant tokens (core/media/token_check.h). The body is the PublicKey's own
// members, {"fingerprint", "name", "publicKeyMaterial"}; the material is kept exactly as
// imported (AWS echoes it so, NOTES.md 13).
#include "core/arn.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/model/members.h"
#include "core/ops/page_token.h"
#include "core/ops/registry.h"
#include "core/public_key.h"
#include "core/resources/listing.h"
#include "core/resources/operations.h"
#include "core/resources/record.h"
#include "core/resources/resources.h"
#include "core/resources/tags.h"
#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt::ops {
namespace {

using resources::ResourceType;
constexpr ResourceType kType = ResourceType::kPublicKey;
constexpr std::string_view kOutput = members::ImportPublicKeyResponse::publicKey;
// ListPublicKeys' documented default page (NOTES.md 5.9).
constexpr int64_t kDefaultPage = 50;

// The id of the partition's public key with this fingerprint, or "".
absl::StatusOr<std::string> KeyWithFingerprint(const store::Txn& txn, const OpContext& ctx,
                                               std::string_view fingerprint) {
  const std::string prefix = resources::TypePrefix(ctx, kType);
  std::string found;
  absl::Status failure;
  RETURN_IF_ERROR(txn.Scan(
      store::Table::kResources, prefix, prefix, [&](std::string_view key, std::string_view value) {
        std::optional<resources::StoredRecord> record = resources::DecodeRecord(value);
        simdjson::dom::parser parser;
        std::string_view stored;
        if (!record ||
            parser.parse(record->body.data(), record->body.size())["fingerprint"].get_string().get(
                stored) != simdjson::SUCCESS) {
          failure = InternalError(StrCat("corrupt public key record under ", prefix));
          return false;
        }
        if (stored != fingerprint) return true;
        found = std::string(key.substr(prefix.size()));
        return false;
      }));
  RETURN_IF_ERROR(failure);
  return found;
}

}  // namespace

// The same key imported twice into one account and region is a ConflictException (the model
// lists it; which of 402 and 409 AWS answers is unconfirmed, NOTES.md 13).
absl::StatusOr<std::string> ImportPublicKey(const OpContext& ctx, const Value& request) {
  using In = members::ImportPublicKeyRequest;
  const std::string& material = request.Find(In::publicKeyMaterial)->as_string();
  ASSIGN_OR_RETURN(PublicKeyInfo key, ReadP384PublicKey(material));
  ASSIGN_OR_RETURN(resources::TagMap tags, resources::RequestTags(request.Find(In::tags)));
  JsonWriter body;
  body.BeginObject();
  body.Field(members::PublicKey::fingerprint, key.fingerprint);
  body.Field(In::name, StringOr(request, In::name, ""));
  body.Field(In::publicKeyMaterial, material);
  body.EndObject();
  std::string response;
  RETURN_IF_ERROR(ctx.services->store->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(std::string existing, KeyWithFingerprint(txn, ctx, key.fingerprint));
    if (!existing.empty()) {
      return ConflictError(StrCat("publicKeyMaterial: this key is already imported as ",
                                  MakeArn(ctx.region, ctx.account, "public-key", existing)));
    }
    ASSIGN_OR_RETURN(
        resources::Resource resource,
        resources::Create(txn, ctx, kType, tags, [&](std::string_view) { return body.str(); }));
    JsonWriter w;
    w.BeginObject().Key(kOutput);
    resources::WriteResource(w, resource);
    w.EndObject();
    response = w.Take();
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<std::string> GetPublicKey(const OpContext& ctx, const Value& request) {
  return resources::GetOperation(ctx, kType,
                                 StringOr(request, members::GetPublicKeyRequest::arn, ""), kOutput);
}

// Tokens its private key signed no longer join; participants connected with them stay (the
// user guide: DeletePublicKey "invalidates future participant tokens").
absl::StatusOr<std::string> DeletePublicKey(const OpContext& ctx, const Value& request) {
  return resources::DeleteOperation(ctx, kType,
                                    StringOr(request, members::DeletePublicKeyRequest::arn, ""));
}

absl::StatusOr<std::string> ListPublicKeys(const OpContext& ctx, const Value& request) {
  return resources::List(
      ctx, kType,
      {.operation = "ListPublicKeys",
       .list_member = members::ListPublicKeysResponse::publicKeys,
       .max_results = MaxResults(request, kDefaultPage),
       .next_token = StringOr(request, members::ListPublicKeysRequest::nextToken, "")});
}

IVSRT_REGISTER_OPERATIONS(PublicKeys, {"ImportPublicKey", &ImportPublicKey},
                          {"GetPublicKey", &GetPublicKey}, {"ListPublicKeys", &ListPublicKeys},
                          {"DeletePublicKey", &DeletePublicKey});

}  // namespace ivsrt::ops
