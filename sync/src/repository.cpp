#include "sync/repository.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "sync/key_rotation.hpp"
#include "sync/source.hpp"
#include "sync/update.hpp"

#include "content/authoring.hpp"
#include "sync/item_json.hpp"

namespace published {
namespace {

using nlohmann::json;

content::Result<std::string> read_file(const std::filesystem::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return content::Error{"cannot read " + file.string()};
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0 || static_cast<std::uint64_t>(size) > max_bytes) {
    return content::Error{file.string() + " is larger than " + std::to_string(max_bytes) +
                          " bytes"};
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), size);
  if (!in) return content::Error{"cannot read " + file.string()};
  return bytes;
}

// Writes `bytes` to `file` through a temporary file and a rename, so a reader
// sees the old file or the new one, never a part; `durable` also syncs the
// file and its directory before returning. Objects are written without it
// and made durable together by sync_repository() before the head names them.
content::Status write_atomically(const std::filesystem::path& file, std::string_view bytes,
                                 bool durable = true) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::string temp = file.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return content::Error{"cannot write " + temp};
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return content::Error{"cannot write " + temp};
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = !durable || ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.c_str(), file.c_str()) != 0) {
    return content::Error{"cannot write " + file.string()};
  }
  if (durable) {
    const int dir = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }
  return {};
}

// Everything written to the repository's file system so far reaches the disk
// (one syncfs instead of an fsync per object: a 36,000-object publish went
// from minutes to seconds).
content::Status sync_repository(const std::filesystem::path& repo) {
  const int fd = ::open(repo.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return content::Error{"cannot open " + repo.string()};
  const bool ok = ::syncfs(fd) == 0;
  ::close(fd);
  if (!ok) return content::Error{"cannot flush " + repo.string() + " to disk"};
  return {};
}

// A static server's ETag is often the file's modification time and length
// (nginx): a new head gets a later time than the one it replaces, even when
// published within the same second, so no kiosk is told "not modified".
void make_newer(const std::filesystem::path& file, std::time_t than) {
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = than + 1;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0 && st.st_mtim.tv_sec > than) return;
  ::utimensat(AT_FDCWD, file.c_str(), times, 0);
}

std::vector<std::pair<IndexEntry, std::string>> objects_of(const content::ContentSet& set) {
  std::vector<std::pair<IndexEntry, std::string>> out;
  auto add = [&](content::ItemType type, const std::string& id, content::Lang lang,
                 std::string bytes) {
    IndexEntry e{{type, id, lang}, sha256_hex(bytes), bytes.size()};
    out.emplace_back(std::move(e), std::move(bytes));
  };
  using content::ItemType;
  for (const auto& i : set.categories) add(ItemType::category, i.id, i.lang, object_bytes(i));
  for (const auto& i : set.documents) add(ItemType::document, i.id, i.lang, object_bytes(i));
  for (const auto& i : set.faqs) add(ItemType::faq, i.id, i.lang, object_bytes(i));
  for (const auto& i : set.services) add(ItemType::service, i.id, i.lang, object_bytes(i));
  for (const auto& i : set.announcements) {
    add(ItemType::announcement, i.id, i.lang, object_bytes(i));
  }
  for (const auto& i : set.offices) add(ItemType::office, i.id, i.lang, object_bytes(i));
  for (const auto& i : set.glossaries) add(ItemType::glossary, i.id, i.lang, object_bytes(i));
  return out;
}

// Writes an object unless it is there: objects are never rewritten.
content::Result<bool> store_object(const std::filesystem::path& repo, const std::string& bytes,
                                   ObjectRef& ref) {
  ref = {sha256_hex(bytes), bytes.size()};
  const auto file = repo / object_path(ref.sha256);
  if (std::filesystem::exists(file)) return false;
  if (auto s = write_atomically(file, bytes, /*durable=*/false); !s) return s.error();
  return true;
}

struct Previous {
  Head head;
  std::vector<IndexEntry> index;
};

// The repository's newest head, which must be signed by `key`: the one key
// allowed to publish here. (rotate_key re-signs the head with the new key,
// so a publisher never has to take another key's word for anything a
// repository holds.)
content::Result<std::optional<Previous>> read_previous(const std::filesystem::path& repo,
                                                       const PublicKey& key) {
  const auto pointer = repo / "manifest.signed";
  if (!std::filesystem::exists(pointer)) return std::optional<Previous>();
  auto bytes = read_file(pointer, kMaxHeadBytes + 512);
  if (!bytes) return bytes.error();
  const std::vector<PublicKey> trusted{key};
  const std::string signer = envelope_key_id(*bytes);
  if (signer != key.id) {
    return content::Error{"the repository is signed by key " +
                          (signer.empty() ? std::string("(none)") : signer) + ", not by " + key.id +
                          "; to change keys, use kioskctl rotate-key"};
  }
  auto body = open_envelope(*bytes, trusted, kMaxHeadBytes + 512);
  if (!body) return content::Error{"the repository's manifest: " + body.error().message};
  auto head = parse_head(*body);
  if (!head) return head.error();
  Previous previous{*head, {}};
  auto index = read_file(repo / object_path(head->index.sha256), kMaxIndexBytes);
  if (!index) return index.error();
  if (sha256_hex(*index) != head->index.sha256) {
    return content::Error{"the repository's index object is damaged"};
  }
  auto entries = parse_index(*index);
  if (!entries) return entries.error();
  previous.index = std::move(entries).value();
  return std::optional<Previous>(std::move(previous));
}

}  // namespace

std::string utc_iso(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

content::Result<PublishReport> publish(const content::ContentSet& set,
                                       const std::filesystem::path& repo, const SigningKey& key,
                                       int expires_days, std::time_t now) {
  if (expires_days < 1 || expires_days > 3650) {
    return content::Error{"--expires-days must be 1 to 3650"};
  }
  auto previous = read_previous(repo, key.public_key);
  if (!previous) return previous.error();

  if (*previous && (*previous)->head.version >= kMaxVersion) {
    return content::Error{"the repository's version numbers are used up"};
  }
  PublishReport report;
  Head head;
  head.version = *previous ? (*previous)->head.version + 1 : 1;
  head.published = utc_iso(now);
  head.expires = utc_iso(now + static_cast<std::time_t>(expires_days) * 86400);
  if (*previous && head.published < (*previous)->head.published) {
    return content::Error{"this computer's clock is behind the repository's newest version (" +
                          (*previous)->head.published + "); fix the clock first"};
  }

  std::vector<IndexEntry> index;
  const auto objects = objects_of(set);
  std::map<std::string, const std::string*> bytes_of;  // sha256 -> object bytes
  for (const auto& [entry, bytes] : objects) {
    ObjectRef ref;
    auto fresh = store_object(repo, bytes, ref);
    if (!fresh) return fresh.error();
    report.new_objects += *fresh ? 1 : 0;
    index.push_back(entry);
    bytes_of[entry.sha256] = &bytes;
  }
  sort_entries(index);
  // The snapshot: every item in index order, for kiosks that need most of them.
  {
    std::string snapshot;
    for (const auto& e : index) snapshot += *bytes_of.at(e.sha256);
    if (!snapshot.empty()) {
      if (auto fresh = store_object(repo, snapshot, head.snapshot); !fresh) return fresh.error();
    }
  }
  const std::string index_bytes = index_json(index);
  if (auto fresh = store_object(repo, index_bytes, head.index); !fresh) return fresh.error();
  head.objects = index.size();

  if (*previous) {
    const Change change = diff((*previous)->index, index, head.version);
    report.changed = change.upserts.size() + change.removals.size();
    ChangeRef ref{head.version, {}};
    if (auto fresh = store_object(repo, change_json(change), ref.object); !fresh) {
      return fresh.error();
    }
    head.changes.push_back(ref);
    for (const auto& older : (*previous)->head.changes) {
      if (head.changes.size() >= kMaxChangesInHead) break;
      head.changes.push_back(older);
    }
  } else {
    report.changed = index.size();
  }

  // Objects on disk first; the head that names them after.
  if (auto s = sync_repository(repo); !s) return s.error();
  const std::string envelope = seal_envelope(head_json(head), key);
  const auto versioned = repo / "manifests" / (std::to_string(head.version) + ".signed");
  if (auto s = write_atomically(versioned, envelope); !s) return s.error();
  const auto pointer = repo / "manifest.signed";
  struct stat before {};
  const bool had_head = ::stat(pointer.c_str(), &before) == 0;
  if (auto s = write_atomically(pointer, envelope); !s) return s.error();
  if (had_head) make_newer(pointer, before.st_mtim.tv_sec);
  // The snapshot before this one is the only object ever deleted: it is big
  // and no head names it any more. (A kiosk that read the old head a moment
  // ago gets 404 and syncs again next period.)
  const auto still_used = [&](const std::string& sha) {
    // A version of one item has a snapshot that is that item's object.
    return sha == head.snapshot.sha256 ||
           std::any_of(index.begin(), index.end(), [&](const auto& e) { return e.sha256 == sha; });
  };
  if (*previous && (*previous)->head.snapshot.length > 0 &&
      !still_used((*previous)->head.snapshot.sha256)) {
    std::error_code ec;
    std::filesystem::remove(repo / object_path((*previous)->head.snapshot.sha256), ec);
  }
  report.version = head.version;
  report.objects = index.size();
  report.expires = head.expires;
  return report;
}

content::Status rotate_key(const std::filesystem::path& repo, const SigningKey& current,
                           const SigningKey& next, std::time_t now) {
  if (next.public_key.id == current.public_key.id) {
    return content::Error{"the new key is the current key"};
  }
  auto previous = read_previous(repo, current.public_key);
  if (!previous) return previous.error();
  if (!*previous) return content::Error{repo.string() + " has no published version yet"};
  const Head& old = (*previous)->head;
  if (old.version >= kMaxVersion) {
    return content::Error{"the repository's version numbers are used up"};
  }
  const auto file = repo / rotation_path(next.public_key.id);
  if (std::filesystem::exists(file)) {
    return content::Error{file.string() + " exists already; the key was rotated to before"};
  }
  if (auto s = write_atomically(file, seal_rotation(current, next.public_key, now)); !s) {
    return s;
  }
  // The same content as the next version, signed by the new key: from now on
  // the repository's head is the new key's, and kiosks learn it at once.
  Head head = old;
  head.version = old.version + 1;
  head.published = std::max(utc_iso(now), old.published);
  ChangeRef ref{head.version, {}};
  if (auto fresh = store_object(repo, change_json(Change{head.version, {}, {}}), ref.object);
      !fresh) {
    return fresh.error();
  }
  head.changes.insert(head.changes.begin(), ref);
  if (head.changes.size() > kMaxChangesInHead) head.changes.resize(kMaxChangesInHead);
  if (auto s = sync_repository(repo); !s) return s;
  const std::string envelope = seal_envelope(head_json(head), next);
  const auto versioned = repo / "manifests" / (std::to_string(head.version) + ".signed");
  if (auto s = write_atomically(versioned, envelope); !s) return s;
  const auto pointer = repo / "manifest.signed";
  struct stat before {};
  const bool had_head = ::stat(pointer.c_str(), &before) == 0;
  if (auto s = write_atomically(pointer, envelope); !s) return s;
  if (had_head) make_newer(pointer, before.st_mtim.tv_sec);
  return {};
}

content::Result<VerifyReport> verify_repository(const std::filesystem::path& repo,
                                                const PublicKey& trusted, std::time_t now) {
  DirectorySource source(repo);
  Trust trust;
  trust.keys.push_back(trusted);
  auto plan = plan_update(source, Installed{}, trust, now,
                          {.check_whole_set = true, .fetch_each_object = true});
  if (!plan) return content::Error{plan.error().message};
  VerifyReport report;
  report.head = plan->head;
  report.set = std::move(plan->update.upserts);
  // The snapshot and the change objects a kiosk may use must be there too.
  if (report.head.snapshot.length > 0) {
    auto bytes = read_file(repo / object_path(report.head.snapshot.sha256), kMaxSnapshotBytes);
    if (!bytes || bytes->size() != report.head.snapshot.length ||
        sha256_hex(*bytes) != report.head.snapshot.sha256) {
      return content::Error{"the snapshot of version " + std::to_string(report.head.version) +
                            " is missing or damaged"};
    }
  }
  for (const auto& change : report.head.changes) {
    auto bytes = read_file(repo / object_path(change.object.sha256), kMaxIndexBytes);
    if (!bytes || sha256_hex(*bytes) != change.object.sha256 || !parse_change(*bytes).ok()) {
      return content::Error{"the change object for version " + std::to_string(change.to) +
                            " is missing or damaged"};
    }
  }
  return report;
}

}  // namespace published
