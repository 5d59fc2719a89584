#include "core/json/writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/strings.h"
#include "simdjson.h"

namespace ivsrt {

namespace {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
size_t Utf8SequenceLength(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || n > s.size()) return 0;
  return simdjson::validate_utf8(s.data(), n) ? n : 0;
}

// Bytes that are not UTF-8 (an echoed operation name or path) become U+FFFD, so that every
// response stays valid JSON.
std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  while (!s.empty()) {
    size_t n = Utf8SequenceLength(s);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      n = 1;
    } else {
      out.append(s.data(), n);
    }
    s.remove_prefix(n);
  }
  return out;
}

#if defined(__SSE2__)
// A bit per byte of the sixteen at `p` that a JSON string cannot carry as is (a control
// character, '"' or '\\') or that is >= 0x80. SSE2 is part of x86-64, so every CPU that
// runs an x86-64 build has it; a signed compare with 0x20 flags both the control
// characters and the bytes >= 0x80.
unsigned SpecialBytes16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i special = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

// The index of the first byte at or after `from` that a JSON string cannot carry as is
// (a control character, '"' or '\\') or that starts a non-ASCII sequence; s.size() if none.
size_t NextSpecialByte(std::string_view s, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  // Sixteen bytes at a time, the tail as the last sixteen bytes overlapped. Shorter strings
  // take the loops below: copying them into a padded block for one SSE2 load stalls the load
  // on the copy's stores (store forwarding), which cost more than it saved.
  if (s.size() - i >= 16) {
    for (; i + 16 <= s.size(); i += 16) {
      if (unsigned mask = SpecialBytes16(s.data() + i); mask != 0) {
        return i + __builtin_ctz(mask);
      }
    }
    if (i == s.size()) return i;
    const unsigned mask = SpecialBytes16(s.data() + s.size() - 16) >> (16 - (s.size() - i));
    return mask != 0 ? i + __builtin_ctz(mask) : s.size();
  }
#endif
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHigh = 0x8080808080808080;
  // Eight bytes at a time: a high bit marks a byte < 0x20, == '"', == '\\' or >= 0x80
  // (borrows may also mark bytes after a real match: the byte loop below decides).
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t quote = w ^ (kOnes * '"');
    uint64_t backslash = w ^ (kOnes * '\\');
    uint64_t marks = ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                     ((backslash - kOnes) & ~backslash) | w;
    if (marks & kHigh) break;
  }
  for (; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 || u == '"' || u == '\\' || u >= 0x80) return i;
  }
  return s.size();
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  AppendJsonStringContent(out, s);
  out += '"';
}

void AppendJsonStringContent(std::string& out, std::string_view s) {
  // Responses are mostly ids, ARNs and names: ASCII with nothing to escape, skipped eight
  // bytes at a time and appended whole; only a string with bytes >= 0x80 pays for the
  // UTF-8 check. (Per-character appends were a quarter of GetStage.)
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out.size();
  bool utf8_checked = false;
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = NextSpecialByte(s, 0); i < s.size(); i = NextSpecialByte(s, i)) {
    char c = s[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      if (!utf8_checked && !simdjson::validate_utf8(s.data(), s.size())) {
        out.resize(start);
        AppendJsonStringContent(out, ReplaceInvalidUtf8(s));
        return;
      }
      utf8_checked = true;
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::RawMembers(std::string_view object_json) {
  if (object_json.size() <= 2) return *this;  // "{}"
  BeforeValue();
  out_ += object_json.substr(1, object_json.size() - 2);
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(out_, s);
  return *this;
}

JsonWriter& JsonWriter::StringOfPieces(std::initializer_list<std::string_view> pieces) {
  BeforeValue();
  out_ += '"';
  for (std::string_view piece : pieces) AppendJsonStringContent(out_, piece);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t i) {
  BeforeValue();
  StrAppend(&out_, i);
  return *this;
}

template <typename Number>
JsonWriter& JsonWriter::ShortestNumber(Number n) {
  BeforeValue();
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, ec == std::errc() ? end : buf);
  return *this;
}

JsonWriter& JsonWriter::Float(float f) { return ShortestNumber(f); }
JsonWriter& JsonWriter::Double(double d) { return ShortestNumber(d); }

JsonWriter& JsonWriter::Bool(bool b) {
  BeforeValue();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

}  // namespace ivsrt
