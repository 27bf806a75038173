// The one file that uses imgui_internal.h: it needs ClearActiveID to take a
// press away from a button once the finger turns out to be scrolling.
#include "ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
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
std::map<kiosk::TouchScroll*, float> g_pending_scrolls;  // scroll_after_layout
int g_redraw = 0;  // frames still to draw after a correction was applied

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
std::set<std::string> g_clipped;
std::string g_context;

void check(std::string_view label) {
  if (!g_check_labels) return;
  for (char32_t c : fonts::missing_glyphs(label)) g_missing.insert(c);
}

}  // namespace

float widest_word(ImFont* font, float size, std::string_view text) {
  float widest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      widest = std::max(
          widest, font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + start, text.data() + end).x);
    }
    start = end + 1;
  }
  return widest;
}

namespace {

void check_fit(std::string_view id, ImFont* font, float size, std::string_view text, float w,
               float h) {
  if (!g_check_labels || text.empty() || fits(font, size, text, w, h)) return;
  std::string entry = g_context + ": " + std::string(id) + ": \"" + std::string(text) + "\"";
  if (entry.size() > 160) {  // cut at a character's start, not inside one
    std::size_t cut = 157;
    while (cut > 0 && (static_cast<unsigned char>(entry[cut]) & 0xC0) == 0x80) --cut;
    entry = entry.substr(0, cut) + "...";
  }
  g_clipped.insert(std::move(entry));
}

ImVec2 clip_min() { return ImGui::GetWindowDrawList()->GetClipRectMin(); }
ImVec2 clip_max() { return ImGui::GetWindowDrawList()->GetClipRectMax(); }

}  // namespace

std::set<std::string> g_low_contrast;

void check_labels(bool on) { g_check_labels = on; }
const std::set<std::string>& low_contrast_text() { return g_low_contrast; }

void check_ink(std::string_view id, ImU32 ink, ImU32 background) {
  if (!g_check_labels || background == 0) return;  // 0: exempt (a disabled button)
  const double minimum = theme::high_contrast() ? 7.0 : 4.5;
  const double ratio = theme::contrast_ratio(ink, background);
  if (ratio >= minimum) return;
  char buf[48];
  std::snprintf(buf, sizeof buf, " %.2f:1 (needs %.1f:1)", ratio, minimum);
  g_low_contrast.insert(g_context + (theme::high_contrast() ? " (high contrast): " : ": ") +
                        std::string(id) + buf);
}
const std::set<char32_t>& missing_label_glyphs() { return g_missing; }
const std::set<std::string>& clipped_labels() { return g_clipped; }
void set_context(std::string_view screen) { g_context = screen; }

ImVec2 text_size(ImFont* font, float size, std::string_view text, float wrap_w) {
  return font->CalcTextSizeA(size, FLT_MAX, wrap_w, text.data(), text.data() + text.size());
}

bool fits(ImFont* font, float size, std::string_view text, float w, float h) {
  if (widest_word(font, size, text) > w + 0.5f) return false;
  return text_size(font, size, text, w).y <= h + 0.5f;
}

ImFont* fitting_font(std::string_view text, float w, float h,
                     std::initializer_list<ImFont*> fonts) {
  ImFont* last = ImGui::GetFont();
  for (ImFont* f : fonts) {
    last = f;
    if (fits(f, f->FontSize, text, w, h)) return f;
  }
  return last;
}

ImVec2 text_in_box(std::string_view id, ImFont* font, float size, std::string_view text, ImVec2 min,
                   ImVec2 max, ImU32 colour, ImU32 background, Align align) {
  check(text);
  if (!text.empty()) check_ink(id, colour, background);
  const float w = max.x - min.x;
  const float h = max.y - min.y;
  check_fit(id, font, size, text, w, h);
  const ImVec2 took = text_size(font, size, text, w);
  auto* dl = ImGui::GetWindowDrawList();
  if (align == Align::left) {
    dl->AddText(font, size, min, colour, text.data(), text.data() + text.size(), w);
    return took;
  }
  // Centred: each wrapped line on its own, as ImGui centres nothing itself;
  // each paragraph (between line breaks) wraps on its own.
  float y = min.y + std::max(0.0f, (h - took.y) / 2);
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    const char* paragraph_end = std::find(p, end, '\n');
    const char* line_end = font->CalcWordWrapPositionA(size / font->FontSize, p, paragraph_end, w);
    if (line_end == p && p < paragraph_end) {  // narrower than one character: take it whole
      unsigned int c = 0;
      line_end = p + std::max(1, ImTextCharFromUtf8(&c, p, paragraph_end));
    }
    const char* shown_end = line_end;
    while (shown_end > p && (shown_end[-1] == ' ' || shown_end[-1] == '\n')) --shown_end;
    const float line_w = font->CalcTextSizeA(size, FLT_MAX, 0, p, shown_end).x;
    dl->AddText(font, size, ImVec2(min.x + (w - line_w) / 2, y), colour, p, shown_end);
    y += size;
    p = line_end;
    while (p < end && (*p == ' ' || *p == '\n')) {
      if (*p++ == '\n') break;
    }
  }
  return took;
}

ElementRegistry& registry() {
  static ElementRegistry r;
  return r;
}

bool Element::fully_visible() const {
  return visible_min.x <= min.x + 1 && visible_min.y <= min.y + 1 && visible_max.x >= max.x - 1 &&
         visible_max.y >= max.y - 1;
}

void ElementRegistry::add(std::string_view id, ImVec2 min, ImVec2 max, ImU32 fill) {
  const ImVec2 cmin = clip_min();
  const ImVec2 cmax = clip_max();
  Element e{min, max, ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y)),
            ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y)), fill};
  current_.insert_or_assign(std::string(id), e);
}

const Element* ElementRegistry::find(std::string_view id) const {
  const auto it = last_.find(id);
  return it == last_.end() ? nullptr : &it->second;
}

bool ElementRegistry::centre_of(std::string_view id, ImVec2& out) const {
  const Element* e = find(id);
  if (!e || !e->visible()) return false;
  out =
      ImVec2((e->visible_min.x + e->visible_max.x) / 2, (e->visible_min.y + e->visible_max.y) / 2);
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
  ImGui::PushID(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (!centred) size.y = button_height(label, size.x - 32, size.y);  // rows grow
  const bool pressed = ImGui::InvisibleButton("##b", size) && enabled && !g_claimed;
  const bool held = ImGui::IsItemActive() && enabled;
  auto* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = enabled ? tone_colour(tone, held) : c.surface_disabled;
  registry().add(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), fill);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), fill, theme::sizes().rounding);
  if (tone == Tone::quiet) {
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), c.border, theme::sizes().rounding, 0,
                2.0f);
  }
  const ImU32 ink = !enabled                                        ? c.text_disabled
                    : (tone == Tone::normal || tone == Tone::quiet) ? c.text
                                                                    : c.text_on_colour;
  // Inside a margin; a label too long for the font takes the smaller one.
  const float margin_x = centred ? 12 : 28;
  const float margin_y = 6;
  const float w = size.x - 2 * margin_x;
  const float h = size.y - 2 * margin_y;
  ImFont* font = fitting_font(label, w, h, {ImGui::GetFont(), theme::font(theme::FontRole::small)});
  if (ImGui::GetFont()->FontSize <= font->FontSize) font = ImGui::GetFont();
  if (centred) {
    text_in_box(id, font, font->FontSize, label, ImVec2(pos.x + margin_x, pos.y + margin_y),
                ImVec2(pos.x + size.x - margin_x, pos.y + size.y - margin_y), ink,
                enabled ? fill : 0, Align::centre);
  } else {
    const float text_h = text_size(font, font->FontSize, label, w).y;
    const float top = pos.y + std::max(margin_y, (size.y - text_h) / 2);
    text_in_box(id, font, font->FontSize, label, ImVec2(pos.x + margin_x, top),
                ImVec2(pos.x + size.x - margin_x, pos.y + size.y - margin_y), ink,
                enabled ? fill : 0);
  }
  ImGui::PopID();
  return pressed;
}
}  // namespace

float button_height(std::string_view label, float w, float min_h) {
  ImFont* f = ImGui::GetFont();
  return std::max(min_h, text_size(f, f->FontSize, label, w - 24).y + 2 * 24);
}

bool tile(const char* id, std::string_view label, std::string_view detail, ImVec2 size,
          ImU32 colour) {
  const auto& c = theme::current();
  ImGui::PushID(id);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton("##t", size) && !g_claimed;
  const bool held = ImGui::IsItemActive();
  registry().add(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), colour);
  auto* dl = ImGui::GetWindowDrawList();
  const float r = theme::sizes().rounding;
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), colour, r);
  if (held) {
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(0, 0, 0, 60), r);
  }
  const float pad = std::clamp(size.y * 0.12f, 14.0f, 28.0f);  // less on a short screen
  const float w = size.x - 2 * pad;
  ImFont* big =
      fitting_font(label, w, size.y / 2,
                   {theme::font(theme::FontRole::tile), theme::font(theme::FontRole::heading)});
  const ImVec2 label_size =
      text_in_box(id, big, big->FontSize, label, ImVec2(pos.x + pad, pos.y + pad),
                  ImVec2(pos.x + size.x - pad, pos.y + size.y - pad), c.text_on_colour, colour);
  const float detail_top = pos.y + pad + label_size.y + 10;
  const float detail_h = pos.y + size.y - pad - detail_top;
  ImFont* small =
      fitting_font(detail, w, detail_h,
                   {theme::font(theme::FontRole::body), theme::font(theme::FontRole::small)});
  text_in_box(std::string(id) + "-detail", small, small->FontSize, detail,
              ImVec2(pos.x + pad, detail_top), ImVec2(pos.x + size.x - pad, pos.y + size.y - pad),
              c.text_on_colour_soft, colour);
  ImGui::PopID();
  return pressed;
}

void wrapped(std::string_view text) {
  // At the window's edge, unless a narrower column was pushed around it.
  const bool column = ImGui::GetCurrentWindow()->DC.TextWrapPos > 0;
  if (!column) ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  if (!column) ImGui::PopTextWrapPos();
}

void wrapped_coloured(std::string_view text, ImU32 colour, ImU32 background) {
  // Named by its colour, not its words: it may hold what a visitor typed.
  check_ink("wrapped text", colour, background ? background : theme::current().background);
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
  if (const auto it = g_pending_scrolls.find(&scroll); it != g_pending_scrolls.end()) {
    scroll.scroll_by(it->second);  // the content's new size is known now
    g_pending_scrolls.erase(it);
    g_redraw = 2;
  } else if (g_redraw > 0 && g_scroll_stack.size() == 1) {
    --g_redraw;
  }
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
  // A queued correction, and the frame after it is applied (ImGui moves the
  // window at its next Begin), are frames to draw too.
  if (!g_pending_scrolls.empty() || g_redraw > 0) return true;
  for (const auto& [id, s] : g_scrolls) {
    if (s->animating() || s->state() == kiosk::TouchScroll::State::dragging) return true;
  }
  return false;
}

void reset_scrolls() {
  g_scrolls.clear();
  g_pending_scrolls.clear();
  g_redraw = 0;
}

void scroll_after_layout(float dy) {
  if (!g_scroll_stack.empty()) g_pending_scrolls[g_scroll_stack.back()] += dy;
}

}  // namespace ui
