// The document reader: metadata, an expiry banner, the text, a QR code of
// the source, and text size +/-.
#include <algorithm>

#include "common.hpp"
#include "markdown_view.hpp"
#include "qr_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {
void document(App& app) {
  const std::string& id = app.session.nav.current().id;
  const auto doc = app.store().document(id, app.lang());
  if (!doc) {
    ui::wrapped(app.t("document.missing"));
    return;
  }
  const auto& c = theme::current();
  const float side_w = 400;
  const float gap = theme::sizes().gap;
  const float body_w = avail_w() - side_w - gap;

  ImGui::BeginGroup();
  ui::begin_scroll("document-body", ImVec2(body_w, 0));
  ImGui::PushFont(theme::font(theme::FontRole::heading));
  ui::wrapped(doc->title);
  ImGui::PopFont();
  other_language_marker(app, doc->lang);
  if (doc->expired_on(app.today())) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = 84;
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + body_w - 24, at.y + h), c.danger,
                                              10);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 24, at.y + 22));
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_on_colour), "%s  %s",
                       app.t("document.expired").c_str(), display_date(doc->expires).c_str());
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + h + 12));
  }
  if (!doc->summary.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::body_italic));
    ui::wrapped(doc->summary);
    ImGui::PopFont();
  }
  ImGui::Separator();
  markdown::draw(app.markdown("doc:" + doc->id + std::string(content::to_string(doc->lang)),
                              doc->body_markdown),
                 app.session.text_scale);
  ImGui::Dummy(ImVec2(1, 120));
  ui::end_scroll();
  ImGui::EndGroup();

  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  ImGui::PushFont(theme::font(theme::FontRole::small));
  auto field = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_soft), "%s", app.t(key).c_str());
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side_w);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  };
  field("document.number", doc->number);
  field("document.issuer", doc->issuer);
  field("document.issued", display_date(doc->issued));
  field("document.effective", display_date(doc->effective));
  field("document.expires", display_date(doc->expires));
  ImGui::PopFont();
  const float half = (side_w - gap) / 2;
  if (ui::button("text-smaller", "A–", ImVec2(half, 96), ui::Tone::quiet)) {
    app.session.text_scale = std::max(0.8f, app.session.text_scale - 0.15f);
  }
  ImGui::SameLine(0, gap);
  if (ui::button("text-larger", "A+", ImVec2(half, 96), ui::Tone::quiet)) {
    app.session.text_scale = std::min(1.6f, app.session.text_scale + 0.15f);
  }
  if (!doc->source_url.empty()) {
    // As large as the column allows, with room for the line under it.
    const float qr_size = std::clamp(avail_h() - 70, 160.0f, side_w);
    qr::draw(doc->source_url, qr_size);
    ImGui::PushFont(theme::font(theme::FontRole::small));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side_w);
    ImGui::TextUnformatted(app.t("document.scan").c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  }
  ImGui::EndGroup();
}

}  // namespace screens
