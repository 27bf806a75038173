// Small pieces several screens share.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "keyboard.hpp"
#include "kiosk_app.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace screens {

// The screen's title in the large font.
inline void title(const std::string& text) {
  ImGui::PushFont(theme::font(theme::FontRole::title));
  ui::wrapped(text);
  ImGui::PopFont();
}

// "(in Vietnamese)" after content shown in the other language.
inline void other_language_marker(App& app, content::Lang shown) {
  if (shown == app.lang()) return;
  ImGui::PushFont(theme::font(theme::FontRole::small));
  ImGui::TextColored(
      ImGui::ColorConvertU32ToFloat4(theme::current().text_soft), "%s",
      app.t(shown == content::Lang::vi ? "common.only_vi" : "common.only_en").c_str());
  ImGui::PopFont();
}

// dd/mm/yyyy from YYYY-MM-DD, as Vietnamese readers write dates.
inline std::string display_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// The on-screen keyboard at the cursor, or, once put away, a bar that brings
// it back.
inline void draw_keyboard(App& app, kiosk::TelexComposer& input, std::size_t max_bytes) {
  auto& s = app.session;
  if (s.keyboard_hidden) {
    if (ui::button("keyboard-show", app.t("keyboard.show"),
                   ImVec2(ImGui::GetContentRegionAvail().x, theme::sizes().min_target),
                   ui::Tone::quiet)) {
      s.keyboard_hidden = false;
    }
    return;
  }
  keyboard::draw("kb", input, {s.keyboard_vietnamese, s.keyboard_digits, s.keyboard_hidden},
                 {app.t("keyboard.clear").c_str(), app.t("keyboard.backspace").c_str(),
                  app.t("keyboard.hide").c_str()},
                 max_bytes);
}

// The keyboard's height as draw_keyboard() draws it.
inline float keyboard_height(const App& app) {
  return app.session.keyboard_hidden ? theme::sizes().min_target
                                     : keyboard::height(app.session.keyboard_vietnamese);
}

// A screen taller than it is wide.
inline bool portrait() { return ImGui::GetIO().DisplaySize.y > ImGui::GetIO().DisplaySize.x; }

// One button of a grid.
struct GridButton {
  std::string id, label;
  ui::Tone tone = ui::Tone::normal;
};

// Buttons across `width`, three a row in landscape and two in portrait, each
// row as tall as its longest label needs. Returns the index pressed, or -1.
inline int button_grid(const std::vector<GridButton>& buttons, float width) {
  const float gap = theme::sizes().gap;
  const std::size_t columns = portrait() ? 2 : 3;
  const float bw = (width - static_cast<float>(columns - 1) * gap) / static_cast<float>(columns);
  int pressed = -1;
  for (std::size_t i = 0; i < buttons.size(); i += columns) {
    const std::size_t end = std::min(buttons.size(), i + columns);
    float row_h = theme::sizes().min_target;
    for (std::size_t j = i; j < end; ++j) row_h = ui::button_height(buttons[j].label, bw, row_h);
    for (std::size_t j = i; j < end; ++j) {
      if (j > i) ImGui::SameLine(0, gap);
      if (ui::button(buttons[j].id.c_str(), buttons[j].label, ImVec2(bw, row_h), buttons[j].tone)) {
        pressed = static_cast<int>(j);
      }
    }
  }
  return pressed;
}

inline float avail_w() { return ImGui::GetContentRegionAvail().x; }
inline float avail_h() { return ImGui::GetContentRegionAvail().y; }

}  // namespace screens
