// The UI's strings in Vietnamese and English, from assets/i18n/{vi,en}.toml.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "content/types.hpp"

namespace kiosk {

class Catalog {
 public:
  // Loads both catalogues; refuses a file that is not valid TOML or whose
  // values are not strings, and a key present in one language only.
  static content::Result<Catalog> load(const std::filesystem::path& dir);

  // The string for `key`; the key itself when missing (never empty, so a
  // missing string is visible rather than a blank button).
  const std::string& get(content::Lang lang, std::string_view key) const;
  // Every value of both languages: what the fonts must be able to draw.
  std::vector<std::string_view> all_values() const;
  std::size_t size() const { return vi_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> vi_, en_;
  mutable std::map<std::string, std::string, std::less<>> missing_;
};

}  // namespace kiosk
