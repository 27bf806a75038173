// A line diff between two texts, for the history page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk_server::console {

struct DiffLine {
  char op = ' ';  // ' ' kept, '-' only in the old text, '+' only in the new
  std::string line;
};

// Common leading and trailing lines are kept as they are; the middle is
// diffed by longest common subsequence when it is small enough, else shown
// as all removed then all added.
std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after);

}  // namespace kiosk_server::console
