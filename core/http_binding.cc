#include "core/http_binding.h"

#include "core/dispatcher.h"
#include "core/errors.h"
#include "core/json/writer.h"
#include "core/strings.h"
#include "core/validate/validator.h"
#include "simdjson.h"

namespace ivsrt {
namespace {

using model::Location;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// False on a broken %XX escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

// The member's value from the URI path, as JSON text; empty when the path has
// no such label.
absl::StatusOr<std::string> FromPath(const model::Member& m, const std::vector<UriLabel>& labels) {
  for (const auto& [name, raw] : labels) {
    if (name != m.location_name) continue;
    std::string value;
    if (!PercentDecode(raw, false, value)) {
      return ValidationError(StrCat(m.name, ": malformed percent-encoding in the request path"));
    }
    std::string json;
    AppendJsonString(json, value);
    return json;
  }
  return std::string();
}

// The member's value from the query string, as JSON text; empty when no key
// names it. The model binds only strings and lists of strings there
// (model_tables_test checks it).
absl::StatusOr<std::string> FromQuery(const model::Member& m, std::string_view query) {
  const bool list = model::ShapeAt(m.shape).type == model::Type::kList;
  JsonWriter values;
  values.BeginArray();
  std::string last;
  bool any = false;
  for (std::string_view pair : Split(query, '&', /*skip_empty=*/true)) {
    size_t eq = pair.find('=');
    std::string name;
    if (!PercentDecode(pair.substr(0, eq), true, name) || name != m.location_name) continue;
    std::string_view raw = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    if (!PercentDecode(raw, true, last)) {
      return ValidationError(StrCat(m.name, ": malformed percent-encoding in the query string"));
    }
    values.String(last);
    any = true;
  }
  if (!any) return std::string();
  if (list) return values.EndArray().Take();
  std::string json;
  AppendJsonString(json, last);
  return json;
}

const model::Member* FindMember(const model::Shape& shape, std::string_view name) {
  for (const model::Member& m : shape.members) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::string> BindHttpInput(const model::Operation& op,
                                          const std::vector<UriLabel>& labels,
                                          std::string_view query, std::string_view payload) {
  if (op.input_shape == model::kNoShape) return std::string("{}");
  const model::Shape& input = model::ShapeAt(op.input_shape);
  bool reads_payload = false;
  bool payload_only = true;
  for (const model::Member& m : input.members) {
    reads_payload = reads_payload || m.location == Location::kBody;
    payload_only = payload_only && m.location == Location::kBody;
  }
  if (payload_only) return std::string(payload);  // "POST /CreateStage": as is
  std::string out = "{";
  auto add = [&out](std::string_view name, std::string_view json) {
    if (out.size() > 1) out += ',';
    AppendJsonString(out, name);
    out += ':';
    out += json;
  };
  for (const model::Member& m : input.members) {
    std::string json;
    if (m.location == Location::kUri) {
      ASSIGN_OR_RETURN(json, FromPath(m, labels));
    } else if (m.location == Location::kQuery) {
      ASSIGN_OR_RETURN(json, FromQuery(m, query));
    }
    if (!json.empty()) add(m.name, json);
  }
  if (reads_payload) {
    RETURN_IF_ERROR(CheckRequestSize(payload));
    ASSIGN_OR_RETURN(std::vector<RawMember> members, ReadRequestMembers(payload));
    for (const RawMember& member : members) {
      const model::Member* m = FindMember(input, member.name);
      if (m == nullptr || m->location == Location::kBody) add(member.name, member.json);
    }
  }
  out += '}';
  return out;
}

absl::StatusOr<HttpOutput> BindHttpOutput(const model::Operation& op, std::string output_json) {
  HttpOutput out;
  const model::Shape* output =
      op.output_shape == model::kNoShape ? nullptr : &model::ShapeAt(op.output_shape);
  bool has_headers = false;
  for (const model::Member& m : output ? output->members : std::span<const model::Member>{}) {
    has_headers = has_headers || m.location == Location::kHeader;
  }
  if (!has_headers) {
    out.body = std::move(output_json);
    return out;
  }
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(output_json).get_object().get(object) != simdjson::SUCCESS) {
    return InternalError(StrCat(op.name, ": its output is not a JSON object"));
  }
  JsonWriter body;
  body.BeginObject();
  for (auto [key, value] : object) {
    const model::Member* m = FindMember(*output, key);
    std::string_view s;
    if (m != nullptr && m->location == Location::kHeader &&
        value.get_string().get(s) == simdjson::SUCCESS) {
      StrAppend(&out.headers, m->location_name, ": ", s, "\r\n");
    } else {
      body.Key(key).Raw(simdjson::minify(value));
    }
  }
  body.EndObject();
  out.body = body.Take();
  return out;
}

}  // namespace ivsrt
