#include "theme.hpp"

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
    IM_COL32(255, 236, 200, 255),
    IM_COL32(120, 50, 0, 255),
    {IM_COL32(0, 82, 155, 255), IM_COL32(0, 110, 80, 255), IM_COL32(110, 60, 160, 255),
     IM_COL32(180, 70, 20, 255), IM_COL32(0, 105, 120, 255), IM_COL32(90, 96, 110, 255)},
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
    IM_COL32(255, 230, 0, 255),
    IM_COL32(0, 0, 0, 255),
    {IM_COL32(255, 230, 0, 255), IM_COL32(120, 255, 255, 255), IM_COL32(255, 200, 255, 255),
     IM_COL32(255, 190, 120, 255), IM_COL32(180, 255, 160, 255), IM_COL32(230, 230, 230, 255)},
};

bool g_high_contrast = false;
bool g_touch = false;
ImFont* g_fonts[8] = {};
const Sizes kSizes;

}  // namespace

const Palette& current() { return g_high_contrast ? kHighContrast : kNormal; }
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
