#include "theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace theme {
namespace {

// Colours chosen for contrast on a bright lobby screen: dark text on light
// surfaces (about 13:1), white on the tile colours (at least 4.6:1).
const Palette kNormal = {
    IM_COL32(244, 246, 249, 255),
    IM_COL32(255, 255, 255, 255),
    IM_COL32(222, 230, 240, 255),
    IM_COL32(232, 234, 238, 255),
    IM_COL32(176, 186, 200, 255),
    IM_COL32(22, 30, 45, 255),
    IM_COL32(70, 80, 98, 255),
    IM_COL32(130, 136, 148, 255),
    IM_COL32(255, 255, 255, 255),
    IM_COL32(235, 240, 248, 255),
    IM_COL32(0, 82, 155, 255),
    IM_COL32(0, 60, 118, 255),
    IM_COL32(0, 110, 80, 255),
    IM_COL32(0, 84, 60, 255),
    IM_COL32(178, 34, 34, 255),
    IM_COL32(140, 20, 20, 255),
    IM_COL32(255, 225, 120, 255),
    IM_COL32(22, 30, 45, 255),
    IM_COL32(255, 236, 200, 255),
    IM_COL32(120, 50, 0, 255),
    {IM_COL32(0, 82, 155, 255), IM_COL32(0, 110, 80, 255), IM_COL32(110, 60, 160, 255),
     IM_COL32(180, 70, 20, 255), IM_COL32(0, 105, 120, 255), IM_COL32(90, 96, 110, 255)},
    {IM_COL32(0, 120, 70, 255), IM_COL32(70, 130, 40, 255), IM_COL32(190, 110, 0, 255),
     IM_COL32(180, 40, 40, 255)},
};

const Palette kHighContrast = {
    IM_COL32(0, 0, 0, 255),
    IM_COL32(20, 20, 20, 255),
    IM_COL32(60, 60, 60, 255),
    IM_COL32(30, 30, 30, 255),
    IM_COL32(255, 255, 255, 255),
    IM_COL32(255, 255, 255, 255),
    IM_COL32(235, 235, 235, 255),
    IM_COL32(150, 150, 150, 255),
    IM_COL32(0, 0, 0, 255),
    IM_COL32(20, 20, 20, 255),
    IM_COL32(255, 230, 0, 255),
    IM_COL32(255, 255, 120, 255),
    IM_COL32(120, 255, 255, 255),
    IM_COL32(200, 255, 255, 255),
    IM_COL32(255, 150, 150, 255),
    IM_COL32(255, 200, 200, 255),
    IM_COL32(255, 230, 0, 255),
    IM_COL32(0, 0, 0, 255),
    IM_COL32(255, 230, 0, 255),
    IM_COL32(0, 0, 0, 255),
    {IM_COL32(255, 230, 0, 255), IM_COL32(120, 255, 255, 255), IM_COL32(255, 200, 255, 255),
     IM_COL32(255, 190, 120, 255), IM_COL32(180, 255, 160, 255), IM_COL32(230, 230, 230, 255)},
    {IM_COL32(0, 150, 90, 255), IM_COL32(90, 160, 50, 255), IM_COL32(220, 130, 0, 255),
     IM_COL32(220, 50, 50, 255)},
};

bool g_high_contrast = false;
bool g_touch = false;
ImFont* g_fonts[8] = {};
const Sizes kSizes;

}  // namespace

const Palette& current() { return g_high_contrast ? kHighContrast : kNormal; }
const Palette& normal_palette() { return kNormal; }
const Palette& high_contrast_palette() { return kHighContrast; }

std::vector<Ink> text_pairs(const Palette& p) {
  std::vector<Ink> pairs = {
      {"text on background", p.text, p.background},
      {"text on surface", p.text, p.surface},
      {"text on a pressed button", p.text, p.surface_active},
      {"soft text on background", p.text_soft, p.background},
      {"soft text on surface", p.text_soft, p.surface},
      {"soft text on a pressed button", p.text_soft, p.surface_active},
      {"button text on primary", p.text_on_colour, p.primary},
      {"button text on pressed primary", p.text_on_colour, p.primary_active},
      {"button text on accent", p.text_on_colour, p.accent},
      {"button text on pressed accent", p.text_on_colour, p.accent_active},
      {"button text on danger", p.text_on_colour, p.danger},
      {"button text on pressed danger", p.text_on_colour, p.danger_active},
      {"header clock on primary", p.text_on_colour_soft, p.primary},
      {"primary text on background", p.primary, p.background},
      {"primary text on surface", p.primary, p.surface},
      {"accent text on background", p.accent, p.background},
      {"danger text on background", p.danger, p.background},
      {"danger text on surface", p.danger, p.surface},
      {"matched word on highlight", p.highlight_text, p.highlight},
      {"announcement text", p.warning_text, p.warning_bg},
  };
  for (int i = 0; i < 6; ++i) {
    pairs.push_back({"tile label", p.text_on_colour, p.tiles[i]});
    pairs.push_back({"tile detail", p.text_on_colour_soft, p.tiles[i]});
  }
  return pairs;
}

double contrast_ratio(ImU32 a, ImU32 b) {
  auto luminance = [](ImU32 c) {
    auto channel = [](unsigned v) {
      const double s = v / 255.0;
      return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) +
           0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
  };
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<std::string> contrast_problems(const Palette& p, double minimum) {
  std::vector<std::string> problems;
  for (const Ink& ink : text_pairs(p)) {
    const double ratio = contrast_ratio(ink.text, ink.background);
    if (ratio < minimum) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s %.2f:1 (needs %.1f:1)", ink.name, ratio, minimum);
      problems.emplace_back(buf);
    }
  }
  return problems;
}
const Sizes& sizes() { return kSizes; }
void use_high_contrast(bool on) {
  g_high_contrast = on;
  apply_style();
}
bool high_contrast() { return g_high_contrast; }

ImFont* font(FontRole role) {
  ImFont* f = g_fonts[static_cast<int>(role)];
  return f ? f : ImGui::GetFont();
}
void set_font(FontRole role, ImFont* f) { g_fonts[static_cast<int>(role)] = f; }

bool last_input_was_touch() { return g_touch; }
void set_last_input_was_touch(bool touch) { g_touch = touch; }

void apply_style() {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FramePadding = ImVec2(20, 16);
  style.ItemSpacing = ImVec2(kSizes.gap, kSizes.gap * 0.75f);
  style.ScrollbarSize = 14;
  style.ScrollbarRounding = 7;
  style.CellPadding = ImVec2(14, 10);
  style.TouchExtraPadding = ImVec2(4, 4);
  const Palette& p = current();
  auto v = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  ImVec4* c = style.Colors;
  // The frame is cleared to the background colour; windows and child areas
  // paint nothing more, since every full-screen fill costs a software
  // rasteriser a few milliseconds.
  c[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = v(p.surface);
  c[ImGuiCol_Text] = v(p.text);
  c[ImGuiCol_TextDisabled] = v(p.text_disabled);
  c[ImGuiCol_Border] = v(p.border);
  c[ImGuiCol_ScrollbarBg] = v(p.background);
  c[ImGuiCol_ScrollbarGrab] = v(p.border);
  c[ImGuiCol_TableHeaderBg] = v(p.surface_active);
  c[ImGuiCol_TableBorderStrong] = v(p.border);
  c[ImGuiCol_TableBorderLight] = v(p.border);
  c[ImGuiCol_TableRowBg] = v(p.surface);
  c[ImGuiCol_TableRowBgAlt] = v(p.background);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
}

}  // namespace theme
