// Replays tests/golden/*.json through the C ABI (ivsrt_invoke), as the Python and Go
// bindings replay them through theirs. The format is in tests/golden/README.md. Every
// successful response of a model operation is also held against the model's output shape
// (tests/response_checker.h).
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "core/dispatcher.h"
#include "core/json/writer.h"
#include "core/model/model.h"
#include "core/ops/registry.h"
#include "core/strings.h"
#include "gtest/gtest.h"
#include "ivsrt/ivsrt.h"
#include "re2/re2.h"
#include "simdjson.h"
#include "tests/response_checker.h"

namespace ivsrt::testing {
namespace {

using Saved = std::map<std::string, std::string>;

std::string Substitute(std::string text, const Saved& saved) {
  for (const auto& [name, value] : saved) {
    std::string escaped;
    AppendJsonString(escaped, value);
    escaped = escaped.substr(1, escaped.size() - 2);  // inside a JSON string already
    std::string marker = "${" + name + "}";
    for (size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + escaped.size())) {
      text.replace(at, marker.size(), escaped);
    }
  }
  return text;
}

bool At(simdjson::dom::element root, std::string_view dotted, simdjson::dom::element* out) {
  simdjson::dom::element e = root;
  for (std::string_view part : Split(dotted, '.', true)) {
    simdjson::dom::element next;
    simdjson::dom::array array;
    if (e.get_array().get(array) == simdjson::SUCCESS) {
      if (array.at(std::stoul(std::string(part))).get(next) != simdjson::SUCCESS) return false;
    } else if (e[part].get(next) != simdjson::SUCCESS) {
      return false;
    }
    e = next;
  }
  *out = e;
  return true;
}

// Canonical text: objects' keys sorted, so member order does not matter.
std::string Canonical(simdjson::dom::element e) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (e.get_object().get(object) == simdjson::SUCCESS) {
    std::map<std::string, std::string> members;
    for (auto field : object) members[std::string(field.key)] = Canonical(field.value);
    std::string out = "{";
    for (const auto& [k, v] : members)
      StrAppend(&out, out.size() > 1 ? "," : "", "\"", k, "\":", v);
    return out + "}";
  }
  if (e.get_array().get(array) == simdjson::SUCCESS) {
    std::string out = "[";
    for (auto item : array) StrAppend(&out, out.size() > 1 ? "," : "", Canonical(item));
    return out + "]";
  }
  return simdjson::minify(e);
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, ReplaysThroughTheCAbi) {
  std::string scenario_text = ReadFile(GetParam());
  simdjson::dom::parser parser;
  simdjson::dom::element scenario;
  ASSERT_EQ(parser.parse(scenario_text).get(scenario), simdjson::SUCCESS);

  std::string options = simdjson::minify(scenario["options"].value_unsafe());
  ivsrt_engine* engine = nullptr;
  ASSERT_EQ(ivsrt_engine_open(options.data(), options.size(), &engine, nullptr), IVSRT_OK);
  Saved saved;
  simdjson::dom::array steps;
  ASSERT_EQ(scenario["steps"].get_array().get(steps), simdjson::SUCCESS);
  int index = 0;
  for (simdjson::dom::element step : steps) {
    std::string_view op = step["op"].get_string().value_unsafe();
    SCOPED_TRACE(StrCat("step ", index++, " ", op));
    std::string request = Substitute(simdjson::minify(step["request"].value_unsafe()), saved);
    char* out = nullptr;
    size_t out_len = 0;
    ivsrt_error* error = nullptr;
    int rc = ivsrt_invoke(engine, op.data(), op.size(), request.data(), request.size(), &out,
                          &out_len, &error);
    std::string_view expected_error;
    if (step["error"].get_string().get(expected_error) == simdjson::SUCCESS) {
      EXPECT_NE(rc, IVSRT_OK) << "succeeded: " << (out ? out : "");
      if (error != nullptr) {
        EXPECT_EQ(ivsrt_error_type(error), expected_error) << ivsrt_error_message(error);
        int64_t status;
        if (step["status"].get_int64().get(status) == simdjson::SUCCESS) {
          EXPECT_EQ(ivsrt_error_http_status(error), status);
        }
      }
      ivsrt_free(out);
      ivsrt_error_free(error);
      continue;
    }
    ASSERT_EQ(rc, IVSRT_OK) << ivsrt_error_type(error) << ": " << ivsrt_error_message(error);
    std::string response(out, out_len);
    ivsrt_free(out);
    simdjson::dom::parser response_parser;
    simdjson::dom::element actual;
    ASSERT_EQ(response_parser.parse(response).get(actual), simdjson::SUCCESS) << response;
    if (model::FindOperation(op) != nullptr) {
      absl::Status fits = CheckResponse(op, response, Answer::kInvoke);
      EXPECT_TRUE(fits.ok()) << fits << "\n" << response;
    }

    simdjson::dom::object checks;
    if (step["expect"].get_object().get(checks) == simdjson::SUCCESS) {
      if (checks.size() == 0) EXPECT_EQ(response, "{}");
      for (auto field : checks) {
        simdjson::dom::element got;
        ASSERT_TRUE(At(actual, field.key, &got)) << field.key << " absent in " << response;
        simdjson::dom::parser expected_parser;
        simdjson::dom::element expected;
        std::string expected_text = Substitute(simdjson::minify(field.value), saved);
        ASSERT_EQ(expected_parser.parse(expected_text).get(expected), simdjson::SUCCESS);
        EXPECT_EQ(Canonical(got), Canonical(expected)) << field.key;
      }
    }
    if (step["match"].get_object().get(checks) == simdjson::SUCCESS) {
      for (auto field : checks) {
        simdjson::dom::element got;
        std::string_view s;
        ASSERT_TRUE(At(actual, field.key, &got) && got.get_string().get(s) == simdjson::SUCCESS)
            << field.key;
        std::string_view pattern = field.value.get_string().value_unsafe();
        EXPECT_TRUE(RE2::PartialMatch(std::string(s), RE2(std::string(pattern))))
            << field.key << "=" << s;
      }
    }
    if (step["length"].get_object().get(checks) == simdjson::SUCCESS) {
      for (auto field : checks) {
        simdjson::dom::element got;
        ASSERT_TRUE(At(actual, field.key, &got)) << field.key;
        simdjson::dom::array a;
        simdjson::dom::object o;
        size_t n = got.get_array().get(a) == simdjson::SUCCESS    ? a.size()
                   : got.get_object().get(o) == simdjson::SUCCESS ? o.size()
                                                                  : size_t(-1);
        EXPECT_EQ(int64_t(n), field.value.get_int64().value_unsafe()) << field.key;
      }
    }
    simdjson::dom::array absent;
    if (step["absent"].get_array().get(absent) == simdjson::SUCCESS) {
      for (auto path : absent) {
        simdjson::dom::element got;
        EXPECT_FALSE(At(actual, path.get_string().value_unsafe(), &got)) << path;
      }
    }
    if (step["save"].get_object().get(checks) == simdjson::SUCCESS) {
      for (auto field : checks) {
        simdjson::dom::element got;
        std::string_view s;
        ASSERT_TRUE(At(actual, field.value.get_string().value_unsafe(), &got) &&
                    got.get_string().get(s) == simdjson::SUCCESS)
            << field.value;
        saved[std::string(field.key)] = std::string(s);
      }
    }
  }
  ivsrt_engine_close(engine);
}

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(IVSRT_SOURCE_DIR "/tests/golden")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(GoldenFiles()),
                         [](const auto& info) {
                           return std::filesystem::path(info.param).stem().string();
                         });

// So that the response checker sees every operation in a normal test run, each implemented
// operation has a golden step that succeeds.
TEST(GoldenCoverage, EveryImplementedOperationSucceedsInSomeStep) {
  std::set<std::string> succeeding;
  for (const std::string& path : GoldenFiles()) {
    std::string scenario_text = ReadFile(path);
    simdjson::dom::parser parser;
    simdjson::dom::array steps;
    ASSERT_EQ(parser.parse(scenario_text)["steps"].get_array().get(steps), simdjson::SUCCESS);
    for (simdjson::dom::element step : steps) {
      simdjson::dom::element error;
      if (step["error"].get(error) != simdjson::SUCCESS) {
        succeeding.emplace(step["op"].get_string().value_unsafe());
      }
    }
  }
  std::vector<std::string_view> implemented = registry::ImplementedOperations();
  for (std::string_view op : implemented) {
    EXPECT_TRUE(succeeding.count(std::string(op))) << op << " has no successful step";
  }
  EXPECT_GE(implemented.size(), 18u);
}

}  // namespace
}  // namespace ivsrt::testing
