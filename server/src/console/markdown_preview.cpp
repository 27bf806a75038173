#include "console/markdown_preview.hpp"

#include <md4c.h>

#include <set>

namespace kiosk_server::console {
namespace {

void escape_into(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

struct Renderer {
  std::string html;
  std::set<std::string> warnings;
  int image_depth = 0;
  std::vector<bool> link_open;  // per MD_SPAN_A: whether an <a> was written

  void warn(std::string w) { warnings.insert(std::move(w)); }
};

std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  for (unsigned i = 0; a.substr_offsets[i] < a.size; ++i) {
    out.append(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
  }
  return out;
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* r = static_cast<Renderer*>(user);
  switch (type) {
    case MD_BLOCK_H: {
      const auto level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
      r->html += "<h" + std::to_string(level) + ">";
      break;
    }
    case MD_BLOCK_P:
      r->html += "<p>";
      break;
    case MD_BLOCK_UL:
      r->html += "<ul>";
      break;
    case MD_BLOCK_OL: {
      const auto start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
      r->html += start == 1 ? "<ol>" : "<ol start=\"" + std::to_string(start) + "\">";
      break;
    }
    case MD_BLOCK_LI:
      if (static_cast<MD_BLOCK_LI_DETAIL*>(detail)->is_task) {
        r->warn("task boxes ([ ] and [x]) show as plain list items on the kiosk");
      }
      r->html += "<li>";
      break;
    case MD_BLOCK_HR:
      r->html += "<hr>";
      break;
    case MD_BLOCK_CODE:
      r->warn("code blocks show as plain paragraphs on the kiosk");
      r->html += "<p>";
      break;
    case MD_BLOCK_QUOTE:
      r->warn("quotes (lines starting with >) show as plain paragraphs on the kiosk");
      break;
    case MD_BLOCK_HTML:
      r->warn("HTML is shown as text on the kiosk, never run");
      r->html += "<p>";
      break;
    case MD_BLOCK_TABLE:
      r->html += "<table>";
      break;
    case MD_BLOCK_THEAD:
      r->html += "<thead>";
      break;
    case MD_BLOCK_TBODY:
      r->html += "<tbody>";
      break;
    case MD_BLOCK_TR:
      r->html += "<tr>";
      break;
    case MD_BLOCK_TH:
      r->html += "<th>";
      break;
    case MD_BLOCK_TD:
      r->html += "<td>";
      break;
    default:
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* r = static_cast<Renderer*>(user);
  switch (type) {
    case MD_BLOCK_H:
      r->html += "</h" + std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n";
      break;
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
      r->html += "</p>\n";
      break;
    case MD_BLOCK_UL:
      r->html += "</ul>\n";
      break;
    case MD_BLOCK_OL:
      r->html += "</ol>\n";
      break;
    case MD_BLOCK_LI:
      r->html += "</li>\n";
      break;
    case MD_BLOCK_TABLE:
      r->html += "</table>\n";
      break;
    case MD_BLOCK_THEAD:
      r->html += "</thead>";
      break;
    case MD_BLOCK_TBODY:
      r->html += "</tbody>";
      break;
    case MD_BLOCK_TR:
      r->html += "</tr>\n";
      break;
    case MD_BLOCK_TH:
      r->html += "</th>";
      break;
    case MD_BLOCK_TD:
      r->html += "</td>";
      break;
    default:
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto* r = static_cast<Renderer*>(user);
  switch (type) {
    case MD_SPAN_STRONG:
      r->html += "<strong>";
      break;
    case MD_SPAN_EM:
      r->html += "<em>";
      break;
    case MD_SPAN_A: {
      const auto href = attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
      if (allowed_link(href)) {
        r->warn(
            "links show as plain text on the kiosk: write the address itself if visitors need it");
        r->html += "<a class=\"link\" href=\"";
        escape_into(r->html, href);
        r->html += "\" rel=\"noopener noreferrer\" target=\"_blank\">";
        r->link_open.push_back(true);
      } else {
        r->warn("a link that is not https:, http: or mailto: is shown as its text only");
        r->link_open.push_back(false);
      }
      break;
    }
    case MD_SPAN_IMG:
      r->warn("pictures are not shown on the kiosk (only their description)");
      ++r->image_depth;
      break;
    case MD_SPAN_CODE:
      r->warn("code spans show as plain text on the kiosk");
      break;
    case MD_SPAN_DEL:
      r->warn("struck-through text shows as plain text on the kiosk");
      break;
    default:
      break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto* r = static_cast<Renderer*>(user);
  switch (type) {
    case MD_SPAN_STRONG:
      r->html += "</strong>";
      break;
    case MD_SPAN_EM:
      r->html += "</em>";
      break;
    case MD_SPAN_A:
      if (!r->link_open.empty()) {
        if (r->link_open.back()) r->html += "</a>";
        r->link_open.pop_back();
      }
      break;
    case MD_SPAN_IMG:
      --r->image_depth;
      break;
    default:
      break;
  }
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
  auto* r = static_cast<Renderer*>(user);
  const std::string_view t(data, size);
  switch (type) {
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      r->html += " ";
      break;
    case MD_TEXT_NULLCHAR:
      break;
    case MD_TEXT_ENTITY:
      escape_into(r->html, t == "&amp;"    ? "&"
                           : t == "&lt;"   ? "<"
                           : t == "&gt;"   ? ">"
                           : t == "&nbsp;" ? " "
                                           : t);
      break;
    default:
      for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        const char n = t[i + 1];
        if (t[i] == '<' &&
            ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!')) {
          r->warn("HTML is shown as text on the kiosk, never run");
          break;
        }
      }
      escape_into(r->html, t);
  }
  return 0;
}

}  // namespace

bool allowed_link(std::string_view url) {
  std::string lower;
  for (const char c : url.substr(0, 8))
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower.rfind("https://", 0) == 0 || lower.rfind("http://", 0) == 0 ||
         lower.rfind("mailto:", 0) == 0;
}

Preview preview_markdown(std::string_view markdown) {
  Renderer r;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &r);
  Preview out;
  out.html = std::move(r.html);
  out.warnings.assign(r.warnings.begin(), r.warnings.end());
  return out;
}

}  // namespace kiosk_server::console
