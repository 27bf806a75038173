#include "support.hpp"

namespace server_test {

RunningServer::RunningServer(std::time_t now) : clock_(now) {
  std::filesystem::create_directories(repo());
  kiosk_server::ServeOptions options;
  options.repo = repo();
  options.db = db();
  options.clock = &clock_;
  options.log = [this](const std::string& line) {
    std::lock_guard lock(log_mutex_);
    log_.push_back(line);
  };
  auto started = kiosk_server::Server::start(std::move(options));
  if (!started) throw std::runtime_error(started.error().message);
  server_ = std::move(*started);
}

RunningServer::~RunningServer() { server_->stop(); }

std::unique_ptr<httplib::Client> RunningServer::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  c->set_url_encode(false);
  return c;
}

std::vector<std::string> RunningServer::log() const {
  std::lock_guard lock(log_mutex_);
  return log_;
}

RunResult run_kiosk_server(const std::vector<std::string>& args) {
  return test::run_program(KIOSK_SERVER_PATH, args);
}

}  // namespace server_test
