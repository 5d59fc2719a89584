// The test-side checker that every response of a model operation is held against: the
// operation's output shape in the generated model tables (core/model/model.h). It checks what
// a client's deserializer relies on: required members present, no member the shape does not
// declare, JSON types (integers within 32 or 64 bits, any number for floats), enum values ("" too:
// AWS's answer for an unset one), nested structures, lists and maps, and timestamps as ISO-8601
// strings. Length, pattern and range constraints are not checked: they bind requests, and AWS's
// own outputs break some (NOTES.md 5.18). Keyed by the operation's name only, so a new operation is
// checked the day it lands.
#ifndef IVSRT_TESTS_RESPONSE_CHECKER_H_
#define IVSRT_TESTS_RESPONSE_CHECKER_H_

#include <string_view>

#include "absl/status/status.h"

namespace ivsrt::testing {

// Which answer is checked: the body ivsrt_http answers (members bound to headers are not in
// it), or ivsrt_invoke's JSON (it holds them too, as an SDK reads them).
enum class Answer { kHttpBody, kInvoke };

// OK when `response` is a JSON object that fits the output shape of `operation`; else
// InvalidArgument naming the first offending member by its dotted path
// (`participantTokens.0.expirationTime`); NotFound when the model has no such operation.
absl::Status CheckResponse(std::string_view operation, std::string_view response,
                           Answer answer = Answer::kHttpBody);

// True for an ISO-8601 date-time as AWS writes them: YYYY-MM-DDTHH:MM:SS, optional
// fractional seconds, then Z or +HH:MM / -HH:MM, each field within its calendar range.
bool IsIso8601DateTime(std::string_view text);

}  // namespace ivsrt::testing

#endif  // IVSRT_TESTS_RESPONSE_CHECKER_H_
