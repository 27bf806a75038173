// Any bytes as a Markdown body: plain text out, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "markdown_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto text = content::markdown_to_plain_text(bytes);
  if (text.size() > 4 * size + 16) __builtin_trap();
  return 0;
}
