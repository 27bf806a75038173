// Search: results update as the visitor types on the on-screen keyboard;
// "nothing found" offers the FAQ categories instead.
#include "common.hpp"
#include "keyboard.hpp"
#include "markdown_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {
namespace {

// The catalogue key of the heading over hits from a fallback; null for none.
const char* found_heading_key(content::SearchSource source) {
  switch (source) {
    case content::SearchSource::typed:
      return nullptr;
    case content::SearchSource::keys:
      return "search.found_by_keys";
    case content::SearchSource::other_language:
      return "search.found_in_other_language";
    case content::SearchSource::keys_other_language:
      return "search.found_by_keys_in_other_language";
  }
  return nullptr;
}

}  // namespace

void search(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  const float w = avail_w();

  // The input line.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float input_h = 96;
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + input_h), c.surface, 12);
  dl->AddRect(at, ImVec2(at.x + w, at.y + input_h), c.primary, 12, 0, 3);
  const std::string& text = app.session.search_input.text();
  ImFont* big = theme::font(theme::FontRole::heading);
  const std::string shown = text.empty() ? app.t("search.placeholder") : text + "|";
  dl->AddText(big, big->FontSize, ImVec2(at.x + 28, at.y + (input_h - big->FontSize) / 2),
              text.empty() ? c.text_soft : c.text, shown.c_str());
  ImGui::Dummy(ImVec2(w, input_h));

  const float keyboard_h = keyboard::height();
  const float results_h = avail_h() - keyboard_h - gap;
  const auto& hits = app.search_results();
  ui::begin_scroll("search-results", ImVec2(w, results_h));
  if (text.empty()) {
    ui::wrapped_coloured(app.t("search.hint"), c.text_soft);
  } else if (app.search_error()) {
    ui::wrapped_coloured(app.t("search.failed"), c.danger);
  } else if (hits.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::heading));
    ui::wrapped(app.t("search.nothing"));
    ImGui::PopFont();
    ui::wrapped(app.t("search.try_faq"));
    const float bw = (avail_w() - gap - 20) / 2;
    int n = 0;
    for (const auto& cat : app.store().categories(app.lang())) {
      if (cat.faq_count == 0) continue;
      if (n++ % 2 == 1) ImGui::SameLine(0, gap);
      if (ui::button(("search-cat-" + cat.id).c_str(), cat.title, ImVec2(bw, 100))) {
        app.go({kiosk::ScreenId::faqs, cat.id});
      }
    }
  } else {
    // Found only by the keys as typed or in the other language: say so above
    // the hits (content/visitor_search.hpp).
    if (const char* key = found_heading_key(app.search_source())) {
      ImGui::PushFont(theme::font(theme::FontRole::heading));
      std::string heading = app.t(key);
      const bool by_keys = app.search_source() == content::SearchSource::keys ||
                           app.search_source() == content::SearchSource::keys_other_language;
      if (by_keys) heading += " \u201C" + app.session.search_input.keys() + "\u201D";
      ui::registry().add("search-fallback", ImGui::GetCursorScreenPos(),
                         ImVec2(ImGui::GetCursorScreenPos().x + avail_w(),
                                ImGui::GetCursorScreenPos().y + ImGui::GetFontSize()));
      ui::wrapped_coloured(heading, c.primary);
      ImGui::PopFont();
      ImGui::Dummy(ImVec2(w, gap / 2));
    }
    int i = 0;
    for (const auto& h : hits) {
      ImGui::PushID(i++);
      const ImVec2 top = ImGui::GetCursorScreenPos();
      const float row_w = avail_w() - 20;
      ImGui::BeginGroup();
      ImGui::Indent(20);
      ImGui::PushFont(theme::font(theme::FontRole::body_bold));
      std::string heading = h.number.empty() ? h.title : h.number + " — " + h.title;
      ImGui::PushTextWrapPos(top.x - ImGui::GetWindowPos().x + row_w - 20);
      ImGui::TextUnformatted(heading.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopFont();
      ImGui::PushFont(theme::font(theme::FontRole::small));
      ImGui::TextColored(
          ImGui::ColorConvertU32ToFloat4(c.accent), "%s",
          app.t(h.type == content::ItemType::faq ? "search.kind_faq" : "search.kind_document")
              .c_str());
      ImGui::PopFont();
      ImGui::PushItemWidth(row_w - 40);
      markdown::draw_spans(markdown::snippet_spans(h.snippet), 0.85f, c.text_soft);
      ImGui::PopItemWidth();
      ImGui::Unindent(20);
      ImGui::Dummy(ImVec2(row_w, 6));
      ImGui::EndGroup();
      const ImVec2 bottom = ImGui::GetItemRectMax();
      ImGui::SetCursorScreenPos(top);
      // The whole result is one big target.
      if (ImGui::InvisibleButton("hit", ImVec2(row_w, bottom.y - top.y)) &&
          !ui::press_claimed_by_scroll()) {
        if (h.type == content::ItemType::faq) {
          // Open the FAQ's category with its answer expanded.
          if (auto f = app.store().faq(h.id, app.lang())) {
            app.session.expanded_faq = f->id;
            app.go({kiosk::ScreenId::faqs, f->category_id});
          }
        } else {
          app.go({kiosk::ScreenId::document, h.id});
        }
      }
      ui::registry().add("result-" + std::to_string(i - 1), top, bottom);
      dl = ImGui::GetWindowDrawList();
      dl->AddLine(ImVec2(top.x, bottom.y + 4), ImVec2(top.x + row_w, bottom.y + 4), c.border, 1);
      ImGui::PopID();
    }
  }
  ui::end_scroll();
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - keyboard_h);
  keyboard::draw("kb", app.session.search_input, app.session.keyboard_digits,
                 app.session.keyboard_vietnamese, app.session.keyboard_vietnamese ? "VI" : "EN",
                 app.t("keyboard.clear").c_str(), app.t("keyboard.backspace").c_str(),
                 kMaxSearchBytes);
}

}  // namespace screens
