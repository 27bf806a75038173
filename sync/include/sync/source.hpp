// Where a published repository is read from: a web server (http_source.hpp)
// or a local directory. Paths are relative to the repository's root, such
// as "manifest.signed" or "objects/ab/ab12...".
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "sync/failure.hpp"

namespace published {

struct Fetched {
  bool not_modified = false;  // the server answered 304 to If-None-Match
  std::string body;
  std::string etag;  // empty when the source gives none
};

class RepositorySource {
 public:
  virtual ~RepositorySource() = default;
  // More than `max_bytes` is refused, without reading the rest.
  virtual Attempt<Fetched> get(std::string_view path, std::size_t max_bytes,
                               std::string_view if_none_match = {}) = 0;
};

class DirectorySource final : public RepositorySource {
 public:
  explicit DirectorySource(std::filesystem::path root) : root_(std::move(root)) {}
  Attempt<Fetched> get(std::string_view path, std::size_t max_bytes,
                       std::string_view if_none_match) override;

 private:
  std::filesystem::path root_;
};

}  // namespace published
