#include "tests/engine_fixture.h"

#include <stdlib.h>

#include "core/base64url.h"
#include "core/json/writer.h"
#include "core/strings.h"

namespace ivsrt::testing {

Json::Json(std::string text) : text_(std::move(text)), parser_(new simdjson::dom::parser()) {
  auto error = parser_->parse(text_).get(root_);
  EXPECT_EQ(error, simdjson::SUCCESS) << "not JSON: " << text_;
}

simdjson::dom::element Json::At(std::string_view path, bool* found) const {
  simdjson::dom::element e = root_;
  *found = true;
  for (std::string_view part : Split(path, '/', true)) {
    simdjson::dom::element next;
    if (e.is_array()) {
      if (e.at(std::stoul(std::string(part))).get(next) != simdjson::SUCCESS) {
        *found = false;
        return e;
      }
    } else if (e[part].get(next) != simdjson::SUCCESS) {
      *found = false;
      return e;
    }
    e = next;
  }
  return e;
}

std::string Json::Str(std::string_view path) const {
  bool found;
  simdjson::dom::element e = At(path, &found);
  std::string_view s;
  if (!found || e.get_string().get(s) != simdjson::SUCCESS) return "";
  return std::string(s);
}

int64_t Json::Int(std::string_view path) const {
  bool found;
  simdjson::dom::element e = At(path, &found);
  int64_t v = -1;
  if (!found || e.get_int64().get(v) != simdjson::SUCCESS) ADD_FAILURE() << "no int at " << path;
  return v;
}

bool Json::Bool(std::string_view path) const {
  bool found;
  simdjson::dom::element e = At(path, &found);
  bool v = false;
  if (!found || e.get_bool().get(v) != simdjson::SUCCESS) ADD_FAILURE() << "no bool at " << path;
  return v;
}

std::string Json::Minified(std::string_view path) const {
  bool found;
  simdjson::dom::element e = At(path, &found);
  return found ? simdjson::minify(e) : "<absent>";
}

bool Json::Has(std::string_view path) const {
  bool found;
  At(path, &found);
  return found;
}

size_t Json::Size(std::string_view path) const {
  bool found;
  simdjson::dom::element e = At(path, &found);
  if (!found) return 0;
  simdjson::dom::array array;
  simdjson::dom::object object;
  if (e.get_array().get(array) == simdjson::SUCCESS) return array.size();
  if (e.get_object().get(object) == simdjson::SUCCESS) return object.size();
  return 0;
}

void EngineTest::Open(std::string_view options) {
  engine_.reset();
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = *std::move(engine);
}

absl::StatusOr<std::string> EngineTest::Raw(std::string_view operation, std::string_view body) {
  return engine_->Invoke(operation, body);
}

Json EngineTest::Call(std::string_view operation, std::string_view body) {
  auto result = Raw(operation, body);
  EXPECT_TRUE(result.ok()) << operation << " " << body << ": " << result.status();
  return Json(result.ok() ? *result : "{}");
}

std::string EngineTest::ErrorOf(std::string_view operation, std::string_view body) {
  auto result = Raw(operation, body);
  if (result.ok()) return "success: " + *result;
  return std::string(ErrorTypeOf(result.status()).name);
}

std::string EngineTest::CreateStageArn(std::string_view body) {
  return Call("CreateStage", body).Str("stage/arn");
}

std::vector<std::string> EngineTest::ListStagesPage(int max_results, std::string& next_token) {
  std::string body = StrCat("{\"maxResults\": ", max_results);
  if (!next_token.empty()) StrAppend(&body, ", \"nextToken\": ", Quote(next_token));
  Json page = Call("ListStages", body + "}");
  std::vector<std::string> arns;
  for (size_t i = 0; i < page.Size("stages"); ++i) {
    arns.push_back(page.Str(StrCat("stages/", i, "/arn")));
  }
  next_token = page.Str("nextToken");
  return arns;
}

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string JwtPayload(std::string_view token) {
  std::vector<std::string_view> parts = Split(token, '.');
  if (parts.size() != 3) return "";
  return Base64UrlDecode(parts[1]).value_or("");
}

std::string LargestTags() {
  std::string tags = "{";
  for (int i = 0; i < 50; ++i) {
    StrAppend(&tags, i ? "," : "", "\"", std::string(120, 'k'), i,
              "\": ", Quote(std::string(256, 'v')));
  }
  return tags + "}";
}

std::string TempDir() {
  std::string pattern = "/tmp/ivsrt-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp";
  return pattern;
}

}  // namespace ivsrt::testing
