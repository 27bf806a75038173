// The header every screen shares: the office name (five taps open the staff
// panel), the clock, Back, Home, text size, contrast and the languages.
#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include "kiosk_app.hpp"
#include "theme.hpp"
#include "ui.hpp"

// The office name and the clock on the left; Back, Home, the text size, the
// contrast and the languages on the right. Buttons are as wide as their
// longest word; when they leave the name too little room (portrait), the
// header takes two rows: the name, then the buttons.
void App::draw_header() {
  const auto& c = theme::current();
  const auto& sz = theme::sizes();
  ImGuiIO& io = ImGui::GetIO();
  ImFont* body = theme::font(theme::FontRole::body);
  const float button_h = std::max(sz.min_target, 2 * body->FontSize + 24);

  struct HeaderButton {
    const char* id;
    std::string label;
    bool on;
    int action;
  };
  enum { kEn, kVi, kContrast, kLarge, kHome, kBack };
  std::vector<HeaderButton> buttons;  // right to left
  const auto offers = [&](content::Lang lang) {
    return std::find(options_.languages.begin(), options_.languages.end(), lang) !=
           options_.languages.end();
  };
  if (options_.languages.size() > 1 && offers(content::Lang::en))
    buttons.push_back({"lang-en", "EN", session.lang == content::Lang::en, kEn});
  if (options_.languages.size() > 1 && offers(content::Lang::vi))
    buttons.push_back({"lang-vi", "VI", session.lang == content::Lang::vi, kVi});
  buttons.push_back({"contrast", t("header.contrast"), theme::high_contrast(), kContrast});
  buttons.push_back({"large-text", t("header.large_text"), session.large_text, kLarge});
  if (session.nav.current().screen != kiosk::ScreenId::home) {
    buttons.push_back({"home", t("header.home"), false, kHome});
    buttons.push_back({"back", t("header.back"), false, kBack});
  }
  std::vector<float> widths;
  float buttons_w = 0;
  for (const auto& b : buttons) {
    const float w = std::max(110.0f, ui::widest_word(body, body->FontSize, b.label) + 2 * 12 + 16);
    widths.push_back(w);
    buttons_w += w + 14;
  }

  // A screen too narrow for them all (a small portrait panel with large
  // text): the buttons share the row equally, their labels in a smaller font.
  const float room = io.DisplaySize.x - 2 * sz.padding + 14;
  if (buttons_w > room && !buttons.empty()) {
    const float each = room / static_cast<float>(buttons.size()) - 14;
    for (float& w : widths) w = each;
    buttons_w = room;
  }
  const std::string& name = office_name();
  const float display_w = io.DisplaySize.x;
  const bool two_rows = display_w - 2 * sz.padding - buttons_w < 420;
  const float name_w =
      two_rows ? display_w - 2 * sz.padding : display_w - 2 * sz.padding - buttons_w;
  ImFont* small = theme::font(theme::FontRole::small);
  ImFont* bold = theme::font(theme::FontRole::body_bold);
  // The name on one line in bold, else in the small font on up to two.
  ImFont* name_font =
      ui::fits(bold, bold->FontSize, name, name_w, bold->FontSize * 1.4f) ? bold : small;
  const float name_h = ui::text_size(name_font, name_font->FontSize, name, name_w).y;
  const float clock_h = small->FontSize * 1.2f;
  const float text_h = name_h + 4 + clock_h;
  const float row1_h =
      std::max(two_rows ? 0.0f : std::max(sz.header_height, button_h + 28), text_h + 28);
  header_h_ = two_rows ? row1_h + button_h + 14 : row1_h;

  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(display_w, header_h_), c.primary);
  const float button_y = two_rows ? row1_h : (header_h_ - button_h) / 2;
  float x = display_w - sz.padding;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const auto& b = buttons[i];
    x -= widths[i];
    ImGui::SetCursorPos(ImVec2(x, button_y));
    x -= 14;
    const ui::Tone tone = b.on ? ui::Tone::accent : ui::Tone::quiet;
    if (!ui::button(b.id, b.label, ImVec2(widths[i], button_h), tone)) continue;
    switch (b.action) {
      case kEn:
        set_lang(content::Lang::en);
        break;
      case kVi:
        set_lang(content::Lang::vi);
        break;
      case kContrast:  // after this frame, which is drawn in one palette throughout
        toggle_contrast_ = true;
        break;
      case kLarge:
        set_large_text(!session.large_text);
        break;
      case kHome:
        home();
        break;
      case kBack:
        back();
        break;
      default:
        break;
    }
  }
  // Five quick taps on the name open the staff panel. Drawn after the buttons
  // so it never covers one.
  ImGui::SetCursorPos(ImVec2(sz.padding, 0));
  ImGui::PushID("office-name");
  if (ImGui::InvisibleButton("##o", ImVec2(name_w, row1_h))) staff_gesture_tap();
  ui::registry().add("office-name", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  ImGui::PopID();
  const float top = std::max(8.0f, (row1_h - text_h) / 2);
  ui::text_in_box("office-name", name_font, name_font->FontSize, name, ImVec2(sz.padding, top),
                  ImVec2(sz.padding + name_w, top + name_h + 1), c.text_on_colour, c.primary);
  const std::tm tm = local_time();
  char clock[32];
  std::strftime(clock, sizeof clock, "%H:%M   %d/%m/%Y", &tm);
  const float clock_top = top + name_h + 4;
  ui::text_in_box("clock", small, small->FontSize, clock, ImVec2(sz.padding, clock_top),
                  ImVec2(sz.padding + name_w, std::min(header_h_, clock_top + clock_h)),
                  c.text_on_colour_soft, c.primary);
}

// Read from the store once per language and content, not once per frame.
const std::string& App::office_name() {
  if (office_name_lang_ == session.lang && !office_name_.empty()) return office_name_;
  office_name_ = t("app.name");
  if (const auto office = store_->office(session.lang)) office_name_ = office->name;
  office_name_lang_ = session.lang;
  return office_name_;
}
