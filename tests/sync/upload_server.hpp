// The real kiosk-server, in-process on 127.0.0.1 and a free port, serving a
// repository and storing what kiosks upload in its own SQLite file.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kiosk_server/server.hpp"
#include "kiosk_server/upload_store.hpp"
#include "support.hpp"

namespace synctest {

class UploadServer {
 public:
  explicit UploadServer(const std::filesystem::path& repo);
  int port() const { return server_->port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/"; }
  std::filesystem::path db() const { return dir_ / "uploads.db"; }
  // Every feedback stored, read from the server's file.
  std::vector<kiosk_server::StoredFeedback> feedback() const;

 private:
  test::TempDir dir_;
  std::unique_ptr<kiosk_server::Server> server_;
};

}  // namespace synctest
