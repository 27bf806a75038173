#include "kiosk/catalog.hpp"

#include <toml++/toml.h>

#include <functional>

#include "content/text.hpp"

namespace kiosk {
namespace {

content::Status load_file(const std::filesystem::path& file,
                          std::map<std::string, std::string, std::less<>>& out) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return content::Error{file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                          std::string(e.description())};
  }
  content::Status status;
  // Keys may be grouped in tables: [home] tile_faq = "..." gives "home.tile_faq".
  std::function<void(const toml::table&, const std::string&)> walk =
      [&](const toml::table& t, const std::string& prefix) {
        for (const auto& [key, node] : t) {
          const std::string name = prefix + std::string(key.str());
          if (const auto* sub = node.as_table()) {
            walk(*sub, name + ".");
          } else if (const auto* s = node.as_string()) {
            out[name] = content::text::to_nfc(s->get());
          } else if (status.ok()) {
            status = content::Error{file.string() + ":" + std::to_string(node.source().begin.line) +
                                    ": " + name + " must be a string"};
          }
        }
      };
  walk(table, "");
  return status;
}

}  // namespace

content::Result<Catalog> Catalog::load(const std::filesystem::path& dir) {
  Catalog c;
  if (auto s = load_file(dir / "vi.toml", c.vi_); !s) return s.error();
  if (auto s = load_file(dir / "en.toml", c.en_); !s) return s.error();
  for (const auto& [key, value] : c.vi_) {
    if (!c.en_.count(key)) return content::Error{"en.toml lacks \"" + key + "\""};
  }
  for (const auto& [key, value] : c.en_) {
    if (!c.vi_.count(key)) return content::Error{"vi.toml lacks \"" + key + "\""};
  }
  return c;
}

const std::string& Catalog::get(content::Lang lang, std::string_view key) const {
  const auto& table = lang == content::Lang::vi ? vi_ : en_;
  if (const auto it = table.find(key); it != table.end()) return it->second;
  auto [it, unused] = missing_.emplace(std::string(key), std::string(key));
  return it->second;
}

std::vector<std::string_view> Catalog::all_values() const {
  std::vector<std::string_view> values;
  for (const auto& [k, v] : vi_) values.push_back(v);
  for (const auto& [k, v] : en_) values.push_back(v);
  return values;
}

}  // namespace kiosk
