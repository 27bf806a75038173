#include "kiosk/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include "content/text.hpp"

namespace kiosk {
namespace {

// A setting's reader: stores the value of `node` in the config, or returns
// why it cannot (in words an IT officer reads; empty when fine).
using Apply = std::string (*)(const toml::node& node, KioskConfig& config);

struct Setting {
  std::string_view table;
  std::string_view key;
  Apply apply;
};

constexpr std::size_t kMaxFileBytes = 1 << 20;

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Text with no control characters, valid UTF-8, normalised to NFC.
std::string read_text(const toml::node& node, std::string& out) {
  const auto* s = node.as_string();
  if (!s) return "must be text in double quotes, e.g. \"...\"";
  const std::string& v = s->get();
  if (content::text::first_invalid_utf8(v)) return "is not valid UTF-8 text";
  for (const unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return "must not hold control characters (tabs, line breaks)";
  }
  out = content::text::to_nfc(v);
  return {};
}

std::string read_int(const toml::node& node, int lo, int hi, int& out) {
  const std::string range = "from " + std::to_string(lo) + " to " + std::to_string(hi);
  const auto* i = node.as_integer();
  if (!i) return "must be a whole number " + range + ", without quotes";
  const std::int64_t v = i->get();
  if (v < lo || v > hi) return "must be " + range + " (it is " + std::to_string(v) + ")";
  out = static_cast<int>(v);
  return {};
}

std::string read_path(const toml::node& node, std::filesystem::path& out, bool may_be_empty) {
  std::string v;
  if (auto why = read_text(node, v); !why.empty()) return why;
  if (v.empty() && may_be_empty) {
    out.clear();
    return {};
  }
  if (v.empty() || v.front() != '/') return "must be a full path starting with /";
  if (v.size() > 4096) return "is too long";
  out = v;
  return {};
}

bool is_port(std::string_view p) {
  if (p.empty() || p.size() > 5) return false;
  if (!std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  const int n = std::stoi(std::string(p));
  return n >= 1 && n <= 65535;
}

std::string check_url(std::string_view url) {
  if (url.empty()) return {};
  if (url.size() > 2000) return "is too long";
  for (const unsigned char c : url) {
    if (c <= 0x20 || c >= 0x7f) return "must not hold spaces or non-ASCII characters";
  }
  const auto rest_after = [&](std::string_view scheme) { return url.substr(scheme.size()); };
  const auto authority_of = [](std::string_view rest) {
    return rest.substr(0, rest.find_first_of("/?#"));
  };
  if (url.starts_with("https://")) {
    const auto authority = authority_of(rest_after("https://"));
    if (authority.empty()) return "has no server name after https://";
    if (authority.find('@') != std::string_view::npos) {
      return "must not hold a user name or password";
    }
    return {};
  }
  if (url.starts_with("http://")) {
    const auto authority = authority_of(rest_after("http://"));
    constexpr std::string_view loopback = "127.0.0.1";
    if (authority == loopback ||
        (authority.starts_with("127.0.0.1:") && is_port(authority.substr(loopback.size() + 1)))) {
      return {};
    }
    return "must start with https:// (plain http:// is allowed only for 127.0.0.1, for tests "
           "and demonstrations)";
  }
  if (url.starts_with("file://")) {
    if (!rest_after("file://").starts_with("/")) {
      return "file:// must be followed by a full path, e.g. file:///srv/kiosk-repo/";
    }
    return {};
  }
  return "must start with https://, e.g. \"https://content.example.gov.vn/kiosk/\"";
}

// One pin: "sha256//" and the base64 of 32 bytes (43 characters and "=").
bool is_pin(std::string_view pin) {
  constexpr std::string_view prefix = "sha256//";
  if (!pin.starts_with(prefix)) return false;
  const auto b64 = pin.substr(prefix.size());
  if (b64.size() != 44 || b64.back() != '=') return false;
  if (!std::all_of(b64.begin(), b64.end() - 1, is_base64_char)) return false;
  // The last character before "=" carries only 4 bits of the 32nd byte.
  return std::string_view("AEIMQUYcgkosw048").find(b64[42]) != std::string_view::npos;
}

std::string check_pins(std::string_view pins) {
  if (pins.empty()) return {};
  std::size_t start = 0;
  while (true) {
    const auto end = pins.find(';', start);
    if (!is_pin(pins.substr(start, end == std::string_view::npos ? end : end - start))) {
      return "must look like \"sha256//\" followed by 44 base64 characters ending in \"=\" "
             "(curl's pinned public key format); separate several pins with \";\"";
    }
    if (end == std::string_view::npos) return {};
    start = end + 1;
  }
}

const Setting kSettings[] = {
    {"kiosk", "id",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       const bool chars_ok = std::all_of(v.begin(), v.end(), [](char ch) {
         return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
       });
       if (v.empty() || v.size() > 64 || !chars_ok) {
         return "must be 1 to 64 characters of a-z, 0-9 and -, e.g. \"hq-lobby-1\"";
       }
       c.kiosk_id = v;
       return {};
     }},
    {"kiosk", "office_name",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (v.empty() || v.size() > 200) return "must be 1 to 200 bytes of text";
       c.office_name = v;
       return {};
     }},
    {"server", "url",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (auto why = check_url(v); !why.empty()) return why;
       c.server_url = v;
       return {};
     }},
    {"server", "trust",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       return read_path(n, c.trust, true);
     }},
    {"server", "pin_sha256",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (auto why = check_pins(v); !why.empty()) return why;
       c.pin_sha256 = v;
       return {};
     }},
    {"server", "sync_minutes",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       return read_int(n, 1, 1440, c.sync_minutes);
     }},
    {"display", "orientation",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (v == "landscape") {
         c.orientation = Orientation::landscape;
       } else if (v == "portrait") {
         c.orientation = Orientation::portrait;
       } else if (v == "auto") {
         c.orientation = Orientation::automatic;
       } else {
         return "must be \"landscape\", \"portrait\" or \"auto\"";
       }
       return {};
     }},
    {"display", "theme",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (v == "standard") {
         c.theme = Theme::standard;
       } else if (v == "high-contrast") {
         c.theme = Theme::high_contrast;
       } else {
         return "must be \"standard\" or \"high-contrast\"";
       }
       return {};
     }},
    {"display", "idle_timeout_seconds",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       return read_int(n, 5, 3600, c.idle_timeout_seconds);
     }},
    {"language", "available",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       constexpr const char* kReason =
           "must be a list of \"vi\" and/or \"en\", e.g. [\"vi\", \"en\"]";
       const auto* array = n.as_array();
       if (!array || array->empty()) return kReason;
       std::vector<content::Lang> langs;
       for (const auto& item : *array) {
         const auto* s = item.as_string();
         const auto lang = s ? content::parse_lang(s->get()) : std::nullopt;
         if (!lang) return kReason;
         if (std::find(langs.begin(), langs.end(), *lang) != langs.end()) {
           return "names \"" + std::string(content::to_string(*lang)) + "\" twice";
         }
         langs.push_back(*lang);
       }
       c.languages = langs;
       return {};
     }},
    {"language", "default",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       const auto* s = n.as_string();
       const auto lang = s ? content::parse_lang(s->get()) : std::nullopt;
       if (!lang) return "must be \"vi\" or \"en\"";
       c.default_lang = *lang;
       return {};
     }},
    {"staff", "pin_hash",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (!v.empty() && !looks_like_pin_hash(v)) {
         return "is not a PIN hash: paste the whole line printed by \"kioskctl pin-hash\" "
                "(it starts with $argon2id$), or leave it empty for no staff panel";
       }
       c.staff_pin_hash = v;
       return {};
     }},
    {"printer", "enabled",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       const auto* b = n.as_boolean();
       if (!b) return "must be true or false, without quotes";
       c.printer_enabled = b->get();
       return {};
     }},
    {"printer", "device",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       std::string v;
       if (auto why = read_text(n, v); !why.empty()) return why;
       if (v.size() > 4096) return "is too long";
       c.printer_device = v;
       return {};
     }},
    {"storage", "data_dir",
     [](const toml::node& n, KioskConfig& c) -> std::string {
       return read_path(n, c.data_dir, false);
     }},
};

std::string known_tables() {
  std::string list;
  std::string_view last;
  for (const auto& s : kSettings) {
    if (s.table == last) continue;
    if (!list.empty()) list += ", ";
    list += "[" + std::string(s.table) + "]";
    last = s.table;
  }
  return list;
}

std::string keys_of(std::string_view table) {
  std::string list;
  for (const auto& s : kSettings) {
    if (s.table != table) continue;
    if (!list.empty()) list += ", ";
    list += s.key;
  }
  return list;
}

bool is_table(std::string_view name) {
  return std::any_of(std::begin(kSettings), std::end(kSettings),
                     [&](const Setting& s) { return s.table == name; });
}

const Setting* find_setting(std::string_view table, std::string_view key) {
  for (const auto& s : kSettings) {
    if (s.table == table && s.key == key) return &s;
  }
  return nullptr;
}

class Problems {
 public:
  explicit Problems(std::string_view name) : name_(name) {}
  // `line` 0: the setting is missing, so it has no line.
  void add(std::uint32_t line, std::string_view field, std::string_view reason) {
    std::string p = name_;
    if (line > 0) p += ":" + std::to_string(line);
    p += ": ";
    p += field;
    p += ": ";
    p += reason;
    lines_.emplace_back(line, std::move(p));
  }
  bool empty() const { return lines_.empty(); }
  // In the order of the file; missing settings last.
  content::Error error() const {
    auto sorted = lines_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return (a.first == 0 ? UINT32_MAX : a.first) < (b.first == 0 ? UINT32_MAX : b.first);
    });
    std::string all;
    for (const auto& [line, text] : sorted) {
      if (!all.empty()) all += "\n";
      all += text;
    }
    return content::Error{all};
  }

 private:
  std::string name_;
  std::vector<std::pair<std::uint32_t, std::string>> lines_;
};

std::uint32_t line_of(const toml::key& key, const toml::node& node) {
  const auto k = key.source().begin.line;
  return k > 0 ? k : node.source().begin.line;
}

std::string check_readable_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status))
    return "the file " + file.string() + " does not exist";
  if (!std::filesystem::is_regular_file(status)) return file.string() + " is not a regular file";
  std::ifstream in(file, std::ios::binary);
  if (!in) return "the file " + file.string() + " cannot be read (check its permissions)";
  return {};
}

}  // namespace

content::Result<KioskConfig> parse_config(std::string_view text, std::string_view name) {
  Problems problems(name);
  toml::table root;
  try {
    root = toml::parse(text, std::string(name));
  } catch (const toml::parse_error& e) {
    problems.add(e.source().begin.line, "TOML syntax", e.description());
    return problems.error();
  }

  KioskConfig config;
  std::map<std::string, std::uint32_t, std::less<>> lines;  // "table.key" -> line
  std::set<std::string, std::less<>> refused;
  std::uint32_t kiosk_table_line = 0;
  for (const auto& [table_key, table_node] : root) {
    const std::string table(table_key.str());
    const auto table_line = line_of(table_key, table_node);
    if (!is_table(table)) {
      problems.add(
          table_line, table,
          table_node.is_table()
              ? "unknown table; the tables are " + known_tables()
              : "unknown setting outside any table; settings go under one of " + known_tables());
      continue;
    }
    const auto* t = table_node.as_table();
    if (!t) {
      problems.add(table_line, table,
                   "must be a table: write [" + table + "] on a line of its own");
      continue;
    }
    if (table == "kiosk") kiosk_table_line = table_line;
    for (const auto& [key, node] : *t) {
      const std::string field = table + "." + std::string(key.str());
      const auto line = line_of(key, node);
      const Setting* setting = find_setting(table, key.str());
      if (!setting) {
        problems.add(line, field, "unknown setting; [" + table + "] has " + keys_of(table));
        continue;
      }
      lines[field] = line;
      if (auto why = setting->apply(node, config); !why.empty()) {
        problems.add(line, field, why);
        refused.insert(field);
      }
    }
  }

  // Rules across settings. A setting already refused above is not judged again.
  const auto line = [&](std::string_view field) {
    const auto it = lines.find(field);
    return it == lines.end() ? 0u : it->second;
  };
  if (!lines.count("kiosk.id")) {
    problems.add(kiosk_table_line, "kiosk.id",
                 "is required: a name for this kiosk, e.g. id = \"hq-lobby-1\"");
  }
  if (!config.server_url.empty() && !refused.count("server.trust")) {
    if (!lines.count("server.trust")) {
      problems.add(line("server.url"), "server.trust",
                   "is required when server.url is set: the department's public key file, e.g. "
                   "trust = \"/etc/customs-kiosk/signing.pub\"");
    } else if (!config.trust.empty()) {
      if (auto why = check_readable_file(config.trust); !why.empty()) {
        problems.add(line("server.trust"), "server.trust", why);
      }
    } else {
      problems.add(line("server.trust"), "server.trust",
                   "must not be empty when server.url is set");
    }
  }
  if (!refused.count("language.default") &&
      std::find(config.languages.begin(), config.languages.end(), config.default_lang) ==
          config.languages.end()) {
    const auto at =
        line("language.default") ? line("language.default") : line("language.available");
    problems.add(at, "language.default",
                 "\"" + std::string(content::to_string(config.default_lang)) +
                     "\" is not in language.available");
  }

  if (!problems.empty()) return problems.error();
  return config;
}

content::Result<KioskConfig> load_config(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return content::Error{name + ": cannot read: the file does not exist"};
  }
  if (!std::filesystem::is_regular_file(status)) {
    return content::Error{name + ": cannot read: not a regular file"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return content::Error{name + ": cannot read: permission denied or I/O error"};
  std::string text(kMaxFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return content::Error{name + ": cannot read: I/O error"};
  if (text.size() > kMaxFileBytes) return content::Error{name + ": cannot read: larger than 1 MiB"};
  return parse_config(text, name);
}

std::vector<std::string> config_setting_names() {
  std::vector<std::string> names;
  for (const auto& s : kSettings) names.push_back(std::string(s.table) + "." + std::string(s.key));
  return names;
}

bool looks_like_pin_hash(std::string_view h) {
  // crypto_pwhash_STRBYTES (128) includes the terminating NUL.
  if (h.size() >= 128) return false;
  if (h.starts_with("$argon2id$")) {
    h.remove_prefix(10);
  } else if (h.starts_with("$argon2i$")) {
    h.remove_prefix(9);
  } else {
    return false;
  }
  const auto take = [&](std::string_view literal) {
    if (!h.starts_with(literal)) return false;
    h.remove_prefix(literal.size());
    return true;
  };
  const auto digits = [&] {
    std::size_t n = 0;
    while (n < h.size() && n < 10 && h[n] >= '0' && h[n] <= '9') ++n;
    h.remove_prefix(n);
    return n > 0;
  };
  const auto base64 = [&](std::size_t min) {
    std::size_t n = 0;
    while (n < h.size() && is_base64_char(h[n])) ++n;
    h.remove_prefix(n);
    return n >= min;
  };
  return take("v=19$m=") && digits() && take(",t=") && digits() && take(",p=") && digits() &&
         take("$") && base64(11) && take("$") && base64(22) && h.empty();
}

std::string_view to_string(Orientation orientation) {
  switch (orientation) {
    case Orientation::landscape:
      return "landscape";
    case Orientation::portrait:
      return "portrait";
    case Orientation::automatic:
      return "auto";
  }
  return "landscape";
}

std::string_view to_string(Theme theme) {
  return theme == Theme::high_contrast ? "high-contrast" : "standard";
}

}  // namespace kiosk
