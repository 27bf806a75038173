#include "content/types.hpp"

#include <array>

namespace content {
namespace {
constexpr std::array<std::string_view, 7> kTypeNames = {
    "category", "document", "faq", "service", "announcement", "office", "glossary"};
}

std::string_view to_string(Lang lang) { return lang == Lang::vi ? "vi" : "en"; }

std::optional<Lang> parse_lang(std::string_view text) {
  if (text == "vi") return Lang::vi;
  if (text == "en") return Lang::en;
  return std::nullopt;
}

Lang other(Lang lang) { return lang == Lang::vi ? Lang::en : Lang::vi; }

std::string_view to_string(ItemType type) { return kTypeNames[static_cast<std::size_t>(type)]; }

std::optional<ItemType> parse_item_type(std::string_view text) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == text) return static_cast<ItemType>(i);
  }
  return std::nullopt;
}

bool Document::expired_on(std::string_view today) const {
  return !expires.empty() && today > std::string_view(expires);
}

}  // namespace content
