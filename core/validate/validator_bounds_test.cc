// Table-driven bounds: every constraint the stage API's input shapes reach
// (walked from the model tables, nested structures, list items, map keys and
// values included) gets a value just inside and just outside its bound, plus a
// wrong JSON type and each missing required member.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "core/model/model.h"
#include "core/validate/pattern.h"
#include "core/validate/validator.h"
#include "gtest/gtest.h"

namespace ivsrt {
namespace {

constexpr std::string_view kOk = "OK";

// "OK", or the ValidationException message.
std::string Check(std::string_view operation, const std::string& json) {
  const model::Operation* op = model::FindOperation(operation);
  EXPECT_NE(op, nullptr) << operation;
  if (op == nullptr) return "no such operation";
  absl::StatusOr<Value> result = ValidateRequest(json, op->input_shape, false);
  if (result.ok()) return std::string(kOk);
  if (ErrorTypeOf(result.status()).name != "ValidationException") {
    return "not a ValidationException: " + result.status().ToString();
  }
  return static_cast<std::string>(result.status().message());
}

using model::Shape;
using model::Type;

// How to build strings of a chosen length that a model pattern accepts, and one
// it rejects.
struct Filler {
  std::string_view pattern;
  std::string_view prefix;  // then 'a's up to the length
  bool empty_ok;            // the pattern accepts ""
  size_t bad_at;            // a '!' here breaks a filled string (npos: the last character)
};

constexpr size_t kLast = std::string_view::npos;

const Filler kFillers[] = {
    {R"(.*-----BEGIN PUBLIC KEY-----\r?\n([a-zA-Z0-9+/=\r\n]+)\r?\n-----END PUBLIC KEY-----(\r?\n)?.*)",
     "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", false, 27},
    {"[a-z0-9-.]*", "", true, kLast},
    {"[a-z0-9-.]+", "", false, kLast},
    {"[a-zA-Z0-9+/=_-]*", "", true, kLast},
    {"[a-zA-Z0-9-]*", "", true, kLast},
    {R"([a-zA-Z0-9-_.,:;\s]*)", "", true, kLast},
    {"[a-zA-Z0-9-_]*", "", true, kLast},
    {"^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$",
     "arn:aws:ivs:us-west-2:123456789012:stage/", true, kLast},
    {"^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$",
     "arn:aws:ivs:us-west-2:123456789012:storage-configuration/", true, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:stage/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:channel/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:composition/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:composition/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:encoder-configuration/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:ingest-configuration/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:ingest-configuration/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:public-key/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:public-key/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:stage/", false, kLast},
    {"arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+",
     "arn:aws:ivs:us-west-2:123456789012:storage-configuration/", false, kLast},
    {"rt_[0-9]+_[a-z0-9-]+_[a-zA-Z0-9-]+_.+", "rt_1_a_b_", false, 0},
    {"st-[a-zA-Z0-9]+", "st-", false, kLast},
};

const Filler* FillerFor(int pattern) {
  for (const Filler& f : kFillers) {
    if (f.pattern == model::Patterns()[pattern]) return &f;
  }
  return nullptr;
}

// A string of exactly `len` characters that the shape's pattern accepts, if one
// is easy to make.
std::optional<std::string> Fill(const Shape& s, size_t len) {
  if (s.pattern == model::kNoPattern) return std::string(len, 'a');
  const Filler* f = FillerFor(s.pattern);
  if (f == nullptr) return std::nullopt;
  if (len == 0) {
    return f->empty_ok ? std::optional<std::string>("") : std::nullopt;
  }
  if (len <= f->prefix.size()) return std::nullopt;
  return std::string(f->prefix) + std::string(len - f->prefix.size(), 'a');
}

// The shortest length, at least `at_least`, that the shape's bounds and pattern
// both allow.
size_t FillableLength(const Shape& s, size_t at_least = 0) {
  size_t len = std::max(s.has_min ? static_cast<size_t>(s.min) : 0, at_least);
  while (!Fill(s, len)) ++len;
  return len;
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Number(double x) {
  if (std::trunc(x) == x) return std::to_string(static_cast<int64_t>(x));
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string MinimalJson(const Shape& s);

const Shape& At(int shape) { return model::ShapeAt(shape); }

// The i-th of distinct keys that the map's key shape accepts.
std::string MinimalKey(const Shape& map, size_t i = 0) {
  const Shape& key = At(map.key_shape);
  if (!key.enum_values.empty()) return std::string(key.enum_values[i]);
  std::string base = *Fill(key, FillableLength(key, 1));
  return i == 0 ? base : base + std::to_string(i);
}

std::string MinimalStructure(const Shape& s, std::string_view except = "") {
  std::string out = "{";
  for (const model::Member& m : s.members) {
    if (!m.required || m.name == except) continue;
    if (out.size() > 1) out += ",";
    out += JsonString(m.name) + ":" + MinimalJson(At(m.shape));
  }
  return out + "}";
}

std::string Items(const Shape& list, size_t n) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) {
    out += (i ? "," : "") + MinimalJson(At(list.member_shape));
  }
  return out + "]";
}

std::string Entries(const Shape& map, size_t n) {
  std::string out = "{";
  for (size_t i = 0; i < n; ++i) {
    out += (i ? "," : "") + JsonString(MinimalKey(map, i)) + ":" + MinimalJson(At(map.value_shape));
  }
  return out + "}";
}

// The smallest value the shape accepts.
std::string MinimalJson(const Shape& s) {
  const double low = s.has_min ? s.min : (s.has_max && s.max < 0 ? s.max : 0);
  switch (s.type) {
    case Type::kStructure:
      return MinimalStructure(s);
    case Type::kList:
      return Items(s, static_cast<size_t>(low));
    case Type::kMap:
      return Entries(s, static_cast<size_t>(low));
    case Type::kString:
      if (!s.enum_values.empty()) return JsonString(s.enum_values[0]);
      return JsonString(*Fill(s, FillableLength(s)));
    case Type::kInteger:
    case Type::kLong:
    case Type::kFloat:
    case Type::kDouble:
      return Number(low);
    case Type::kBoolean:
      return "true";
    case Type::kTimestamp:
      return "\"2024-01-01T00:00:00Z\"";
    case Type::kBlob:
      return "\"\"";
  }
  return "null";
}

enum class StepKind { kMember, kItem, kKey, kValue };
struct Step {
  StepKind kind;
  std::string_view member;
};

// Where a constrained value sits: its operation and the steps from the input
// structure.
struct Position {
  std::string_view operation;
  std::vector<Step> steps;
  int shape;
};

void CollectPositions(std::string_view operation, int shape, std::vector<Step>& steps,
                      std::vector<Position>* out) {
  out->push_back({operation, steps, shape});
  const Shape& s = model::ShapeAt(shape);
  auto descend = [&](Step step, int child) {
    steps.push_back(step);
    CollectPositions(operation, child, steps, out);
    steps.pop_back();
  };
  for (const model::Member& m : s.members) {
    descend({StepKind::kMember, m.name}, m.shape);
  }
  if (s.type == Type::kList) descend({StepKind::kItem, ""}, s.member_shape);
  if (s.type == Type::kMap) {
    descend({StepKind::kKey, ""}, s.key_shape);
    descend({StepKind::kValue, ""}, s.value_shape);
  }
}

std::string Shown(std::string_view key) {
  return key.size() <= 64 ? std::string(key) : std::string(key.substr(0, 64)) + "...";
}

// A request putting `leaf` (JSON) at `steps` below `shape`, required siblings
// filled in; `path` receives the member path the validator reports. A map key's
// `leaf` is `key`.
std::string Embed(const Shape& s, std::span<const Step> steps, const std::string& leaf,
                  std::string_view key, std::string* path) {
  if (steps.empty()) return leaf;
  const Step& step = steps.front();
  switch (step.kind) {
    case StepKind::kMember: {
      *path += path->empty() ? std::string(step.member) : "." + std::string(step.member);
      std::string out = MinimalStructure(s, step.member);
      out.pop_back();
      if (out.size() > 1) out += ",";
      for (const model::Member& m : s.members) {
        if (m.name == step.member) {
          out += JsonString(m.name) + ":" + Embed(At(m.shape), steps.subspan(1), leaf, key, path);
        }
      }
      return out + "}";
    }
    case StepKind::kItem:
      *path += "[0]";
      return "[" + Embed(At(s.member_shape), steps.subspan(1), leaf, key, path) + "]";
    case StepKind::kValue: {
      std::string k = MinimalKey(s);
      *path += "." + Shown(k);
      return "{" + JsonString(k) + ":" +
             Embed(At(s.value_shape), steps.subspan(1), leaf, key, path) + "}";
    }
    case StepKind::kKey:
      *path += " (key \"" + Shown(key) + "\")";
      return "{" + JsonString(key) + ":" + MinimalJson(At(s.value_shape)) + "}";
  }
  return leaf;
}

std::string LogicalPath(const Position& p) {
  std::string out;
  for (const Step& step : p.steps) {
    switch (step.kind) {
      case StepKind::kMember:
        out += (out.empty() ? "" : ".") + std::string(step.member);
        break;
      case StepKind::kItem:
        out += "[0]";
        break;
      case StepKind::kKey:
        out += " (key)";
        break;
      case StepKind::kValue:
        out += ".*";
        break;
    }
  }
  return out;
}

std::string Plural(double n, std::string_view noun) {
  if (n == 1) return "1 " + std::string(noun);
  return Number(n) + " " + (noun == "entry" ? std::string("entries") : std::string(noun) + "s");
}

std::string SizeRule(const Shape& s, std::string_view verb, std::string_view noun, bool low) {
  if (s.has_min && s.has_max && s.min == s.max) {
    return "must " + std::string(verb) + " exactly " + Plural(s.min, noun);
  }
  return "must " + std::string(verb) + (low ? " at least " : " at most ") +
         Plural(low ? s.min : s.max, noun);
}

std::string RangeRule(const Shape& s) {
  if (s.has_min && s.has_max) {
    return "must be between " + Number(s.min) + " and " + Number(s.max);
  }
  return s.has_min ? "must be at least " + Number(s.min) : "must be at most " + Number(s.max);
}

std::string TypeRuleOf(Type type) {
  switch (type) {
    case Type::kStructure:
    case Type::kMap:
      return "must be an object";
    case Type::kList:
      return "must be an array";
    case Type::kInteger:
    case Type::kLong:
      return "must be an integer";
    case Type::kFloat:
    case Type::kDouble:
      return "must be a number";
    case Type::kBoolean:
      return "must be a boolean";
    default:
      return "must be a string";
  }
}

std::string WrongTypeJson(Type type) {
  switch (type) {
    case Type::kStructure:
    case Type::kMap:
      return "[]";
    case Type::kList:
      return "{}";
    case Type::kString:
    case Type::kTimestamp:
    case Type::kBlob:
      return "42";
    default:
      return "\"42\"";
  }
}

// Runs the cases of one position; `covered` collects "Operation path rule" for
// each.
class BoundsRunner {
 public:
  void Run(const Position& p) {
    const Shape& s = model::ShapeAt(p.shape);
    const bool at_key = !p.steps.empty() && p.steps.back().kind == StepKind::kKey;
    if (!p.steps.empty() && !at_key) {
      Expect(p, "type", WrongTypeJson(s.type), "", TypeRuleOf(s.type));
    }
    if (s.type == Type::kStructure) RunRequired(p, s);
    if (s.type == Type::kString && !s.enum_values.empty()) RunEnum(p, s);
    if (s.type == Type::kString && s.enum_values.empty()) RunString(p, s);
    if (s.type == Type::kInteger || s.type == Type::kLong) RunNumber(p, s, 1);
    if (s.type == Type::kFloat || s.type == Type::kDouble) RunNumber(p, s, 0.5);
    if (s.type == Type::kList || s.type == Type::kMap) RunCount(p, s);
  }

  int cases() const { return cases_; }
  const std::set<std::string>& covered() const { return covered_; }

 private:
  // `leaf` at the position (a key position takes `key` instead); `rule` empty:
  // must pass. A `member` names the member of the structure at the position
  // that the rule is about.
  void Expect(const Position& p, std::string_view what, const std::string& leaf,
              std::string_view key, const std::string& rule, std::string_view member = "") {
    std::string path;
    const std::string json =
        Embed(At(model::FindOperation(p.operation)->input_shape), p.steps, leaf, key, &path);
    if (!member.empty()) {
      path += (path.empty() ? "" : ".") + std::string(member);
    }
    const std::string expected = rule.empty() ? std::string(kOk) : path + ": " + rule;
    EXPECT_EQ(Check(p.operation, json), expected)
        << p.operation << " " << json.substr(0, 400) << (json.size() > 400 ? "..." : "");
    ++cases_;
    covered_.insert(std::string(p.operation) + " " + LogicalPath(p) + " " + std::string(what));
  }

  // A string leaf: JSON for values, the raw text for keys.
  void ExpectString(const Position& p, std::string_view what, const std::string& value,
                    const std::string& rule) {
    Expect(p, what, JsonString(value), value, rule);
  }

  void RunRequired(const Position& p, const Shape& s) {
    Expect(p, "required", MinimalStructure(At(p.shape)), "", "");
    for (const model::Member& m : s.members) {
      if (!m.required) continue;
      Expect(p, "required", MinimalStructure(At(p.shape), m.name), "", "is required", m.name);
    }
  }

  void RunEnum(const Position& p, const Shape& s) {
    for (std::string_view v : s.enum_values) {
      ExpectString(p, "enum", std::string(v), "");
    }
    std::string rule = "must be one of ";
    for (size_t i = 0; i < s.enum_values.size(); ++i) {
      rule += (i ? ", " : "") + std::string(s.enum_values[i]);
    }
    std::string lower(s.enum_values[0]);
    for (char& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    ExpectString(p, "enum", lower, rule);
    ExpectString(p, "enum", "NOT_A_MODELED_VALUE", rule);
  }

  void RunString(const Position& p, const Shape& s) {
    if (s.has_min && s.min > 0) {
      const size_t min = static_cast<size_t>(s.min);
      ExpectString(p, "length", std::string(min - 1, 'a'), SizeRule(s, "be", "character", true));
      if (auto inside = Fill(s, min)) ExpectString(p, "length", *inside, "");
    }
    if (s.has_max) {
      const size_t max = static_cast<size_t>(s.max);
      if (auto inside = Fill(s, max)) ExpectString(p, "length", *inside, "");
      const std::string outside = Fill(s, max + 1).value_or(std::string(max + 1, 'a'));
      ExpectString(p, "length", outside, SizeRule(s, "be", "character", false));
    }
    if (s.pattern != model::kNoPattern) {
      const Filler* f = FillerFor(s.pattern);
      ASSERT_NE(f, nullptr) << "no filler for " << model::Patterns()[s.pattern];
      std::string good = *Fill(s, FillableLength(s, 1));
      ExpectString(p, "pattern", good, "");
      std::string bad = good;
      bad[f->bad_at == kLast ? bad.size() - 1 : f->bad_at] = '!';
      ExpectString(p, "pattern", bad, "must match " + std::string(model::Patterns()[s.pattern]));
    }
  }

  void RunNumber(const Position& p, const Shape& s, double step) {
    if (s.has_min) {
      Expect(p, "range", Number(s.min - step), "", RangeRule(s));
      Expect(p, "range", Number(s.min), "", "");
    }
    if (s.has_max) {
      Expect(p, "range", Number(s.max), "", "");
      Expect(p, "range", Number(s.max + step), "", RangeRule(s));
    }
    if (s.type == Type::kInteger || s.type == Type::kLong) {
      Expect(p, "integral", Number((s.has_min ? s.min : 0) + 0.5), "", "must be an integer");
    }
  }

  void RunCount(const Position& p, const Shape& s) {
    const bool list = s.type == Type::kList;
    auto value = [&](size_t n) { return list ? Items(s, n) : Entries(s, n); };
    std::string_view noun = list ? "item" : "entry";
    if (s.has_min && s.min > 0) {
      Expect(p, "count", value(static_cast<size_t>(s.min) - 1), "",
             SizeRule(s, "have", noun, true));
      Expect(p, "count", value(static_cast<size_t>(s.min)), "", "");
    }
    if (s.has_max) {
      Expect(p, "count", value(static_cast<size_t>(s.max)), "", "");
      Expect(p, "count", value(static_cast<size_t>(s.max) + 1), "",
             SizeRule(s, "have", noun, false));
    }
  }

  int cases_ = 0;
  std::set<std::string> covered_;
};

TEST(ValidatorBoundsTest, FillersMakeWhatTheirPatternsAccept) {
  for (size_t i = 0; i < model::Patterns().size(); ++i) {
    const Filler* f = FillerFor(static_cast<int>(i));
    ASSERT_NE(f, nullptr) << "add a Filler for " << model::Patterns()[i];
    EXPECT_EQ(MatchesPattern(static_cast<int>(i), ""), f->empty_ok) << f->pattern;
    for (size_t extra : {1, 2, 30}) {
      std::string good = std::string(f->prefix) + std::string(extra, 'a');
      EXPECT_TRUE(MatchesPattern(static_cast<int>(i), good)) << good;
      good[f->bad_at == kLast ? good.size() - 1 : f->bad_at] = '!';
      EXPECT_FALSE(MatchesPattern(static_cast<int>(i), good)) << good;
    }
  }
}

TEST(ValidatorBoundsTest, EveryStageApiConstraintJustInsideAndJustOutside) {
  BoundsRunner runner;
  for (std::string_view op : {"CreateStage", "GetStage", "ListStages", "UpdateStage", "DeleteStage",
                              "CreateParticipantToken", "DisconnectParticipant", "TagResource",
                              "UntagResource", "ListTagsForResource"}) {
    std::vector<Position> positions;
    std::vector<Step> steps;
    CollectPositions(op, model::FindOperation(op)->input_shape, steps, &positions);
    for (const Position& p : positions) runner.Run(p);
  }
  // The walk reached every nested constraint, not only the top-level ones.
  const std::string tokens = "CreateStage participantTokenConfigurations[0].";
  const std::string rec = "CreateStage autoParticipantRecordingConfiguration.";
  const std::string thumb = rec + "thumbnailConfiguration.";
  const std::string update_rec = "UpdateStage autoParticipantRecordingConfiguration.";
  const std::vector<std::string> expected = {
      "CreateStage  required",
      "CreateStage name length",
      "CreateStage name pattern",
      "CreateStage participantTokenConfigurations count",
      "CreateStage participantTokenConfigurations[0] type",
      tokens + "duration range",
      tokens + "duration integral",
      tokens + "userId length",
      tokens + "attributes type",
      tokens + "attributes.* type",
      tokens + "capabilities count",
      tokens + "capabilities[0] enum",
      "CreateStage tags count",
      "CreateStage tags (key) length",
      "CreateStage tags.* length",
      "CreateStage autoParticipantRecordingConfiguration required",
      rec + "storageConfigurationArn length",
      rec + "storageConfigurationArn pattern",
      rec + "mediaTypes count",
      rec + "mediaTypes[0] enum",
      thumb + "targetIntervalSeconds range",
      thumb + "storage count",
      thumb + "storage[0] enum",
      thumb + "recordingMode enum",
      rec + "recordingReconnectWindowSeconds range",
      rec + "hlsConfiguration.targetSegmentDurationSeconds range",
      rec + "recordParticipantReplicas type",
      "GetStage  required",
      "GetStage arn length",
      "GetStage arn pattern",
      "ListStages nextToken length",
      "ListStages nextToken pattern",
      "ListStages maxResults range",
      "UpdateStage  required",
      "UpdateStage arn pattern",
      "UpdateStage name pattern",
      update_rec + "hlsConfiguration.targetSegmentDurationSeconds range",
      "DeleteStage arn pattern",
      "CreateParticipantToken  required",
      "CreateParticipantToken stageArn pattern",
      "CreateParticipantToken duration range",
      "CreateParticipantToken userId length",
      "CreateParticipantToken capabilities count",
      "CreateParticipantToken capabilities[0] enum",
      "DisconnectParticipant  required",
      "DisconnectParticipant stageArn pattern",
      "DisconnectParticipant participantId length",
      "DisconnectParticipant participantId pattern",
      "DisconnectParticipant reason length",
      "TagResource  required",
      "TagResource resourceArn length",
      "TagResource resourceArn pattern",
      "TagResource tags count",
      "TagResource tags (key) length",
      "TagResource tags.* length",
      "UntagResource  required",
      "UntagResource resourceArn pattern",
      "UntagResource tagKeys count",
      "UntagResource tagKeys[0] length",
      "ListTagsForResource  required",
      "ListTagsForResource resourceArn length",
      "ListTagsForResource resourceArn pattern",
  };
  for (const std::string& e : expected) {
    EXPECT_TRUE(runner.covered().contains(e)) << e;
  }
  EXPECT_GE(runner.cases(), 250);
}

}  // namespace
}  // namespace ivsrt
