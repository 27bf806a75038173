// The staff console on a large tree (10,000 documents and 20,000 FAQs by
// default): saving a draft, publishing one changed FAQ, and the p95 of the
// item list and of a search, through kiosk-server over loopback HTTP.
//
// Usage: console_bench [DOCUMENTS] [FAQS] [ROUNDS]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_tree.hpp"
#include "console/accounts.hpp"
#include "console/console_store.hpp"
#include "kiosk_server/server.hpp"
#include "sync/signing.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void fail(const std::string& what) {
  std::fprintf(stderr, "console_bench: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const int documents = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int faqs = argc > 2 ? std::atoi(argv[2]) : 20000;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 100;
  const auto dir =
      std::filesystem::temp_directory_path() / ("console_bench." + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "repo");
  auto start = Clock::now();
  write_bench_tree(dir / "content", documents, faqs, false);
  std::printf("tree: %d documents, %d FAQs written in %.0f ms\n", documents, faqs, ms_since(start));

  auto key = published::generate_key();
  if (!key || !published::write_key_files(*key, dir / "key")) fail("cannot make a key");
  {
    auto store = kiosk_server::console::open_sqlite_console_store(dir / "server.db");
    auto hash = kiosk_server::console::hash_password("bench-password");
    if (!store || !hash || !(*store)->add_user({"pub", "publisher", *hash, "", false}))
      fail("no user");
  }
  kiosk_server::ServeOptions options;
  options.repo = dir / "repo";
  options.db = dir / "server.db";
  options.limits = kiosk_server::ServerLimits::without_rates();
  options.log = [](const std::string&) {};
  kiosk_server::ConsoleSettings console;
  console.content = dir / "content";
  console.key = dir / "key" / "signing.key";
  console.pages = dir;
  console.allow_self_approval = true;
  options.console = console;
  start = Clock::now();
  auto server = kiosk_server::Server::start(std::move(options));
  if (!server) fail(server.error().message);
  std::printf("server start (reads the tree once): %.0f ms\n", ms_since(start));

  httplib::Client client("127.0.0.1", (*server)->port());
  client.set_url_encode(false);
  client.set_read_timeout(600);
  auto login = client.Post("/api/v1/console/session",
                           R"({"user":"pub","password":"bench-password"})", "application/json");
  if (!login || login->status != 200) fail("cannot log in");
  const auto set_cookie = login->get_header_value("Set-Cookie");
  const httplib::Headers headers = {
      {"Cookie", set_cookie.substr(0, set_cookie.find(';'))},
      {"X-CSRF-Token", json::parse(login->body)["csrf"].get<std::string>()}};

  // The first publish signs the whole tree.
  start = Clock::now();
  auto first = client.Post("/api/v1/console/publish", headers, "", "application/json");
  if (!first || first->status != 200) fail("first publish failed");
  std::printf("first publish (the whole tree): %.0f ms\n", ms_since(start));

  const auto timed_get = [&](const std::string& path) {
    const auto t = Clock::now();
    auto r = client.Get(path, headers);
    if (!r || r->status != 200) fail("GET " + path + " failed");
    return ms_since(t);
  };
  std::vector<double> list, filtered, search;
  const char* queries[] = {"thu+tuc", "h%E1%BA%A3i+quan", "thue+xuat+khau", "hang+hoa", "kiem+tra"};
  for (int i = 0; i < rounds; ++i) {
    list.push_back(timed_get("/api/v1/console/items?limit=50&offset=" + std::to_string(i * 50)));
    filtered.push_back(
        timed_get("/api/v1/console/items?type=faq&lang=vi&state=published&limit=50"));
    search.push_back(timed_get(std::string("/api/v1/console/items?limit=50&q=") + queries[i % 5]));
  }
  std::printf("item list, 50 per page: p50 %.1f ms, p95 %.1f ms\n", percentile(list, 0.5),
              percentile(list, 0.95));
  std::printf("item list filtered (type, lang, state): p50 %.1f ms, p95 %.1f ms\n",
              percentile(filtered, 0.5), percentile(filtered, 0.95));
  std::printf("search: p50 %.1f ms, p95 %.1f ms\n", percentile(search, 0.5),
              percentile(search, 0.95));

  // One FAQ changed: save, submit, approve, publish.
  auto items = client.Get("/api/v1/console/items?type=faq&limit=1", headers);
  const auto id = json::parse(items->body)[0]["id"].get<std::string>();
  const std::string path = "/api/v1/console/items/" + id + "/vi";
  auto item = json::parse(client.Get(path, headers)->body);
  std::vector<double> saves;
  for (int i = 0; i < 20; ++i) {
    item["body"] = item["body"].get<std::string>() + "\n\nThêm một dòng.";
    const auto t = Clock::now();
    auto saved = client.Put(path, headers, item.dump(), "application/json");
    saves.push_back(ms_since(t));
    if (!saved || saved->status != 200) fail("save failed: " + (saved ? saved->body : ""));
    item["revision"] = json::parse(saved->body)["revision"];
  }
  std::printf("save a draft: p50 %.1f ms, p95 %.1f ms\n", percentile(saves, 0.5),
              percentile(saves, 0.95));
  if (client.Post(path + "/submit", headers, "", "application/json")->status != 200 ||
      client.Post(path + "/approve", headers, "", "application/json")->status != 200) {
    fail("submit or approve failed");
  }
  start = Clock::now();
  auto second = client.Post("/api/v1/console/publish", headers, "", "application/json");
  if (!second || second->status != 200) fail("publish failed");
  std::printf("publish one changed FAQ: %.0f ms (%s)\n", ms_since(start), second->body.c_str());
  (*server)->stop();
  std::filesystem::remove_all(dir);
  return 0;
}
