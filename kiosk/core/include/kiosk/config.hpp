// The kiosk's one configuration file, /etc/customs-kiosk/kiosk.toml: what the
// branch IT officer sets once. Every setting is declared once (config.cpp), and
// that table drives parsing, validation and the list of names the shipped,
// documented file must mention.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "content/types.hpp"

namespace kiosk {

enum class Orientation { landscape, portrait, automatic };
enum class Theme { standard, high_contrast };

// The default configuration file.
inline constexpr const char* kDefaultConfigPath = "/etc/customs-kiosk/kiosk.toml";

// A valid configuration. The member initialisers are the defaults of
// settings the file leaves out; only kiosk.id (and server.trust when
// server.url is set) have none.
struct KioskConfig {
  // [kiosk]
  std::string kiosk_id;                          // 1..64 of [a-z0-9-]
  std::string office_name = "Chi cục Hải quan";  // NFC, 1..200 bytes
  // [server]
  std::string server_url;       // empty: offline, no sync
  std::filesystem::path trust;  // the department's public key file
  std::string pin_sha256;       // empty or curl's "sha256//BASE64=[;sha256//...]"
  int sync_minutes = 5;         // 1..1440
  // [display]
  Orientation orientation = Orientation::landscape;
  Theme theme = Theme::standard;
  int idle_timeout_seconds = 60;  // 5..3600
  // [language]
  std::vector<content::Lang> languages = {content::Lang::vi, content::Lang::en};
  content::Lang default_lang = content::Lang::vi;  // one of `languages`
  // [staff]
  std::string staff_pin_hash;  // empty: no staff panel
  // [printer] (not used yet)
  bool printer_enabled = false;
  std::string printer_device;
  // [storage]
  std::filesystem::path data_dir = "/var/lib/customs-kiosk";

  std::filesystem::path content_db() const { return data_dir / "content.db"; }
};

// Parses and validates a configuration. `name` is the file name used in
// messages. On failure the error holds every problem found, one per line, each
// as "NAME:LINE: table.key: reason" ("NAME: table.key: reason" for a missing
// setting; a TOML syntax error is one "NAME:LINE: TOML syntax: reason"). Unknown
// tables and keys are problems. server.trust must name a readable regular file
// when server.url is set (checked on the real file system).
content::Result<KioskConfig> parse_config(std::string_view text, std::string_view name);

// Reads `path` (at most 1 MiB) and parses it; the file's path is the name.
content::Result<KioskConfig> load_config(const std::filesystem::path& path);

// "table.key" of every setting, in the order of the file.
std::vector<std::string> config_setting_names();

// True when `hash` has the shape of a libsodium crypto_pwhash_str string
// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"); says nothing of the PIN.
bool looks_like_pin_hash(std::string_view hash);

std::string_view to_string(Orientation orientation);
std::string_view to_string(Theme theme);

}  // namespace kiosk
