#include "cli/config.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "cli/json.h"
#include "cli/text.h"

namespace ivsrt::cli {
namespace {

std::optional<std::string> Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

absl::StatusOr<std::string> DataDir(const GlobalOptions& g) {
  if (g.data_dir) return *g.data_dir;
  if (auto dir = Env("IVSRT_DATA_DIR")) return *dir;
  if (auto xdg = Env("XDG_DATA_HOME")) return StrCat(*xdg, "/ivsrt");
  if (auto home = Env("HOME")) return StrCat(*home, "/.local/share/ivsrt");
  return absl::FailedPreconditionError(
      "no data directory: set --data-dir, IVSRT_DATA_DIR, XDG_DATA_HOME or "
      "HOME");
}

}  // namespace

absl::StatusOr<std::string> EngineOptions(const GlobalOptions& g) {
  absl::StatusOr<std::string> data_dir = DataDir(g);
  if (!data_dir.ok()) return data_dir.status();
  // Owner-only, as the engine itself creates a missing data_dir.
  std::error_code ec;
  std::filesystem::path dir(*data_dir);
  if (dir.has_parent_path()) {
    std::filesystem::create_directories(dir.parent_path(), ec);
  }
  if (!ec && std::filesystem::create_directory(dir, ec)) {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  // create_directory says "File exists" of a file that is in the way.
  if (ec == std::errc::file_exists) ec = std::make_error_code(std::errc::not_a_directory);
  if (ec) {
    return absl::FailedPreconditionError(
        StrCat("cannot create data directory ", Echo(*data_dir), ": ", ec.message()));
  }
  std::string region =
      g.region ? *g.region
               : Env("AWS_REGION").value_or(Env("AWS_DEFAULT_REGION").value_or("us-east-1"));
  Json options = Json::Object();
  options.Set("data_dir", Json::String(*data_dir));
  options.Set("region", Json::String(region));
  if (g.account_id) options.Set("account_id", Json::String(*g.account_id));
  return options.Compact();
}

}  // namespace ivsrt::cli
