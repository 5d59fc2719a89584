// Every operation of the model, through ivsrt_invoke's engine call and HTTP: one not
// implemented yet validates its request first (bad input is a ValidationException, as the
// README claims) and answers UnknownOperationException only to a valid one; an implemented
// one never answers UnknownOperationException.
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

bool HasRequiredMember(const model::Operation& op) {
  for (const model::Member& m : model::ShapeAt(op.input_shape).members) {
    if (m.required) return true;
  }
  return false;
}

// {"<a member>": <a value of the wrong JSON type>}.
std::string WrongTypeBody(const model::Operation& op) {
  const model::Member& m = model::ShapeAt(op.input_shape).members.front();
  bool is_string = model::ShapeAt(m.shape).type == model::Type::kString;
  return StrCat("{", Quote(m.name), ": ", is_string ? "12345" : "\"x\"", "}");
}

TEST_F(OperationsTest, AnUnimplementedOperationValidatesItsRequestFirst) {
  int unimplemented = 0, answered_unknown = 0;
  for (const registry::Entry& entry : registry::Operations()) {
    if (entry.handler != nullptr) continue;
    ++unimplemented;
    const model::Operation& op = *entry.model;
    SCOPED_TRACE(op.name);
    EXPECT_EQ(ErrorOf(op.name, "[]"), "ValidationException");
    EXPECT_EQ(ErrorOf(op.name, "{\"a\": "), "ValidationException");
    EXPECT_EQ(ErrorOf(op.name, WrongTypeBody(op)), "ValidationException");
    if (HasRequiredMember(op)) {
      EXPECT_EQ(ErrorOf(op.name, "{}"), "ValidationException");
    } else {
      ++answered_unknown;
      auto result = Raw(op.name, "{}");
      EXPECT_EQ(ErrorTypeOf(result.status()).name, "UnknownOperationException");
      EXPECT_EQ(result.status().message(),
                StrCat("Operation ", op.name, " is not implemented by ivsrt yet"));
    }
  }
  EXPECT_GT(unimplemented, 0);
  // The operations left all have a required member: a valid request of one is answered
  // "not implemented" as well.
  if (answered_unknown == 0) {
    auto result = Raw("ListParticipantReplicas",
                      R"({"sourceStageArn": "arn:aws:ivs:us-east-1:123456789012:stage/abc", )"
                      R"("participantId": "p"})");
    EXPECT_EQ(ErrorTypeOf(result.status()).name, "UnknownOperationException");
    ++answered_unknown;
  }
  EXPECT_GT(answered_unknown, 0);
}

TEST_F(OperationsTest, AnUnimplementedOperationValidatesItsRequestFirstOverHttp) {
  for (const registry::Entry& entry : registry::Operations()) {
    const model::Operation& op = *entry.model;
    // Routes with labels take their members from the path (http_test covers those).
    if (entry.handler != nullptr || op.request_uri.find('{') != std::string_view::npos) continue;
    SCOPED_TRACE(op.name);
    EXPECT_EQ(HttpErrorOf(op, "[]"), "ValidationException");
    EXPECT_EQ(HttpErrorOf(op, WrongTypeBody(op)), "ValidationException");
    EXPECT_EQ(HttpErrorOf(op, "{}"),
              HasRequiredMember(op) ? "ValidationException" : "UnknownOperationException");
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
