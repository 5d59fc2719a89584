// The bounds `ivsrt serve` puts on a request head (the request line and the
// header fields), which it reads itself before httplib parses it: httplib 0.11
// reads a line of any length and any number of header lines.
#ifndef IVSRT_CLI_REQUEST_HEAD_H_
#define IVSRT_CLI_REQUEST_HEAD_H_

#include <cstddef>
#include <string_view>

namespace ivsrt::cli {

// Sizes in bytes, line terminators not counted. AWS documents 10,240 bytes for
// a regional API's URL and for the request line and header values together
// (API Gateway quotas); httplib answers a request line over 8,192 bytes with
// its CRLF 414, and a header line as long 400, so those lines stop there.
inline constexpr size_t kMaxRequestLine = 8190;
inline constexpr size_t kMaxFieldLine = 8190;
inline constexpr size_t kMaxLineAndValues = 10240;
inline constexpr size_t kMaxFields = 100;
// What is read of one head at most, names and terminators included.
inline constexpr size_t kMaxHeadBytes = 32768;

enum class HeadVerdict {
  kIncomplete,      // within the bounds so far, not ended yet
  kComplete,        // ended within the bounds
  kUriTooLong,      // 414: the request line is over kMaxRequestLine
  kFieldsTooLarge,  // 431: a field line, the field count, the line and values
                    // together or the whole head is over its bound
};

struct HeadCheck {
  HeadVerdict verdict = HeadVerdict::kIncomplete;
  size_t size = 0;  // kComplete: the head's bytes, its closing empty line included
};

// Judges `received`, the bytes of a connection from the start of a request on
// (they may go on past its head), as httplib frames a head: lines end at '\n',
// the request line is the first, and the head ends at the first line that is
// "\r\n". A bound is judged as soon as it is passed, before the head ends.
HeadCheck CheckRequestHead(std::string_view received);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_REQUEST_HEAD_H_
