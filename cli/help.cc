#include "cli/help.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_split.h"
#include "cli/json.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

std::string_view TypeName(model::Type type) {
  switch (type) {
    case model::Type::kStructure:
      return "structure";
    case model::Type::kString:
      return "string";
    case model::Type::kInteger:
      return "integer";
    case model::Type::kLong:
      return "long";
    case model::Type::kFloat:
      return "float";
    case model::Type::kDouble:
      return "double";
    case model::Type::kBoolean:
      return "boolean";
    case model::Type::kList:
      return "list";
    case model::Type::kMap:
      return "map";
    case model::Type::kTimestamp:
      return "timestamp";
    case model::Type::kBlob:
      return "blob";
  }
  return "";
}

bool IsComplex(model::Type t) {
  return t == model::Type::kStructure || t == model::Type::kMap || t == model::Type::kList;
}

std::string Indented(std::string_view text, int spaces) {
  std::string pad(static_cast<size_t>(spaces), ' ');
  std::vector<std::string> lines;
  for (std::string_view line : Split(text, '\n')) {
    lines.push_back(pad + std::string(line));
  }
  return Join(lines, "\n");
}

// The AWS CLI's "JSON Syntax": the shape with type names for values. Type names
// are written as raw JSON number text so they print unquoted.
Json SyntaxOf(int shape_index, std::vector<int>& open) {
  const model::Shape& shape = model::ShapeAt(shape_index);
  switch (shape.type) {
    case model::Type::kStructure: {
      Json out = Json::Object();
      if (absl::c_linear_search(open, shape_index)) {
        return Json::Number("{...}");
      }
      open.push_back(shape_index);
      for (const model::Member& m : shape.members) {
        out.Set(std::string(m.name), SyntaxOf(m.shape, open));
      }
      open.pop_back();
      return out;
    }
    case model::Type::kList: {
      Json out = Json::Array();
      out.Append(SyntaxOf(shape.member_shape, open));
      out.Append(Json::Number("..."));
      return out;
    }
    case model::Type::kMap: {
      Json out = Json::Object();
      out.Set("string", SyntaxOf(shape.value_shape, open));
      out.Set("...", Json::Number("..."));
      return out;
    }
    case model::Type::kString:
      if (!shape.enum_values.empty()) {
        return Json::Number(StrCat("\"", Join(shape.enum_values, "\"|\""), "\""));
      }
      return Json::Number("\"string\"");
    case model::Type::kTimestamp:
      return Json::Number("timestamp");
    case model::Type::kBlob:
      return Json::Number("blob");
    default:
      return Json::Number(std::string(TypeName(shape.type)));
  }
}

// The AWS CLI's "Shorthand Syntax": key=value pairs, lists as a,b (nested:
// [a,b]).
std::string ShorthandOf(int shape_index, bool nested, std::vector<int>& open) {
  const model::Shape& shape = model::ShapeAt(shape_index);
  switch (shape.type) {
    case model::Type::kStructure: {
      if (absl::c_linear_search(open, shape_index)) return "{...}";
      open.push_back(shape_index);
      std::vector<std::string> pairs;
      for (const model::Member& m : shape.members) {
        pairs.push_back(StrCat(m.name, "=", ShorthandOf(m.shape, true, open)));
      }
      open.pop_back();
      std::string body = Join(pairs, ",");
      return nested ? StrCat("{", body, "}") : body;
    }
    case model::Type::kMap: {
      std::string v = ShorthandOf(shape.value_shape, true, open);
      std::string body = StrCat("KeyName1=", v, ",KeyName2=", v);
      return nested ? StrCat("{", body, "}") : body;
    }
    case model::Type::kList: {
      std::string item = ShorthandOf(shape.member_shape, true, open);
      std::string body = StrCat(item, ",", item);
      return nested ? StrCat("[", body, "]") : body;
    }
    default:
      return std::string(TypeName(shape.type));
  }
}

std::string Number(double d) {
  if (d == static_cast<double>(static_cast<int64_t>(d))) {
    return StrCat(static_cast<int64_t>(d));
  }
  return StrCat(d);
}

std::string Constraints(const model::Shape& shape) {
  std::vector<std::string> parts;
  std::string_view what = shape.type == model::Type::kString ? "length"
                          : shape.type == model::Type::kList ? "items"
                          : shape.type == model::Type::kMap  ? "entries"
                                                             : "range";
  if (shape.has_min || shape.has_max) {
    parts.push_back(StrCat(what, " ", shape.has_min ? Number(shape.min) : "", "..",
                           shape.has_max ? Number(shape.max) : ""));
  }
  if (shape.pattern != model::kNoPattern) {
    parts.push_back(StrCat("pattern ", model::Patterns()[shape.pattern]));
  }
  if (!shape.enum_values.empty()) {
    parts.push_back(StrCat("one of ", Join(shape.enum_values, ", ")));
  }
  return Join(parts, "; ");
}

std::string OptionHelp(const Option& o) {
  std::string out =
      StrCat("       ", o.flag, " (", TypeName(o.type), ")", o.required ? " [required]" : "", "\n");
  if (o.shape == model::kNoShape) {
    if (!o.doc.empty()) StrAppend(&out, "          ", o.doc, "\n");
    return out;
  }
  const model::Shape& shape = model::ShapeAt(o.shape);
  std::string constraints = Constraints(shape);
  if (!constraints.empty()) StrAppend(&out, "          ", constraints, "\n");
  if (o.type == model::Type::kBoolean) {
    StrAppend(&out, "          --no-", o.flag.substr(2), " sets it to false\n");
  }
  std::vector<int> open;
  if (o.type == model::Type::kList) {
    const model::Shape& item = model::ShapeAt(shape.member_shape);
    std::string one = IsComplex(item.type) ? ShorthandOf(shape.member_shape, false, open)
                                           : std::string(TypeName(item.type));
    StrAppend(&out, "          Syntax:\n              ", one, " ", one, " ...\n");
    if (!item.enum_values.empty()) {
      StrAppend(&out, "          Where valid values are:\n              ",
                Join(item.enum_values, "\n              "), "\n");
    }
  } else if (IsComplex(o.type)) {
    StrAppend(&out, "          Shorthand Syntax:\n              ",
              ShorthandOf(o.shape, false, open), "\n");
  }
  if (IsComplex(o.type)) {
    StrAppend(&out, "          JSON Syntax:\n", Indented(SyntaxOf(o.shape, open).Pretty(), 14),
              "\n");
  }
  return out;
}

}  // namespace

std::string UsageText() {
  return "usage: ivsrt [global options] <command> [parameters]\n"
         "To see help text, you can run:\n"
         "\n"
         "  ivsrt help\n"
         "  ivsrt <command> help\n";
}

std::string TopHelp() {
  std::string out =
      "NAME\n"
      "       ivsrt - the Amazon IVS Real-Time API (aws ivs-realtime) on an "
      "embedded store\n"
      "\n"
      "DESCRIPTION\n"
      "       The aws ivs-realtime commands, answered in-process from a local "
      "LMDB store: no\n"
      "       AWS account, no network, no server. Command names, options and "
      "output are the\n"
      "       AWS CLI's (\"ivsrt ivs-realtime <command>\" works too).\n"
      "\n"
      "SYNOPSIS\n"
      "       ivsrt [global options] <command> [parameters]\n"
      "       ivsrt <command> help\n"
      "       ivsrt [global options] serve [--host H] [--port N]\n"
      "\n"
      "GLOBAL OPTIONS\n"
      "       --data-dir (string)\n"
      "          The store. Default: $IVSRT_DATA_DIR, else "
      "$XDG_DATA_HOME/ivsrt, else\n"
      "          ~/.local/share/ivsrt; created on first use.\n"
      "       --region (string)\n"
      "          Default: $AWS_REGION, else $AWS_DEFAULT_REGION, else "
      "us-east-1. Each region\n"
      "          keeps its own resources.\n"
      "       --account-id (string)\n"
      "          The 12-digit account in ARNs. Default: 123456789012.\n"
      "       --version\n"
      "          Print the version and exit.\n"
      "\n"
      "EXIT STATUS\n"
      "       0 success; 252 usage error; 253 the store or options are "
      "unusable;\n"
      "       254 the service answered with an error.\n"
      "\n"
      "AVAILABLE COMMANDS\n";
  for (const Command& c : Commands()) {
    if (!c.test_control) StrAppend(&out, "       o ", c.name, "\n");
  }
  StrAppend(&out, "\nTEST-CONTROL COMMANDS (ivsrt only)\n");
  for (const Command& c : Commands()) {
    if (c.test_control) StrAppend(&out, "       o ", c.name, "\n");
  }
  StrAppend(&out,
            "\nSERVER (ivsrt only)\n"
            "       o serve     the store over HTTP for the AWS CLI and SDKs (ivsrt serve help)\n");
  return out;
}

std::string ServeHelp() {
  return "NAME\n"
         "       serve\n"
         "\n"
         "DESCRIPTION\n"
         "       Answers the ivs-realtime API over HTTP/1.1 from the store, for the AWS CLI\n"
         "       (aws --endpoint-url URL ivs-realtime ...) and any SDK given the URL as its\n"
         "       endpoint. Signatures are not checked, but a request without one is\n"
         "       refused as AWS refuses it (403 MissingAuthenticationTokenException).\n"
         "       Request lines over 8190 bytes are 414; header fields over their\n"
         "       bounds (100 fields, 10240 bytes of values) 431. Test control: POST\n"
         "       /_ivsrt/<Operation> with the operation's JSON (Reset, SetClock,\n"
         "       AdvanceClock, GetClock, VerifyParticipantToken, ListOperations, JoinStage,\n"
         "       Publish, Unpublish, Subscribe, Unsubscribe, LeaveStage, ExchangeToken,\n"
         "       ReceiveEvents);\n"
         "       GET /_ivsrt/health. Prints \"ivsrt: listening on URL\" once it accepts\n"
         "       connections; SIGINT or SIGTERM stop it after the requests in flight.\n"
         "\n"
         "SYNOPSIS\n"
         "            serve\n"
         "          [--host <value>]\n"
         "          [--port <value>]\n"
         "          [--engine-options <value>]\n"
         "\n"
         "OPTIONS\n"
         "       --host (string)\n"
         "          The address to listen on. Default: 127.0.0.1. Any address that is\n"
         "          not loopback is warned about: requests are not authenticated.\n"
         "\n"
         "       --port (integer)\n"
         "          Default: 4567; 0 picks a free port (the ready line names it).\n"
         "\n"
         "       --engine-options (string)\n"
         "          More engine options as a JSON object: seed, clock, quotas,\n"
         "          durability, strict (data_dir, region and account_id have their\n"
         "          global options).\n";
}

std::string CommandHelp(const Command& c) {
  std::string out = StrCat("NAME\n       ", c.name, "\n\nDESCRIPTION\n       Calls the ",
                           c.operation, " operation.", c.doc.empty() ? "" : "\n       ", c.doc,
                           "\n\nSYNOPSIS\n            ", c.name, "\n");
  for (const Option& o : c.options) {
    std::string value =
        o.type == model::Type::kBoolean ? StrCat(" | --no-", o.flag.substr(2)) : " <value>";
    if (o.required) {
      StrAppend(&out, "          ", o.flag, value, "\n");
    } else {
      StrAppend(&out, "          [", o.flag, value, "]\n");
    }
  }
  StrAppend(&out,
            "          [--cli-input-json <value>]\n"
            "          [--generate-cli-skeleton <value>]\n\nOPTIONS\n");
  for (const Option& o : c.options) StrAppend(&out, OptionHelp(o), "\n");
  StrAppend(&out,
            "       --cli-input-json (string)\n"
            "          The request as JSON (inline, or file://path), in the form\n"
            "          --generate-cli-skeleton prints; options given on the command\n"
            "          line replace its members.\n\n"
            "       --generate-cli-skeleton (string)\n"
            "          Prints a request skeleton (input, the default) or a response\n"
            "          skeleton (output) and exits without calling the operation.\n");
  if (c.output_shape != model::kNoShape) {
    std::vector<int> open;
    StrAppend(&out, "\nOUTPUT\n", Indented(SyntaxOf(c.output_shape, open).Pretty(), 7), "\n");
  }
  return out;
}

}  // namespace ivsrt::cli
