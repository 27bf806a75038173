#include "support.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace server_test {
namespace {

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-server-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

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
  TempDir dir;
  const auto out_file = dir / "out";
  const auto err_file = dir / "err";
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string path = KIOSK_SERVER_PATH;
    argv.push_back(path.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_file);
  r.err = slurp(err_file);
  return r;
}

}  // namespace server_test
