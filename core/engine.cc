#include "core/engine.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "core/dispatcher.h"
#include "core/errors.h"
#include "core/hmac.h"
#include "core/http_binding.h"
#include "core/model/model.h"
#include "core/store_format.h"
#include "core/strings.h"

namespace ivsrt {
namespace {

absl::StatusOr<std::string> MakeTemporaryDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/ivsrt-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return InternalError(StrCat("cannot create a temporary store in ", pattern));
  }
  return pattern;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(std::string_view options_json) {
  ASSIGN_OR_RETURN(EngineOptions options, ParseEngineOptions(options_json));
  std::unique_ptr<Engine> engine(new Engine());
  engine->options_ = std::move(options);
  if (engine->options_.data_dir.empty()) {
    ASSIGN_OR_RETURN(engine->options_.data_dir, MakeTemporaryDir());
    engine->temporary_dir_ = true;
  }
  if (engine->options_.manual_clock_start) engine->clock_.Set(*engine->options_.manual_clock_start);
  ASSIGN_OR_RETURN(engine->store_,
                   store::Store::Open(engine->options_.data_dir, engine->options_.durability));
  RETURN_IF_ERROR(UpgradeStoreFormat(*engine->store_));
  RETURN_IF_ERROR(engine->LoadKeys());
  return engine;
}

// The signing key is made once per store (from the seed when there is one) and
// kept in it; every other key derives from it. A seeded store's key is the
// seed's, so the key records the seed: a seed the store was not made from is
// refused, not ignored.
absl::Status Engine::LoadKeys() {
  std::string key;
  std::optional<std::string> seeded;
  if (options_.seed) seeded = HmacSha256("ivsrt seed", StrCat(*options_.seed));
  RETURN_IF_ERROR(store_->Write([&](store::Txn& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto stored, txn.Get(store::Table::kMeta, kSigningKeyMetaKey));
    if (stored.has_value()) {
      key = std::string(*stored);
      if (seeded && key != *seeded) {
        return absl::InvalidArgumentError(
            StrCat("option seed: the store in ", store_->dir(), " was not created with seed ",
                   *options_.seed,
                   " (a store keeps the seed it was created with, or none); "
                   "open it without a seed, or use a new data_dir"));
      }
      return absl::OkStatus();
    }
    key = seeded ? *seeded : RandomBytes(kSha256Size);
    return txn.Put(store::Table::kMeta, kSigningKeyMetaKey, key);
  }));
  services_ = std::make_unique<Services>(Services{
      .store = store_.get(),
      .clock = &clock_,
      .signing_key = key,
      .ids = IdGenerator(HmacSha256(key, "ids")),
      .page_key = HmacSha256(key, "pages"),
      .quotas = options_.quotas,
      .session_end_delay_seconds = options_.session_end_delay_seconds,
      .deadlines = {},
  });
  return absl::OkStatus();
}

Engine::~Engine() {
  services_.reset();
  std::string dir = store_ ? store_->dir() : options_.data_dir;
  // A child of fork() closing its copy of the parent's engine must not remove the
  // parent's temporary store.
  const bool inherited = store_ && store_->inherited();
  store_.reset();
  if (temporary_dir_ && !inherited) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
}

absl::StatusOr<std::string> Engine::Invoke(std::string_view operation, std::string_view body) {
  return InvokeIn(options_.region, operation, body);
}

absl::StatusOr<std::string> Engine::InvokeIn(std::string_view region, std::string_view operation,
                                             std::string_view body) {
  OpContext ctx{services_.get(), options_.account_id, region, clock_.Now()};
  return Dispatch(ctx, operation, body, options_.strict);
}

}  // namespace ivsrt

namespace ivsrt {

HttpResponse Engine::Http(const HttpRequest& request) {
  absl::StatusOr<RoutedRequest> routed = RouteHttpRequest(request);
  if (!routed.ok()) return MakeHttpResponse(routed.status());
  std::string_view region =
      routed->region.empty() ? std::string_view{options_.region} : std::string_view{routed->region};
  absl::StatusOr<std::string> result = InvokeIn(region, routed->operation->name, routed->body);
  if (!result.ok()) return MakeHttpResponse(result);
  absl::StatusOr<HttpOutput> output = BindHttpOutput(*routed->operation, *std::move(result));
  if (!output.ok()) return MakeHttpResponse(output.status());
  HttpResponse response = MakeHttpResponse(std::move(output->body));
  response.headers += output->headers;
  return response;
}

}  // namespace ivsrt
