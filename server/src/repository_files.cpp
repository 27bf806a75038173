#include "repository_files.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <system_error>

namespace kiosk_server {
namespace {

constexpr std::size_t kMaxServedBytes = 64 * 1024 * 1024;

bool is_lower_hex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return !s.empty();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A version number as publish writes it: decimal, no leading zero, 1..18 digits.
bool is_version_number(std::string_view s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::optional<RepoFileKind> repository_file_kind(std::string_view path) {
  if (path == "/manifest.signed") return RepoFileKind::manifest;
  if (starts_with(path, "/manifests/") && ends_with(path, ".signed")) {
    const auto number = path.substr(11, path.size() - 11 - 7);
    if (is_version_number(number)) return RepoFileKind::versioned_manifest;
    return std::nullopt;
  }
  if (starts_with(path, "/objects/") && path.size() == 9 + 2 + 1 + 64) {
    const auto dir = path.substr(9, 2);
    const auto hash = path.substr(12);
    if (path[11] == '/' && is_lower_hex(hash) && hash.substr(0, 2) == dir) {
      return RepoFileKind::object;
    }
    return std::nullopt;
  }
  if (starts_with(path, "/keys/") && path.size() == 6 + 16 + 7 && ends_with(path, ".signed") &&
      is_lower_hex(path.substr(6, 16))) {
    return RepoFileKind::key_record;
  }
  return std::nullopt;
}

namespace {

// Opens `relative` for reading so that the kernel resolves every component
// beneath `root_fd`: no "..", absolute link or symbolic link may lead out of
// it, even when the tree changes while the path is resolved. -1 when that
// cannot be done.
int open_beneath(int root_fd, const std::string& relative) {
  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
  const long fd = ::syscall(SYS_openat2, root_fd, relative.c_str(), &how, sizeof how);
  if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return static_cast<int>(fd);
  // ENOSYS: kernels before 5.6; EPERM: a seccomp filter that forbids
  // openat2. Either way, walk the path one name at a time, following no
  // symbolic link at all (publish writes none).
  int dir = ::fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
  std::size_t start = 0;
  while (dir >= 0) {
    const auto slash = relative.find('/', start);
    const std::string name =
        relative.substr(start, slash == std::string::npos ? slash : slash - start);
    if (name.empty() || name == "." || name == "..") {
      ::close(dir);
      return -1;
    }
    const int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK |
                      (slash == std::string::npos ? O_RDONLY : (O_PATH | O_DIRECTORY));
    const int next = ::openat(dir, name.c_str(), flags);
    ::close(dir);
    if (slash == std::string::npos) return next;
    dir = next;
    start = slash + 1;
  }
  return -1;
}

}  // namespace

std::optional<RepoFile> read_repository_file(const std::filesystem::path& repo,
                                             std::string_view path) {
  // The repository directory itself is what the operator named (it may be
  // reached through links); nothing below it may lead out.
  const Fd root(::open(repo.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (root.get() < 0) return std::nullopt;
  const Fd fd(open_beneath(root.get(), std::string(path.substr(1))));
  if (fd.get() < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::size_t>(st.st_size) > kMaxServedBytes) {
    return std::nullopt;
  }
  RepoFile out;
  out.bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.bytes.size()) {
    const auto n = ::read(fd.get(), out.bytes.data() + done, out.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.bytes.resize(done);

  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(out.bytes.data()),
                     out.bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  char tag[34];
  tag[0] = '"';
  for (std::size_t i = 0; i < 16; ++i) {
    tag[1 + 2 * i] = kHex[digest[i] >> 4];
    tag[2 + 2 * i] = kHex[digest[i] & 0xf];
  }
  tag[33] = '"';
  out.etag.assign(tag, sizeof tag);
  return out;
}

bool none_match_hits(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    auto comma = if_none_match.find(',', start);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string tag = trim(if_none_match.substr(start, comma - start));
    if (starts_with(tag, "W/")) tag.erase(0, 2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

std::string cache_control(RepoFileKind kind) {
  switch (kind) {
    case RepoFileKind::versioned_manifest:
    case RepoFileKind::object:
      return "public, max-age=31536000, immutable";
    case RepoFileKind::manifest:
    case RepoFileKind::key_record:
      break;
  }
  // Replaced or added by a publish: always revalidated (cheap with the ETag).
  return "no-cache";
}

}  // namespace kiosk_server
