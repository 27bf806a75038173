// Content store benchmark: import and search-as-you-type on a large store.
//
//   build/default/bench/content_bench [--documents N] [--faqs N] [--keep DIR]
//
// Writes an authoring tree of N documents and N FAQs (Vietnamese, a fifth
// also in English) built from the demo content's vocabulary, imports it as
// `kioskctl import` does, and times a mixed query set: folded, exact, prefix
// as typed letter by letter, document numbers and English.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "bench_tree.hpp"
#include "content/authoring.hpp"
#include "content/store.hpp"
#include "content/text.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Query {
  std::string text;
  content::Lang lang;
  const char* kind;
};

std::vector<Query> query_set() {
  std::vector<Query> queries;
  const char* folded[] = {"thu tuc hai quan",
                          "dien tu",
                          "chu ky so",
                          "hoan thue",
                          "hang hoa xuat khau",
                          "kiem tra sau thong quan",
                          "qua canh",
                          "hanh ly mien thue",
                          "doanh nghiep uu tien"};
  const char* exact[] = {"thủ tục hải quan", "điện tử", "đường", "hoàn thuế",
                         "kiểm tra chuyên ngành"};
  const char* numbers[] = {"628", "628/QĐ-TTg", "38/2015/tt-btc", "100/2010", "8/2015/nd-cp"};
  const char* english[] = {"customs declaration", "tax refund", "luggage allowance",
                           "transit goods"};
  for (auto* q : folded) queries.push_back({q, content::Lang::vi, "folded"});
  for (auto* q : exact) queries.push_back({q, content::Lang::vi, "exact"});
  for (auto* q : numbers) queries.push_back({q, content::Lang::vi, "number"});
  for (auto* q : english) queries.push_back({q, content::Lang::en, "english"});
  // Typed letter by letter: every prefix is a search.
  for (const std::string q : {"thu tuc hai quan", "khai bao dien tu", "hoan thue"}) {
    for (std::size_t n = 1; n <= q.size(); ++n)
      queries.push_back({q.substr(0, n), content::Lang::vi, "typing"});
  }
  return queries;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

bool build(const fs::path& tree, const fs::path& db, int documents, int faqs) {
  auto t = Clock::now();
  write_bench_tree(tree, documents, faqs, /*long_document=*/true);
  std::printf("tree: %d documents, %d FAQs written in %.0f ms\n", documents, faqs, ms_since(t));

  t = Clock::now();
  const auto load = content::load_authoring_tree(tree);
  if (!load.problems.empty()) {
    std::fprintf(stderr, "%s\n", load.problems.front().to_string().c_str());
    return false;
  }
  const double parse_ms = ms_since(t);
  auto store = content::ContentStore::open(db, content::OpenMode::read_write);
  if (!store) return false;
  t = Clock::now();
  if (!store->replace_content(load.set, 1)) return false;
  const double write_ms = ms_since(t);
  std::printf("import: %.0f ms (read and check %zu files %.0f ms, store and index %.0f ms)\n",
              parse_ms + write_ms, load.files, parse_ms, write_ms);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int documents = 10'000, faqs = 20'000;
  fs::path keep;
  bool reuse = false;  // --reuse: search the store a previous --keep run left
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--reuse") reuse = true;
    if (i + 1 >= argc) continue;
    if (a == "--documents") documents = std::atoi(argv[i + 1]);
    if (a == "--faqs") faqs = std::atoi(argv[i + 1]);
    if (a == "--keep") keep = argv[i + 1];
  }
  const fs::path dir = keep.empty() ? fs::temp_directory_path() / "kiosk-bench" : keep;
  const auto tree = dir / "tree";
  const auto db = dir / "content.db";
  if (!reuse || !fs::exists(db)) {
    fs::remove_all(dir);
    if (!build(tree, db, documents, faqs)) return 1;
  }
  auto store = content::ContentStore::open(db, content::OpenMode::read_only);
  if (!store) return 1;

  std::printf("cache: %.1f MB\n", static_cast<double>(store->stats().file_bytes) / 1e6);
  auto t = Clock::now();

  const auto queries = query_set();
  for (const auto& q : queries) (void)store->search(q.text, q.lang, 20);  // warm the page cache
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_kind;
  std::size_t total_hits = 0;
  for (int round = 0; round < 20; ++round) {
    for (const auto& q : queries) {
      t = Clock::now();
      const auto hits = store->search(q.text, q.lang, 20);
      const double ms = ms_since(t);
      total_hits += hits ? hits->size() : 0;
      all.push_back(ms);
      by_kind[q.kind].push_back(ms);
    }
  }
  std::printf("search: %zu queries (%zu distinct, 20 rounds), %.1f hits on average\n", all.size(),
              queries.size(), static_cast<double>(total_hits) / static_cast<double>(all.size()));
  std::printf("  %-8s %8s %8s %8s\n", "kind", "p50 ms", "p95 ms", "p99 ms");
  for (const auto& [kind, v] : by_kind) {
    std::printf("  %-8s %8.2f %8.2f %8.2f\n", kind.c_str(), percentile(v, 0.5), percentile(v, 0.95),
                percentile(v, 0.99));
  }
  std::printf("  %-8s %8.2f %8.2f %8.2f\n", "all", percentile(all, 0.5), percentile(all, 0.95),
              percentile(all, 0.99));
  if (std::getenv("KIOSK_BENCH_SLOWEST")) {
    std::vector<std::pair<double, std::string>> slow;
    for (const auto& q : queries) {
      t = Clock::now();
      const auto hits = store->search(q.text, q.lang, 20);
      slow.push_back({ms_since(t), q.text + " (" + std::to_string(hits ? hits->size() : 0) + ")"});
    }
    std::sort(slow.rbegin(), slow.rend());
    for (std::size_t i = 0; i < 12 && i < slow.size(); ++i) {
      std::printf("  slow: %7.2f ms  %s\n", slow[i].first, slow[i].second.c_str());
    }
  }
  if (keep.empty()) fs::remove_all(dir);
  return 0;
}
