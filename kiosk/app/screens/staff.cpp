// The staff panel, behind a hidden gesture and a PIN with growing delays.
#include <sys/statvfs.h>

#include <cstdio>

#include "common.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {
namespace {

std::string free_disk(const std::string& path) {
  struct statvfs s {};
  if (statvfs(path.c_str(), &s) != 0) return "?";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(s.f_bavail) * s.f_frsize / 1e9);
  return buf;
}

void pin_pad(App& app) {
  title(app.t("staff.pin_title"));
  std::string dots(app.session.staff_pin.size() * 3, ' ');
  for (std::size_t i = 0; i < app.session.staff_pin.size(); ++i) dots.replace(i * 3, 3, "•");
  ImGui::PushFont(theme::font(theme::FontRole::title));
  ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
  ImGui::PopFont();
  const double wait = app.staff_wait_s();
  if (wait > 0) {
    ui::wrapped_coloured(with_number(app.t("staff.wait"), static_cast<int>(wait + 0.999)),
                         theme::current().danger);
  }
  const float gap = theme::sizes().gap;
  const float w = 200, h = 110;
  const char* keys = "123456789C0>";
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine(0, gap);
    const char k = keys[i];
    const std::string label = k == 'C'   ? app.t("staff.clear")
                              : k == '>' ? app.t("staff.enter")
                                         : std::string(1, k);
    const std::string id = std::string("pin-") + (k == 'C'   ? "clear"
                                                  : k == '>' ? "enter"
                                                             : std::string(1, k));
    if (ui::button(id.c_str(), label, ImVec2(w, h),
                   k == '>' ? ui::Tone::primary : ui::Tone::normal)) {
      if (k == 'C') {
        app.session.staff_pin.clear();
      } else if (k == '>') {
        app.try_staff_pin(app.session.staff_pin);
        app.session.staff_pin.clear();
      } else if (app.session.staff_pin.size() < 12) {
        app.session.staff_pin.push_back(k);
      }
    }
  }
}

// A label, and a value that wraps in the colour given.
void wrapped_row(App& app, const char* key, const std::string& value, ImU32 colour) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::current().text_soft), "%s",
                     app.t(key).c_str());
  ImGui::SameLine(420);
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", value.c_str());
  ImGui::PopTextWrapPos();
}

// The last sync cycle in the visitor's language; what the server or the sync
// library said (a reason, a warning) stays in English, as the journal has it.
void sync_report(App& app, const SyncWorker::Status& status) {
  using Content = published::CycleReport::Content;
  const auto& c = theme::current();
  const int version = static_cast<int>(status.version);
  const std::string outcome =
      status.content == Content::updated     ? with_number(app.t("staff.sync_updated"), version)
      : status.content == Content::unchanged ? with_number(app.t("staff.sync_unchanged"), version)
      : status.content == Content::refused   ? app.t("staff.sync_refused")
                                             : app.t("staff.sync_failed");
  wrapped_row(app, "staff.sync_result", outcome, status.last_ok ? c.text : c.danger);
  if (!status.last_ok) {
    wrapped_row(app, "staff.sync_detail", status.last_result.substr(0, 400), c.text);
  }
  if (!status.first_warning.empty()) {
    wrapped_row(app, "staff.sync_warning", status.first_warning.substr(0, 300), c.text);
  }
  wrapped_row(app, "staff.feedback_sent", std::to_string(status.feedback_sent), c.text);
  if (status.feedback_refused > 0) {
    wrapped_row(app, "staff.feedback_refused",
                with_number(app.t("staff.feedback_refused_count"), status.feedback_refused),
                c.danger);
    wrapped_row(app, "staff.feedback_reason", status.feedback_refused_reason.substr(0, 300),
                c.text);
  }
  if (status.feedback_needs_kiosk_id && status.feedback_waiting > 0) {
    ui::wrapped_coloured(app.t("staff.feedback_no_kiosk_id"), c.danger);
  }
}

}  // namespace

void staff(App& app) {
  if (!app.staff_configured()) {
    title(app.t("staff.title"));
    ui::wrapped(app.t("staff.not_configured"));
    return;
  }
  if (!app.staff_unlocked()) {
    pin_pad(app);
    return;
  }
  title(app.t("staff.title"));
  const auto& c = theme::current();
  auto row = [&](const char* key, const std::string& value) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(c.text_soft), "%s", app.t(key).c_str());
    ImGui::SameLine(420);
    ImGui::TextUnformatted(value.c_str());
  };
  if (!app.options().kiosk_id.empty()) row("staff.kiosk_id", app.options().kiosk_id);
  row("staff.app_version", KIOSK_VERSION);
  row("staff.content_version", app.content_summary());
  const SyncWorker* sync = app.sync();
  if (!sync) {
    row("staff.last_sync", app.t("staff.sync_not_configured"));
  } else {
    const auto status = sync->status();
    row("staff.server", app.options().server_url.substr(0, 80));
    row("staff.last_sync", status.running       ? app.t("staff.sync_running")
                           : status.cycles == 0 ? app.t("staff.sync_never")
                                                : status.last_finished);
    if (status.cycles > 0) sync_report(app, status);
  }
  const int pending = app.pending_feedback();
  row("staff.pending_feedback", pending < 0 ? "?" : std::to_string(pending));
  row("staff.free_disk", free_disk("."));
  if (!app.last_problem().empty()) row("staff.last_problem", app.last_problem());
  ImGui::Dummy(ImVec2(1, 30));
  const float gap = theme::sizes().gap;
  const float w = (avail_w() - 2 * gap) / 3;
  const bool can_sync = sync && !sync->status().running;
  if (ui::button("staff-sync", app.t("staff.sync_now"), ImVec2(w, 120), ui::Tone::normal,
                 can_sync)) {
    app.sync_now();
  }
  ImGui::SameLine(0, gap);
  if (ui::button("staff-reload", app.t("staff.reload"), ImVec2(w, 120))) app.reload_content();
  ImGui::SameLine(0, gap);
  if (ui::button("staff-quit", app.t("staff.quit"), ImVec2(w, 120), ui::Tone::danger)) app.quit();
}

}  // namespace screens
