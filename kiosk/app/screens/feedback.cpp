// Feedback: four faces, an optional service and comment; a tap on a face
// sends, and the thank-you appears only once the outbox holds it.
#include <cmath>

#include "common.hpp"
#include "keyboard.hpp"
#include "screens.hpp"
#include "ui.hpp"

namespace screens {
namespace {

// A face drawn with shapes (no emoji font needed): 1 very satisfied .. 4 very unsatisfied.
void draw_face(ImDrawList* dl, ImVec2 centre, float r, int rating, ImU32 colour) {
  const auto& c = theme::current();
  dl->AddCircleFilled(centre, r, colour, 64);
  const ImU32 ink = c.text_on_colour;
  dl->AddCircleFilled(ImVec2(centre.x - r * 0.35f, centre.y - r * 0.25f), r * 0.1f, ink);
  dl->AddCircleFilled(ImVec2(centre.x + r * 0.35f, centre.y - r * 0.25f), r * 0.1f, ink);
  // Mouth: a curve from smile (1) to frown (4).
  const float bend = (2.5f - static_cast<float>(rating)) * 0.22f * r;
  const ImVec2 a(centre.x - r * 0.45f, centre.y + r * 0.35f);
  const ImVec2 b(centre.x + r * 0.45f, centre.y + r * 0.35f);
  dl->AddBezierQuadratic(a, ImVec2(centre.x, centre.y + r * 0.35f + bend * 2), b, ink, r * 0.09f,
                         24);
}

void draw_services(App& app);
void draw_comment(App& app);

}  // namespace

void feedback(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  auto& form = app.session.feedback;
  if (form.thanked) {
    title(app.t("feedback.thanks"));
    ui::wrapped(app.t("feedback.thanks_detail"));
    ImGui::Dummy(ImVec2(1, 40));
    if (ui::button("feedback-done", app.t("feedback.done"), ImVec2(avail_w(), 120),
                   ui::Tone::primary)) {
      app.finish_feedback();
    }
    return;
  }
  title(app.t("feedback.title"));
  if (!app.session.feedback.writing_comment)
    ui::wrapped_coloured(app.t("feedback.how"), c.text_soft);

  const float face_w = (avail_w() - 3 * gap) / 4;
  const float face_h = app.session.feedback.writing_comment ? 150 : 250;
  const ImU32 colours[4] = {IM_COL32(0, 120, 70, 255), IM_COL32(70, 130, 40, 255),
                            IM_COL32(190, 110, 0, 255), IM_COL32(180, 40, 40, 255)};
  const char* labels[4] = {"feedback.very_satisfied", "feedback.satisfied", "feedback.unsatisfied",
                           "feedback.very_unsatisfied"};
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine(0, gap);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const std::string id = "face-" + std::to_string(i + 1);
    if (ui::button(id.c_str(), "", ImVec2(face_w, face_h))) {
      form.rating = i + 1;
      app.send_feedback();  // a second tap within seconds is refused here
    }
    auto* dl = ImGui::GetWindowDrawList();
    const float r = face_h * 0.3f;
    draw_face(dl, ImVec2(top.x + face_w / 2, top.y + r + 16), r, i + 1, colours[i]);
    const std::string& label = app.t(labels[i]);
    ImFont* f = theme::font(theme::FontRole::small);
    const ImVec2 ls = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str());
    dl->AddText(f, f->FontSize, ImVec2(top.x + (face_w - ls.x) / 2, top.y + face_h - ls.y - 14),
                c.text, label.c_str());
  }

  if (app.session.feedback_failed) ui::wrapped_coloured(app.t("feedback.failed"), c.danger);
  // Optional: which service (hidden while the keyboard is up), and a comment.
  if (!app.session.feedback.writing_comment) draw_services(app);
  draw_comment(app);
}

namespace {
void draw_services(App& app) {
  const float gap = theme::sizes().gap;
  auto& form = app.session.feedback;
  ImGui::PushFont(theme::font(theme::FontRole::body_bold));
  ImGui::TextUnformatted(app.t("feedback.service").c_str());
  ImGui::PopFont();
  const auto services = app.store().services(app.lang());
  const float sw = (avail_w() - gap * static_cast<float>(services.size())) /
                   static_cast<float>(services.size() + 1);
  if (ui::button("feedback-service-none", app.t("feedback.any_service"), ImVec2(sw, 88),
                 form.service_id.empty() ? ui::Tone::accent : ui::Tone::quiet)) {
    form.service_id.clear();
  }
  for (const auto& s : services) {
    ImGui::SameLine(0, gap);
    if (ui::button(("feedback-service-" + s.id).c_str(), s.name, ImVec2(sw, 88),
                   form.service_id == s.id ? ui::Tone::accent : ui::Tone::quiet)) {
      form.service_id = s.id;
    }
  }
}

void draw_comment(App& app) {
  const auto& c = theme::current();
  auto& form = app.session.feedback;
  const std::string& comment = app.session.comment_input.text();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float input_h = 90;
  auto* dl = ImGui::GetWindowDrawList();
  if (ui::button("feedback-comment", "", ImVec2(avail_w(), input_h), ui::Tone::quiet))
    form.writing_comment = true;
  ImFont* body = theme::font(theme::FontRole::body);
  const std::string shown = comment.empty()
                                ? app.t("feedback.comment_placeholder")
                                : comment + (app.session.feedback.writing_comment ? "|" : "");
  dl->AddText(body, body->FontSize, ImVec2(at.x + 24, at.y + (input_h - body->FontSize) / 2),
              comment.empty() ? c.text_soft : c.text, shown.c_str(), nullptr, avail_w() - 48);
  if (app.session.feedback.writing_comment) {
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - keyboard::height());
    keyboard::draw("kb", app.session.comment_input, app.session.keyboard_digits,
                   app.session.keyboard_vietnamese, app.session.keyboard_vietnamese ? "VI" : "EN",
                   app.t("keyboard.clear").c_str(), app.t("keyboard.backspace").c_str(),
                   kMaxCommentBytes);
  }
}

}  // namespace

}  // namespace screens
