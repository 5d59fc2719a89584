// The AWS CLI shorthand syntax for structure and map values:
//   Key1=Value1,Key2=Value2      a structure or map
//   key=a,b,c  key=[a,b]         a list value
//   key={k1=v1,k2=v2}            a nested structure or map
//   key='a,b'  key="a=b"  a\,b   quoting and escaping
// The result holds only strings, arrays and objects; Coerce (coerce.h) gives it
// the model's types.
#ifndef IVSRT_CLI_SHORTHAND_H_
#define IVSRT_CLI_SHORTHAND_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "cli/json.h"

namespace ivsrt::cli {

// An object, or InvalidArgument with the AWS CLI's message (where parsing
// failed, with a caret).
absl::StatusOr<Json> ParseShorthand(std::string_view input);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_SHORTHAND_H_
