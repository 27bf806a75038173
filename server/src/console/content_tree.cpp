#include "console/content_tree.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

#include "console/accounts.hpp"
#include "console/item_text.hpp"
#include "content/text.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server::console {
namespace fs = std::filesystem;
namespace {

bool skipped_name(const fs::path& p) {
  const auto name = p.filename().string();
  return name.empty() || name[0] == '.' || name[0] == '_';
}

std::string folder_for(const std::string& type) {
  if (type == "faq" || type == "office") return type;
  if (type == "glossary") return "glossaries";
  if (type == "category") return "categories";
  return type + "s";
}

content::Status fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return content::Error{"cannot open " + p.string()};
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return content::Error{"cannot flush " + p.string() + " to disk"};
  return content::Status::Ok();
}

}  // namespace

std::string revision_of(std::string_view text) { return sha256_hex(text).substr(0, 20); }

ContentTree::ContentTree(fs::path root) : root_(std::move(root)) {}

void ContentTree::index(TreeEntry& e) const {
  e.revision = revision_of(e.text);
  e.updated = format_utc(std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(
          std::chrono::file_clock::to_sys(e.mtime))));
  auto parsed = content::parse_authoring_file(e.path, e.text);
  e.problems = std::move(parsed.problems);
  e.item = std::move(parsed.item);
  e.until.clear();
  e.category.clear();
  if (e.item) {
    e.type = std::string(content::to_string(e.item->type));
    e.id = e.item->id;
    e.lang = std::string(content::to_string(e.item->lang));
    e.title = title_of(*e.item);
    if (const auto* d = std::get_if<content::Document>(&e.item->value)) {
      e.until = d->expires;
      e.category = d->category_id;
    } else if (const auto* f = std::get_if<content::Faq>(&e.item->value)) {
      e.category = f->category_id;
    } else if (const auto* a = std::get_if<content::Announcement>(&e.item->value)) {
      e.until = a->ends.substr(0, 10);
    }
    e.folded = content::text::fold_for_search(e.id + " " + e.title + " " + body_of(*e.item));
  } else {
    // What a broken file still says of itself, so it can be found and fixed.
    const auto fields = json_from_item_text(e.text);
    e.type = fields.value("type", std::string());
    e.title = fields.contains("title") && fields["title"].is_string()
                  ? fields["title"].get<std::string>()
                  : e.path;
    e.id.clear();
    e.lang.clear();
    e.folded = content::text::first_invalid_utf8(e.text)
                   ? std::string()
                   : content::text::fold_for_search(e.path + " " + e.title);
  }
}

void ContentTree::put(TreeEntry entry) {
  if (const auto old = files_.find(entry.path); old != files_.end() && old->second.item) {
    const auto key = std::pair{old->second.id, old->second.lang};
    if (const auto it = by_item_.find(key); it != by_item_.end() && it->second == entry.path) {
      by_item_.erase(it);
    }
  }
  if (entry.item) by_item_.emplace(std::pair{entry.id, entry.lang}, entry.path);
  const std::string path = entry.path;
  files_[path] = std::move(entry);
}

content::Status ContentTree::refresh(bool force, std::chrono::milliseconds every) {
  const auto now = std::chrono::steady_clock::now();
  // A scan of a large tree costs a stat per file: never more than a twentieth
  // of the time.
  const auto gap = std::max<std::chrono::steady_clock::duration>(every, last_scan_cost_ * 20);
  if (scanned_ && !force && now - last_scan_ < gap) return content::Status::Ok();
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) {
    return content::Error{"the authoring tree " + root_.string() + " is not a directory"};
  }
  std::set<std::string> seen;
  std::string root_prefix = root_.generic_string();
  if (root_prefix.empty() || root_prefix.back() != '/') root_prefix += '/';
  fs::recursive_directory_iterator it(root_, fs::directory_options::none, ec), end;
  if (ec) return content::Error{"cannot read " + root_.string() + ": " + ec.message()};
  for (; it != end; it.increment(ec)) {
    if (ec) return content::Error{"cannot read " + root_.string() + ": " + ec.message()};
    const auto& p = it->path();
    if (skipped_name(p)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || p.extension() != ".md") continue;
    // The iterator's paths all start with root_ and a separator.
    const std::string full = p.generic_string();
    const std::string rel = full.substr(std::min(full.size(), root_prefix.size()));
    seen.insert(rel);
    const auto mtime = it->last_write_time(ec);
    const auto size = it->file_size(ec);
    if (const auto known = files_.find(rel);
        known != files_.end() && known->second.mtime == mtime && known->second.size == size) {
      continue;
    }
    TreeEntry entry;
    entry.path = rel;
    entry.mtime = mtime;
    entry.size = size;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    entry.text = bytes.str();
    index(entry);
    put(std::move(entry));
  }
  for (auto f = files_.begin(); f != files_.end();) {
    if (seen.count(f->first)) {
      ++f;
      continue;
    }
    if (f->second.item) {
      const auto key = std::pair{f->second.id, f->second.lang};
      if (const auto b = by_item_.find(key); b != by_item_.end() && b->second == f->first) {
        by_item_.erase(b);
      }
    }
    f = files_.erase(f);
  }
  // A path dropped above may have hidden a duplicate (id, lang) elsewhere.
  for (const auto& [path, entry] : files_) {
    if (entry.item) by_item_.emplace(std::pair{entry.id, entry.lang}, path);
  }
  scanned_ = true;
  last_scan_ = std::chrono::steady_clock::now();
  last_scan_cost_ = last_scan_ - now;
  return content::Status::Ok();
}

const TreeEntry* ContentTree::find(const std::string& id, const std::string& lang) const {
  const auto it = by_item_.find({id, lang});
  if (it == by_item_.end()) return nullptr;
  const auto f = files_.find(it->second);
  return f == files_.end() ? nullptr : &f->second;
}

content::Status ContentTree::write(const std::string& id, const std::string& lang,
                                   const std::string& type, const std::string& text) {
  std::string rel;
  if (const auto* existing = find(id, lang)) {
    rel = existing->path;
  } else {
    rel = folder_for(type) + "/" + id + "." + lang + ".md";
  }
  const fs::path target = root_ / rel;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return content::Error{"cannot create " + target.parent_path().string()};
  const fs::path temp = target.parent_path() / (".console-" + id + "." + lang + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return content::Error{"cannot write " + temp.string()};
  }
  if (auto s = fsync_path(temp, O_RDONLY); !s) return s;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return content::Error{"cannot replace " + target.string()};
  }
  if (auto s = fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY); !s) return s;
  TreeEntry entry;
  entry.path = rel;
  entry.text = text;
  entry.mtime = fs::last_write_time(target, ec);
  entry.size = text.size();
  index(entry);
  put(std::move(entry));
  return content::Status::Ok();
}

content::Status ContentTree::remove(const std::string& id, const std::string& lang) {
  const auto* existing = find(id, lang);
  if (!existing) return content::Status::Ok();
  const std::string rel = existing->path;
  const fs::path target = root_ / rel;
  std::error_code ec;
  fs::remove(target, ec);
  if (ec) return content::Error{"cannot remove " + target.string()};
  if (auto s = fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY); !s) return s;
  by_item_.erase({id, lang});
  files_.erase(rel);
  for (const auto& [path, entry] : files_) {
    if (entry.item) by_item_.emplace(std::pair{entry.id, entry.lang}, path);
  }
  return content::Status::Ok();
}

std::vector<content::Problem> ContentTree::check(
    const content::AuthoredItem* replace,
    std::optional<std::pair<std::string, std::string>> drop) const {
  static const std::string kThisChange = "(this change)";
  std::vector<std::pair<const std::string*, const content::AuthoredItem*>> items;
  items.reserve(files_.size() + 1);
  bool replaced = false;
  const std::string replace_lang =
      replace ? std::string(content::to_string(replace->lang)) : std::string();
  for (const auto& [path, entry] : files_) {
    if (!entry.item) continue;
    if (drop && entry.id == drop->first && entry.lang == drop->second) continue;
    if (replace && entry.id == replace->id && entry.lang == replace_lang) {
      items.emplace_back(&path, replace);
      replaced = true;
      continue;
    }
    items.emplace_back(&path, &*entry.item);
  }
  if (replace && !replaced) items.emplace_back(&kThisChange, replace);
  return content::check_tree(items);
}

content::TreeLoad ContentTree::load() const {
  content::TreeLoad out;
  out.files = files_.size();
  for (const auto& [path, entry] : files_) {
    for (const auto& p : entry.problems) out.problems.push_back(p);
  }
  for (auto& p : check()) out.problems.push_back(std::move(p));
  if (!out.problems.empty()) return out;
  for (const auto& [path, entry] : files_) {
    if (!entry.item) continue;
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          auto& set = out.set;
          if constexpr (std::is_same_v<T, content::Category>) set.categories.push_back(value);
          if constexpr (std::is_same_v<T, content::Document>) set.documents.push_back(value);
          if constexpr (std::is_same_v<T, content::Faq>) set.faqs.push_back(value);
          if constexpr (std::is_same_v<T, content::Service>) set.services.push_back(value);
          if constexpr (std::is_same_v<T, content::Announcement>)
            set.announcements.push_back(value);
          if constexpr (std::is_same_v<T, content::OfficeInfo>) set.offices.push_back(value);
          if constexpr (std::is_same_v<T, content::Glossary>) set.glossaries.push_back(value);
        },
        entry.item->value);
  }
  return out;
}

}  // namespace kiosk_server::console
