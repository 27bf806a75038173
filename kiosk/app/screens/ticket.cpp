// Take a number: pick a service, get a ticket persisted before it is shown;
// the ticket returns Home on its own after a readable time.
#include <cmath>

#include "common.hpp"
#include "qr_view.hpp"
#include "screens.hpp"

namespace screens {
namespace {

constexpr double kTicketShownS = 30;

void shown_ticket(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  const auto& t = *app.session.ticket;
  const bool portrait = screens::portrait();
  const float qr_size = 300;
  const float text_w = portrait ? avail_w() : avail_w() - qr_size - gap;
  const double left = app.return_home_after(kTicketShownS);
  if (left <= 0) {
    app.home();
    return;
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(text_w);
  title(app.t("ticket.your_number"));
  ImGui::PushFont(theme::font(theme::FontRole::huge));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.primary), "%s", t.number.c_str());
  ImGui::PopFont();
  ImGui::PushFont(theme::font(theme::FontRole::heading));
  ui::wrapped(t.service_name);
  ImGui::PopFont();
  ui::wrapped(app.t("ticket.issued_at") + "  " + t.issued_at);
  ui::wrapped(app.t("ticket.wait"));
  ui::wrapped_coloured(with_number(app.t("ticket.returning"), static_cast<int>(std::ceil(left))),
                       c.text_soft);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (!portrait) ImGui::SetCursorPos(ImVec2(avail_w() - qr_size, 0));
  qr::draw(t.number + " | " + t.service_name + " | " + t.issued_at, qr_size);
  const float done_h = 120;
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), ImGui::GetWindowHeight() - done_h - 10));
  if (ui::button("ticket-done", app.t("ticket.done"), ImVec2(avail_w(), done_h),
                 ui::Tone::primary)) {
    app.home();
  }
}

}  // namespace

void ticket(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  if (app.session.ticket) {
    shown_ticket(app);
    return;
  }
  title(app.t("ticket.choose"));
  const auto services = app.store().services(app.lang());
  if (services.empty()) {
    ui::wrapped(app.t("ticket.no_services"));
    return;
  }
  ui::begin_scroll("services", ImVec2(0, 0));
  const float w = avail_w() - 20;
  ImFont* prefix_font = theme::font(theme::FontRole::title);
  ImFont* bold = theme::font(theme::FontRole::body_bold);
  ImFont* small = theme::font(theme::FontRole::small);
  const float text_x = 36 + prefix_font->FontSize * 1.4f + 24;  // after the letter
  const float text_w = w - text_x - 28;
  for (const auto& s : services) {
    // As tall as the name and the description need.
    const float name_h = ui::text_size(bold, bold->FontSize, s.name, text_w).y;
    const float desc_h = ui::text_size(small, small->FontSize, s.description, text_w).y;
    const float card_h = std::max(150.0f, 24 + name_h + 8 + desc_h + 24);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    if (ui::button(("service-" + s.id).c_str(), "", ImVec2(w, card_h))) {
      (void)app.take_ticket(s);  // on failure the reason is shown below
    }
    ImGui::GetWindowDrawList()->AddText(
        prefix_font, prefix_font->FontSize,
        ImVec2(top.x + 36, top.y + (card_h - prefix_font->FontSize) / 2), c.primary,
        s.prefix.c_str());
    const ImVec2 text_at(top.x + text_x, top.y + 24);
    ui::text_in_box("service-" + s.id + "-name", bold, bold->FontSize, s.name, text_at,
                    ImVec2(text_at.x + text_w, text_at.y + name_h + 1), c.text, c.surface);
    ui::text_in_box("service-" + s.id + "-description", small, small->FontSize, s.description,
                    ImVec2(text_at.x, text_at.y + name_h + 8),
                    ImVec2(text_at.x + text_w, top.y + card_h - 12), c.text_soft, c.surface);
    ImGui::Dummy(ImVec2(1, gap * 0.25f));
  }
  if (app.session.ticket_failed) {
    ui::wrapped_coloured(app.t("ticket.failed"), c.danger);
  }
  ui::end_scroll();
}

}  // namespace screens
