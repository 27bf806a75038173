#include "fault_server.hpp"

#include <csignal>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sync/signing.hpp"

namespace synctest {
namespace {

std::optional<std::string> read_repo_file(const std::filesystem::path& repo,
                                          const std::string& path) {
  if (path.empty() || path.find("..") != std::string::npos) return std::nullopt;
  const auto file = repo / path;
  if (!std::filesystem::is_regular_file(file)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

FaultServer::FaultServer(std::filesystem::path repo) : repo_(std::move(repo)) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the tests
  http_.Get(".*",
            [this](const httplib::Request& req, httplib::Response& res) { serve_get(req, res); });
  http_.Post(".*",
             [this](const httplib::Request& req, httplib::Response& res) { serve_post(req, res); });
  port_ = http_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("the fault server cannot bind");
  listener_ = std::thread([this] { http_.listen_after_bind(); });
  while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FaultServer::~FaultServer() {
  stopping_ = true;
  http_.stop();
  if (listener_.joinable()) listener_.join();
}

std::string FaultServer::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

void FaultServer::set_fault(const std::string& path, Fault fault) {
  std::lock_guard lock(mutex_);
  faults_[path] = std::move(fault);
}

void FaultServer::clear_faults() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

void FaultServer::on_post(const std::string& path, Handler handler) {
  std::lock_guard lock(mutex_);
  posts_[path] = std::move(handler);
}

int FaultServer::requests(const std::string& path) const {
  std::lock_guard lock(mutex_);
  const auto it = counts_.find(path);
  return it == counts_.end() ? 0 : it->second;
}

int FaultServer::total_requests() const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& [path, count] : counts_) n += count;
  return n;
}

std::vector<std::pair<std::string, int>> FaultServer::answered() const {
  std::lock_guard lock(mutex_);
  return answered_;
}

void FaultServer::reset_counts() {
  std::lock_guard lock(mutex_);
  counts_.clear();
  answered_.clear();
}

void FaultServer::note(const std::string& path, int status) {
  std::lock_guard lock(mutex_);
  answered_.emplace_back(path, status);
}

void FaultServer::pause(std::chrono::milliseconds d) const {
  const auto until = std::chrono::steady_clock::now() + d;
  while (!stopping_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool FaultServer::apply_fault(const std::string& path, httplib::Response& res) {
  Fault fault;
  {
    std::lock_guard lock(mutex_);
    const auto it = faults_.find(path);
    if (it == faults_.end() || it->second.times == 0) return false;
    if (it->second.times > 0) --it->second.times;
    fault = it->second;
  }
  pause(fault.delay);
  res.status = fault.status;
  for (const auto& [name, value] : fault.headers) res.set_header(name.c_str(), value);
  const std::string body = fault.body.value_or(read_repo_file(repo_, path).value_or(""));
  if (fault.endless) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [this](std::size_t, httplib::DataSink& sink) {
                                       if (stopping_) return false;
                                       const std::string chunk(64 * 1024, 'x');
                                       return sink.write(chunk.data(), chunk.size());
                                     });
  } else if (fault.trickle) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [this](std::size_t, httplib::DataSink& sink) {
                                       pause(std::chrono::seconds(1));
                                       if (stopping_) return false;
                                       return sink.write("x", 1);
                                     });
  } else if (fault.claimed_length > body.size()) {
    res.set_content_provider(fault.claimed_length, "application/octet-stream",
                             [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                               if (offset >= body.size())
                                 return false;  // closes the connection mid-body
                               return sink.write(body.data() + offset, body.size() - offset);
                             });
  } else if (fault.status != 304 && fault.status != 204) {
    res.set_content(body, "application/octet-stream");
  }
  note(path, fault.status);
  return true;
}

void FaultServer::serve_get(const httplib::Request& req, httplib::Response& res) {
  const std::string path = req.path.empty() ? std::string() : req.path.substr(1);
  {
    std::lock_guard lock(mutex_);
    ++counts_[path];
  }
  if (apply_fault(path, res)) return;
  const std::string file = path.rfind("mirror/", 0) == 0 ? path.substr(7) : path;
  const auto bytes = read_repo_file(repo_, file);
  if (!bytes) {
    res.status = 404;
    res.set_content("not found\n", "text/plain");
    note(path, 404);
    return;
  }
  const std::string etag = "\"" + published::sha256_hex(*bytes).substr(0, 32) + "\"";
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    note(path, 304);
    return;
  }
  res.status = 200;
  res.set_content(*bytes, "application/octet-stream");
  note(path, 200);
}

void FaultServer::serve_post(const httplib::Request& req, httplib::Response& res) {
  const std::string path = req.path.empty() ? std::string() : req.path.substr(1);
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    ++counts_[path];
    const auto it = posts_.find(path);
    if (it != posts_.end()) handler = it->second;
  }
  if (handler) {
    handler(req, res);
    note(path, res.status);
    return;
  }
  res.status = 405;
  res.set_header("Allow", "GET, HEAD");
  res.set_content("method not allowed\n", "text/plain");
  note(path, 405);
}

}  // namespace synctest
