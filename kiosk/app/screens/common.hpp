// Small pieces several screens share.
#pragma once

#include <imgui.h>

#include <string>

#include "kiosk_app.hpp"
#include "theme.hpp"

namespace screens {

// The screen's title in the large font.
inline void title(const std::string& text) {
  ImGui::PushFont(theme::font(theme::FontRole::title));
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
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

inline float avail_w() { return ImGui::GetContentRegionAvail().x; }
inline float avail_h() { return ImGui::GetContentRegionAvail().y; }

}  // namespace screens
