// kiosk_rank(fts, w0, w1, ...): the search ranking, an FTS5 auxiliary function.
//
// FTS5's built-in bm25() normalises by the length of the whole row, so a
// long regulation whose title matches every word loses to a short FAQ that
// mentions the words in passing. kiosk_rank scores each column on its own
// (BM25 with per-column length normalisation, summed with the column
// weights), so a title hit counts as a title hit however long the body is.
// A row that spells a word as the visitor did matches both the folded and
// the exact phrase, so it ranks above rows that match the folded one only.
//
// There is no IDF: every result holds every word (the query ANDs them), and
// computing IDF means reading each phrase's whole doclist, which cost more
// than the rest of a search on a large store.
#include <sqlite3.h>

#include <algorithm>
#include <vector>

#include "search_tokenizer.hpp"

namespace content {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

struct QueryStats {
  int phrases = 0;
  std::vector<double> avg_length;  // per column, in tokens
};

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
  stats->phrases = api->xPhraseCount(fts);
  if (*rc != SQLITE_OK) {
    delete stats;
    return nullptr;
  }
  *rc = api->xSetAuxdata(fts, stats, [](void* p) { delete static_cast<QueryStats*>(p); });
  return *rc == SQLITE_OK ? stats : nullptr;
}

void kiosk_rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argc,
                sqlite3_value** argv) {
  int rc = SQLITE_OK;
  const QueryStats* stats = query_stats(api, fts, &rc);
  if (!stats) {
    sqlite3_result_error_code(result, rc == SQLITE_OK ? SQLITE_NOMEM : rc);
    return;
  }
  const int columns = static_cast<int>(stats->avg_length.size());
  const int phrases = stats->phrases;
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
      score += weight * (f * (kK1 + 1)) / (f + norm);
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
