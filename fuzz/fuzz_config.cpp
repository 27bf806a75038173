// Any bytes as kiosk.toml: the configuration parser refuses or accepts,
// never crashes, and an accepted configuration keeps its promises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/text.hpp"
#include "kiosk/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto config = kiosk::parse_config(text, "kiosk.toml");
  if (config.ok()) {
    if (config->kiosk_id.empty() || config->kiosk_id.size() > 64) __builtin_trap();
    if (config->office_name.empty() || config->office_name.size() > 200) __builtin_trap();
    if (content::text::first_invalid_utf8(config->office_name)) __builtin_trap();
    if (config->sync_minutes < 1 || config->sync_minutes > 1440) __builtin_trap();
    if (config->idle_timeout_seconds < 5 || config->idle_timeout_seconds > 3600) __builtin_trap();
    if (config->languages.empty()) __builtin_trap();
    if (!config->server_url.empty() && config->trust.empty()) __builtin_trap();
  } else if (config.error().message.rfind("kiosk.toml", 0) != 0) {
    __builtin_trap();  // every problem names the file
  }
  return 0;
}
