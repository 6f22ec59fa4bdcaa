#include "service/core/readiness.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "store/core/ping.h"

namespace civic::service {

std::vector<ReadinessCheck> check_readiness(store::Database& db, const platform::FileStore& files) {
  std::vector<ReadinessCheck> out;
  ReadinessCheck database{"database", false, ""};
  database.ok = store::ping(db, &database.error);
  out.push_back(std::move(database));

  ReadinessCheck directory{"files", false, ""};
  std::error_code ec;
  std::filesystem::create_directories(files.directory(), ec);
  directory.ok = !ec && ::access(files.directory().c_str(), W_OK) == 0;
  if (!directory.ok) directory.error = "the files directory cannot be written";
  out.push_back(std::move(directory));
  return out;
}

}  // namespace civic::service
