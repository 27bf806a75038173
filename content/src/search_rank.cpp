// kiosk_rank(fts, w0, w1, ...): the search ranking, an FTS5 auxiliary function.
//
// FTS5's built-in bm25() normalises by the length of the whole row, so a
// long regulation whose title matches every word loses to a short FAQ that
// mentions the words in passing. kiosk_rank scores each column on its own
// (BM25 with per-column length normalisation, summed with the column
// weights), so a title hit counts as a title hit however long the body is.
// Exact-diacritic phrases are rarer than folded ones, so their IDF is higher
// and rows that spell a word as the visitor did rank above folded matches.
#include <sqlite3.h>

#include <cmath>
#include <vector>

#include "search_tokenizer.hpp"

namespace content {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

struct QueryStats {
  std::vector<double> idf;         // per phrase
  std::vector<double> avg_length;  // per column, in tokens
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* user) {
  ++*static_cast<sqlite3_int64*>(user);
  return SQLITE_OK;
}

QueryStats* query_stats(const Fts5ExtensionApi* api, Fts5Context* fts, int* rc) {
  if (auto* cached = static_cast<QueryStats*>(api->xGetAuxdata(fts, 0))) return cached;
  auto* stats = new QueryStats;
  sqlite3_int64 rows = 0;
  *rc = api->xRowCount(fts, &rows);
  const int columns = api->xColumnCount(fts);
  for (int c = 0; c < columns && *rc == SQLITE_OK; ++c) {
    sqlite3_int64 total = 0;
    *rc = api->xColumnTotalSize(fts, c, &total);
    stats->avg_length.push_back(rows > 0 ? static_cast<double>(total) / rows : 1.0);
  }
  const int phrases = api->xPhraseCount(fts);
  for (int p = 0; p < phrases && *rc == SQLITE_OK; ++p) {
    sqlite3_int64 hits = 0;
    *rc = api->xQueryPhrase(fts, p, &hits, count_row);
    const double n = static_cast<double>(rows);
    const double h = static_cast<double>(hits);
    stats->idf.push_back(std::max(1e-6, std::log((n - h + 0.5) / (h + 0.5) + 1.0)));
  }
  if (*rc != SQLITE_OK) {
    delete stats;
    return nullptr;
  }
  *rc = api->xSetAuxdata(fts, stats, [](void* p) { delete static_cast<QueryStats*>(p); });
  return *rc == SQLITE_OK ? stats : nullptr;
}

void kiosk_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                int argc, sqlite3_value** argv) {
  int rc = SQLITE_OK;
  const QueryStats* stats = query_stats(api, fts, &rc);
  if (!stats) {
    sqlite3_result_error_code(result, rc == SQLITE_OK ? SQLITE_NOMEM : rc);
    return;
  }
  const int columns = static_cast<int>(stats->avg_length.size());
  const int phrases = static_cast<int>(stats->idf.size());
  std::vector<int> tf(static_cast<std::size_t>(columns * phrases), 0);
  int instances = 0;
  rc = api->xInstCount(fts, &instances);
  for (int i = 0; i < instances && rc == SQLITE_OK; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase < phrases && column < columns) ++tf[phrase * columns + column];
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(result, rc);
    return;
  }
  double score = 0;
  for (int c = 0; c < columns; ++c) {
    const double weight = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
    if (weight == 0) continue;
    int length = 0;
    if (api->xColumnSize(fts, c, &length) != SQLITE_OK) continue;
    const double norm = kK1 * (1 - kB + kB * length / std::max(1.0, stats->avg_length[c]));
    for (int p = 0; p < phrases; ++p) {
      const int f = tf[p * columns + c];
      if (f == 0) continue;
      score += weight * stats->idf[p] * (f * (kK1 + 1)) / (f + norm);
    }
  }
  sqlite3_result_double(result, score);
}

}  // namespace

Status register_search_rank(fts5_api* api) {
  if (api->xCreateFunction(api, "kiosk_rank", nullptr, kiosk_rank, nullptr) != SQLITE_OK) {
    return Error{"cannot register the search ranking"};
  }
  return {};
}

}  // namespace content
