// kiosk-server export / kiosks / misses: what staff read from the store.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "kiosk_server/csv.hpp"
#include "kiosk_server/upload_store.hpp"
#include "kiosk_server/uploads.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server::cli {
namespace {

// A kiosk sends a heartbeat every few minutes; half an hour without one
// means it is off, cut off, or stuck.
constexpr std::time_t kSilentAfterSeconds = 30 * 60;

std::string human_bytes(std::int64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return buf;
}

std::string human_duration(std::int64_t seconds) {
  char buf[48];
  if (seconds >= 86400) {
    std::snprintf(buf, sizeof buf, "%lldd %02lldh", static_cast<long long>(seconds / 86400),
                  static_cast<long long>(seconds % 86400 / 3600));
  } else if (seconds >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds % 3600 / 60));
  } else if (seconds >= 60) {
    std::snprintf(buf, sizeof buf, "%lldm", static_cast<long long>(seconds / 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(seconds));
  }
  return buf;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

content::Result<UploadStore> open_store(const Args& args) {
  const auto db = args.value("db");
  if (!db) return content::Error{"--db FILE is required"};
  return UploadStore::open(*db, false);
}

}  // namespace

int cmd_export(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db"}, {"csv", "bom"});
  if (!args) return usage_error("export", args.error().message);
  if (args->positional.size() != 1 || args->positional[0] != "feedback") {
    return usage_error("export", "what to export: \"export feedback --db FILE --csv\"");
  }
  if (!args->value("db")) return usage_error("export", "--db FILE is required");
  auto store = open_store(*args);
  if (!store) return failure("export", store.error().message);
  auto rows = store->feedback();
  if (!rows) return failure("export", rows.error().message);
  if (args->flag("bom")) std::cout << "\xEF\xBB\xBF";
  std::cout << feedback_csv(*rows) << std::flush;
  return std::cout ? 0 : 1;
}

int cmd_kiosks(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db"}, {"json"});
  if (!args) return usage_error("kiosks", args.error().message);
  if (!args->positional.empty()) {
    return usage_error("kiosks", "unexpected argument \"" + args->positional[0] + "\"");
  }
  if (!args->value("db")) return usage_error("kiosks", "--db FILE is required");
  auto store = open_store(*args);
  if (!store) return failure("kiosks", store.error().message);
  auto kiosks = store->kiosks();
  if (!kiosks) return failure("kiosks", kiosks.error().message);

  const std::time_t now = SystemClock().now();
  const auto silent = [now](const KioskStatus& k) {
    const auto received = parse_utc(k.received);
    return !received || now - *received > kSilentAfterSeconds;
  };
  if (args->flag("json")) {
    auto out = nlohmann::json::array();
    for (const auto& k : *kiosks) {
      const auto& h = k.heartbeat;
      out.push_back({{"kiosk", shown_safely(h.kiosk)},
                     {"received", k.received},
                     {"silent", silent(k)},
                     {"app_version", shown_safely(h.app_version)},
                     {"content_version", h.content_version},
                     {"last_sync", shown_safely(h.last_sync)},
                     {"last_error", shown_safely(h.last_error)},
                     {"outbox", h.outbox},
                     {"free_disk_bytes", h.free_disk_bytes},
                     {"uptime_s", h.uptime_s},
                     {"sent", shown_safely(h.sent)}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (kiosks->empty()) {
    std::cout << "no heartbeat received yet\n";
    return 0;
  }
  std::size_t id_width = 5;
  for (const auto& k : *kiosks) id_width = std::max(id_width, k.heartbeat.kiosk.size());
  std::cout << pad("KIOSK", id_width) << "  STATE   LAST HEARD            APP         CONTENT  "
            << "LAST SYNC             OUTBOX  FREE DISK  UPTIME    LAST ERROR\n";
  for (const auto& k : *kiosks) {
    const auto& h = k.heartbeat;
    std::cout << pad(shown_safely(h.kiosk), id_width) << "  " << pad(silent(k) ? "silent" : "ok", 6)
              << "  " << pad(k.received, 20) << "  " << pad(shown_safely(h.app_version), 10) << "  "
              << pad(std::to_string(h.content_version), 7) << "  "
              << pad(h.last_sync.empty() ? "never" : h.last_sync, 20) << "  "
              << pad(std::to_string(h.outbox), 6) << "  " << pad(human_bytes(h.free_disk_bytes), 9)
              << "  " << pad(human_duration(h.uptime_s), 8) << "  "
              << (h.last_error.empty() ? "-" : shown_safely(h.last_error)) << "\n";
  }
  return 0;
}

int cmd_misses(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"db", "days"}, {"json"});
  if (!args) return usage_error("misses", args.error().message);
  if (!args->positional.empty()) {
    return usage_error("misses", "unexpected argument \"" + args->positional[0] + "\"");
  }
  if (!args->value("db")) return usage_error("misses", "--db FILE is required");
  std::optional<std::string> since;
  if (const auto days = args->value("days")) {
    int n = 0;
    const bool digits_only = !days->empty() && days->size() <= 4 &&
                             days->find_first_not_of("0123456789") == std::string::npos;
    if (digits_only) n = std::stoi(*days);
    if (n < 1) return usage_error("misses", "--days must be a whole number from 1 to 9999");
    // Kiosks count by their local day, which may be ahead of UTC: N days
    // back from today in UTC keeps all of the last N local days.
    since = format_utc(SystemClock().now() - static_cast<std::time_t>(n) * 86400).substr(0, 10);
  }
  auto store = open_store(*args);
  if (!store) return failure("misses", store.error().message);
  auto totals = store->miss_totals(since);
  if (!totals) return failure("misses", totals.error().message);
  if (args->flag("json")) {
    auto out = nlohmann::json::array();
    for (const auto& t : *totals) {
      out.push_back({{"query", shown_safely(t.query)}, {"count", t.count}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (totals->empty()) {
    std::cout << "no search misses\n";
    return 0;
  }
  for (const auto& t : *totals) {
    char count[24];
    std::snprintf(count, sizeof count, "%8lld", static_cast<long long>(t.count));
    std::cout << count << "  " << shown_safely(t.query) << "\n";
  }
  return 0;
}

}  // namespace kiosk_server::cli
