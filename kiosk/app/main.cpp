// customs-kiosk: the lobby touch app.
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "content/authoring.hpp"
#include "content/store.hpp"
#include "kiosk_app.hpp"

namespace {

constexpr const char* kUsage =
    "usage: customs-kiosk [--demo | --db FILE] [options]\n"
    "\n"
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
    "  --version, --help\n";

std::filesystem::path default_assets() {
  const std::filesystem::path source = KIOSK_SOURCE_ASSETS;
  if (std::filesystem::exists(source / "i18n")) return source;
  return "/usr/share/customs-kiosk/assets";
}

// The demo runs on a private cache rebuilt from the bundled tree at every
// start; tickets and feedback in it are kept.
std::string prepare_demo(const std::filesystem::path& assets, std::filesystem::path& db) {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const std::filesystem::path dir = std::filesystem::path(runtime && *runtime ? runtime : "/tmp") /
                                    ("customs-kiosk-demo-" + std::to_string(getuid()));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + dir.string() + ": " + ec.message();
  db = dir / "content.db";
  const auto load = content::load_authoring_tree(assets / "demo/content");
  if (!load.problems.empty()) return load.problems.front().to_string();
  auto store = content::ContentStore::open(db, content::OpenMode::read_write);
  if (!store) return store.error().message;
  if (auto s = store->replace_content(load.set, store->stats().content_version + 1); !s) {
    return s.error().message;
  }
  return {};
}

bool parse_size(const std::string& text, int& w, int& h) {
  return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 8192 &&
         h <= 8192;
}

}  // namespace

int main(int argc, char** argv) {
  process_start();
  AppOptions options;
  options.report_timing = std::getenv("KIOSK_REPORT_TIMING") != nullptr;
  options.assets = default_assets();
  bool demo = false;
  std::string pin_hash_file;
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
    } else if (a == "--demo") {
      demo = true;
    } else if (a == "--db") {
      options.db = value();
    } else if (a == "--assets") {
      options.assets = value();
    } else if (a == "--lang") {
      const auto lang = content::parse_lang(value());
      if (!lang) {
        std::cerr << "customs-kiosk: --lang must be vi or en\n";
        return 2;
      }
      options.default_lang = *lang;
    } else if (a == "--idle-timeout") {
      options.idle_timeout_s = std::atof(value().c_str());
      if (!(options.idle_timeout_s >= 5 && options.idle_timeout_s <= 3600)) {
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
    } else {
      std::cerr << "customs-kiosk: unknown option " << a.substr(0, 64) << "\n" << kUsage;
      return 2;
    }
  }
  if (demo) {
    if (auto e = prepare_demo(options.assets, options.db); !e.empty()) {
      std::cerr << "customs-kiosk: demo content: " << e << "\n";
      return 1;
    }
    if (pin_hash_file.empty()) pin_hash_file = (options.assets / "demo/staff-pin.hash").string();
  }
  if (options.db.empty()) {
    std::cerr << "customs-kiosk: say --demo or --db FILE\n" << kUsage;
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
  App app(std::move(options));
  return app.run();
}
