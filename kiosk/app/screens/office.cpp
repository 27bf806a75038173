// Office information: hours, address, phone, email.
#include "common.hpp"
#include "markdown_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void office(App& app) {
  const auto o = app.store().office(app.lang());
  if (!o) {
    title(app.t("office.title"));
    ui::wrapped(app.t("office.missing"));
    return;
  }
  const auto& c = theme::current();
  title(o->name);
  other_language_marker(app, o->lang);
  ui::begin_scroll("office", ImVec2(0, 0));
  auto row = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    ImGui::PushFont(theme::font(theme::FontRole::small));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_soft), "%s", app.t(key).c_str());
    ImGui::PopFont();
    ImGui::PushFont(theme::font(theme::FontRole::heading));
    ui::wrapped(value);
    ImGui::PopFont();
  };
  row("office.address", o->address);
  row("office.phone", o->phone);
  row("office.email", o->email);
  if (!o->hours.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::small));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_soft), "%s",
                       app.t("office.hours").c_str());
    ImGui::PopFont();
    for (const auto& h : o->hours) ui::wrapped(h);
  }
  ImGui::Dummy(ImVec2(1, 16));
  markdown::draw(
      app.markdown("office:" + std::string(content::to_string(o->lang)), o->info_markdown));
  ui::end_scroll();
}

}  // namespace screens
