#include "search_tokenizer.hpp"

#include <sqlite3.h>

#include <string>

#include "content/text.hpp"
#include "markdown_text.hpp"

namespace content {
namespace {

// Words longer than this are cut; nobody searches for them and they bloat the index.
constexpr std::size_t kMaxWordBytes = 128;

// Two variants: "kiosk" indexes folded and exact forms, "kiosk folded" the
// folded forms only. The handle is all the state there is.
struct Variant {
  bool exact_forms;
};
constexpr Variant kWithExact{true};
constexpr Variant kFoldedOnly{false};

int create(void*, const char** args, int count, Fts5Tokenizer** out) {
  const Variant* variant = &kWithExact;
  for (int i = 0; i < count; ++i) {
    if (std::string_view(args[i]) == "folded") {
      variant = &kFoldedOnly;
    } else {
      return SQLITE_ERROR;
    }
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(const_cast<Variant*>(variant));
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int tokenize(Fts5Tokenizer* handle, void* ctx, int flags, const char* text, int length,
             TokenCallback emit) {
  if (length <= 0) return SQLITE_OK;
  std::string_view input(text, static_cast<std::size_t>(length));
  bool exact_only = false;
  if ((flags & FTS5_TOKENIZE_QUERY) && input.front() == kExactMarker) {
    exact_only = true;
    input.remove_prefix(1);
  }
  const int offset = exact_only ? 1 : 0;
  thread_local std::string folded;
  thread_local std::string exact;
  for (const auto& w : text::split_words(input)) {
    std::string_view word = input.substr(w.begin, w.end - w.begin);
    if (word.size() > kMaxWordBytes) word = word.substr(0, kMaxWordBytes);
    const int start = static_cast<int>(w.begin) + offset;
    const int end = static_cast<int>(w.end) + offset;
    if (flags == FTS5_TOKENIZE_AUX) {
      // Snippets only need each token's position and offsets, not its text:
      // skip the folding, but skip the same words the index skipped.
      if (!text::has_base_character(word)) continue;
      const int rc = emit(ctx, 0, word.data(), static_cast<int>(word.size()), start, end);
      if (rc != SQLITE_OK) return rc;
      continue;
    }
    if (exact_only) {
      text::lower_into(word, exact);
      const int rc = emit(ctx, 0, exact.data(), static_cast<int>(exact.size()), start, end);
      if (rc != SQLITE_OK) return rc;
      continue;
    }
    text::fold_into(word, folded);
    if (folded.empty()) continue;  // a word of combining marks only
    int rc = emit(ctx, 0, folded.data(), static_cast<int>(folded.size()), start, end);
    if (rc != SQLITE_OK) return rc;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && reinterpret_cast<const Variant*>(handle)->exact_forms) {
      text::lower_into(word, exact);
      if (exact != folded) {
        rc = emit(ctx, FTS5_TOKEN_COLOCATED, exact.data(), static_cast<int>(exact.size()), start,
                  end);
        if (rc != SQLITE_OK) return rc;
      }
    }
  }
  return SQLITE_OK;
}

void plain_text(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const int size = sqlite3_value_bytes(argv[0]);
  if (!text) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string plain =
      markdown_to_plain_text(std::string_view(text, static_cast<std::size_t>(size)));
  sqlite3_result_text(ctx, plain.data(), static_cast<int>(plain.size()), SQLITE_TRANSIENT);
}

fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

Status register_search_tokenizer(sqlite3* db) {
  if (sqlite3_create_function(db, "kiosk_plain_text", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                              plain_text, nullptr, nullptr) != SQLITE_OK) {
    return Error{"cannot register kiosk_plain_text"};
  }
  fts5_api* api = fts5_api_of(db);
  if (!api) return Error{"this SQLite has no FTS5"};
  fts5_tokenizer tokenizer{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, "kiosk", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return Error{"cannot register the search tokenizer"};
  }
  return register_search_rank(api);
}

}  // namespace content
