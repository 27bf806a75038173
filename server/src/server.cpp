// The only file that knows the HTTP library (GNU libmicrohttpd): it turns
// MHD's requests into HttpRequests for Routes and Routes' HttpReplies back.
// Why libmicrohttpd, and what each limit is for: docs/server.md, "The HTTP
// layer".
#include "kiosk_server/server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>

#include "console/console.hpp"
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
std::string loggable(std::string_view target) {
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

std::string address_text(const sockaddr* sa) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (sa == nullptr) return {};
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

// What one request has gathered between MHD's calls: its headers and body.
struct PendingRequest {
  HttpRequest request;
  bool refused = false;               // an answer is queued before the body was read
  bool oversize = false;              // the body grew past kMaxBodyBytes
  std::optional<HttpReply> deferred;  // refused at the headers, answered after the body
  std::size_t dropped = 0;
};

// How much of a body past kMaxBodyBytes is read and dropped before the
// connection is cut instead of answered.
constexpr std::size_t kMaxDroppedBytes = 1024 * 1024;

// MHD must not percent-decode the path: Routes refuses '%' itself, and a
// decoded "%2e%2e" must never become "..".
size_t keep_escapes(void*, MHD_Connection*, char* s) { return std::strlen(s); }

void quiet_logger(void*, const char*, va_list) {}

// MHD hands the path without its query; the arguments come apart, still
// percent-encoded (keep_escapes), and are joined back here.
MHD_Result collect_argument(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto& query = *static_cast<std::string*>(cls);
  query += query.empty() ? "?" : "&";
  query += key ? key : "";
  if (value) query += std::string("=") + value;
  return MHD_YES;
}

MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto& headers = static_cast<HttpRequest*>(cls)->headers;
  auto [it, inserted] = headers.emplace(lower(key), value ? value : "");
  if (!inserted) it->second += std::string(", ") + (value ? value : "");
  return MHD_YES;
}

}  // namespace

struct Server::Impl {
  explicit Impl(UploadStore s) : store(std::move(s)) {}

  SystemClock system_clock;
  const Clock* clock = nullptr;
  UploadStore store;
  std::mutex store_mutex;
  std::function<void(const std::string&)> log;
  std::unique_ptr<console::Console> console;  // destroyed after the daemon stops
  std::unique_ptr<Routes> routes;
  MHD_Daemon* daemon = nullptr;
  int listen_fd = -1;
  int port = 0;
  std::atomic<bool> stopped{false};
  std::atomic<int> in_flight{0};  // requests begun and not yet answered or abandoned
  std::mutex stop_mutex;

  MHD_Result answer(MHD_Connection* connection, const HttpReply& reply,
                    const HttpRequest& request) {
    auto* body = new std::string(reply.body);
    MHD_Response* response = MHD_create_response_from_buffer_with_free_callback_cls(
        body->size(), body->data(), [](void* p) { delete static_cast<std::string*>(p); }, body);
    if (response == nullptr) {
      delete body;
      return MHD_NO;
    }
    for (const auto& [name, value] : reply.headers) {
      MHD_add_response_header(response, name.c_str(), value.c_str());
    }
    if (!reply.content_type.empty()) {
      MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply.content_type.c_str());
    }
    if (stopped) MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    const MHD_Result queued =
        MHD_queue_response(connection, static_cast<unsigned>(reply.status), response);
    MHD_destroy_response(response);
    const bool no_body = request.method == "HEAD" || reply.status == 304 || reply.status == 204;
    log(format_utc(clock->now()) + " " + loggable(request.method) + " " + loggable(request.target) +
        " " + std::to_string(reply.status) + " " + std::to_string(no_body ? 0 : reply.body.size()));
    return queued;
  }

  MHD_Result on_request(MHD_Connection* connection, const char* url, const char* method,
                        const char* upload_data, size_t* upload_data_size, void** con_cls) {
    auto* pending = static_cast<PendingRequest*>(*con_cls);
    if (pending == nullptr) {
      // First call: the request line and headers are in, no body yet.
      pending = new PendingRequest;
      *con_cls = pending;
      ++in_flight;
      HttpRequest& r = pending->request;
      r.method = method;
      r.target = url;
      MHD_get_connection_values(connection, MHD_HEADER_KIND, collect_header, &r);
      std::string query;
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_argument, &query);
      r.target += query;
      const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
      r.peer = address_text(info ? info->client_addr : nullptr);
      if (auto early = routes->refuse_before_body(r)) {
        // A body on its way is read and dropped first (up to a limit), so the
        // client gets the answer: closing on unread bytes resets the
        // connection, and the answer (with its Retry-After) is lost.
        const auto length = r.header("content-length");
        const bool body_follows =
            !r.header("transfer-encoding").empty() || (!length.empty() && length != "0");
        if (body_follows && early->status != 413) {
          pending->deferred = std::move(*early);
          return MHD_YES;
        }
        pending->refused = true;
        return answer(connection, *early, r);
      }
      return MHD_YES;
    }
    if (pending->refused) {
      *upload_data_size = 0;  // discarded; MHD closes the connection after the answer
      return MHD_YES;
    }
    HttpRequest& r = pending->request;
    if (*upload_data_size != 0) {
      // Past the cap the body is read and dropped, so that the client, still
      // sending, gets the 413 (closing on unread bytes would reset the
      // connection and lose it); past a little more, the connection is cut.
      if (pending->deferred || pending->oversize ||
          r.body.size() + *upload_data_size > routes->max_body_bytes(r)) {
        pending->oversize = true;
        pending->dropped += *upload_data_size;
        *upload_data_size = 0;
        return pending->dropped > kMaxDroppedBytes ? MHD_NO : MHD_YES;
      }
      r.body.append(upload_data, *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (pending->deferred) return answer(connection, *pending->deferred, r);
    if (pending->oversize)
      return answer(connection, Routes::body_too_large(routes->max_body_bytes(r)), r);
    return answer(connection, routes->handle(pending->request), pending->request);
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

namespace {

// A listening socket on host:port (port 0: any free one), or an Error.
content::Result<int> listen_on(const std::string& host, int port, int backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return content::Error{"cannot listen on " + host + ":" + service + ": unknown address"};
  }
  int fd = -1;
  std::string why = "no usable address";
  for (auto* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, backlog) != 0) {
      why = std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) return content::Error{"cannot listen on " + host + ":" + service + ": " + why};
  return fd;
}

int bound_port(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return -1;
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
  return -1;
}

}  // namespace

content::Result<std::unique_ptr<Server>> Server::start(ServeOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.repo, ec)) {
    return content::Error{"repository " + options.repo.string() + " is not a directory"};
  }
  if (options.port < 0 || options.port > 65535) {
    return content::Error{"port " + std::to_string(options.port) + " is not 0 to 65535"};
  }
  if (sodium_init() < 0) return content::Error{"libsodium could not start"};
  // A kiosk hanging up mid-answer must not end the whole process.
  std::signal(SIGPIPE, SIG_IGN);
  auto store = UploadStore::open(options.db, true);
  if (!store) return store.error();

  auto impl = std::make_unique<Impl>(std::move(*store));
  Impl* self = impl.get();
  self->log = options.log ? std::move(options.log) : [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  self->clock = options.clock ? options.clock : &self->system_clock;
  self->routes = std::make_unique<Routes>(
      options.repo, self->store, self->store_mutex, *self->clock,
      [self](const std::string& line) { self->log(line); }, options.limits, options.trust_proxy);
  if (options.console) {
    auto console = console::Console::open(*options.console, options.repo, options.db, *self->clock,
                                          options.trust_proxy);
    if (!console) return console.error();
    self->console = std::move(*console);
    self->routes->attach_console(self->console.get());
  }

  const auto& limits = options.limits;
  auto fd = listen_on(options.host, options.port, 1024);
  if (!fd) return fd.error();
  self->listen_fd = *fd;
  self->port = bound_port(*fd);

  const auto access = [](void* cls, MHD_Connection* c, const char* url, const char* method,
                         const char*, const char* data, size_t* size, void** con_cls) {
    return static_cast<Impl*>(cls)->on_request(c, url, method, data, size, con_cls);
  };
  const auto completed = [](void* cls, MHD_Connection*, void** con_cls,
                            MHD_RequestTerminationCode) {
    if (*con_cls == nullptr) return;
    delete static_cast<PendingRequest*>(*con_cls);
    *con_cls = nullptr;
    --static_cast<Impl*>(cls)->in_flight;
  };
  using Completed = void (*)(void*, MHD_Connection*, void**, MHD_RequestTerminationCode);
  using Unescape = size_t (*)(void*, MHD_Connection*, char*);
  using Logger = void (*)(void*, const char*, va_list);
  self->daemon = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, nullptr, nullptr, access,
      self,                                                                //
      MHD_OPTION_LISTEN_SOCKET, self->listen_fd,                           //
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(limits.workers),  //
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(limits.max_connections),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      // Behind nginx every connection is from 127.0.0.1: nginx's
      // limit_conn counts clients there instead.
      static_cast<unsigned>(options.trust_proxy ? 0 : limits.max_connections_per_address),  //
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(limits.idle_timeout_s),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(limits.header_bytes),
      MHD_OPTION_STRICT_FOR_CLIENT, 1,  //
      MHD_OPTION_NOTIFY_COMPLETED, static_cast<Completed>(completed), self,
      MHD_OPTION_UNESCAPE_CALLBACK, static_cast<Unescape>(keep_escapes), nullptr,
      MHD_OPTION_EXTERNAL_LOGGER, static_cast<Logger>(quiet_logger), nullptr,  //
      MHD_OPTION_END);
  if (self->daemon == nullptr) {
    ::close(self->listen_fd);
    return content::Error{"cannot start the HTTP server on " + options.host + ":" +
                          std::to_string(self->port)};
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

bool Server::running() const { return impl_->daemon != nullptr && !impl_->stopped; }

void Server::stop() {
  if (!impl_) return;
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->daemon == nullptr) return;
  impl_->stopped = true;
  // Stop accepting, give requests in flight up to 2 s to finish (a slow
  // client's unfinished request counts), then close every connection,
  // whatever its client is doing.
  const MHD_socket listener = MHD_quiesce_daemon(impl_->daemon);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  MHD_stop_daemon(impl_->daemon);
  impl_->daemon = nullptr;
  if (listener != MHD_INVALID_SOCKET) ::close(listener);
}

}  // namespace kiosk_server
