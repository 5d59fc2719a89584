// Every operation of the model, through ivsrt_invoke's engine call and HTTP: each is
// implemented, refuses bad input with a ValidationException and never answers
// UnknownOperationException.
#include <string>

#include "core/model/model.h"
#include "core/ops/registry.h"
#include "core/strings.h"
#include "tests/engine_fixture.h"

namespace ivsrt::testing {
namespace {

class OperationsTest : public EngineTest {
 protected:
  // The error type an HTTP request answers with ("" for a 200), after checking its
  // status is that type's.
  std::string HttpErrorOf(const model::Operation& op, std::string_view body) {
    HttpResponse r = engine_->Http(HttpRequest{op.http_method, op.request_uri, "", body});
    if (r.status == 200) return "";
    for (std::string_view line : Split(r.headers, '\n', true)) {
      line = TrimAsciiWhitespace(line);
      if (!line.starts_with("x-amzn-ErrorType: ")) continue;
      std::string type(line.substr(18));
      bool found = false;
      for (const ErrorType& row : ErrorTypes()) {
        if (row.name != type) continue;
        found = true;
        EXPECT_EQ(r.status, row.http_status) << type;
      }
      EXPECT_TRUE(found) << type;
      return type;
    }
    ADD_FAILURE() << "no x-amzn-ErrorType: " << r.headers;
    return "";
  }
};

// {"<a member>": <a value of the wrong JSON type>}.
std::string WrongTypeBody(const model::Operation& op) {
  const model::Member& m = model::ShapeAt(op.input_shape).members.front();
  bool is_string = model::ShapeAt(m.shape).type == model::Type::kString;
  return StrCat("{", Quote(m.name), ": ", is_string ? "12345" : "\"x\"", "}");
}

// Every operation of the model has its handler: none answers "not implemented".
TEST_F(OperationsTest, EveryOperationOfTheModelIsImplemented) {
  EXPECT_EQ(registry::Operations().size(), model::Operations().size());
  EXPECT_EQ(registry::ImplementedOperations().size(), model::Operations().size());
  for (const registry::Entry& entry : registry::Operations()) {
    EXPECT_NE(entry.handler, nullptr) << entry.model->name;
    const model::Operation& op = *entry.model;
    // Routes with labels take their members from the path (http_test covers those).
    if (op.request_uri.find('{') != std::string_view::npos) continue;
    SCOPED_TRACE(op.name);
    EXPECT_NE(HttpErrorOf(op, "{}"), "UnknownOperationException");
    EXPECT_EQ(HttpErrorOf(op, "[]"), "ValidationException");
    EXPECT_EQ(HttpErrorOf(op, WrongTypeBody(op)), "ValidationException");
  }
}

TEST_F(OperationsTest, AnImplementedOperationIsNeverUnknown) {
  for (const registry::Entry& entry : registry::Operations()) {
    if (entry.handler == nullptr) continue;
    SCOPED_TRACE(entry.model->name);
    EXPECT_NE(ErrorOf(entry.model->name, "{}"), "UnknownOperationException");
  }
}

TEST_F(OperationsTest, ListOperationsNamesEveryOperationOnce) {
  Json list = Call("ivsrt:ListOperations", "{}");
  size_t modeled = registry::Operations().size();
  ASSERT_GT(list.Size("operations"), modeled);
  for (size_t i = 0; i < modeled; ++i) {
    const registry::Entry& entry = registry::Operations()[i];
    EXPECT_EQ(list.Str(StrCat("operations/", i, "/name")), entry.model->name);
    EXPECT_EQ(list.Bool(StrCat("operations/", i, "/implemented")), entry.handler != nullptr);
  }
  // Then the test-control operations, each of which answers.
  for (size_t i = modeled; i < list.Size("operations"); ++i) {
    std::string name = list.Str(StrCat("operations/", i, "/name"));
    EXPECT_TRUE(name.starts_with("ivsrt:")) << name;
    EXPECT_TRUE(list.Bool(StrCat("operations/", i, "/implemented"))) << name;
    EXPECT_NE(ErrorOf(name, "{}"), "UnknownOperationException") << name;
  }
}

}  // namespace
}  // namespace ivsrt::testing
