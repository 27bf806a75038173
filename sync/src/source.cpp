#include "sync/source.hpp"

#include <fstream>

namespace published {

Attempt<Fetched> DirectorySource::get(std::string_view path, std::size_t max_bytes,
                                      std::string_view /*if_none_match*/) {
  const auto file = root_ / std::filesystem::path(path);
  std::ifstream in(file, std::ios::binary);
  if (!in) return failed("cannot read " + file.string());
  Fetched out;
  out.body.resize(max_bytes + 1 < 65536 ? max_bytes + 1 : 65536);
  std::size_t have = 0;
  while (in) {
    if (have == out.body.size()) {
      if (out.body.size() > max_bytes) break;
      out.body.resize(std::min(out.body.size() * 2, max_bytes + 1));
    }
    in.read(out.body.data() + have, static_cast<std::streamsize>(out.body.size() - have));
    have += static_cast<std::size_t>(in.gcount());
  }
  if (have > max_bytes) {
    return refused(std::string(path) + " is larger than the " + std::to_string(max_bytes) +
                   " bytes expected");
  }
  out.body.resize(have);
  return out;
}

}  // namespace published
