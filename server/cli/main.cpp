// kiosk-server: the department's server for the lobby kiosks.
#include <algorithm>
#include <cstdio>
#include <string_view>

#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: kiosk-server COMMAND [ARGS]\n"
    "\n"
    "  serve --repo DIR --db FILE [--listen HOST:PORT] [--trust-proxy]\n"
    "        serve the published repository DIR read-only and receive kiosk uploads\n"
    "        into FILE (created when missing); --listen defaults to 127.0.0.1:8080,\n"
    "        port 0 picks a free one. \"serve\" may be left out. Prints\n"
    "        \"listening on HOST:PORT\", logs one line per request on stderr and\n"
    "        stops within 5 s on Ctrl-C or SIGTERM. --trust-proxy: behind nginx on\n"
    "        the same machine, count clients by nginx's X-Real-IP header.\n"
    "        --requests-per-second N, --uploads-per-second N (per client address,\n"
    "        bursts of 30 s worth; defaults 100 and 10), --feedback-per-kiosk-per-day N\n"
    "        (default 2000): see docs/server.md, \"Limits\".\n"
    "        The staff console (docs/console.md) at /console/: --content DIR (the\n"
    "        authoring tree) and --key FILE (the signing key, mode 0600), with\n"
    "        [--allow-self-approval] [--expires-days N] [--console-dir DIR]\n"
    "  export feedback --db FILE [--csv] [--bom]\n"
    "        every feedback as CSV (RFC 4180, UTF-8), oldest received first;\n"
    "        --bom starts it with a byte order mark for spreadsheets that need one\n"
    "  kiosks --db FILE [--json]\n"
    "        each kiosk's last heartbeat; kiosks not heard from for more than\n"
    "        30 minutes are marked silent\n"
    "  misses --db FILE [--days N] [--json]\n"
    "        searches that found nothing, totals per query over all kiosks, most\n"
    "        first; --days N counts only the last N days\n"
    "  user add NAME --role viewer|editor|publisher|admin --password-stdin --db FILE\n"
    "  user list --db FILE\n"
    "  user disable NAME --db FILE\n"
    "  user password NAME --password-stdin --db FILE\n"
    "        the staff console's accounts; the password is read from the first\n"
    "        line of standard input (at least 10 characters)\n"
    "\n"
    "Exit status: 0 done, 1 failed, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk_server::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "serve") return cmd_serve(argc, argv, 2);
  if (command.rfind("--", 0) == 0) return cmd_serve(argc, argv, 1);
  if (command == "export") return cmd_export(argc, argv);
  if (command == "kiosks") return cmd_kiosks(argc, argv);
  if (command == "misses") return cmd_misses(argc, argv);
  if (command == "user") return cmd_user(argc, argv);
  std::fprintf(stderr, "kiosk-server: unknown command \"%.*s\"\n\n%s",
               static_cast<int>(std::min<std::size_t>(command.size(), 64)), command.data(), kUsage);
  return 2;
}
