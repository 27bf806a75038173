// Sync benchmark: what a kiosk costs on the wire and in time, through the
// real CurlTransport against a real HTTP server on loopback.
//
//   build/default/bench/sync_bench [--documents N] [--faqs N]
//                                  [--server nginx|kiosk-server|both] [--keep DIR [--reuse]]
//
// --keep DIR keeps the tree, key, repository and caches in DIR (emptied
// first); --reuse then starts from what a previous --keep run left there
// (publishing 36,000 objects takes minutes: each is written with fsync).
//
// Writes the same kind of authoring tree as content_bench (N documents and
// N FAQs, Vietnamese, a fifth also in English), publishes it signed, serves
// the repository with nginx (the configuration of docs/server.md, run as
// this user in a private directory) and/or the in-process kiosk-server, and
// measures on a fresh kiosk cache:
//   (a) the first sync (every object fetched, one request each),
//   (b) one FAQ changed and published again,
//   (c) nothing changed (a conditional GET of the head).
// Each is timed as plan (fetch and verify: published::plan_update over an
// HttpSource) and apply (ContentStore::apply_update), with the transport's
// byte counts (the figures CycleReport.traffic reports). A last full
// SyncClient::run_cycle with nothing changed checks the cycle's own report.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_tree.hpp"
#include "content/authoring.hpp"
#include "content/store.hpp"
#include "content/text.hpp"
#include "kiosk_server/server.hpp"
#include "sync/client.hpp"
#include "sync/http.hpp"
#include "sync/http_source.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"
#include "sync/update.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// ---- servers -----------------------------------------------------------------

// A port nothing listens on right now (the kernel's pick for port 0).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::string nginx_binary() {
  if (const char* env = std::getenv("NGINX")) return env;
  return "/usr/sbin/nginx";
}

// nginx in the foreground with docs/server.md's server block (plain HTTP).
class Nginx {
 public:
  static std::unique_ptr<Nginx> start(const fs::path& dir, const fs::path& repo) {
    if (access(nginx_binary().c_str(), X_OK) != 0) return nullptr;
    fs::create_directories(dir);
    const int port = free_port();
    if (port <= 0) return nullptr;
    const std::string d = dir.string();
    std::ofstream(dir / "nginx.conf")
        << (geteuid() == 0 ? "user root;\n" : "") << "daemon off;\nworker_processes 1;\n"
        << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log;\n"
        << "events { worker_connections 64; }\nhttp {\n"
        << "  access_log off;\n  client_body_temp_path " << d << "/cb;\n  proxy_temp_path " << d
        << "/px;\n  fastcgi_temp_path " << d << "/fc;\n  uwsgi_temp_path " << d
        << "/uw;\n  scgi_temp_path " << d << "/sc;\n"
        << "  server {\n    listen 127.0.0.1:" << port << ";\n    root " << repo.string()
        << ";\n    etag on;\n    gzip on;\n    gzip_types application/octet-stream;\n"
        << "    disable_symlinks on;\n    types { }\n    default_type application/octet-stream;\n"
        << "    location = /manifest.signed { add_header Cache-Control \"no-cache\" always; }\n"
        << "    location ~ \"^/manifests/[1-9][0-9]{0,17}\\.signed$\" { add_header Cache-Control "
           "\"public, max-age=31536000, immutable\" always; }\n"
        << "    location ~ \"^/objects/[0-9a-f]{2}/[0-9a-f]{64}$\" { add_header Cache-Control "
           "\"public, max-age=31536000, immutable\" always; }\n"
        << "    location ~ \"^/keys/[0-9a-f]{16}\\.signed$\" { add_header Cache-Control "
           "\"no-cache\" always; }\n"
        << "    location /api/ { return 405; }\n    location / { return 404; }\n  }\n}\n";
    const pid_t pid = fork();
    if (pid < 0) return nullptr;
    if (pid == 0) {
      const std::string bin = nginx_binary(), conf = (dir / "nginx.conf").string(),
                        err = (dir / "error.log").string();
      execl(bin.c_str(), bin.c_str(), "-p", d.c_str(), "-c", conf.c_str(), "-e", err.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    auto nginx = std::unique_ptr<Nginx>(new Nginx(pid, port));
    for (int i = 0; i < 100; ++i) {
      if (accepts(port)) return nginx;
      if (waitpid(pid, nullptr, WNOHANG) == pid) {
        nginx->pid_ = -1;
        return nullptr;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return nullptr;
  }
  ~Nginx() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }

 private:
  Nginx(pid_t pid, int port) : pid_(pid), port_(port) {}
  pid_t pid_;
  int port_;
};

// ---- one kiosk's syncs ---------------------------------------------------------

struct Measure {
  double plan_ms = 0, apply_ms = 0;
  published::Traffic traffic;
  std::size_t objects = 0;
  std::string outcome;
};

published::Traffic minus(const published::Traffic& a, const published::Traffic& b) {
  return {a.requests - b.requests, a.sent - b.sent, a.received - b.received};
}

// What SyncClient::sync_content does, with plan and apply timed apart.
std::optional<Measure> sync_once(published::HttpTransport& transport, const std::string& url,
                                 const fs::path& db, const published::PublicKey& anchor) {
  Measure m;
  const auto before = transport.traffic();
  auto t = Clock::now();
  auto store = content::ContentStore::open(db, content::OpenMode::read_write);
  if (!store) {
    std::fprintf(stderr, "open %s: %s\n", db.c_str(), store.error().message.c_str());
    return std::nullopt;
  }
  published::HttpSource source(transport, url);
  auto plan = published::plan_update(source, published::installed_state(*store),
                                     published::trust_state(*store, anchor), std::time(nullptr));
  m.plan_ms = ms_since(t);
  m.traffic = minus(transport.traffic(), before);
  if (!plan) {
    std::fprintf(stderr, "sync refused or failed: %s\n", plan.error().message.c_str());
    return std::nullopt;
  }
  m.objects = plan->objects_fetched;
  if (plan->unchanged) {
    m.outcome = "unchanged";
    return m;
  }
  t = Clock::now();
  if (auto s = store->apply_update(plan->update); !s) {
    std::fprintf(stderr, "apply_update: %s\n", s.error().message.c_str());
    return std::nullopt;
  }
  m.apply_ms = ms_since(t);
  m.outcome = "version " + std::to_string(plan->head.version);
  return m;
}

void print_row(const char* what, const Measure& m, const char* aim) {
  std::printf("  %-22s %-10s %8llu %10llu %12llu %9.0f %9.0f %9.0f  %s\n", what, m.outcome.c_str(),
              static_cast<unsigned long long>(m.traffic.requests),
              static_cast<unsigned long long>(m.traffic.sent),
              static_cast<unsigned long long>(m.traffic.received), m.plan_ms + m.apply_ms,
              m.plan_ms, m.apply_ms, aim);
}

// Publishes `tree` as the next version of `repo`.
bool publish(const fs::path& tree, const fs::path& repo, const published::SigningKey& key) {
  const auto load = content::load_authoring_tree(tree);
  if (!load.problems.empty()) {
    std::fprintf(stderr, "%s\n", load.problems.front().to_string().c_str());
    return false;
  }
  auto report = published::publish(load.set, repo, key, 30, std::time(nullptr));
  if (!report) {
    std::fprintf(stderr, "publish: %s\n", report.error().message.c_str());
    return false;
  }
  return true;
}

// Runs (a), (b), (c) against the server at `url`, which serves `repo`
// (published up to version 1 from `tree`). Returns false on any failure.
bool run(const char* name, const std::string& url, const fs::path& work, const fs::path& tree,
         const fs::path& repo, const published::SigningKey& key) {
  const fs::path db = work / (std::string(name) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  auto transport = published::make_curl_transport();
  std::printf("\n%s at %s\n", name, url.c_str());
  std::printf("  %-22s %-10s %8s %10s %12s %9s %9s %9s  %s\n", "sync", "result", "requests",
              "sent B", "received B", "wall ms", "plan ms", "apply ms", "aim");

  const auto first = sync_once(*transport, url, db, key.public_key);
  if (!first) return false;
  print_row("(a) first sync", *first, "apply < 3 s");

  // One FAQ changed: a line appended to faq-1's answer, published again.
  // The versions a server has seen are the repository's: a second server
  // over the same repository starts where the first one left it.
  {
    std::ofstream(tree / "faq-1.vi.md", std::ios::app)
        << "Cập nhật " << name << ": hỏi thêm tại quầy số 1.\n";
  }
  if (!publish(tree, repo, key)) return false;
  const auto change = sync_once(*transport, url, db, key.public_key);
  if (!change) return false;
  print_row("(b) one FAQ changed", *change, "< 16 KB");

  const auto none = sync_once(*transport, url, db, key.public_key);
  if (!none) return false;
  print_row("(c) nothing changed", *none, "< 1 KB");

  // The whole cycle as a kiosk runs it (no kiosk id: no heartbeat; empty outbox).
  published::SyncSettings settings;
  settings.server_url = url;
  settings.db = db;
  settings.trust_anchor = key.public_key;
  published::SyncClient client(settings, *transport);
  auto t = Clock::now();
  const auto cycle = client.run_cycle();
  const double cycle_ms = ms_since(t);
  std::printf(
      "  SyncClient::run_cycle, nothing changed: %s, %llu requests, %llu B sent, %llu B "
      "received, %.0f ms\n",
      cycle.content_ok() ? "ok" : cycle.content_message.c_str(),
      static_cast<unsigned long long>(cycle.traffic.requests),
      static_cast<unsigned long long>(cycle.traffic.sent),
      static_cast<unsigned long long>(cycle.traffic.received), cycle_ms);
  std::printf("  per object in (a): %.2f ms, %.0f B received\n",
              first->plan_ms / static_cast<double>(std::max<std::size_t>(1, first->objects)),
              static_cast<double>(first->traffic.received) /
                  static_cast<double>(std::max<std::uint64_t>(1, first->traffic.requests)));
  return cycle.content_ok();
}

}  // namespace

int main(int argc, char** argv) {
  int documents = 10'000, faqs = 20'000;
  std::string which = "both";
  fs::path keep;
  bool reuse = false;  // --reuse: the tree, key and repository a --keep run left
  for (int i = 1; i < argc; i += 2) {
    if (std::string_view(argv[i]) == "--reuse") {
      reuse = true;
      --i;
      continue;
    }
    const std::string a = i + 1 < argc ? argv[i] : "";  // a name without its value: usage
    if (a == "--documents")
      documents = std::atoi(argv[i + 1]);
    else if (a == "--faqs")
      faqs = std::atoi(argv[i + 1]);
    else if (a == "--server")
      which = argv[i + 1];
    else if (a == "--keep")
      keep = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: sync_bench [--documents N] [--faqs N] "
                   "[--server nginx|kiosk-server|both] [--keep DIR [--reuse]]\n");
      return 2;
    }
  }
  const fs::path work = keep.empty() ? fs::temp_directory_path() / "kiosk-sync-bench" : keep;
  reuse = reuse && !keep.empty() && fs::exists(work / "key/signing.key") &&
          fs::exists(work / "repo/manifest.signed");
  if (!reuse) fs::remove_all(work);
  fs::create_directories(work);
  const fs::path tree = work / "tree", repo = fs::canonical(work) / "repo";

  auto t = Clock::now();
  auto key =
      reuse ? published::read_signing_key(work / "key/signing.key") : published::generate_key();
  if (!key) return 1;
  if (!reuse) {
    write_bench_tree(tree, documents, faqs, /*long_document=*/false);  // as content_bench
    if (!published::write_key_files(*key, work / "key") || !publish(tree, repo, *key)) return 1;
  }
  std::size_t objects = 0, object_bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(repo / "objects")) {
    if (e.is_regular_file()) ++objects, object_bytes += e.file_size();
  }
  if (reuse) {
    std::printf("repository reused from %s: %zu objects, %.1f MB\n", work.c_str(), objects,
                static_cast<double>(object_bytes) / 1e6);
  } else {
    std::printf(
        "tree: %d documents, %d FAQs; written and published in %.0f ms: %zu objects, "
        "%.1f MB\n",
        documents, faqs, ms_since(t), objects, static_cast<double>(object_bytes) / 1e6);
  }

  bool ok = true, ran = false;
  if (which == "nginx" || which == "both") {
    auto nginx = Nginx::start(work / "nginx", repo);
    if (!nginx) {
      std::printf("\nnginx: cannot run here (%s); see %s\n", nginx_binary().c_str(),
                  (work / "nginx/error.log").c_str());
      if (which == "nginx") ok = false;
    } else {
      ran = true;
      ok = run("nginx", "http://127.0.0.1:" + std::to_string(nginx->port()) + "/", work, tree, repo,
               *key) &&
           ok;
    }
  }
  if (which == "kiosk-server" || which == "both") {
    kiosk_server::ServeOptions options;
    options.repo = repo;
    options.db = work / "uploads.db";
    options.log = [](const std::string&) {};
    options.limits = kiosk_server::ServerLimits::without_rates();
    auto server = kiosk_server::Server::start(options);
    if (!server) {
      std::fprintf(stderr, "kiosk-server: %s\n", server.error().message.c_str());
      return 1;
    }
    ran = true;
    ok = run("kiosk-server", "http://127.0.0.1:" + std::to_string((*server)->port()) + "/", work,
             tree, repo, *key) &&
         ok;
  }
  if (keep.empty()) fs::remove_all(work);
  return ok && ran ? 0 : 1;
}
