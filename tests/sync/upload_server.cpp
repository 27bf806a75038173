#include "upload_server.hpp"

#include <doctest/doctest.h>

namespace synctest {

UploadServer::UploadServer(const std::filesystem::path& repo) {
  kiosk_server::ServeOptions options;
  options.repo = repo;
  options.db = db();
  options.log = [](const std::string&) {};
  // One kiosk drains a 200-feedback outbox hundreds of times over.
  options.limits = kiosk_server::ServerLimits::without_rates();
  auto started = kiosk_server::Server::start(std::move(options));
  if (!started) FAIL(started.error().message);
  server_ = std::move(*started);
}

std::vector<kiosk_server::StoredFeedback> UploadServer::feedback() const {
  auto store = kiosk_server::UploadStore::open(db(), false);
  REQUIRE(store);
  auto rows = store->feedback();
  REQUIRE(rows);
  return *rows;
}

}  // namespace synctest
