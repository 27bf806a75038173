// kiosk-server serve: runs until Ctrl-C or SIGTERM.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>

#include "args.hpp"
#include "commands.hpp"
#include "kiosk_server/server.hpp"

namespace kiosk_server::cli {
namespace {

struct ListenAddress {
  std::string host;
  int port = 0;
};

content::Result<ListenAddress> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() ||
      text.size() - colon - 1 > 5) {
    return content::Error{"--listen: \"" + text + "\" is not HOST:PORT"};
  }
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);  // [::1]
  }
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return content::Error{"--listen: the port must be a number"};
    address.port = address.port * 10 + (c - '0');
  }
  if (address.port > 65535) return content::Error{"--listen: the port must be 0 to 65535"};
  return address;
}

// The console's pages: installed beside the binary's share/ directory, or
// the source tree's when run from a build directory.
std::filesystem::path default_console_dir(const char* argv0) {
  std::error_code ec;
  const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  const auto base = ec ? std::filesystem::path(argv0).parent_path() : exe.parent_path();
  const auto installed = base / ".." / "share" / "customs-kiosk-server" / "console";
  if (std::filesystem::is_directory(installed, ec)) return installed.lexically_normal();
  return KIOSK_SERVER_SOURCE_CONSOLE_DIR;
}

}  // namespace

int cmd_serve(int argc, char** argv, int first) {
  auto args =
      parse_args(argc, argv, first,
                 {"repo", "db", "listen", "requests-per-second", "uploads-per-second",
                  "feedback-per-kiosk-per-day", "content", "key", "console-dir", "expires-days"},
                 {"trust-proxy", "allow-self-approval"});
  if (!args) return usage_error("serve", args.error().message);
  if (!args->positional.empty()) {
    return usage_error("serve", "unexpected argument \"" + args->positional[0] + "\"");
  }
  const auto repo = args->value("repo");
  const auto db = args->value("db");
  if (!repo) return usage_error("serve", "--repo DIR is required");
  if (!db) return usage_error("serve", "--db FILE is required");
  auto address = parse_listen(args->value("listen").value_or("127.0.0.1:8080"));
  if (!address) return usage_error("serve", address.error().message);

  // Signals are taken by sigtimedwait below, in this thread only: block them
  // before the server's threads start, so they inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ServeOptions options;
  options.repo = *repo;
  options.db = *db;
  options.host = address->host;
  options.port = address->port;
  options.trust_proxy = args->flag("trust-proxy");
  // Per-address rates: a burst of 30 seconds' worth, then the rate.
  const auto whole = [&](const char* name, long max) -> content::Result<std::optional<long>> {
    const auto text = args->value(name);
    if (!text) return std::optional<long>();
    if (text->empty() || text->size() > 9 ||
        text->find_first_not_of("0123456789") != std::string::npos || std::stol(*text) < 1 ||
        std::stol(*text) > max) {
      return content::Error{std::string("--") + name + " must be a whole number from 1 to " +
                            std::to_string(max)};
    }
    return std::optional<long>(std::stol(*text));
  };
  for (const auto& [name, rate, burst] :
       {std::tuple{"requests-per-second", &options.limits.address_per_second,
                   &options.limits.address_burst},
        std::tuple{"uploads-per-second", &options.limits.upload_per_second,
                   &options.limits.upload_burst}}) {
    auto n = whole(name, 100'000'000);
    if (!n) return usage_error("serve", n.error().message);
    if (*n) {
      *rate = static_cast<double>(**n);
      *burst = static_cast<int>(std::min<long>(**n * 30, 1 << 30));
    }
  }
  auto quota = whole("feedback-per-kiosk-per-day", 100'000'000);
  if (!quota) return usage_error("serve", quota.error().message);
  if (*quota) options.limits.feedback_per_kiosk_per_day = static_cast<int>(**quota);

  const auto content = args->value("content");
  const auto key = args->value("key");
  if (content.has_value() != key.has_value()) {
    return usage_error("serve", "the console needs both --content DIR and --key FILE");
  }
  if (!content && (args->value("console-dir") || args->value("expires-days") ||
                   args->flag("allow-self-approval"))) {
    return usage_error("serve",
                       "--console-dir, --expires-days and --allow-self-approval need "
                       "--content DIR and --key FILE");
  }
  if (content) {
    ConsoleSettings console;
    console.content = *content;
    console.key = *key;
    console.pages = args->value("console-dir").value_or(default_console_dir(argv[0]).string());
    console.allow_self_approval = args->flag("allow-self-approval");
    auto days = whole("expires-days", 3650);
    if (!days) return usage_error("serve", days.error().message);
    if (*days) console.expires_days = static_cast<int>(**days);
    options.console = std::move(console);
  }
  auto server = Server::start(std::move(options));
  if (!server) return failure("serve", server.error().message);
  std::printf("listening on %s:%d\n", address->host.c_str(), (*server)->port());
  std::fflush(stdout);

  const timespec tick{1, 0};
  while ((*server)->running()) {
    const int signal = sigtimedwait(&stop_signals, nullptr, &tick);
    if (signal == SIGINT || signal == SIGTERM) {
      std::fprintf(stderr, "kiosk-server: stopping (%s)\n",
                   signal == SIGINT ? "SIGINT" : "SIGTERM");
      (*server)->stop();
      return 0;
    }
  }
  return failure("serve", "the listener stopped unexpectedly");
}

}  // namespace kiosk_server::cli
