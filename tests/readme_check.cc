// The README's operations tables and error list hold what libivsrt.so answers: each operation's
// status is the registry's (ivsrt:ListOperations), and each error's HTTP status the error
// table's. Linked against the shared library only, so a registration its link dropped shows
// up here as an operation the README calls implemented.
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "ivsrt/ivsrt.h"
#include "re2/re2.h"
#include "simdjson.h"

namespace {

std::string ReadReadme() {
  std::ifstream in(IVSRT_SOURCE_DIR "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Operation name -> implemented, for every row of the README's tables that names one: the
// AWS operations (a bare name, then "implemented" or "not implemented") and the
// test-control ones (a `ivsrt:` name; all implemented).
std::map<std::string, bool> ReadmeOperations(const std::string& readme) {
  std::map<std::string, bool> rows;
  static const RE2 kAws(R"((?m)^\| ([A-Z][A-Za-z]+) \| (implemented|not implemented)\b)");
  static const RE2 kControl(R"((?m)^\| `(ivsrt:[A-Za-z]+)` \|)");
  re2::StringPiece input(readme);
  std::string name, status;
  while (RE2::FindAndConsume(&input, kAws, &name, &status)) {
    EXPECT_TRUE(rows.emplace(name, status == "implemented").second) << name << " listed twice";
  }
  input = readme;
  while (RE2::FindAndConsume(&input, kControl, &name)) {
    EXPECT_TRUE(rows.emplace(name, true).second) << name << " listed twice";
  }
  return rows;
}

std::map<std::string, bool> LibraryOperations() {
  ivsrt_engine* engine = nullptr;
  EXPECT_EQ(ivsrt_engine_open(nullptr, 0, &engine, nullptr), IVSRT_OK);
  char* out = nullptr;
  size_t len = 0;
  std::string_view op = "ivsrt:ListOperations";
  EXPECT_EQ(ivsrt_invoke(engine, op.data(), op.size(), "{}", 2, &out, &len, nullptr), IVSRT_OK);
  std::string json(out == nullptr ? "{}" : std::string(out, len));
  ivsrt_free(out);
  ivsrt_engine_close(engine);

  std::map<std::string, bool> operations;
  simdjson::dom::parser parser;
  simdjson::dom::array list;
  EXPECT_EQ(parser.parse(json)["operations"].get_array().get(list), simdjson::SUCCESS) << json;
  for (simdjson::dom::element entry : list) {
    std::string_view name;
    bool implemented = false;
    EXPECT_EQ(entry["name"].get_string().get(name), simdjson::SUCCESS) << json;
    EXPECT_EQ(entry["implemented"].get_bool().get(implemented), simdjson::SUCCESS) << json;
    operations[std::string(name)] = implemented;
  }
  return operations;
}

TEST(Readme, OperationsTablesAreTheLibrarysOperations) {
  std::map<std::string, bool> library = LibraryOperations();
  ASSERT_FALSE(library.empty());
  EXPECT_EQ(ReadmeOperations(ReadReadme()), library)
      << "README.md's operations tables differ from ivsrt:ListOperations";
}

TEST(Readme, LimitationsCountTheImplementedOperations) {
  int implemented = 0, modeled = 0;
  for (const auto& [name, is_implemented] : LibraryOperations()) {
    if (name.starts_with("ivsrt:")) continue;
    ++modeled;
    implemented += is_implemented;
  }
  int said_implemented = 0, said_modeled = 0;
  ASSERT_TRUE(RE2::PartialMatch(ReadReadme(), R"((\d+) of the model's (\d+) operations are)",
                                &said_implemented, &said_modeled));
  EXPECT_EQ(said_implemented, implemented);
  EXPECT_EQ(said_modeled, modeled);
}

// "**Errors**: `ValidationException` 400, ...": every type named is one of the error table's,
// with its status, and every error type of the service model is named.
TEST(Readme, ErrorStatusesAreTheErrorTables) {
  std::string readme = ReadReadme();
  size_t at = readme.find("**Errors**:");
  ASSERT_NE(at, std::string::npos);
  re2::StringPiece errors(readme.data() + at, readme.find("\n- ", at) - at);
  std::map<std::string, int> statuses;
  for (int code = IVSRT_OK + 1; *ivsrt_code_type(code) != '\0'; ++code) {
    statuses[ivsrt_code_type(code)] = ivsrt_code_http_status(code);
  }
  static const RE2 kPair(R"(`([A-Za-z]+)`\s+(\d{3}))");
  std::set<std::string> named;
  std::string type;
  int status = 0;
  while (RE2::FindAndConsume(&errors, kPair, &type, &status)) {
    ASSERT_TRUE(statuses.count(type)) << type << " is not an error type of the library";
    EXPECT_EQ(status, statuses[type]) << type;
    named.insert(type);
  }
  for (int code = IVSRT_EVALIDATION; code <= IVSRT_EINTERNAL; ++code) {
    EXPECT_TRUE(named.count(ivsrt_code_type(code))) << ivsrt_code_type(code) << " not named";
  }
}

}  // namespace
