#include "content/search_misses.hpp"

#include <utf8proc.h>

#include <utility>

#include "content/text.hpp"
#include "records.hpp"
#include "sqlite.hpp"

namespace content {

struct SearchMisses::Impl {
  sql::Db db;
};

namespace {

constexpr std::size_t kMaxQueryBytes = 64;
constexpr std::size_t kMinQueryCharacters = 3;

enum class Kind { keep, number, space, drop };

Kind kind_of(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return Kind::number;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
      return Kind::space;
    case UTF8PROC_CATEGORY_CF:  // zero-width spaces and joiners, bidi marks
      return Kind::drop;
    default:
      return Kind::keep;
  }
}

}  // namespace

std::string search_miss_query(std::string_view visitor_text) {
  if (text::first_invalid_utf8(visitor_text)) return {};
  const std::string folded = text::fold_for_search(text::to_nfc(visitor_text));
  std::string out;
  std::size_t characters = 0;
  bool space_pending = false;
  std::size_t i = 0;
  while (i < folded.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(folded.data() + i),
                                    static_cast<utf8proc_ssize_t>(folded.size() - i), &cp);
    if (n <= 0) return {};  // not reachable: the text was checked
    const auto bytes = std::string_view(folded).substr(i, static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(n);
    const Kind kind = kind_of(cp);
    if (kind == Kind::drop) continue;
    if (kind == Kind::space) {
      space_pending = !out.empty();
      continue;
    }
    const std::string_view piece = kind == Kind::number ? std::string_view("#") : bytes;
    const std::size_t needed = piece.size() + (space_pending ? 1 : 0);
    if (out.size() + needed > kMaxQueryBytes) break;
    if (space_pending) {
      out.push_back(' ');
      ++characters;
      space_pending = false;
    }
    out += piece;
    ++characters;
  }
  return characters >= kMinQueryCharacters ? out : std::string();
}

SearchMisses::SearchMisses(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchMisses::SearchMisses(SearchMisses&&) noexcept = default;
SearchMisses& SearchMisses::operator=(SearchMisses&&) noexcept = default;
SearchMisses::~SearchMisses() = default;

Result<SearchMisses> SearchMisses::open(const std::filesystem::path& file) {
  auto db = records::open_db(file);
  if (!db) return db.error();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return SearchMisses(std::move(impl));
}

Status SearchMisses::record(std::string_view visitor_text, std::string_view local_day) {
  if (const auto bad = text::first_invalid_utf8(visitor_text)) {
    return Error{"search miss not counted: invalid UTF-8 at byte " + std::to_string(*bad)};
  }
  if (!records::is_day(local_day)) {
    return Error{"search miss not counted: \"" + std::string(local_day) +
                 "\" is not a date YYYY-MM-DD"};
  }
  const std::string query = search_miss_query(visitor_text);
  if (query.empty()) return {};
  auto stmt = sql::Stmt::prepare(impl_->db,
                                 "INSERT INTO search_miss(day, query, count) VALUES(?, ?, 1) "
                                 "ON CONFLICT(day, query) DO UPDATE SET count = count + 1");
  if (!stmt) return Error{"search miss not counted: " + stmt.error().message};
  stmt->bind(1, local_day).bind(2, query);
  if (auto s = stmt->run(); !s) return Error{"search miss not counted: " + s.error().message};
  return {};
}

std::vector<SearchMiss> SearchMisses::list(int limit) const {
  std::vector<SearchMiss> misses;
  if (limit <= 0) return misses;
  auto stmt = sql::Stmt::prepare(impl_->db,
                                 "SELECT query, day, count FROM search_miss "
                                 "ORDER BY count DESC, day DESC, query LIMIT ?");
  if (!stmt) return misses;
  stmt->bind(1, limit);
  while (stmt->step()) {
    misses.push_back({stmt->text(0), stmt->text(1), static_cast<int>(stmt->integer(2))});
  }
  return misses;
}

Status SearchMisses::forget_before(std::string_view day) {
  if (!records::is_day(day)) {
    return Error{"cannot forget search misses: \"" + std::string(day) +
                 "\" is not a date YYYY-MM-DD"};
  }
  auto stmt = sql::Stmt::prepare(impl_->db, "DELETE FROM search_miss WHERE day < ?");
  if (!stmt) return Error{"cannot forget search misses: " + stmt.error().message};
  stmt->bind(1, day);
  if (auto s = stmt->run(); !s) return Error{"cannot forget search misses: " + s.error().message};
  return {};
}

}  // namespace content
