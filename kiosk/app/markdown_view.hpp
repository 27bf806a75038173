// Markdown (as staff write it) drawn with ImGui: headings, paragraphs, bold
// and italic, bullet and numbered lists, simple tables. Parsed once by md4c
// into blocks; drawn every frame from the blocks.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace markdown {

struct Span {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool highlight = false;  // a matched search word
};

struct Block {
  enum class Kind { heading, paragraph, list_item, table, rule } kind = Kind::paragraph;
  int level = 0;       // heading level, or list depth (1 = top)
  std::string bullet;  // "•" or "3."
  std::vector<Span> spans;
  std::vector<std::vector<std::string>> rows;  // tables: the first row is the header
};

struct Document {
  std::vector<Block> blocks;
  // Heights of the blocks as last laid out, for this width and scale: blocks
  // outside the view are skipped with their height, so a 50-page document
  // costs what its visible part costs.
  mutable std::vector<float> heights;
  mutable float laid_out_width = -1;
  mutable float laid_out_scale = -1;
};

Document parse(std::string_view markdown);

// Spans from a search snippet (content::kSnippetOpen/Close around matches).
std::vector<Span> snippet_spans(std::string_view snippet);

// Draws at the cursor, wrapping at the available width. `scale` multiplies
// font sizes (text size +/-), tables' too. `colour` 0: the theme's text;
// `background` (what it is drawn on, for the UI test's contrast check) 0: the
// theme's background.
void draw(const Document& doc, float scale = 1.0f, ImU32 colour = 0, ImU32 background = 0);
void draw_spans(const std::vector<Span>& spans, float scale, ImU32 colour);

}  // namespace markdown
