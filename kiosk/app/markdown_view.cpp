#include "markdown_view.hpp"

#include <md4c.h>

#include "content/types.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace markdown {
namespace {

struct Builder {
  Document doc;
  std::vector<Block*> open;  // blocks collecting spans
  int bold = 0, italic = 0;
  struct List {
    bool ordered;
    unsigned next;
  };
  std::vector<List> lists;
  Block* table = nullptr;
  std::string* cell = nullptr;

  Block& start(Block::Kind kind) {
    doc.blocks.push_back(Block{kind, 0, {}, {}, {}});
    return doc.blocks.back();
  }
  void add_text(std::string_view text) {
    if (cell) {
      cell->append(text);
      return;
    }
    if (doc.blocks.empty() || open.empty()) return;
    Block& b = doc.blocks.back();
    if (!b.spans.empty() && b.spans.back().bold == (bold > 0) &&
        b.spans.back().italic == (italic > 0)) {
      b.spans.back().text.append(text);
    } else {
      b.spans.push_back(Span{std::string(text), bold > 0, italic > 0, false});
    }
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* b = static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H: {
      auto& h = b->start(Block::Kind::heading);
      h.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
      b->open.push_back(&h);
      break;
    }
    case MD_BLOCK_P:
      if (b->table) break;
      if (!b->doc.blocks.empty() && b->doc.blocks.back().kind == Block::Kind::list_item &&
          b->doc.blocks.back().spans.empty() && !b->open.empty()) {
        break;  // the paragraph inside a list item: keep writing into the item
      }
      b->open.push_back(&b->start(Block::Kind::paragraph));
      break;
    case MD_BLOCK_UL:
      b->lists.push_back({false, 0});
      break;
    case MD_BLOCK_OL:
      b->lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
      break;
    case MD_BLOCK_LI: {
      auto& li = b->start(Block::Kind::list_item);
      li.level = static_cast<int>(b->lists.size());
      if (!b->lists.empty() && b->lists.back().ordered) {
        li.bullet = std::to_string(b->lists.back().next++) + ".";
      } else {
        li.bullet = "•";
      }
      b->open.push_back(&li);
      break;
    }
    case MD_BLOCK_HR:
      b->start(Block::Kind::rule);
      break;
    case MD_BLOCK_CODE:  // indented or fenced text: shown as a paragraph
      b->open.push_back(&b->start(Block::Kind::paragraph));
      break;
    case MD_BLOCK_TABLE:
      b->table = &b->start(Block::Kind::table);
      break;
    case MD_BLOCK_TR:
      if (b->table) b->table->rows.emplace_back();
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (b->table && !b->table->rows.empty()) {
        b->table->rows.back().emplace_back();
        b->cell = &b->table->rows.back().back();
      }
      break;
    default:
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H:
    case MD_BLOCK_LI:
    case MD_BLOCK_CODE:
      if (!b->open.empty()) b->open.pop_back();
      break;
    case MD_BLOCK_P:
      if (!b->table && !b->open.empty() && b->doc.blocks.back().kind == Block::Kind::paragraph) {
        b->open.pop_back();
      }
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!b->lists.empty()) b->lists.pop_back();
      break;
    case MD_BLOCK_TABLE:
      b->table = nullptr;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      b->cell = nullptr;
      break;
    default:
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) ++b->bold;
  if (type == MD_SPAN_EM) ++b->italic;
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto* b = static_cast<Builder*>(user);
  if (type == MD_SPAN_STRONG) --b->bold;
  if (type == MD_SPAN_EM) --b->italic;
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
  auto* b = static_cast<Builder*>(user);
  switch (type) {
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      b->add_text(" ");
      break;
    case MD_TEXT_NULLCHAR:
      break;
    case MD_TEXT_ENTITY: {
      const std::string_view e(data, size);
      b->add_text(e == "&amp;"    ? "&"
                  : e == "&lt;"   ? "<"
                  : e == "&gt;"   ? ">"
                  : e == "&nbsp;" ? " "
                                  : e);
      break;
    }
    default:
      b->add_text(std::string_view(data, size));
  }
  return 0;
}

ImFont* font_for(const Span& s, bool heading) {
  using theme::FontRole;
  if (heading || s.bold) return theme::font(FontRole::body_bold);
  if (s.italic) return theme::font(FontRole::body_italic);
  return theme::font(FontRole::body);
}

// Lays out spans word by word, wrapping at the available width.
void layout_spans(const std::vector<Span>& spans, ImFont* heading_font, float scale, ImU32 colour,
                  float indent) {
  auto* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x - indent);
  float x = 0, y = 0;
  float line_height = 0;
  const auto& palette = theme::current();
  for (const auto& span : spans) {
    ImFont* font = heading_font ? heading_font : font_for(span, false);
    const float size = font->FontSize * scale;
    line_height = std::max(line_height, size * 1.3f);
    std::string_view rest = span.text;
    while (!rest.empty()) {
      auto space = rest.find(' ');
      const std::string_view word =
          rest.substr(0, space == std::string_view::npos ? rest.size() : space + 1);
      rest.remove_prefix(word.size());
      const ImVec2 w =
          font->CalcTextSizeA(size, FLT_MAX, 0, word.data(), word.data() + word.size());
      std::string_view trimmed = word;
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
      const float visible =
          font->CalcTextSizeA(size, FLT_MAX, 0, trimmed.data(), trimmed.data() + trimmed.size()).x;
      if (x > 0 && x + visible > width) {
        x = 0;
        y += line_height;
      }
      const ImVec2 at(origin.x + indent + x, origin.y + y);
      if (span.highlight) {
        ui::check_ink("matched word", palette.highlight_text, palette.highlight);
        dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + visible + 2, at.y + size * 1.2f),
                          palette.highlight, 4);
      }
      dl->AddText(font, size, at, span.highlight ? palette.highlight_text : colour, trimmed.data(),
                  trimmed.data() + trimmed.size());
      x += w.x;
    }
  }
  ImGui::Dummy(ImVec2(width + indent, y + line_height));
}

}  // namespace

Document parse(std::string_view markdown) {
  Builder builder;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder) != 0) {
    Document plain;
    plain.blocks.push_back(Block{Block::Kind::paragraph, 0, {}, {Span{std::string(markdown)}}, {}});
    return plain;
  }
  return std::move(builder.doc);
}

std::vector<Span> snippet_spans(std::string_view snippet) {
  std::vector<Span> spans(1);
  for (const char c : snippet) {
    if (c == content::kSnippetOpen || c == content::kSnippetClose) {
      spans.push_back(Span{{}, false, false, c == content::kSnippetOpen});
    } else {
      spans.back().text.push_back(c == '\n' ? ' ' : c);
    }
  }
  return spans;
}

void draw_spans(const std::vector<Span>& spans, float scale, ImU32 colour) {
  layout_spans(spans, nullptr, scale, colour, 0);
}

void draw(const Document& doc, float scale, ImU32 colour, ImU32 background) {
  const auto& palette = theme::current();
  const ImU32 ink = colour ? colour : palette.text;
  ui::check_ink("markdown text", ink, background ? background : palette.background);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
  // When the text size changes, the block at the top of the view stays where
  // it is on the screen: the reader keeps their place.
  std::size_t anchor = doc.blocks.size();
  float anchor_y = 0;  // its top, relative to the view's top
  if (doc.laid_out_scale > 0 && doc.laid_out_scale != scale && doc.laid_out_width == width &&
      doc.heights.size() == doc.blocks.size()) {
    float y = ImGui::GetCursorScreenPos().y;
    for (std::size_t i = 0; i < doc.blocks.size() && doc.heights[i] >= 0; ++i) {
      if (y + doc.heights[i] > clip_min.y) {
        anchor = i;
        anchor_y = y - clip_min.y;
        break;
      }
      y += doc.heights[i];
    }
  }
  if (doc.laid_out_width != width || doc.laid_out_scale != scale ||
      doc.heights.size() != doc.blocks.size()) {
    doc.heights.assign(doc.blocks.size(), -1.0f);
    doc.laid_out_width = width;
    doc.laid_out_scale = scale;
  }
  int headings = 0, tables = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    const float top = ImGui::GetCursorScreenPos().y;
    if (i == anchor) ui::scroll_after_layout(top - clip_min.y - anchor_y);
    if (block.kind == Block::Kind::heading) ++headings;
    if (block.kind == Block::Kind::table) ++tables;
    const float known = doc.heights[i];
    if (known >= 0 && (top + known < clip_min.y || top > clip_max.y)) {
      ImGui::Dummy(ImVec2(1, std::max(0.0f, known - ImGui::GetStyle().ItemSpacing.y)));
      continue;
    }
    switch (block.kind) {
      case Block::Kind::heading: {
        ImGui::Dummy(ImVec2(1, 8 * scale));
        ImFont* f =
            theme::font(block.level <= 2 ? theme::FontRole::heading : theme::FontRole::body_bold);
        layout_spans(block.spans, f, scale, ink, 0);
        break;
      }
      case Block::Kind::paragraph:
        layout_spans(block.spans, nullptr, scale, ink, 0);
        break;
      case Block::Kind::list_item: {
        const float indent = 44.0f * scale * static_cast<float>(std::max(1, block.level));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImFont* f = theme::font(theme::FontRole::body_bold);
        ImGui::GetWindowDrawList()->AddText(f, f->FontSize * scale,
                                            ImVec2(at.x + indent - 34 * scale, at.y), ink,
                                            block.bullet.c_str());
        layout_spans(block.spans, nullptr, scale, ink, indent);
        break;
      }
      case Block::Kind::rule: {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddLine(
            ImVec2(at.x, at.y + 8), ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y + 8),
            palette.border, 2);
        ImGui::Dummy(ImVec2(1, 16));
        break;
      }
      case Block::Kind::table: {
        std::size_t columns = 0;
        for (const auto& r : block.rows) columns = std::max(columns, r.size());
        if (columns == 0 || columns > 16) break;
        ImGui::PushID(&block);
        ImGui::SetWindowFontScale(scale);  // A+ enlarges tables as it does paragraphs
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ink));
        if (ImGui::BeginTable("t", static_cast<int>(columns),
                              ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchSame)) {
          for (std::size_t r = 0; r < block.rows.size(); ++r) {
            ImGui::TableNextRow();
            for (std::size_t c = 0; c < columns; ++c) {
              ImGui::TableSetColumnIndex(static_cast<int>(c));
              const std::string& cell = c < block.rows[r].size() ? block.rows[r][c] : std::string();
              ImGui::PushFont(
                  theme::font(r == 0 ? theme::FontRole::body_bold : theme::FontRole::body));
              ImGui::PushTextWrapPos(0);
              ImGui::TextUnformatted(cell.c_str());
              ImGui::PopTextWrapPos();
              ImGui::PopFont();
            }
          }
          ImGui::EndTable();
        }
        ImGui::PopStyleColor();
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopID();
        break;
      }
    }
    doc.heights[i] = ImGui::GetCursorScreenPos().y - top;
    // Headings and tables by their order, for scripts (md-heading-1, md-table-1).
    if (block.kind == Block::Kind::heading || block.kind == Block::Kind::table) {
      const std::string id = block.kind == Block::Kind::heading
                                 ? "md-heading-" + std::to_string(headings)
                                 : "md-table-" + std::to_string(tables);
      ui::registry().add(id, ImVec2(ImGui::GetWindowPos().x, top),
                         ImVec2(ImGui::GetWindowPos().x + width, top + doc.heights[i]));
    }
  }
}

}  // namespace markdown
