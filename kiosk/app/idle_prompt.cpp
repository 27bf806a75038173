// "Are you still there?": asked after the idle timeout, before the reset.
#include <algorithm>
#include <string>

#include "kiosk_app.hpp"
#include "theme.hpp"
#include "ui.hpp"

// "Still there?" over the dimmed screen: the dialog itself is not dimmed. It
// is one full-screen window on top, which paints the dimming first and the
// dialog on it.
void App::draw_idle_prompt() {
  ImGuiIO& io = ImGui::GetIO();
  const auto& c = theme::current();
  ImFont* title_font = theme::font(theme::FontRole::title);
  ImFont* body = theme::font(theme::FontRole::body);
  const float pad = 48;
  const float w = std::min(900.0f, io.DisplaySize.x - 2 * theme::sizes().padding);
  const float inner = w - 2 * pad;
  const std::string& question = t("idle.question");
  const std::string countdown = with_number(t("idle.countdown"), idle_.seconds_left(now()));
  const float question_h = ui::text_size(title_font, title_font->FontSize, question, inner).y;
  const float countdown_h = ui::text_size(body, body->FontSize, countdown, inner).y;
  const float button_h = 110;
  const ImVec2 size(w, pad + question_h + 16 + countdown_h + 40 + button_h + pad);
  const ImVec2 at((io.DisplaySize.x - size.x) / 2, (io.DisplaySize.y - size.y) / 2);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("idle", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), io.DisplaySize, IM_COL32(0, 0, 0, 150));
  dl->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), c.surface, 18);
  dl->AddRect(at, ImVec2(at.x + size.x, at.y + size.y), c.border, 18, 0, 3);
  float y = at.y + pad;
  ui::text_in_box("idle-question", title_font, title_font->FontSize, question,
                  ImVec2(at.x + pad, y), ImVec2(at.x + pad + inner, y + question_h + 1), c.text,
                  c.surface);
  y += question_h + 16;
  ui::text_in_box("idle-countdown", body, body->FontSize, countdown, ImVec2(at.x + pad, y),
                  ImVec2(at.x + pad + inner, y + countdown_h + 1), c.text, c.surface);
  ImGui::SetCursorScreenPos(ImVec2(at.x + pad, at.y + size.y - pad - button_h));
  if (ui::button("idle-stay", t("idle.stay"), ImVec2(inner, button_h), ui::Tone::primary)) {
    idle_.touch(now());
  }
  ImGui::End();
}
