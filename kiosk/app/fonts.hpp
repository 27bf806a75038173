// Noto Sans from fonts-noto-core, found through fontconfig, loaded at the
// sizes the theme uses, with every glyph Vietnamese text and typographic
// punctuation need.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fonts {

// Builds the font atlas; `scale` 1.0 normal, larger for large-text mode.
// Returns an error message, empty on success.
std::string load(float scale);

// Code points of `text` the body font cannot draw (they would show as '?').
std::vector<char32_t> missing_glyphs(std::string_view text);

}  // namespace fonts
