#include "sync/repository.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "content/authoring.hpp"
#include "sync/item_json.hpp"

namespace published {
namespace {

using nlohmann::json;

bool is_hex64(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

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

// Writes `bytes` to `file` durably: a temporary file, fsync, rename, fsync
// of the directory. A reader sees the old file or the new one, never a part.
content::Status write_atomically(const std::filesystem::path& file, std::string_view bytes) {
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
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.c_str(), file.c_str()) != 0) {
    return content::Error{"cannot write " + file.string()};
  }
  const int dir = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

std::vector<std::pair<ManifestEntry, std::string>> objects_of(const content::ContentSet& set) {
  std::vector<std::pair<ManifestEntry, std::string>> out;
  auto add = [&](content::ItemType type, const std::string& id, content::Lang lang,
                 std::string bytes) {
    ManifestEntry e{sha256_hex(bytes), bytes.size(), type, id, lang};
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
  return out;
}

}  // namespace

std::string utc_iso(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string object_path(const std::string& sha256) {
  return "objects/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string manifest_json(const Manifest& m) {
  json objects = json::array();
  for (const auto& e : m.objects) {
    objects.push_back({{"sha256", e.sha256},
                       {"length", e.length},
                       {"type", content::to_string(e.type)},
                       {"id", e.id},
                       {"lang", content::to_string(e.lang)}});
  }
  const json j{{"format", m.format},
               {"version", m.version},
               {"published", m.published},
               {"expires", m.expires},
               {"objects", objects}};
  return j.dump();
}

content::Result<Manifest> parse_manifest(std::string_view text) {
  try {
    const json j = json::parse(text);
    Manifest m;
    m.format = j.at("format").get<int>();
    if (m.format != kManifestFormat) {
      return content::Error{"manifest format " + std::to_string(m.format) + " is not known here"};
    }
    m.version = j.at("version").get<std::int64_t>();
    m.published = j.at("published").get<std::string>();
    m.expires = j.at("expires").get<std::string>();
    if (m.version < 1 || m.expires.size() != 20 || m.published.size() != 20) {
      return content::Error{"manifest: bad version or dates"};
    }
    const auto& objects = j.at("objects");
    if (!objects.is_array() || objects.size() > kMaxObjects) {
      return content::Error{"manifest: objects must be a list of at most " +
                            std::to_string(kMaxObjects)};
    }
    std::set<std::pair<std::string, content::Lang>> seen;
    for (const auto& o : objects) {
      ManifestEntry e;
      e.sha256 = o.at("sha256").get<std::string>();
      e.length = o.at("length").get<std::uint64_t>();
      const auto type = content::parse_item_type(o.at("type").get<std::string>());
      const auto lang = content::parse_lang(o.at("lang").get<std::string>());
      e.id = o.at("id").get<std::string>();
      if (!is_hex64(e.sha256) || e.length == 0 || e.length > kMaxObjectBytes || !type || !lang ||
          e.id.empty() || e.id.size() > 64) {
        return content::Error{"manifest: a malformed object entry"};
      }
      e.type = *type;
      e.lang = *lang;
      if (!seen.emplace(e.id, e.lang).second) {
        return content::Error{"manifest: \"" + e.id + "\" is listed twice"};
      }
      m.objects.push_back(std::move(e));
    }
    return m;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed manifest: ") + e.what()};
  }
}

content::Result<PublishReport> publish(const content::ContentSet& set,
                                       const std::filesystem::path& repo, const SigningKey& key,
                                       int expires_days, std::time_t now) {
  if (expires_days < 1 || expires_days > 3650) {
    return content::Error{"--expires-days must be 1 to 3650"};
  }
  std::int64_t previous = 0;
  const auto pointer = repo / "manifest.signed";
  if (std::filesystem::exists(pointer)) {
    auto bytes = read_file(pointer, kMaxManifestBytes);
    if (!bytes) return bytes.error();
    auto body = open_envelope(*bytes, {key.public_key});
    if (!body) return content::Error{"the repository's manifest: " + body.error().message};
    auto manifest = parse_manifest(*body);
    if (!manifest) return manifest.error();
    previous = manifest->version;
  }

  PublishReport report;
  Manifest m;
  m.version = previous + 1;
  m.published = utc_iso(now);
  m.expires = utc_iso(now + static_cast<std::time_t>(expires_days) * 86400);
  for (auto& [entry, bytes] : objects_of(set)) {
    const auto file = repo / object_path(entry.sha256);
    if (!std::filesystem::exists(file)) {
      if (auto s = write_atomically(file, bytes); !s) return s.error();
      ++report.new_objects;
    }
    m.objects.push_back(std::move(entry));
  }
  const std::string envelope = seal_envelope(manifest_json(m), key);
  const auto versioned = repo / "manifests" / (std::to_string(m.version) + ".signed");
  if (auto s = write_atomically(versioned, envelope); !s) return s.error();
  if (auto s = write_atomically(pointer, envelope); !s) return s.error();
  report.version = m.version;
  report.objects = m.objects.size();
  report.expires = m.expires;
  return report;
}

content::Result<VerifyReport> verify_repository(const std::filesystem::path& repo,
                                                const PublicKey& trusted, std::time_t now) {
  auto bytes = read_file(repo / "manifest.signed", kMaxManifestBytes);
  if (!bytes) return bytes.error();
  auto body = open_envelope(*bytes, {trusted});
  if (!body) return content::Error{"manifest.signed: " + body.error().message};
  auto manifest = parse_manifest(*body);
  if (!manifest) return manifest.error();
  if (manifest->expires < utc_iso(now)) {
    return content::Error{"the manifest expired at " + manifest->expires +
                          " (publish again to renew it)"};
  }
  VerifyReport report;
  std::vector<std::pair<std::string, content::AuthoredItem>> items;
  for (const auto& e : manifest->objects) {
    const std::string path = object_path(e.sha256);
    auto object = read_file(repo / path, kMaxObjectBytes);
    if (!object) return object.error();
    if (object->size() != e.length || sha256_hex(*object) != e.sha256) {
      return content::Error{path + ": does not match the manifest's hash and length"};
    }
    auto item = parse_object(*object);
    if (!item) return content::Error{path + ": " + item.error().message};
    if (item->type != e.type || item->id != e.id || item->lang != e.lang) {
      return content::Error{path + ": is not the item the manifest says it is"};
    }
    items.emplace_back(path, std::move(item).value());
  }
  const auto problems = content::check_tree(items);
  if (!problems.empty()) return content::Error{problems.front().to_string()};
  for (auto& [path, item] : items) add_to_set(std::move(item), report.set);
  report.manifest = std::move(manifest).value();
  return report;
}

}  // namespace published
