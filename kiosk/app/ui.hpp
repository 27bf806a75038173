// Touch widgets: big tiles and buttons, drag-to-scroll areas, the header.
// Every pressable element has an id, registered each frame, so --script can
// tap it by name.
#pragma once

#include <imgui.h>

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/touch_scroll.hpp"

namespace ui {

// Where each element was drawn in the last frame, by id.
class ElementRegistry {
 public:
  void begin_frame() { current_.clear(); }
  void add(std::string_view id, ImVec2 min, ImVec2 max) { current_[std::string(id)] = {min, max}; }
  void end_frame() { last_ = current_; }
  // Centre of the element drawn last frame, if any.
  bool centre_of(std::string_view id, ImVec2& out) const;
  const std::map<std::string, std::pair<ImVec2, ImVec2>>& last() const { return last_; }

 private:
  std::map<std::string, std::pair<ImVec2, ImVec2>> current_, last_;
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

enum class Tone { normal, primary, accent, danger, quiet };

// A big button; returns true when pressed (released over it, not claimed).
bool button(const char* id, std::string_view label, ImVec2 size, Tone tone = Tone::normal,
            bool enabled = true);
// A full-width list row: like button(), with its label left-aligned.
bool row(const char* id, std::string_view label, ImVec2 size, Tone tone = Tone::normal);

// A home-screen tile: large label and a smaller line under it.
bool tile(const char* id, std::string_view label, std::string_view detail, ImVec2 size,
          ImU32 colour);

// Text wrapped at the available width, in the current font.
void wrapped(std::string_view text);
void wrapped_coloured(std::string_view text, ImU32 colour);

// A vertical area scrolled by dragging with inertia (kiosk::TouchScroll),
// the mouse wheel too. Each area keeps its state by id until reset_scrolls().
void begin_scroll(const char* id, ImVec2 size);
void end_scroll();
// Whether any scroll area is still coasting (the app keeps drawing).
bool scrolls_animating();
// Fresh state for every scroll area (screen change, idle reset).
void reset_scrolls();
void set_time(double now);

}  // namespace ui
