#include "fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "theme.hpp"

namespace fonts {
namespace {

std::string find_font(const char* pattern, const char* fallback) {
  std::string path;
  if (FcInit()) {
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pat, &result);
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
        std::string_view(reinterpret_cast<const char*>(family)) == "Noto Sans") {
      path = reinterpret_cast<const char*>(file);
    }
    if (match) FcPatternDestroy(match);
    FcPatternDestroy(pat);
  }
  if (path.empty() && std::filesystem::exists(fallback)) path = fallback;
  return path;
}

// Vietnamese needs Latin-1, Latin Extended-A/B (ơ ư đ ă) and Latin Extended
// Additional (ạ ả ấ … ỹ); signs and quotes come from General Punctuation
// (— “ ” … ‘ ’), which ImGui's Vietnamese range lacks.
const ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 Supplement (« » ·)
    0x0100, 0x01B0,  // Latin Extended-A/B up to ư
    0x0300, 0x0323,  // combining marks, for text that arrives decomposed
    0x1EA0, 0x1EF9,  // Vietnamese letters with marks
    0x2000, 0x206F,  // General Punctuation
    0x20AB, 0x20AC,  // ₫ €
    0x2190, 0x2193,  // arrows
    0x2212, 0x2212,  // minus
    0,
};
const ImWchar kTicketRanges[] = {0x0020, 0x007E, 0};

}  // namespace

std::string load(float scale) {
  const std::string regular =
      find_font("Noto Sans:style=Regular", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
  const std::string bold =
      find_font("Noto Sans:style=Bold", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
  const std::string italic =
      find_font("Noto Sans:style=Italic", "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf");
  if (regular.empty() || bold.empty()) {
    return "Noto Sans is not installed (Debian package fonts-noto-core)";
  }
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;  // large sizes look fine without; saves atlas memory
  config.OversampleV = 1;
  config.PixelSnapH = true;
  auto add = [&](const std::string& file, float size, const ImWchar* ranges) {
    return io.Fonts->AddFontFromFileTTF(file.c_str(), size * scale, &config, ranges);
  };
  using theme::FontRole;
  theme::set_font(FontRole::body, add(regular, 30, kTextRanges));
  theme::set_font(FontRole::body_bold, add(bold, 30, kTextRanges));
  theme::set_font(FontRole::body_italic, add(italic.empty() ? regular : italic, 30, kTextRanges));
  theme::set_font(FontRole::small, add(regular, 24, kTextRanges));
  theme::set_font(FontRole::heading, add(bold, 40, kTextRanges));
  theme::set_font(FontRole::tile, add(bold, 46, kTextRanges));
  theme::set_font(FontRole::title, add(bold, 56, kTextRanges));
  theme::set_font(FontRole::huge, add(bold, 200, kTicketRanges));
  io.FontDefault = theme::font(FontRole::body);
  if (!io.Fonts->Build()) return "cannot build the font atlas";
  if (std::getenv("KIOSK_REPORT_TIMING")) {
    std::fprintf(stderr, "timing: font atlas %dx%d\n", io.Fonts->TexWidth, io.Fonts->TexHeight);
  }
  return {};
}

std::vector<char32_t> missing_glyphs(std::string_view text) {
  std::vector<char32_t> missing;
  ImFont* font = theme::font(theme::FontRole::body);
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    utf8proc_int32_t c = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(p), end - p, &c);
    if (n <= 0) break;
    p += n;
    if (c == '\n' || c == '\t' || c == '\r') continue;
    if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.push_back(c);
  }
  return missing;
}

}  // namespace fonts
