// The one file that uses imgui_internal.h: it needs ClearActiveID to take a
// press away from a button once the finger turns out to be scrolling.
#include "ui.hpp"

#include <imgui_internal.h>

#include <memory>
#include <vector>

#include "fonts.hpp"
#include "theme.hpp"

namespace ui {
namespace {

bool g_claimed = false;
double g_now = 0;
std::map<std::string, std::unique_ptr<kiosk::TouchScroll>, std::less<>> g_scrolls;
std::vector<kiosk::TouchScroll*> g_scroll_stack;

ImU32 tone_colour(Tone tone, bool active) {
  const auto& c = theme::current();
  switch (tone) {
    case Tone::primary:
      return active ? c.primary_active : c.primary;
    case Tone::accent:
      return active ? c.accent_active : c.accent;
    case Tone::danger:
      return active ? c.danger_active : c.danger;
    case Tone::quiet:
      return active ? c.surface_active : c.background;
    case Tone::normal:
      break;
  }
  return active ? c.surface_active : c.surface;
}

bool g_check_labels = false;
std::set<char32_t> g_missing;

void check(std::string_view label) {
  if (!g_check_labels) return;
  for (char32_t c : fonts::missing_glyphs(label)) g_missing.insert(c);
}

}  // namespace

void check_labels(bool on) { g_check_labels = on; }
const std::set<char32_t>& missing_label_glyphs() { return g_missing; }

ElementRegistry& registry() {
  static ElementRegistry r;
  return r;
}

bool ElementRegistry::centre_of(std::string_view id, ImVec2& out) const {
  const auto it = last_.find(std::string(id));
  if (it == last_.end()) return false;
  out = ImVec2((it->second.first.x + it->second.second.x) / 2,
               (it->second.first.y + it->second.second.y) / 2);
  return true;
}

bool press_claimed_by_scroll() { return g_claimed; }
void set_press_claimed(bool claimed) { g_claimed = claimed; }
void set_time(double now) { g_now = now; }

namespace {
bool press_target(const char* id, std::string_view label, ImVec2 size, Tone tone, bool enabled,
                  bool centred);
}

bool button(const char* id, std::string_view label, ImVec2 size, Tone tone, bool enabled) {
  return press_target(id, label, size, tone, enabled, true);
}

bool row(const char* id, std::string_view label, ImVec2 size, Tone tone) {
  return press_target(id, label, size, tone, true, false);
}

namespace {
bool press_target(const char* id, std::string_view label, ImVec2 size, Tone tone, bool enabled,
                  bool centred) {
  const auto& c = theme::current();
  check(label);
  ImGui::PushID(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton("##b", size) && enabled && !g_claimed;
  const bool held = ImGui::IsItemActive() && enabled;
  registry().add(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  auto* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = enabled ? tone_colour(tone, held) : c.surface_disabled;
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), fill, theme::sizes().rounding);
  if (tone == Tone::quiet) {
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), c.border, theme::sizes().rounding, 0,
                2.0f);
  }
  const ImU32 ink = !enabled                                        ? c.text_disabled
                    : (tone == Tone::normal || tone == Tone::quiet) ? c.text
                                                                    : c.text_on_colour;
  const ImVec2 text = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false,
                                          size.x - (centred ? 24 : 56));
  const float x = centred ? pos.x + (size.x - text.x) / 2 : pos.x + 28;
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, pos.y + (size.y - text.y) / 2), ink,
              label.data(), label.data() + label.size(), size.x - (centred ? 24 : 56));
  ImGui::PopID();
  return pressed;
}
}  // namespace

bool tile(const char* id, std::string_view label, std::string_view detail, ImVec2 size,
          ImU32 colour) {
  const auto& c = theme::current();
  check(label);
  check(detail);
  ImGui::PushID(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton("##t", size) && !g_claimed;
  const bool held = ImGui::IsItemActive();
  registry().add(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  auto* dl = ImGui::GetWindowDrawList();
  const float r = theme::sizes().rounding;
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), colour, r);
  if (held) {
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(0, 0, 0, 60), r);
  }
  const float pad = 28;
  ImFont* big = theme::font(theme::FontRole::tile);
  dl->AddText(big, big->FontSize, ImVec2(pos.x + pad, pos.y + pad), c.text_on_colour, label.data(),
              label.data() + label.size(), size.x - 2 * pad);
  ImFont* small = theme::font(theme::FontRole::body);
  const ImVec2 label_size = big->CalcTextSizeA(big->FontSize, FLT_MAX, size.x - 2 * pad,
                                               label.data(), label.data() + label.size());
  dl->AddText(small, small->FontSize, ImVec2(pos.x + pad, pos.y + pad + label_size.y + 10),
              c.text_on_colour_soft, detail.data(), detail.data() + detail.size(),
              size.x - 2 * pad);
  ImGui::PopID();
  return pressed;
}

void wrapped(std::string_view text) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
}

void wrapped_coloured(std::string_view text, ImU32 colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  wrapped(text);
  ImGui::PopStyleColor();
}

void begin_scroll(const char* id, ImVec2 size) {
  auto& slot = g_scrolls[id];
  if (!slot) slot = std::make_unique<kiosk::TouchScroll>();
  kiosk::TouchScroll& scroll = *slot;
  g_scroll_stack.push_back(&scroll);

  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 view = ImGui::GetWindowSize();
  const bool inside = io.MousePos.x >= pos.x && io.MousePos.x < pos.x + view.x &&
                      io.MousePos.y >= pos.y && io.MousePos.y < pos.y + view.y;
  const bool hovered =
      inside && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                       ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  scroll.set_content(ImGui::GetScrollMaxY() + view.y, view.y);
  if (io.MouseClicked[0] && hovered) {
    scroll.press(io.MousePos.y, g_now, theme::last_input_was_touch());
  } else if (io.MouseDown[0] && scroll.state() != kiosk::TouchScroll::State::idle &&
             scroll.state() != kiosk::TouchScroll::State::coasting) {
    scroll.move(io.MousePos.y, g_now);
    if (scroll.claimed() && !g_claimed) {
      g_claimed = true;
      ImGui::ClearActiveID();  // the button under the finger lets go
    }
  }
  if (io.MouseReleased[0]) scroll.release(g_now);
  if (hovered && io.MouseWheel != 0) scroll.scroll_by(-io.MouseWheel * 90.0f);
  scroll.update(g_now);
  ImGui::SetScrollY(scroll.offset());
}

void end_scroll() {
  ImGui::EndChild();
  g_scroll_stack.pop_back();
}

bool scrolls_animating() {
  for (const auto& [id, s] : g_scrolls) {
    if (s->animating() || s->state() == kiosk::TouchScroll::State::dragging) return true;
  }
  return false;
}

void reset_scrolls() { g_scrolls.clear(); }

}  // namespace ui
