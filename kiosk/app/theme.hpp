// Touch sizing, colours and fonts, set in one place. Two palettes: the
// normal one and high contrast; both keep body text above 4.5:1.
#pragma once

#include <imgui.h>

namespace theme {

struct Palette {
  ImU32 background, surface, surface_active, surface_disabled, border;
  ImU32 text, text_soft, text_disabled, text_on_colour, text_on_colour_soft;
  ImU32 primary, primary_active, accent, accent_active, danger, danger_active;
  ImU32 highlight;  // behind matched words in search results
  ImU32 warning_bg, warning_text;
  ImU32 tiles[6];
};

struct Sizes {
  float header_height = 120;
  float min_target = 88;  // hit targets, at 1080p (at least 72)
  float padding = 32;
  float gap = 24;
  float rounding = 14;
};

enum class FontRole { body, body_bold, body_italic, small, heading, tile, title, huge };

const Palette& current();
const Sizes& sizes();
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
