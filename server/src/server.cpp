// The only file that knows the HTTP library: it turns httplib's requests
// into HttpRequests for Routes and Routes' HttpReplies back.
#include "kiosk_server/server.hpp"

#include <httplib.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "kiosk_server/upload_store.hpp"
#include "routes.hpp"

namespace kiosk_server {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

// A request target as it may appear in the log: no query string (kiosks put
// nothing there, but anyone can), printable ASCII only, at most 200 bytes.
std::string loggable_path(const std::string& target) {
  std::string out;
  for (const char c : target.substr(0, target.find('?'))) {
    if (out.size() >= 200) {
      out += "...";
      break;
    }
    out += (c >= 0x21 && c <= 0x7e) ? c : '?';
  }
  return out.empty() ? "-" : out;
}

std::string library_error_reason(int status) {
  switch (status) {
    case 413:
      return "body: larger than " + std::to_string(kMaxBodyBytes) + " bytes";
    case 414:
      return "request target too long";
    case 400:
      return "bad request";
    default:
      return "request refused (" + std::to_string(status) + ")";
  }
}

HttpRequest to_request(const httplib::Request& req) {
  HttpRequest r;
  r.method = req.method;
  r.target = req.target;
  r.body = req.body;
  for (const auto& [name, value] : req.headers) {
    auto [it, inserted] = r.headers.emplace(lower(name), value);
    if (!inserted) it->second += ", " + value;
  }
  return r;
}

void to_response(const HttpReply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (!reply.content_type.empty()) res.set_content(reply.body, reply.content_type.c_str());
}

}  // namespace

struct Server::Impl {
  explicit Impl(UploadStore s) : store(std::move(s)) {}

  SystemClock system_clock;
  UploadStore store;
  std::mutex store_mutex;
  std::function<void(const std::string&)> log;
  std::unique_ptr<Routes> routes;
  httplib::Server http;
  std::thread listener;
  std::atomic<bool> listener_done{false};
  int port = 0;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

content::Result<std::unique_ptr<Server>> Server::start(ServeOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.repo, ec)) {
    return content::Error{"repository " + options.repo.string() + " is not a directory"};
  }
  if (options.port < 0 || options.port > 65535) {
    return content::Error{"port " + std::to_string(options.port) + " is not 0 to 65535"};
  }
  if (sodium_init() < 0) return content::Error{"libsodium could not start"};
  // httplib writes with plain send(): a kiosk hanging up mid-answer would
  // otherwise end the whole process with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  auto store = UploadStore::open(options.db, true);
  if (!store) return store.error();

  auto impl = std::make_unique<Impl>(std::move(*store));
  Impl* self = impl.get();
  self->log = options.log ? std::move(options.log) : [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  const Clock& clock = options.clock ? *options.clock : self->system_clock;
  self->routes = std::make_unique<Routes>(options.repo, self->store, self->store_mutex, clock,
                                          [self](const std::string& line) { self->log(line); });

  auto& http = self->http;
  const auto handler = [self](const httplib::Request& req, httplib::Response& res) {
    to_response(self->routes->handle(to_request(req)), res);
  };
  // Every method reaches Routes, which answers 404 or 405 itself.
  http.Get(".*", handler);  // and HEAD
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);
  http.set_payload_max_length(kMaxBodyBytes);
  // A kiosk's first sync is thousands of small GETs on one connection: keep
  // it open for them, and send each answer at once (no Nagle delay against
  // the client's delayed ACK, which cost ~40 ms a request).
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(30);
  http.set_tcp_nodelay(true);
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        // Errors httplib answers itself (413, 400, 414) get a reason too.
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content(library_error_reason(res.status) + "\n", "text/plain; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }));
  const Clock* log_clock = &clock;
  http.set_logger([self, log_clock](const httplib::Request& req, const httplib::Response& res) {
    const bool no_body = req.method == "HEAD" || res.status == 304 || res.status == 204;
    self->log(format_utc(log_clock->now()) + " " + loggable_path(req.method) + " " +
              loggable_path(req.target) + " " + std::to_string(res.status) + " " +
              std::to_string(no_body ? 0 : res.body.size()));
  });

  if (options.port == 0) {
    self->port = http.bind_to_any_port(options.host);
  } else if (http.bind_to_port(options.host, options.port)) {
    self->port = options.port;
  } else {
    self->port = -1;
  }
  if (self->port <= 0) {
    return content::Error{"cannot listen on " + options.host + ":" + std::to_string(options.port)};
  }
  self->listener = std::thread([self] {
    self->http.listen_after_bind();
    self->listener_done = true;
  });
  // stop() only works once the listener runs; wait for it (microseconds).
  while (!http.is_running() && !self->listener_done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

bool Server::running() const { return impl_->http.is_running() && !impl_->listener_done; }

void Server::stop() {
  if (!impl_) return;
  impl_->http.stop();
  if (impl_->listener.joinable()) impl_->listener.join();
}

}  // namespace kiosk_server
