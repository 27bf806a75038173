// Home: announcements and the six big tiles.
#include "common.hpp"
#include "markdown_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void home(App& app) {
  const auto& c = theme::current();
  const auto announcements = app.store().announcements_at(app.local_minute(), app.lang());
  const bool portrait = screens::portrait();
  const float width = avail_w();
  const float gap = theme::sizes().gap;
  float tiles_top = 0;
  if (!announcements.empty()) {
    // At most 30 % of the screen (a 1280×800 panel keeps room for the tiles).
    const float panel_h = std::min({portrait ? 600.0f : 300.0f, 0.3f * avail_h(),
                                    90.0f + 110.0f * static_cast<float>(announcements.size())});
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(c.warning_bg));
    ui::begin_scroll("announcements", ImVec2(width, panel_h));
    ImGui::SetCursorPos(ImVec2(24, 16));
    ImGui::BeginGroup();
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.warning_text), "%s",
                       app.t("home.announcements").c_str());
    ImGui::PopFont();
    // All of it in the announcement's own ink: the theme's text colour is
    // white in high contrast, unreadable on the yellow.
    ImGui::PushTextWrapPos(width - 48);
    // Tables in an announcement sit on its colour, ruled in its ink.
    const ImVec4 ink = ImGui::ColorConvertU32ToFloat4(c.warning_text);
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ink);
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ink);
    for (const auto& a : announcements) {
      ImGui::PushFont(theme::font(theme::FontRole::body_bold));
      ui::wrapped_coloured(a.title, c.warning_text, c.warning_bg);
      ImGui::PopFont();
      ImGui::PushFont(theme::font(theme::FontRole::small));
      ImGui::PushItemWidth(width - 48);
      markdown::draw(
          app.markdown("ann:" + a.id + std::string(content::to_string(a.lang)), a.body_markdown),
          0.8f, c.warning_text, c.warning_bg);
      ImGui::PopItemWidth();
      ImGui::PopFont();
    }
    ImGui::PopStyleColor(5);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ui::end_scroll();
    ImGui::PopStyleColor();
    tiles_top = panel_h + gap;
  }
  ImGui::SetCursorPosY(tiles_top);
  // Three across in landscape, two across on a portrait screen.
  const int columns = portrait ? 2 : 3;
  const int rows = 6 / columns;
  const float tile_w =
      (width - static_cast<float>(columns - 1) * gap) / static_cast<float>(columns);
  const float tile_h = (avail_h() - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows);
  struct Tile {
    const char* id;
    const char* label;
    const char* detail;
    kiosk::Route route;
  };
  const Tile tiles[] = {
      {"tile-regulations",
       "home.regulations",
       "home.regulations_detail",
       {kiosk::ScreenId::categories, "documents"}},
      {"tile-faq", "home.faq", "home.faq_detail", {kiosk::ScreenId::categories, "faqs"}},
      {"tile-search", "home.search", "home.search_detail", {kiosk::ScreenId::search, {}}},
      {"tile-ticket", "home.ticket", "home.ticket_detail", {kiosk::ScreenId::ticket, {}}},
      {"tile-feedback", "home.feedback", "home.feedback_detail", {kiosk::ScreenId::feedback, {}}},
      {"tile-office", "home.office", "home.office_detail", {kiosk::ScreenId::office, {}}},
  };
  for (int i = 0; i < 6; ++i) {
    if (i % columns != 0) ImGui::SameLine(0, gap);
    if (ui::tile(tiles[i].id, app.t(tiles[i].label), app.t(tiles[i].detail), ImVec2(tile_w, tile_h),
                 c.tiles[i])) {
      app.go(tiles[i].route);
    }
  }
}

}  // namespace screens
