// Option values given as "file://path", read as the AWS CLI reads them, but
// never more than the engine would take in one request.
#ifndef IVSRT_CLI_PARAM_FILE_H_
#define IVSRT_CLI_PARAM_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ivsrt::cli {

// A value as given, or the contents of the file named by a "file://path"
// value. InvalidArgument ("Unable to load paramfile ...") when the file cannot
// be opened or read (a directory, no permission) or holds more than the
// engine's request size limit (kMaxRequestBytes in core/dispatcher.h: no part
// of a request can be larger than the request). At most one byte past the
// limit is read, so an endless file (/dev/zero) ends promptly; a FIFO without
// a writer reads as empty rather than waiting for one.
absl::StatusOr<std::string> ReadParamFile(std::string_view value);

}  // namespace ivsrt::cli

#endif  // IVSRT_CLI_PARAM_FILE_H_
