// The service model's constraint tables: shapes, members and operations, generated from
// botocore's ivs-realtime service-2.json by tools/gen_model_tables.py into model_tables.cc.
#ifndef IVSRT_CORE_MODEL_MODEL_H_
#define IVSRT_CORE_MODEL_MODEL_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace ivsrt::model {

enum class Type : uint8_t {
  kStructure,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kList,
  kMap,
  kTimestamp,
  kBlob,
};

// Where an input member travels on the wire (restJson1).
enum class Location : uint8_t { kBody, kUri, kQuery, kHeader };

inline constexpr int kNoShape = -1;
inline constexpr int kNoPattern = -1;

struct Member {
  std::string_view name;
  int shape;  // index into Shapes()
  bool required;
  Location location;
  std::string_view location_name;  // the URI label, query key or header name
};

struct Shape {
  std::string_view name;
  Type type;
  // Length for strings, item count for lists, entry count for maps, value for numbers.
  bool has_min;
  bool has_max;
  double min;
  double max;
  int pattern;  // index into Patterns(), or kNoPattern; always a full match
  std::span<const std::string_view> enum_values;  // empty: not an enum
  std::span<const Member> members;                // structures
  int member_shape;                               // lists: the item shape
  int key_shape;                                  // maps
  int value_shape;                                // maps
};

struct Operation {
  std::string_view name;
  std::string_view http_method;
  std::string_view request_uri;
  int input_shape;   // or kNoShape
  int output_shape;  // or kNoShape
};

std::span<const Shape> Shapes();
std::span<const Operation> Operations();
std::span<const std::string_view> Patterns();

// nullptr when the model has no such operation.
const Operation* FindOperation(std::string_view name);
const Shape& ShapeAt(int index);
// kNoShape when absent.
int FindShape(std::string_view name);

}  // namespace ivsrt::model

#endif  // IVSRT_CORE_MODEL_MODEL_H_
