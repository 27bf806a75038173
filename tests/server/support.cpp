#include "support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

namespace server_test {

RunningServer::RunningServer(std::time_t now, kiosk_server::ServerLimits limits) : clock_(now) {
  std::filesystem::create_directories(repo());
  kiosk_server::ServeOptions options;
  options.repo = repo();
  options.db = db();
  options.clock = &clock_;
  options.limits = limits;
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

ServerProcess::ServerProcess(const std::filesystem::path& repo, const std::filesystem::path& db) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    const std::string r = repo.string(), d = db.string();
    ::execl(KIOSK_SERVER_PATH, KIOSK_SERVER_PATH, "serve", "--repo", r.c_str(), "--db", d.c_str(),
            "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  const auto colon = line.rfind(':');
  if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw std::runtime_error("kiosk-server did not start: " + line);
  }
  port_ = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::size_t ServerProcess::peak_rss_bytes() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::size_t kb = 0;
      status >> kb;
      return kb * 1024;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

int ServerProcess::stop_with(int signal, std::chrono::milliseconds limit,
                             std::chrono::milliseconds* took) {
  const auto start = std::chrono::steady_clock::now();
  ::kill(pid_, signal);
  while (std::chrono::steady_clock::now() - start < limit) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      if (took) {
        *took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
      }
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

}  // namespace server_test
