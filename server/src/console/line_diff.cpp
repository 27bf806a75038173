#include "console/line_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace kiosk_server::console {
namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// Above this many cells, the middle is not diffed line by line.
constexpr std::size_t kMaxCells = 4'000'000;

}  // namespace

std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after) {
  const auto a = split(before);
  const auto b = split(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  std::vector<DiffLine> out;
  for (std::size_t i = 0; i < head; ++i) out.push_back({' ', std::string(a[i])});
  const std::size_t n = a.size() - head - tail;
  const std::size_t m = b.size() - head - tail;
  if (n * m <= kMaxCells) {
    // lcs[i][j]: the longest common subsequence of a[head+i..] and b[head+j..].
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
      return lcs[i * (m + 1) + j];
    };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1
                                              : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        out.push_back({' ', std::string(a[head + i])});
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        out.push_back({'-', std::string(a[head + i++])});
      } else {
        out.push_back({'+', std::string(b[head + j++])});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out.push_back({'-', std::string(a[head + i])});
    for (std::size_t j = 0; j < m; ++j) out.push_back({'+', std::string(b[head + j])});
  }
  for (std::size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({' ', std::string(a[i])});
  return out;
}

}  // namespace kiosk_server::console
