// Feedback: a tap on one of four faces chooses the rating and shows it as
// chosen; the visitor may then pick a service and write a comment, and Send
// stores the one feedback. Leaving without Send still stores the rating and
// service (App::leaving_screen). The thank-you appears only once the outbox
// holds it, and returns Home on its own.
#include <array>
#include <cmath>

#include "common.hpp"
#include "screens.hpp"

namespace screens {
namespace {

constexpr double kThanksShownS = 10;

// A face drawn with shapes (no emoji font needed): 1 very satisfied .. 4 very unsatisfied.
void draw_face(ImDrawList* dl, ImVec2 centre, float r, int rating, ImU32 colour) {
  dl->AddCircleFilled(centre, r, colour, 64);
  const ImU32 ink = IM_COL32(255, 255, 255, 255);
  dl->AddCircleFilled(ImVec2(centre.x - r * 0.35f, centre.y - r * 0.25f), r * 0.1f, ink);
  dl->AddCircleFilled(ImVec2(centre.x + r * 0.35f, centre.y - r * 0.25f), r * 0.1f, ink);
  // Mouth: a curve from smile (1) to frown (4).
  const float bend = (2.5f - static_cast<float>(rating)) * 0.22f * r;
  const ImVec2 a(centre.x - r * 0.45f, centre.y + r * 0.35f);
  const ImVec2 b(centre.x + r * 0.45f, centre.y + r * 0.35f);
  dl->AddBezierQuadratic(a, ImVec2(centre.x, centre.y + r * 0.35f + bend * 2), b, ink, r * 0.09f,
                         24);
}

void thanks(App& app) {
  const auto& c = theme::current();
  title(app.t("feedback.thanks"));
  ui::wrapped(app.t("feedback.thanks_detail"));
  const double left = app.return_home_after(kThanksShownS);
  ui::wrapped_coloured(
      with_number(app.t("feedback.returning"), static_cast<int>(std::ceil(std::max(0.0, left)))),
      c.text_soft);
  ImGui::Dummy(ImVec2(1, 40));
  if (ui::button("feedback-done", app.t("feedback.done"), ImVec2(avail_w(), 120),
                 ui::Tone::primary) ||
      left <= 0) {
    app.finish_feedback();
  }
}

void faces(App& app, float w, float face_h) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  auto& form = app.session.feedback;
  const float face_w = (w - 3 * gap) / 4;
  const char* labels[4] = {"feedback.very_satisfied", "feedback.satisfied", "feedback.unsatisfied",
                           "feedback.very_unsatisfied"};
  ImFont* f = theme::font(theme::FontRole::small);
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine(0, gap);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const std::string id = "face-" + std::to_string(i + 1);
    const bool chosen = form.rating == i + 1;
    if (ui::button(id.c_str(), "", ImVec2(face_w, face_h),
                   chosen ? ui::Tone::quiet : ui::Tone::normal)) {
      form.rating = i + 1;
    }
    auto* dl = ImGui::GetWindowDrawList();
    if (chosen) {
      dl->AddRect(top, ImVec2(top.x + face_w, top.y + face_h), c.primary, theme::sizes().rounding,
                  0, 6);
    }
    const std::string& label = app.t(labels[i]);
    const float label_h = ui::text_size(f, f->FontSize, label, face_w - 16).y;
    const float r = std::max(16.0f, std::min(face_w * 0.3f, (face_h - label_h - 40) / 2));
    draw_face(dl, ImVec2(top.x + face_w / 2, top.y + 12 + r), r, i + 1, c.faces[i]);
    if (chosen) {
      // A tick on the chosen face, not only a colour.
      const ImVec2 at(top.x + face_w - 44, top.y + 12);
      dl->AddCircleFilled(ImVec2(at.x + 16, at.y + 16), 18, c.primary);
      dl->AddPolyline(
          std::array<ImVec2, 3>{ImVec2(at.x + 7, at.y + 17), ImVec2(at.x + 14, at.y + 24),
                                ImVec2(at.x + 26, at.y + 9)}
              .data(),
          3, c.text_on_colour, 0, 4);
    }
    ui::text_in_box(id + "-label", f, f->FontSize, label,
                    ImVec2(top.x + 8, top.y + face_h - label_h - 12),
                    ImVec2(top.x + face_w - 8, top.y + face_h - 4), c.text,
                    chosen ? c.background : c.surface, ui::Align::centre);
  }
}

void services(App& app, float w) {
  auto& form = app.session.feedback;
  ImGui::PushFont(theme::font(theme::FontRole::body_bold));
  ui::wrapped(app.t("feedback.service"));
  ImGui::PopFont();
  auto tone = [&](const std::string& id) {
    return form.service_id == id ? ui::Tone::accent : ui::Tone::quiet;
  };
  std::vector<std::string> ids{""};
  std::vector<GridButton> choices{
      {"feedback-service-none", app.t("feedback.any_service"), tone("")}};
  for (const auto& s : app.store().services(app.lang())) {
    ids.push_back(s.id);
    choices.push_back({"feedback-service-" + s.id, s.name, tone(s.id)});
  }
  if (const int pressed = button_grid(choices, w); pressed >= 0) form.service_id = ids[pressed];
}

// The comment box grows with the text up to four lines, then shows its end.
// Returns its height.
float comment(App& app, float w) {
  const auto& c = theme::current();
  auto& form = app.session.feedback;
  const std::string& text = app.session.comment_input.text();
  ImFont* body = theme::font(theme::FontRole::body);
  const std::string shown = text.empty() ? app.t("feedback.comment_placeholder")
                                         : text + (form.writing_comment ? "|" : "");
  const float pad = 20;
  const float text_h = ui::text_size(body, body->FontSize, shown, w - 2 * pad).y;
  const float box_h = std::max(90.0f, std::min(text_h, body->FontSize * 4.2f) + 2 * pad);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (ui::button("feedback-comment", "", ImVec2(w, box_h), ui::Tone::quiet))
    form.writing_comment = true;
  auto* dl = ImGui::GetWindowDrawList();
  const ImVec2 inner_min(at.x + pad, at.y + pad);
  const ImVec2 inner_max(at.x + w - pad, at.y + box_h - pad);
  if (text.empty()) {
    ui::text_in_box("feedback-comment", body, body->FontSize, shown, inner_min, inner_max,
                    c.text_soft, c.background);
    return box_h;
  }
  dl->PushClipRect(inner_min, inner_max, true);
  const float overflow = std::max(0.0f, text_h - (inner_max.y - inner_min.y));
  dl->AddText(body, body->FontSize, ImVec2(inner_min.x, inner_min.y - overflow), c.text,
              shown.c_str(), nullptr, inner_max.x - inner_min.x);
  dl->PopClipRect();
  return box_h;
}

}  // namespace

void feedback(App& app) {
  const auto& c = theme::current();
  const float gap = theme::sizes().gap;
  auto& form = app.session.feedback;
  if (form.thanked) {
    thanks(app);
    return;
  }
  if (form.writing_comment && app.session.keyboard_hidden) {  // Hide puts the comment away
    form.writing_comment = false;
    app.session.keyboard_hidden = false;
  }
  title(app.t("feedback.title"));
  const float keyboard_h = form.writing_comment ? keyboard_height(app) + gap : 0;
  ui::begin_scroll("feedback-form",
                   ImVec2(avail_w(), std::max(theme::sizes().min_target, avail_h() - keyboard_h)));
  const float w = avail_w() - 20;  // room for the scroll bar
  const bool writing = form.writing_comment;
  if (!writing) {
    ImGui::PushTextWrapPos(w);
    ui::wrapped_coloured(app.t(form.rating == 0 ? "feedback.how" : "feedback.chosen"),
                         form.rating == 0 ? c.text_soft : c.text);
    ImGui::PopTextWrapPos();
  }
  // With the keyboard up, the faces shrink and Send sits beside the comment,
  // so both stay above the keyboard.
  faces(app, w, writing ? 120.0f : 230.0f);
  if (app.session.feedback_failed) ui::wrapped_coloured(app.t("feedback.failed"), c.danger);
  if (!writing) services(app, w);
  const float send_w = writing ? std::max(220.0f, w * 0.25f) : w;
  const float send_h = comment(app, writing ? w - send_w - gap : w);
  if (writing) ImGui::SameLine(0, gap);
  if (ui::button("feedback-send", app.t("feedback.send"), ImVec2(send_w, writing ? send_h : 100),
                 ui::Tone::primary, form.rating != 0)) {
    app.send_feedback();  // a second tap within seconds is refused here
  }
  ui::end_scroll();
  if (form.writing_comment) {
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - keyboard_height(app));
    draw_keyboard(app, app.session.comment_input, kMaxCommentBytes);
  }
}

}  // namespace screens
