// The published repository (sync/include/sync/repository.hpp) as files to
// serve: which request paths name one, reading it, and its validators.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk_server {

enum class RepoFileKind {
  manifest,            // manifest.signed, replaced on every publish
  versioned_manifest,  // manifests/<version>.signed, never rewritten
  object,              // objects/<aa>/<sha256>, never rewritten
  key_record,          // keys/<16 hex>.signed, a key rotation record
};

// The kind of file `path` (a request path, "/objects/ab/ab12...") names, or
// nullopt unless it matches one of the names above exactly: lower-case hex,
// a version without leading zeros, nothing else.
std::optional<RepoFileKind> repository_file_kind(std::string_view path);

struct RepoFile {
  std::string bytes;
  std::string etag;  // strong: the quoted first 128 bits of the SHA-256 of `bytes`
};

// Reads `path` (which repository_file_kind accepted) under `repo`, fresh.
// nullopt when it is missing, not a regular file, larger than 64 MiB, or
// reached through a symbolic link that leads outside `repo`.
std::optional<RepoFile> read_repository_file(const std::filesystem::path& repo,
                                             std::string_view path);

// True when an If-None-Match header value matches `etag` ("*", or a list of
// entity tags compared weakly, as RFC 9110 says for If-None-Match).
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

std::string cache_control(RepoFileKind kind);

}  // namespace kiosk_server
