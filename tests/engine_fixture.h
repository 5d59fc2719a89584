// Test helpers: an engine on a temporary store, and calls that return parsed JSON.
#ifndef IVSRT_TESTS_ENGINE_FIXTURE_H_
#define IVSRT_TESTS_ENGINE_FIXTURE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine.h"
#include "core/errors.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace ivsrt::testing {

// A parsed JSON document that owns its parser.
class Json {
 public:
  explicit Json(std::string text);
  simdjson::dom::element root() const { return root_; }
  // The string at a '/'-separated path ("stage/arn", "participantTokens/0/token"); "" when absent.
  std::string Str(std::string_view path) const;
  int64_t Int(std::string_view path) const;
  bool Bool(std::string_view path) const;
  std::string Minified(std::string_view path) const;  // the JSON text at path
  bool Has(std::string_view path) const;
  size_t Size(std::string_view path) const;  // elements of an array or object
  const std::string& text() const { return text_; }

 private:
  simdjson::dom::element At(std::string_view path, bool* found) const;
  std::string text_;
  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::element root_;
};

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(R"({"seed": 42, "clock": "2026-01-02T03:04:05Z"})"); }
  void Open(std::string_view options);

  // A successful call's output (the test fails otherwise).
  Json Call(std::string_view operation, std::string_view body);
  // A call that must fail: its error type, e.g. "ValidationException".
  std::string ErrorOf(std::string_view operation, std::string_view body);
  absl::StatusOr<std::string> Raw(std::string_view operation, std::string_view body);

  std::string CreateStageArn(std::string_view body = "{}");
  // One ListStages page after `next_token` (empty: the first): the stage ARNs, in order.
  // `next_token` becomes the page's nextToken, empty after the last page.
  std::vector<std::string> ListStagesPage(int max_results, std::string& next_token);

  std::unique_ptr<Engine> engine_;
};

// The JSON string literal of `s`.
std::string Quote(std::string_view s);
// The decoded payload of a JWT.
std::string JwtPayload(std::string_view token);
std::string TempDir();
// A "tags" object of 50 tags (the most a resource may have) with 122-byte keys and
// 256-byte values, ~19 KB: to grow the store quickly.
std::string LargestTags();

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_ENGINE_FIXTURE_H_
