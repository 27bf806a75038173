// QR codes (libqrencode) drawn as squares: no texture, sharp at any size.
#pragma once

#include <string_view>

namespace qr {

// Draws a QR code of `text` at the cursor, `size` pixels square including
// the quiet zone. Returns false (and draws nothing) when it cannot be encoded.
bool draw(std::string_view text, float size);

}  // namespace qr
