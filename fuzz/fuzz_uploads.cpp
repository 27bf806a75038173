// libFuzzer target: the upload bodies and request paths kiosk-server reads
// from the network must give a value or an Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk_server/uploads.hpp"
#include "repository_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)kiosk_server::parse_feedback(input);
  (void)kiosk_server::parse_heartbeat(input);
  (void)kiosk_server::parse_search_misses(input);
  (void)kiosk_server::is_uuid_v4(input);
  (void)kiosk_server::repository_file_kind(input);
  (void)kiosk_server::none_match_hits(input, "\"0123456789abcdef0123456789abcdef\"");
  return 0;
}
