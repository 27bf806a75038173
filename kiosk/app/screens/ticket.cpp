// Take a number: pick a service, get a ticket persisted before it is shown.
#include "common.hpp"
#include "qr_view.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {

void ticket(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  if (app.session.ticket) {
    const auto& t = *app.session.ticket;
    title(app.t("ticket.your_number"));
    ImGui::PushFont(theme::font(theme::FontRole::huge));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.primary), "%s", t.number.c_str());
    ImGui::PopFont();
    ImGui::PushFont(theme::font(theme::FontRole::heading));
    ui::wrapped(t.service_name);
    ImGui::PopFont();
    ImGui::Text("%s  %s", app.t("ticket.issued_at").c_str(), t.issued_at.c_str());
    ui::wrapped(app.t("ticket.wait"));
    const float qr_size = 300;
    ImGui::SetCursorPos(ImVec2(avail_w() - qr_size, 0));
    qr::draw(t.number + " | " + t.service_name + " | " + t.issued_at, qr_size);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - 130);
    if (ui::button("ticket-done", app.t("ticket.done"), ImVec2(avail_w(), 120),
                   ui::Tone::primary)) {
      app.session.ticket.reset();
      app.home();
    }
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
  for (const auto& s : services) {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    if (ui::button(("service-" + s.id).c_str(), "", ImVec2(w, 150))) {
      if (!app.take_ticket(s)) {
        // The reason is shown below; nothing was issued.
      }
    }
    auto* dl = ImGui::GetWindowDrawList();
    ImFont* huge = theme::font(theme::FontRole::title);
    dl->AddText(huge, huge->FontSize, ImVec2(top.x + 36, top.y + 40), c.primary, s.prefix.c_str());
    ImFont* bold = theme::font(theme::FontRole::body_bold);
    dl->AddText(bold, bold->FontSize, ImVec2(top.x + 150, top.y + 26), c.text, s.name.c_str());
    ImFont* small = theme::font(theme::FontRole::small);
    dl->AddText(small, small->FontSize, ImVec2(top.x + 150, top.y + 76), c.text_soft,
                s.description.c_str(), nullptr, w - 190);
    ImGui::Dummy(ImVec2(1, gap * 0.25f));
  }
  if (app.session.ticket_failed) {
    ui::wrapped_coloured(app.t("ticket.failed"), c.danger);
  }
  ui::end_scroll();
}

}  // namespace screens
