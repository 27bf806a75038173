// Touch sizing, colours and fonts, set in one place. Two palettes: the
// normal one, where every text colour on every background it is drawn on
// reaches 4.5:1 (WCAG AA), and high contrast, where each reaches 7:1 (AAA).
// text_pairs() lists those pairs; the UI test checks them.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace theme {

struct Palette {
  ImU32 background, surface, surface_active, surface_disabled, border;
  ImU32 text, text_soft, text_disabled, text_on_colour, text_on_colour_soft;
  ImU32 primary, primary_active, accent, accent_active, danger, danger_active;
  ImU32 highlight, highlight_text;  // matched words in search results
  ImU32 warning_bg, warning_text;   // announcements: all their text is warning_text
  ImU32 tiles[6];
  ImU32 faces[4];  // the feedback faces, very satisfied .. very unsatisfied (no text on them)
};

struct Sizes {
  float header_height = 120;  // at least; App grows it for a long name in large text
  float min_target = 88;      // hit targets, at 1080p (at least 72)
  float padding = 32;
  float gap = 24;
  float rounding = 14;
};

enum class FontRole { body, body_bold, body_italic, small, heading, tile, title, huge };

const Palette& current();
const Palette& normal_palette();
const Palette& high_contrast_palette();
const Sizes& sizes();

// A text colour on a background it is drawn on somewhere in the app.
struct Ink {
  const char* name;
  ImU32 text, background;
};
std::vector<Ink> text_pairs(const Palette& p);
// WCAG 2 contrast ratio, 1 to 21.
double contrast_ratio(ImU32 a, ImU32 b);
// "name 3.2:1" for each pair of `p` below `minimum`.
std::vector<std::string> contrast_problems(const Palette& p, double minimum);
void use_high_contrast(bool on);
bool high_contrast();

// Fonts are loaded by fonts.cpp; this only hands them out.
ImFont* font(FontRole role);
void set_font(FontRole role, ImFont* f);

// Applies sizes and palette to ImGui's style.
void apply_style();

// Whether the last press came from a touchscreen (SDL_TOUCH_MOUSEID) rather
// than a mouse: touch drags need a larger slop.
bool last_input_was_touch();
void set_last_input_was_touch(bool touch);

}  // namespace theme
