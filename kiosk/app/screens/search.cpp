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

// Nothing found: a hint on the spelling, a number for a counter where staff
// can answer, and the FAQ subjects.
void nothing_found(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  ImGui::PushFont(theme::font(theme::FontRole::heading));
  ui::wrapped(app.t("search.nothing"));
  ImGui::PopFont();
  const ImVec2 hint_at = ImGui::GetCursorScreenPos();
  ui::wrapped_coloured(app.t("search.check_spelling"), c.text_soft);
  ui::registry().add("search-spelling-hint", hint_at, ImGui::GetItemRectMax());
  ImGui::Dummy(ImVec2(1, gap / 2));

  const float width = avail_w() - 20;  // room for the scroll bar
  const auto services = app.store().services(app.lang());
  if (!services.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ui::wrapped(app.t("search.ask_counter"));
    ImGui::PopFont();
    std::vector<GridButton> buttons;
    for (const auto& s : services) {
      buttons.push_back(
          {"search-ticket-" + s.id, app.t("search.take_number") + " " + s.prefix + " — " + s.name});
    }
    if (const int pressed = button_grid(buttons, width); pressed >= 0) {
      (void)app.take_ticket(services[pressed]);  // on failure the ticket screen says so
      app.go({kiosk::ScreenId::ticket, {}});
    }
    ImGui::Dummy(ImVec2(1, gap / 2));
  }
  std::vector<content::Category> subjects;
  for (auto& cat : app.store().categories(app.lang())) {
    if (cat.faq_count > 0) subjects.push_back(std::move(cat));
  }
  if (!subjects.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ui::wrapped(app.t("search.try_faq"));
    ImGui::PopFont();
    std::vector<GridButton> buttons;
    for (const auto& cat : subjects) buttons.push_back({"search-cat-" + cat.id, cat.title});
    if (const int pressed = button_grid(buttons, width); pressed >= 0) {
      app.session.expanded_faq.clear();  // a subject opens with its answers closed
      app.go({kiosk::ScreenId::faqs, subjects[pressed].id});
    }
  }
}

}  // namespace

void search(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  const float w = avail_w();
  auto& session = app.session;

  // The input line; a tap on it brings the keyboard back.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float input_h = 96;
  auto* dl = ImGui::GetWindowDrawList();
  if (ui::button("search-input", "", ImVec2(w, input_h))) session.keyboard_hidden = false;
  dl->AddRect(at, ImVec2(at.x + w, at.y + input_h), c.primary, 12, 0, 3);
  const std::string& text = session.search_input.text();
  ImFont* big = theme::font(theme::FontRole::heading);
  const std::string shown = text.empty() ? app.t("search.placeholder") : text + "|";
  // The end of a long query stays in view.
  const float room = w - 56;
  const float shown_w = ui::text_size(big, big->FontSize, shown, 0).x;
  dl->PushClipRect(ImVec2(at.x + 20, at.y), ImVec2(at.x + w - 20, at.y + input_h), true);
  dl->AddText(
      big, big->FontSize,
      ImVec2(at.x + 28 - std::max(0.0f, shown_w - room), at.y + (input_h - big->FontSize) / 2),
      text.empty() ? c.text_soft : c.text, shown.c_str());
  dl->PopClipRect();

  const float keyboard_h = keyboard_height(app);
  const float results_h = std::max(theme::sizes().min_target, avail_h() - keyboard_h - gap);
  const auto& hits = app.search_results();
  ui::begin_scroll("search-results", ImVec2(w, results_h));
  if (text.empty()) {
    ui::wrapped_coloured(app.t("search.hint"), c.text_soft);
  } else if (app.search_error()) {
    ui::wrapped_coloured(app.t("search.failed"), c.danger);
  } else if (hits.empty()) {
    nothing_found(app);
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
  // Dragging the results means reading them: the keyboard makes way.
  if (ui::press_claimed_by_scroll() && ImGui::GetIO().MouseDown[0] &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                             ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
    session.keyboard_hidden = true;
  }
  ui::end_scroll();
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - keyboard_h);
  draw_keyboard(app, session.search_input, kMaxSearchBytes);
}

}  // namespace screens
