// What one visitor did: where they are, what they typed, their ticket and
// feedback. Everything here is cleared by reset() when they leave (idle
// reset), so nothing of one visitor is shown to the next.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/types.hpp"
#include "kiosk/telex.hpp"

namespace kiosk {

enum class ScreenId {
  home,
  categories,  // the list of categories, for regulations or FAQs
  documents,   // the documents of one category
  document,    // one document
  faqs,        // the FAQs of one category
  search,
  ticket,
  feedback,
  office,
  staff,
};

const char* to_string(ScreenId id);

struct Route {
  ScreenId screen = ScreenId::home;
  std::string id;  // category id (documents, faqs) or document id
  bool operator==(const Route&) const = default;
};

// A stack of screens with Home at the bottom.
class Navigator {
 public:
  const Route& current() const { return stack_.back(); }
  std::size_t depth() const { return stack_.size(); }
  void go(Route route);  // pushes; going to Home clears the stack
  void back();           // pops; stays on Home
  void home() { stack_.assign(1, Route{}); }

 private:
  std::vector<Route> stack_{Route{}};
};

// The ticket shown after "Take a number".
struct ShownTicket {
  std::string number;  // "A-015"
  std::string service_name;
  std::string issued_at;  // local, "HH:MM dd/mm/yyyy"
};

// A tap on a face chooses the rating (shown as chosen); a service and a
// comment may follow; Send stores it. Leaving without Send stores the rating
// and service alone (App::leaving_screen).
struct FeedbackForm {
  int rating = 0;  // 0 none, 1 very satisfied .. 4 very unsatisfied
  std::string service_id;
  bool thanked = false;
  bool writing_comment = false;  // the keyboard is up for the comment
};

struct VisitorSession {
  content::Lang lang = content::Lang::vi;
  Navigator nav;
  TelexComposer search_input;
  TelexComposer comment_input;
  bool keyboard_vietnamese = true;  // Telex; follows the visitor's language
  bool keyboard_digits = false;     // the on-screen keyboard shows digits
  bool keyboard_hidden = false;     // put away to see more results
  float text_scale = 1.0f;          // the document reader's A-/A+
  bool ticket_failed = false;       // the last "take a number" failed
  bool feedback_failed = false;     // the last feedback could not be stored
  std::string expanded_faq;         // id of the open answer
  std::optional<ShownTicket> ticket;
  FeedbackForm feedback;
  bool large_text = false;
  bool high_contrast = false;
  std::string staff_pin;  // digits typed on the staff PIN pad

  // Back to a new visitor: Home, the default language, nothing typed.
  void reset(content::Lang default_lang);
  // True when nothing distinguishes this session from a fresh one: an empty
  // kiosk need not ask "still there?".
  bool untouched(content::Lang default_lang, bool default_large_text = false) const;
};

}  // namespace kiosk
