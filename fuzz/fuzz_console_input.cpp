// What staff and their browsers send to the console: an item as JSON (to an
// authoring file and back), a Markdown body to preview, a query string and a
// Cookie header. The first byte picks which. Aborts when the preview lets
// markup through that the console must never produce, or when a saved item
// does not read back the same way twice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "console/console_http.hpp"
#include "console/item_text.hpp"
#include "console/markdown_preview.hpp"

namespace {

using namespace kiosk_server::console;

// Every '<' in the preview opens or closes a tag of the kiosk's own set.
void check_preview(std::string_view html) {
  static constexpr std::string_view kTags[] = {
      "h1>",    "h2>", "h3>",         "h4>", "h5>",     "h6>",    "p>",
      "ul>",    "ol>", "ol start=\"", "li>", "hr>",     "table>", "thead>",
      "tbody>", "tr>", "th>",         "td>", "strong>", "em>",    "a class=\"link\" href=\"",
      "a>"};
  for (auto at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    auto rest = html.substr(at + 1);
    if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
    bool known = false;
    for (const auto tag : kTags) known = known || rest.substr(0, tag.size()) == tag;
    if (!known) std::abort();
  }
  for (auto at = html.find("href=\""); at != std::string_view::npos;
       at = html.find("href=\"", at + 1)) {
    if (!allowed_link(html.substr(at + 6))) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      const auto fields = nlohmann::json::parse(input, nullptr, false);
      if (fields.is_discarded()) return 0;
      auto text = item_text_from_json(fields, "faq-fuzz", "vi");
      if (!text) return 0;
      auto item = check_item_text(*text);
      if (!item) return 0;
      // Read back and saved again, a file is stable after one round (the
      // first may trim blank lines around the body).
      auto again = item_text_from_json(json_from_item_text(*text), "faq-fuzz", "vi");
      if (!again) std::abort();
      auto third = item_text_from_json(json_from_item_text(*again), "faq-fuzz", "vi");
      if (!third || *third != *again) std::abort();
      break;
    }
    case 1:
      check_preview(preview_markdown(input).html);
      (void)json_from_item_text(input);
      break;
    case 2:
      (void)parse_query(input);
      break;
    default:
      (void)cookie_value(std::string(input), kCookieName);
      break;
  }
  return 0;
}
