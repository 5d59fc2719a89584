// The engine: one store, one clock, one signing key; answers operations by name or as HTTP.
#ifndef IVSRT_CORE_ENGINE_H_
#define IVSRT_CORE_ENGINE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/clock.h"
#include "core/http_router.h"
#include "core/ops/op_context.h"
#include "core/options.h"
#include "core/store/store.h"

namespace ivsrt {

class Engine {
 public:
  // Invalid options are InvalidArgument; a store that cannot be opened is Internal.
  static absl::StatusOr<std::unique_ptr<Engine>> Open(std::string_view options_json);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // An operation in the engine's own region and account.
  absl::StatusOr<std::string> Invoke(std::string_view operation, std::string_view body);
  // An operation in `region` (the HTTP entry's partition).
  absl::StatusOr<std::string> InvokeIn(std::string_view region, std::string_view operation,
                                       std::string_view body);
  HttpResponse Http(const HttpRequest& request);

  const EngineOptions& options() const { return options_; }
  store::Store& store() { return *store_; }

 private:
  Engine() = default;
  absl::Status LoadKeys();

  EngineOptions options_;
  bool temporary_dir_ = false;
  std::shared_ptr<store::Store> store_;
  Clock clock_;
  std::unique_ptr<Services> services_;
};

}  // namespace ivsrt

#endif  // IVSRT_CORE_ENGINE_H_
