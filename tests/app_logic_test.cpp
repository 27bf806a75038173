// The touch app's logic without a window: navigation, the idle reset, the
// feedback debounce, the PIN throttle and the string catalogues.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/catalog.hpp"
#include "kiosk/gates.hpp"
#include "kiosk/idle_timer.hpp"
#include "kiosk/session.hpp"
#include "support.hpp"

using kiosk::Route;
using kiosk::ScreenId;

TEST_CASE("navigation: go, back, home; Home is always at the bottom") {
  kiosk::Navigator nav;
  CHECK(nav.current().screen == ScreenId::home);
  nav.back();
  CHECK(nav.depth() == 1);
  nav.go({ScreenId::categories, "documents"});
  nav.go({ScreenId::documents, "cat-thue"});
  nav.go({ScreenId::document, "doc-1"});
  nav.go({ScreenId::document, "doc-1"});  // a second tap does not stack the same screen
  CHECK(nav.depth() == 4);
  nav.back();
  CHECK(nav.current() == Route{ScreenId::documents, "cat-thue"});
  nav.go({ScreenId::home, {}});
  CHECK(nav.depth() == 1);
  CHECK(nav.current().screen == ScreenId::home);
}

TEST_CASE("idle reset: asked after the timeout, reset after the countdown") {
  kiosk::IdleTimer idle(60, 15, 1000);
  CHECK(idle.phase(1059.9) == kiosk::IdleTimer::Phase::active);
  CHECK(idle.next_change(1000) == doctest::Approx(60));
  CHECK(idle.phase(1060) == kiosk::IdleTimer::Phase::asking);
  CHECK(idle.seconds_left(1060) == 15);
  CHECK(idle.seconds_left(1070.5) == 5);
  idle.touch(1070);  // "I am still here"
  CHECK(idle.phase(1100) == kiosk::IdleTimer::Phase::active);
  CHECK(idle.phase(1145) == kiosk::IdleTimer::Phase::expired);
}

TEST_CASE("idle reset clears everything a visitor left") {
  kiosk::VisitorSession s;
  s.lang = content::Lang::en;
  s.nav.go({ScreenId::search, {}});
  s.search_input.press_keys("haiar quan");
  s.comment_input.press_keys("phucj vuj toots");
  s.expanded_faq = "faq-x";
  s.ticket = kiosk::ShownTicket{"A-001", "Tiếp nhận", "07:30"};
  s.feedback.rating = 2;
  s.feedback.service_id = "svc-a";
  s.staff_pin = "12";
  s.large_text = true;
  s.keyboard_vietnamese = false;
  s.reset(content::Lang::vi);
  CHECK(s.lang == content::Lang::vi);
  CHECK(s.nav.depth() == 1);
  CHECK(s.search_input.text().empty());
  CHECK(s.comment_input.text().empty());
  CHECK(s.expanded_faq.empty());
  CHECK_FALSE(s.ticket.has_value());
  CHECK(s.feedback.rating == 0);
  CHECK(s.feedback.service_id.empty());
  CHECK(s.staff_pin.empty());
  CHECK_FALSE(s.large_text);
  CHECK(s.keyboard_vietnamese);
  // An English kiosk's next visitor gets the English keyboard.
  s.keyboard_vietnamese = true;
  s.reset(content::Lang::en);
  CHECK_FALSE(s.keyboard_vietnamese);
  // A kiosk set to large text (--large-text) is untouched with large text.
  CHECK(s.untouched(content::Lang::en));
  s.large_text = true;
  CHECK_FALSE(s.untouched(content::Lang::en));
  CHECK(s.untouched(content::Lang::en, true));
  // And backspace cannot bring the previous visitor's text back.
  s.search_input.backspace();
  CHECK(s.search_input.text().empty());
}

TEST_CASE("feedback debounce: a second tap within the window does not count") {
  kiosk::Debounce gate(4.0);
  CHECK(gate.accept(10.0));
  CHECK_FALSE(gate.accept(10.3));
  CHECK_FALSE(gate.accept(13.9));
  CHECK(gate.accept(14.1));
  gate.reset();
  CHECK(gate.accept(14.2));
}

TEST_CASE("staff PIN: growing delays after wrong attempts") {
  kiosk::PinThrottle t;
  CHECK(t.may_try(0));
  t.failed(100);
  CHECK_FALSE(t.may_try(100.5));
  CHECK(t.may_try(101));
  t.failed(101);
  CHECK(t.wait_s(101) == doctest::Approx(2));
  t.failed(103);
  CHECK(t.wait_s(103) == doctest::Approx(4));
  for (int i = 0; i < 20; ++i) t.failed(1000);
  CHECK(t.wait_s(1000) == doctest::Approx(300));  // capped at 5 minutes
  t.succeeded();
  CHECK(t.may_try(1000));
}

TEST_CASE("catalogues: both languages load with the same keys") {
  auto catalog = kiosk::Catalog::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/i18n");
  REQUIRE(catalog.ok());
  CHECK(catalog->size() > 50);
  CHECK(catalog->get(content::Lang::vi, "home.search") == "Tìm kiếm");
  CHECK(catalog->get(content::Lang::en, "home.search") == "Search");
  CHECK(catalog->get(content::Lang::en, "no.such.key") == "no.such.key");
}

TEST_CASE("catalogues: every string the app asks for exists") {
  auto catalog = kiosk::Catalog::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "assets/i18n");
  REQUIRE(catalog.ok());
  const std::regex key_use(R"re(\bt\("([a-z_]+\.[a-z_]+)"\))re");
  const std::regex key_literal(R"re("((?:home|feedback)\.[a-z_]+)")re");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(KIOSK_SOURCE_DIR) / "kiosk/app")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), key_use), end; it != end; ++it) {
      used.insert((*it)[1]);
    }
    for (std::sregex_iterator it(s.begin(), s.end(), key_literal), end; it != end; ++it) {
      used.insert((*it)[1]);
    }
  }
  CHECK(used.size() > 40);
  for (const auto& key : used) {
    CAPTURE(key);
    CHECK(catalog->get(content::Lang::vi, key) != key);
    CHECK(catalog->get(content::Lang::en, key) != key);
  }
}
