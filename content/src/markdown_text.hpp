// The visible text of a Markdown body, for the search index and its snippets.
#pragma once

#include <string>
#include <string_view>

namespace content {

// Paragraphs, headings, list items and table cells become lines of plain
// text; emphasis, links and table rules disappear. Never fails: text md4c
// cannot parse is returned as it is.
std::string markdown_to_plain_text(std::string_view markdown);

}  // namespace content
