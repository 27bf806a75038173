#include "kiosk/session.hpp"

namespace kiosk {

const char* to_string(ScreenId id) {
  switch (id) {
    case ScreenId::home:
      return "home";
    case ScreenId::categories:
      return "categories";
    case ScreenId::documents:
      return "documents";
    case ScreenId::document:
      return "document";
    case ScreenId::faqs:
      return "faqs";
    case ScreenId::search:
      return "search";
    case ScreenId::ticket:
      return "ticket";
    case ScreenId::feedback:
      return "feedback";
    case ScreenId::office:
      return "office";
    case ScreenId::staff:
      return "staff";
  }
  return "?";
}

void Navigator::go(Route route) {
  if (route.screen == ScreenId::home) {
    home();
    return;
  }
  if (current() == route) return;
  stack_.push_back(std::move(route));
}

void Navigator::back() {
  if (stack_.size() > 1) stack_.pop_back();
}

bool VisitorSession::untouched(content::Lang default_lang, bool default_large_text) const {
  return lang == default_lang && nav.depth() == 1 && search_input.text().empty() &&
         comment_input.text().empty() && !ticket && feedback.rating == 0 &&
         feedback.service_id.empty() && large_text == default_large_text && !high_contrast &&
         staff_pin.empty();
}

void VisitorSession::reset(content::Lang default_lang) {
  *this = VisitorSession{};
  lang = default_lang;
  keyboard_vietnamese = default_lang == content::Lang::vi;
}

}  // namespace kiosk
