// Any bytes as what a kiosk downloads: a signed envelope, a head, an index,
// a change, a key rotation record, a content object. Each parser refuses or
// accepts; none crashes, and what it accepts keeps its promises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sync/item_json.hpp"
#include "sync/key_rotation.hpp"
#include "sync/manifest.hpp"
#include "sync/signing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const published::SigningKey key = *published::generate_key();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)published::open_envelope(bytes, {key.public_key});
  (void)published::envelope_key_id(bytes);
  (void)published::open_rotation(bytes, {key.public_key}, key.public_key.id);
  if (auto h = published::parse_head(bytes); h.ok()) {
    if (h->index.sha256.size() != 64 || h->version < 1) __builtin_trap();
    for (const auto& c : h->changes) {
      if (c.to > h->version) __builtin_trap();
    }
  }
  if (auto index = published::parse_index(bytes); index.ok()) {
    // What parses is canonical: writing it back gives the same entries.
    auto again = published::parse_index(published::index_json(*index));
    if (!again.ok() || again->size() != index->size()) __builtin_trap();
  }
  if (auto change = published::parse_change(bytes); change.ok()) {
    (void)published::apply_change({}, *change);
  }
  (void)published::parse_object(bytes);
  return 0;
}
