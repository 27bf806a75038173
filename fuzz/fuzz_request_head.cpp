// libFuzzer target: a request as kiosk-server's routes see it once the HTTP
// layer has split it (method, target, headers, body), through the checks made
// before the body is read and the answer itself; and the guards applied to
// stored text on its way to a terminal or a spreadsheet. Never a crash, and
// never a spreadsheet cell that starts with a formula sign unguarded.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "fields.hpp"
#include "kiosk_server/csv.hpp"
#include "kiosk_server/upload_store.hpp"
#include "kiosk_server/uploads.hpp"
#include "routes.hpp"

namespace {

struct FixedClock final : kiosk_server::Clock {
  std::time_t now() const override { return 1795420800; }
};

struct World {
  std::filesystem::path dir;
  FixedClock clock;
  std::mutex mutex;
  std::optional<kiosk_server::UploadStore> store;
  std::optional<kiosk_server::Routes> routes;
  World() {
    char tmpl[] = "/tmp/fuzz-request-head-XXXXXX";
    dir = ::mkdtemp(tmpl);
    std::filesystem::create_directories(dir / "repo");
    auto opened = kiosk_server::UploadStore::open(dir / "uploads.db", true);
    if (!opened) std::abort();
    store.emplace(std::move(*opened));
    routes.emplace(
        dir / "repo", *store, mutex, clock, [](const std::string&) {}, kiosk_server::ServerLimits{},
        true);
  }
};

// "METHOD TARGET\nname: value\n...\n\nbody"
kiosk_server::HttpRequest request_from(std::string_view input) {
  kiosk_server::HttpRequest r;
  r.peer = "127.0.0.1";
  const auto head_end = input.find("\n\n");
  std::string_view head = input.substr(0, head_end);
  if (head_end != std::string_view::npos) r.body = std::string(input.substr(head_end + 2));
  bool first = true;
  while (!head.empty()) {
    const auto nl = head.find('\n');
    const auto line = head.substr(0, nl);
    head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
    if (first) {
      const auto space = line.find(' ');
      r.method = std::string(line.substr(0, space));
      if (space != std::string_view::npos) r.target = std::string(line.substr(space + 1));
      first = false;
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    r.headers[name] = std::string(
        line.substr(colon + 1).substr(line.size() > colon + 1 && line[colon + 1] == ' ' ? 1 : 0));
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const auto request = request_from(input);
  if (!world.routes->refuse_before_body(request)) (void)world.routes->handle(request);
  (void)world.routes->client_address(request);

  const auto cell = kiosk_server::csv_cell(input);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
    std::abort();  // a formula sign reached the spreadsheet unguarded
  }
  const auto shown = kiosk_server::shown_safely(input);
  for (const char c : shown) {
    if (c == '\x1b' || c == '\x07') std::abort();  // an escape reached the terminal
  }
  if (!kiosk_server::fields::text_problem(input, 1 << 20, true)) {
    (void)kiosk_server::fields::has_digit(input);
  }
  return 0;
}
