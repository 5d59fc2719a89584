#include "core/errors.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "ivsrt/ivsrt.h"
#include "re2/re2.h"

namespace ivsrt {
namespace {

TEST(ErrorsTest, OneRowPerCodeInCodeOrder) {
  int code = IVSRT_OK;
  for (const ErrorType& row : ErrorTypes()) {
    EXPECT_EQ(row.code, ++code) << row.name;
    EXPECT_EQ(FindErrorType(row.code), &row);
    EXPECT_EQ(row.name.data()[row.name.size()], '\0') << row.name;
  }
  EXPECT_EQ(code, IVSRT_EUNKNOWN_OPERATION);
  EXPECT_EQ(FindErrorType(IVSRT_OK), nullptr);
  EXPECT_EQ(FindErrorType(code + 1), nullptr);
}

// The header documents each code as "type, HTTP status": the documentation is the table.
TEST(ErrorsTest, TheHeaderDocumentsTheTable) {
  std::ifstream in(IVSRT_SOURCE_DIR "/capi/include/ivsrt/ivsrt.h");
  std::stringstream text;
  text << in.rdbuf();
  std::string header = text.str();
  re2::StringPiece input(header);
  static const RE2 kDefine(R"(#define (IVSRT_E[A-Z_]+) (\d+) +/\* (\w+), HTTP (\d+) \*/)");
  std::string macro, name;
  int code = 0, status = 0;
  std::set<int> documented;
  while (RE2::FindAndConsume(&input, kDefine, &macro, &code, &name, &status)) {
    const ErrorType* row = FindErrorType(code);
    ASSERT_NE(row, nullptr) << macro;
    EXPECT_EQ(row->name, name) << macro;
    EXPECT_EQ(row->http_status, status) << macro;
    documented.insert(code);
  }
  EXPECT_EQ(documented.size(), ErrorTypes().size());
}

TEST(ErrorsTest, EachErrorMapsToItsRow) {
  EXPECT_EQ(ErrorTypeOf(ValidationError("m")).code, IVSRT_EVALIDATION);
  EXPECT_EQ(ErrorTypeOf(AccessDeniedError("m")).code, IVSRT_EACCESS_DENIED);
  EXPECT_EQ(ErrorTypeOf(PendingVerificationError("m")).code, IVSRT_EPENDING_VERIFICATION);
  EXPECT_EQ(ErrorTypeOf(ResourceNotFoundError("m")).code, IVSRT_ENOT_FOUND);
  EXPECT_EQ(ErrorTypeOf(ConflictError("m")).code, IVSRT_ECONFLICT);
  EXPECT_EQ(ErrorTypeOf(ServiceQuotaExceededError("m")).code, IVSRT_EQUOTA);
  EXPECT_EQ(ErrorTypeOf(InternalError("m")).code, IVSRT_EINTERNAL);
  EXPECT_EQ(ErrorTypeOf(UnknownOperationError("m")).code, IVSRT_EUNKNOWN_OPERATION);
  // A SigV4 error is answered with its own type name but its carrier's status.
  EXPECT_EQ(ErrorTypeOf(IncompleteSignatureError("m")).http_status, 403);
  EXPECT_EQ(ErrorTypeOf(InvalidSignatureError("m")).http_status, 403);
  // Whatever else fails (an LMDB error, say) is InternalServerException.
  EXPECT_EQ(ErrorTypeOf(absl::DataLossError("m")).code, IVSRT_EINTERNAL);
  EXPECT_EQ(ErrorTypeOf(absl::AbortedError("m")).code, IVSRT_EINTERNAL);
  EXPECT_EQ(ValidationError("a message").message(), "a message");
}

}  // namespace
}  // namespace ivsrt
