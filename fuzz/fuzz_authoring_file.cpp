// Any bytes as an authoring file: a parsed item or problems, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/authoring.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto parsed = content::parse_authoring_file("fuzz.md", bytes);
  if (parsed.problems.empty() != parsed.item.has_value()) __builtin_trap();
  for (const auto& p : parsed.problems) {
    if (p.line < 1 || p.reason.empty()) __builtin_trap();
  }
  return 0;
}
