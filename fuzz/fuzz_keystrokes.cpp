// Any bytes as a visitor's keystrokes on the on-screen and physical
// keyboards: letters, tone keys, mark keys, backspace, clear, either language.
// The composed text is always valid NFC UTF-8, keys() is valid UTF-8, and
// backspace always empties the text in a bounded number of presses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "content/text.hpp"
#include "kiosk/telex.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kiosk::TelexComposer composer;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t b = data[i];
    if (b < 0x80) {
      composer.press(b);
    } else if (b < 0x86) {
      composer.apply_tone(static_cast<kiosk::Tone>(b - 0x80));
    } else if (b < 0x89) {
      composer.apply_mark(static_cast<kiosk::Mark>(b - 0x86));
    } else if (b == 0x89) {
      composer.backspace();
    } else if (b == 0x8A) {
      composer.vietnamese = !composer.vietnamese;
    } else if (b == 0x8B && size < 64) {
      composer.clear();
    } else if (i + 1 < size) {  // a letter outside ASCII: ă, ơ, đ, Ạ, ...
      composer.press(0xC0 + ((static_cast<char32_t>(b) << 8 | data[++i]) % 0x1EC0));
    }
  }
  const std::string& text = composer.text();
  if (!valid_utf8(text) || text != content::text::to_nfc(text)) __builtin_trap();
  if (!valid_utf8(composer.keys())) __builtin_trap();
  for (std::size_t presses = 0; !composer.text().empty(); ++presses) {
    if (presses > 4 * size + 8) __builtin_trap();
    composer.backspace();
  }
  return 0;
}
