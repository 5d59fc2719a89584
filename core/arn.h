// Resource ARNs: arn:aws:ivs:{region}:{account}:{resource type}/{id}.
#ifndef IVSRT_CORE_ARN_H_
#define IVSRT_CORE_ARN_H_

#include <optional>
#include <string>
#include <string_view>

namespace ivsrt {

struct Arn {
  std::string_view region;
  std::string_view account;
  std::string_view resource_type;  // "stage", "composition", ...
  std::string_view id;
};

// Splits an ARN the validator has already checked; nullopt when it has not the form
// arn:aws:ivs:REGION:ACCOUNT:TYPE/ID. The views point into `text`.
std::optional<Arn> ParseArn(std::string_view text);
std::string MakeArn(std::string_view region, std::string_view account,
                    std::string_view resource_type, std::string_view id);
// A region name ivsrt accepts, from the `region` option or a SigV4 credential scope:
// [a-z0-9-]{1,64}, such as "us-west-2".
bool IsRegionName(std::string_view s);

}  // namespace ivsrt

#endif  // IVSRT_CORE_ARN_H_
