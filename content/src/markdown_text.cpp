#include "markdown_text.hpp"

#include <md4c.h>

namespace content {
namespace {

struct Collector {
  std::string out;
  void separate(char c) {
    if (!out.empty() && out.back() != '\n' && out.back() != c) out.push_back(c);
  }
};

int enter_block(MD_BLOCKTYPE, void*, void*) { return 0; }

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto* c = static_cast<Collector*>(user);
  if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) {
    c->separate(' ');
  } else {
    c->separate('\n');
  }
  return 0;
}

int span(MD_SPANTYPE, void*, void*) { return 0; }

int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* user) {
  auto* c = static_cast<Collector*>(user);
  switch (type) {
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      c->separate(' ');
      break;
    case MD_TEXT_NULLCHAR:
      break;
    case MD_TEXT_ENTITY: {
      const std::string_view e(data, size);
      if (e == "&amp;") {
        c->out.push_back('&');
      } else if (e == "&lt;") {
        c->out.push_back('<');
      } else if (e == "&gt;") {
        c->out.push_back('>');
      } else if (e == "&quot;") {
        c->out.push_back('"');
      } else if (e == "&nbsp;") {
        c->out.push_back(' ');
      } else {
        c->out.append(e);
      }
      break;
    }
    default:
      c->out.append(data, size);
  }
  return 0;
}

}  // namespace

std::string markdown_to_plain_text(std::string_view markdown) {
  Collector collector;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = span;
  parser.leave_span = span;
  parser.text = text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &collector) != 0) {
    return std::string(markdown);
  }
  while (!collector.out.empty() && collector.out.back() == '\n') collector.out.pop_back();
  return collector.out;
}

}  // namespace content
