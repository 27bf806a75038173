// customs-kiosk: the lobby touch app.
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "content/store.hpp"
#include "kiosk/config.hpp"
#include "kiosk_app.hpp"
#include "stop_signals.hpp"
#include "sync/signing.hpp"

namespace {

constexpr const char* kUsage =
    "usage: customs-kiosk [--config FILE | --demo | --db FILE] [options]\n"
    "       customs-kiosk --check-config [FILE]\n"
    "\n"
    "  --config FILE           run as FILE (kiosk.toml) says; options below override it\n"
    "  --check-config [FILE]   check FILE (default /etc/customs-kiosk/kiosk.toml): print\n"
    "                          \"FILE: ok\" and exit 0, or every problem and exit 1\n"
    "  --demo                  run on the bundled demo content (no configuration)\n"
    "  --db FILE               the content cache (made by kioskctl import or sync)\n"
    "  --assets DIR            strings, demo content (default: the installed assets)\n"
    "  --lang vi|en            the language a new visitor sees (default vi)\n"
    "  --idle-timeout SECONDS  ask \"still there?\" after this long without a touch (60)\n"
    "  --staff-pin-hash-file FILE\n"
    "                          the staff PIN's hash (kioskctl pin-hash); no panel without\n"
    "  --window WxH            a window instead of full screen, e.g. 1920x1080\n"
    "  --screenshot FILE.png   render the first screen, write it and exit\n"
    "  --script FILE           drive the UI by named steps (see kiosk/app/script.hpp)\n"
    "  --high-contrast         start, and return after each visitor, in high contrast\n"
    "  --large-text            start, and return after each visitor, with large text\n"
    "  --version, --help\n";

std::filesystem::path default_assets() {
  const std::filesystem::path source = KIOSK_SOURCE_ASSETS;
  if (std::filesystem::exists(source / "i18n")) return source;
  return "/usr/share/customs-kiosk/assets";
}

// The demo's repository: published by the build from the demo tree with a
// demo key, or installed with the package.
std::filesystem::path demo_repository() {
  const std::filesystem::path built = KIOSK_BUILD_DEMO_REPO;
  if (std::filesystem::exists(built / "repo/manifest.signed")) return built;
  return "/usr/share/customs-kiosk/demo-repo";
}

// The demo syncs from its file:// repository through the same code as a
// kiosk in production, into a private cache in `dir` (one per demo key, so a
// rebuilt repository never looks like a rollback); tickets and feedback in
// it are kept.
std::string prepare_demo(const std::filesystem::path& dir, AppOptions& o) {
  const auto repo = demo_repository();
  const auto trust = repo / "key/signing.pub";
  auto key = published::read_public_key(trust);
  if (!key) return key.error().message + " (the demo repository is missing)";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + dir.string() + ": " + ec.message();
  o.db = dir / ("content-" + key->id + ".db");
  o.server_url = "file://" + std::filesystem::absolute(repo / "repo").string();
  o.trust_file = trust;
  o.sync_before_start = true;
  return {};
}

std::filesystem::path demo_dir() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  return std::filesystem::path(runtime && *runtime ? runtime : "/tmp") /
         ("customs-kiosk-demo-" + std::to_string(getuid()));
}

// True when `db` exists and holds imported or synchronised content.
bool has_content(const std::filesystem::path& db) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return false;
  const auto store = content::ContentStore::open(db, content::OpenMode::read_only);
  return store && store->stats().content_version > 0;
}

// --check-config: never opens a window.
int check_config(const std::string& file) {
  const auto config = kiosk::load_config(file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  std::cout << file << ": ok\n";
  return 0;
}

void apply_config(const kiosk::KioskConfig& c, AppOptions& o) {
  o.db = c.content_db();
  o.data_dir = c.data_dir;
  o.default_lang = c.default_lang;
  o.languages = c.languages;
  o.idle_timeout_s = c.idle_timeout_seconds;
  o.staff_pin_hash = c.staff_pin_hash;
  o.high_contrast = c.theme == kiosk::Theme::high_contrast;
  o.orientation = std::string(kiosk::to_string(c.orientation));
  o.kiosk_id = c.kiosk_id;
  o.office_name = c.office_name;
  o.server_url = c.server_url;
  o.trust_file = c.trust;
  o.tls_pin_sha256 = c.pin_sha256;
  o.sync_minutes = c.sync_minutes;
}

bool parse_size(const std::string& text, int& w, int& h) {
  return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 8192 &&
         h <= 8192;
}

}  // namespace

int main(int argc, char** argv) {
  process_start();
  // First, before any thread starts (see stop_signals.hpp).
  lifecycle::StopSignals stop_signals;
  if (!stop_signals.error().empty()) std::cerr << "customs-kiosk: " << stop_signals.error() << "\n";
  AppOptions options;
  options.report_timing = std::getenv("KIOSK_REPORT_TIMING") != nullptr;
  options.assets = default_assets();
  bool demo = false;
  std::string pin_hash_file;
  std::string config_file;
  // Given on the command line, so they override the configuration file.
  std::optional<std::filesystem::path> cli_db;
  std::optional<content::Lang> cli_lang;
  std::optional<double> cli_idle_timeout;
  bool cli_high_contrast = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "customs-kiosk: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << "customs-kiosk " << KIOSK_VERSION << "\n";
      return 0;
    } else if (a == "--check-config") {
      const bool has_file = i + 1 < argc && argv[i + 1][0] != '-';
      return check_config(has_file ? argv[++i] : kiosk::kDefaultConfigPath);
    } else if (a == "--config") {
      config_file = value();
    } else if (a == "--demo") {
      demo = true;
    } else if (a == "--db") {
      cli_db = value();
    } else if (a == "--assets") {
      options.assets = value();
    } else if (a == "--lang") {
      const auto lang = content::parse_lang(value());
      if (!lang) {
        std::cerr << "customs-kiosk: --lang must be vi or en\n";
        return 2;
      }
      cli_lang = *lang;
    } else if (a == "--idle-timeout") {
      cli_idle_timeout = std::atof(value().c_str());
      if (!(*cli_idle_timeout >= 5 && *cli_idle_timeout <= 3600)) {
        std::cerr << "customs-kiosk: --idle-timeout must be 5 to 3600 seconds\n";
        return 2;
      }
    } else if (a == "--staff-pin-hash-file") {
      pin_hash_file = value();
    } else if (a == "--window") {
      if (!parse_size(value(), options.width, options.height)) {
        std::cerr << "customs-kiosk: --window must look like 1920x1080\n";
        return 2;
      }
    } else if (a == "--screenshot") {
      options.screenshot = value();
    } else if (a == "--script") {
      options.script = value();
    } else if (a == "--high-contrast") {
      cli_high_contrast = true;
    } else if (a == "--large-text") {
      options.large_text = true;
    } else {
      std::cerr << "customs-kiosk: unknown option " << a.substr(0, 64) << "\n" << kUsage;
      return 2;
    }
  }
  if (demo && !config_file.empty()) {
    std::cerr << "customs-kiosk: --demo and --config do not go together\n";
    return 2;
  }
  if (!config_file.empty()) {
    const auto config = kiosk::load_config(config_file);
    if (!config) {
      std::cerr << config.error().message << "\n";
      return 1;
    }
    apply_config(*config, options);
    // Offline with nothing imported (a fresh install): show the demo content,
    // kept apart from the cache that sync or kioskctl import fill.
    if (config->server_url.empty() && !cli_db && !has_content(options.db)) {
      if (auto e = prepare_demo(options.data_dir / "demo", options); !e.empty()) {
        std::cerr << "customs-kiosk: demo content: " << e << "\n";
        return 1;
      }
    }
  }
  if (cli_db) options.db = *cli_db;
  if (cli_lang) options.default_lang = *cli_lang;
  if (cli_idle_timeout) options.idle_timeout_s = *cli_idle_timeout;
  if (cli_high_contrast) options.high_contrast = true;
  if (demo) {
    if (auto e = prepare_demo(demo_dir(), options); !e.empty()) {
      std::cerr << "customs-kiosk: demo content: " << e << "\n";
      return 1;
    }
    if (pin_hash_file.empty()) pin_hash_file = (options.assets / "demo/staff-pin.hash").string();
  }
  if (options.db.empty()) {
    std::cerr << "customs-kiosk: say --config FILE, --demo or --db FILE\n" << kUsage;
    return 2;
  }
  if (!pin_hash_file.empty()) {
    std::ifstream in(pin_hash_file);
    std::getline(in, options.staff_pin_hash);
    while (!options.staff_pin_hash.empty() &&
           std::isspace(static_cast<unsigned char>(options.staff_pin_hash.back()))) {
      options.staff_pin_hash.pop_back();  // a file saved with CRLF line ends
    }
    if (options.staff_pin_hash.rfind("$argon2", 0) != 0) {
      std::cerr << "customs-kiosk: " << pin_hash_file
                << " holds no PIN hash; staff panel disabled\n";
      options.staff_pin_hash.clear();
    }
  }
  App app(std::move(options), &stop_signals);
  return app.run();
}
