// The authoring tree as the console sees it: every file, its item, its
// revision, and what the item list searches. Picks up files changed on disk;
// writes atomically.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "content/authoring.hpp"
#include "content/result.hpp"

namespace kiosk_server::console {

struct TreeEntry {
  std::string path;  // relative to the root, '/'-separated
  std::string text;
  std::string revision;                       // changes whenever the file's bytes do
  std::optional<content::AuthoredItem> item;  // unset when the file does not parse
  std::vector<content::Problem> problems;
  std::string type, id, lang, title, category;
  std::string until;    // the last day it is current (expires, ends), or ""
  std::string updated;  // when the file last changed (UTC, ISO 8601)
  std::string folded;   // id, title and body folded for search
  std::filesystem::file_time_type mtime{};
  std::uintmax_t size = 0;
};

// The revision of a file's or a draft's text.
std::string revision_of(std::string_view text);

class ContentTree {
 public:
  explicit ContentTree(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }

  // Reads what changed on disk since the last scan; a scan at most every
  // `every` (or twenty times as long as the last scan took) unless forced.
  content::Status refresh(bool force = false,
                          std::chrono::milliseconds every = std::chrono::milliseconds(2000));

  const TreeEntry* find(const std::string& id, const std::string& lang) const;
  const std::map<std::string, TreeEntry>& files() const { return files_; }

  // Writes `text` as the item's file (its current file, or a new one named
  // after its type, id and lang), atomically and durably.
  content::Status write(const std::string& id, const std::string& lang, const std::string& type,
                        const std::string& text);
  content::Status remove(const std::string& id, const std::string& lang);

  // kioskctl import's checks of the whole tree (check_tree), with `replace`
  // standing in for the item with its id and lang (or added, as "(this
  // change)"), and `drop` left out. Copies no item.
  std::vector<content::Problem> check(
      const content::AuthoredItem* replace = nullptr,
      std::optional<std::pair<std::string, std::string>> drop = std::nullopt) const;

  // The tree as one set to publish, from what was read: every problem of a
  // file and of the tree as a whole, or the set.
  content::TreeLoad load() const;

 private:
  void index(TreeEntry& entry) const;
  void put(TreeEntry entry);

  std::filesystem::path root_;
  std::map<std::string, TreeEntry> files_;                              // by path
  std::map<std::pair<std::string, std::string>, std::string> by_item_;  // (id, lang) -> path
  std::chrono::steady_clock::time_point last_scan_{};
  std::chrono::steady_clock::duration last_scan_cost_{};
  bool scanned_ = false;
};

}  // namespace kiosk_server::console
