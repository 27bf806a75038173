// Touch widgets: big tiles and buttons, drag-to-scroll areas, the header.
// Every pressable element has an id, registered each frame, so --script can
// tap it by name.
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/touch_scroll.hpp"

namespace ui {

// Where each element was drawn in the last frame, by id, and how much of it
// a visitor could see: the part inside the clip rectangle of the area that
// drew it (a list scrolled away, or cut off by the keyboard, is not seen).
struct Element {
  ImVec2 min, max;                  // where it was laid out
  ImVec2 visible_min, visible_max;  // its part on screen; empty when hidden
  ImU32 fill = 0;                   // its background colour, 0 when it has none
  bool visible() const { return visible_max.x > visible_min.x && visible_max.y > visible_min.y; }
  bool fully_visible() const;
};

class ElementRegistry {
 public:
  void begin_frame() { current_.clear(); }
  // Call inside the ImGui window that drew it: its clip rectangle counts.
  void add(std::string_view id, ImVec2 min, ImVec2 max, ImU32 fill = 0);
  void end_frame() { last_ = current_; }
  // Centre of the visible part of the element drawn last frame; false when
  // there was none, or none of it could be seen.
  bool centre_of(std::string_view id, ImVec2& out) const;
  const Element* find(std::string_view id) const;
  const std::map<std::string, Element, std::less<>>& last() const { return last_; }

 private:
  std::map<std::string, Element, std::less<>> current_, last_;
};

ElementRegistry& registry();

// True while a drag that started in a scroll area owns the finger: buttons
// then ignore the release, so a drag never presses the button it began on.
bool press_claimed_by_scroll();
void set_press_claimed(bool claimed);

// In checking runs (scripts), every label drawn by button() and tile() is
// checked against the fonts; code points they cannot draw are collected here.
void check_labels(bool on);
const std::set<char32_t>& missing_label_glyphs();

// In checking runs, every label drawn through this module is also checked
// against its box: a word wider than the box (which ImGui would break
// mid-word, "Tươn/g/phản") or lines taller than it are recorded, with the
// screen they were on (set_context), as "screen: id: text".
const std::set<std::string>& clipped_labels();
void set_context(std::string_view screen);

// In checking runs, text drawn through this module is also checked against
// the background it is drawn on, as the app draws it: below 4.5:1 (WCAG AA),
// or 7:1 (AAA) in high contrast, it is recorded as "screen: id 3.20:1".
// A background of 0 is exempt (the label of a disabled button).
void check_ink(std::string_view id, ImU32 ink, ImU32 background);
const std::set<std::string>& low_contrast_text();

// Size of `text` wrapped at `wrap_w` (0: no wrapping).
ImVec2 text_size(ImFont* font, float size, std::string_view text, float wrap_w);
// The widest run of `text` between spaces: the narrowest box that breaks no word.
float widest_word(ImFont* font, float size, std::string_view text);
// Whether `text` fits w×h when wrapped at w, with no word broken.
bool fits(ImFont* font, float size, std::string_view text, float w, float h);
// The first of `fonts` (largest first) in which `text` fits w×h; the last
// when none does (the check then records it).
ImFont* fitting_font(std::string_view text, float w, float h, std::initializer_list<ImFont*> fonts);

enum class Align { left, centre };
// Draws `text` wrapped inside the box [min, max], at the top (or centred both
// ways), and checks that it fits. Returns the size the text took.
// `background` is what it is drawn on, for the contrast check (check_ink).
ImVec2 text_in_box(std::string_view id, ImFont* font, float size, std::string_view text, ImVec2 min,
                   ImVec2 max, ImU32 colour, ImU32 background, Align align = Align::left);

enum class Tone { normal, primary, accent, danger, quiet };

// A big button; returns true when pressed (released over it, not claimed).
bool button(const char* id, std::string_view label, ImVec2 size, Tone tone = Tone::normal,
            bool enabled = true);
// A full-width list row: like button(), with its label left-aligned; it grows
// taller than size.y when the label needs more lines.
bool row(const char* id, std::string_view label, ImVec2 size, Tone tone = Tone::normal);
// The height a button of width `w` needs for `label` in the current font, at
// least `min_h` (to make a row of buttons as tall as its longest label).
float button_height(std::string_view label, float w, float min_h);

// A home-screen tile: large label and a smaller line under it.
bool tile(const char* id, std::string_view label, std::string_view detail, ImVec2 size,
          ImU32 colour);

// Text wrapped at the available width (or at a wrap position pushed around
// it), in the current font.
void wrapped(std::string_view text);
// `background` 0: the theme's background.
void wrapped_coloured(std::string_view text, ImU32 colour, ImU32 background = 0);

// A vertical area scrolled by dragging with inertia (kiosk::TouchScroll),
// the mouse wheel too. Each area keeps its state by id until reset_scrolls().
void begin_scroll(const char* id, ImVec2 size);
void end_scroll();
// Inside a scroll area: move it by `dy` once this frame's layout has given it
// its new size (text size +/- keeps the reader's place with it).
void scroll_after_layout(float dy);
// Whether any scroll area is still coasting (the app keeps drawing).
bool scrolls_animating();
// Fresh state for every scroll area (screen change, idle reset).
void reset_scrolls();
void set_time(double now);

}  // namespace ui
