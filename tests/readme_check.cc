// The README holds what libivsrt.so answers: each error's HTTP status is the error table's.
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "ivsrt/ivsrt.h"
#include "re2/re2.h"

namespace {

std::string ReadReadme() {
  std::ifstream in(IVSRT_SOURCE_DIR "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
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
