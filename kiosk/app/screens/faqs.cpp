// The FAQs of one category: questions; a tap opens the answer.
#include "common.hpp"
#include "markdown_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void faqs(App& app) {
  const std::string& category = app.session.nav.current().id;
  for (const auto& c : app.store().categories(app.lang())) {
    if (c.id == category) title(c.title);
  }
  const auto list = app.store().faqs_with_answers_in(category, app.lang());
  const auto& c = theme::current();
  ui::begin_scroll("faqs", ImVec2(0, 0));
  const float w = avail_w() - 20;
  for (const auto& f : list) {
    const bool open = app.session.expanded_faq == f.id;
    const std::string label = (open ? "–  " : "+  ") + f.question;
    if (ui::row(("faq-" + f.id).c_str(), label, ImVec2(w, 110),
                open ? ui::Tone::primary : ui::Tone::normal)) {
      app.session.expanded_faq = open ? std::string() : f.id;
    }
    if (open) {
      const ImVec2 answer_top = ImGui::GetCursorScreenPos();
      ImGui::Indent(32);
      other_language_marker(app, f.lang);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c.text));
      markdown::draw(
          app.markdown("faq:" + f.id + std::string(content::to_string(f.lang)), f.answer_markdown));
      ImGui::PopStyleColor();
      ImGui::Unindent(32);
      ImGui::Dummy(ImVec2(1, 12));
      ui::registry().add("faq-answer-" + f.id, answer_top,
                         ImVec2(answer_top.x + w, ImGui::GetCursorScreenPos().y));
    }
  }
  ui::end_scroll();
}

}  // namespace screens
