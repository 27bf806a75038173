// Any bytes as what a kiosk downloads: a signed envelope, a manifest, a
// content object. Each parser refuses or accepts; none crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/item_json.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const published::SigningKey key = *published::generate_key();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)published::open_envelope(bytes, {key.public_key});
  if (auto m = published::parse_manifest(bytes); m.ok()) {
    for (const auto& e : m->objects) {
      if (e.sha256.size() != 64 || e.length == 0) __builtin_trap();
    }
  }
  (void)published::parse_object(bytes);
  return 0;
}
