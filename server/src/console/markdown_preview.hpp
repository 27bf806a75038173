// A body as the kiosk will show it, as safe HTML for the console's preview,
// and what the kiosk cannot show. Parsed by md4c with the kiosk's own flags
// (GitHub dialect, raw HTML as text).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk_server::console {

struct Preview {
  std::string html;  // every character of the text escaped; no attribute but href
  std::vector<std::string> warnings;
};

Preview preview_markdown(std::string_view markdown);

// True for the link schemes staff may use: https:, http:, mailto:.
bool allowed_link(std::string_view url);

}  // namespace kiosk_server::console
