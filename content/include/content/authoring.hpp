// The authoring format staff write (docs/authoring-format.md): a tree of
// Markdown files, each opened by TOML front matter between `+++` lines.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "content/content_set.hpp"
#include "content/result.hpp"
#include "content/types.hpp"

namespace content {

// Limits of the format; docs/authoring-format.md lists them for staff.
inline constexpr std::size_t kMaxFileBytes = 512 * 1024;
inline constexpr std::size_t kMaxBodyBytes = 256 * 1024;
inline constexpr std::size_t kMaxLineFieldBytes = 500;
inline constexpr std::size_t kMaxSummaryBytes = 4 * 1024;
inline constexpr std::size_t kMaxTags = 32;
inline constexpr std::size_t kMaxTagBytes = 64;
inline constexpr std::size_t kMaxTreeFiles = 100'000;

// "file:line: reason".
struct Problem {
  std::string file;
  int line = 1;
  std::string reason;
  std::string to_string() const;
};

// One item from one file, already normalised to NFC.
struct AuthoredItem {
  ItemType type = ItemType::faq;
  std::string id;
  Lang lang = Lang::vi;
  int category_line = 0;  // line of `category =`, for documents and FAQs
  std::variant<Category, Document, Faq, Service, Announcement, OfficeInfo, Glossary> value;
};

struct ParsedFile {
  std::optional<AuthoredItem> item;  // set when `problems` is empty
  std::vector<Problem> problems;
};

// Parses one file. `name` is how problems refer to the file. Never throws.
ParsedFile parse_authoring_file(std::string_view name, std::string_view bytes);

// Checks what no single file can: duplicate id + lang, dangling categories,
// one id used for two types, ticket prefixes used twice.
std::vector<Problem> check_tree(const std::vector<std::pair<std::string, AuthoredItem>>& items);
// The same, over items held elsewhere (file name, item), without copying them.
std::vector<Problem> check_tree(
    const std::vector<std::pair<const std::string*, const AuthoredItem*>>& items);

struct TreeLoad {
  ContentSet set;                 // complete only when `problems` is empty
  std::vector<Problem> problems;  // in file order
  std::size_t files = 0;
};

// Reads every `*.md` file under `root` (names starting with '.' or '_' are
// skipped) and checks the tree as a whole.
TreeLoad load_authoring_tree(const std::filesystem::path& root);

}  // namespace content
