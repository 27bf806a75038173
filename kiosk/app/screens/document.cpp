// The document reader: metadata, an expiry banner, the text, a QR code of
// the source, and text size +/-.
#include <algorithm>

#include "common.hpp"
#include "markdown_view.hpp"
#include "qr_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {
namespace {

void text_size_buttons(App& app, float w) {
  const float gap = theme::sizes().gap;
  const float half = (w - gap) / 2;
  if (ui::button("text-smaller", "A–", ImVec2(half, 96), ui::Tone::quiet)) {
    app.session.text_scale = std::max(0.8f, app.session.text_scale - 0.15f);
  }
  ImGui::SameLine(0, gap);
  if (ui::button("text-larger", "A+", ImVec2(half, 96), ui::Tone::quiet)) {
    app.session.text_scale = std::min(1.6f, app.session.text_scale + 0.15f);
  }
}

// Number, issuer and dates: a column of label over value (landscape), or
// label beside value (portrait, above the text).
void details(App& app, const content::Document& doc, float w, bool side_by_side) {
  const auto& c = theme::current();
  ImGui::PushFont(theme::font(theme::FontRole::small));
  const float label_w = side_by_side ? std::min(260.0f, w * 0.35f) : w;
  auto field = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    const float x = ImGui::GetCursorPosX();
    ImGui::PushTextWrapPos(x + label_w - 12);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_soft), "%s", app.t(key).c_str());
    ImGui::PopTextWrapPos();
    if (side_by_side) ImGui::SameLine(x + label_w);
    ImGui::PushFont(theme::font(theme::FontRole::body_bold));
    ImGui::PushTextWrapPos(x + w);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
  };
  field("document.number", doc.number);
  field("document.issuer", doc.issuer);
  field("document.issued", display_date(doc.issued));
  field("document.effective", display_date(doc.effective));
  field("document.expires", display_date(doc.expires));
  ImGui::PopFont();
}

void scan_code(App& app, const std::string& url, float size, float text_w) {
  qr::draw(url, size);
  ImGui::PushFont(theme::font(theme::FontRole::small));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
  ImGui::TextUnformatted(app.t("document.scan").c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

}  // namespace

// Landscape: the text, with a side column of details, text size and the QR
// code. Portrait: text size over the full width, then the text with its
// details above it and the QR code at its end.
void document(App& app) {
  const std::string& id = app.session.nav.current().id;
  const auto doc = app.store().document(id, app.lang());
  if (!doc) {
    ui::wrapped(app.t("document.missing"));
    return;
  }
  const auto& c = theme::current();
  const bool portrait = screens::portrait();
  const float side_w = portrait ? 0 : 400;
  const float gap = theme::sizes().gap;
  const float body_w = portrait ? avail_w() : avail_w() - side_w - gap;
  if (portrait) {
    text_size_buttons(app, std::min(avail_w(), 480.0f));
    ImGui::Dummy(ImVec2(1, gap / 4));
  }

  ImGui::BeginGroup();
  ui::begin_scroll("document-body", ImVec2(body_w, 0));
  {
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    ui::registry().add("document-body", pos, ImVec2(pos.x + size.x, pos.y + size.y));
  }
  const float text_w = avail_w() - 24;
  ImGui::PushTextWrapPos(text_w);
  ImGui::PushFont(theme::font(theme::FontRole::heading));
  ui::wrapped(doc->title);
  ImGui::PopFont();
  other_language_marker(app, doc->lang);
  if (portrait) {
    details(app, *doc, text_w, true);
    ImGui::Dummy(ImVec2(1, gap / 2));
  }
  if (doc->expired_on(app.today())) {
    const std::string banner = app.t("document.expired") + "  " + display_date(doc->expires);
    ImFont* bold = theme::font(theme::FontRole::body_bold);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ui::text_size(bold, bold->FontSize, banner, text_w - 48).y + 44;
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + text_w, at.y + h), c.danger, 10);
    ui::text_in_box("document-expired", bold, bold->FontSize, banner, ImVec2(at.x + 24, at.y + 22),
                    ImVec2(at.x + text_w - 24, at.y + h - 8), c.text_on_colour, c.danger);
    ImGui::Dummy(ImVec2(text_w, h + 4));
  }
  if (!doc->summary.empty()) {
    ImGui::PushFont(theme::font(theme::FontRole::body_italic));
    ui::wrapped(doc->summary);
    ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  ImGui::PushItemWidth(text_w);
  markdown::draw(app.markdown("doc:" + doc->id + std::string(content::to_string(doc->lang)),
                              doc->body_markdown),
                 app.session.text_scale);
  ImGui::PopItemWidth();
  if (portrait && !doc->source_url.empty()) {
    ImGui::Dummy(ImVec2(1, gap));
    scan_code(app, doc->source_url, 320, text_w);
  }
  ImGui::Dummy(ImVec2(1, 120));
  ui::end_scroll();
  ImGui::EndGroup();
  if (portrait) return;

  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  details(app, *doc, side_w, false);
  text_size_buttons(app, side_w);
  if (!doc->source_url.empty()) {
    // As large as the column allows, with room for the line under it.
    scan_code(app, doc->source_url, std::clamp(avail_h() - 70, 160.0f, side_w), side_w);
  }
  ImGui::EndGroup();
}

}  // namespace screens
