#include "bench_tree.hpp"

#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "content/authoring.hpp"
#include "content/text.hpp"
#include "content/types.hpp"

namespace fs = std::filesystem;

namespace {

// The words of the demo content, per language: realistic Vietnamese syllables.
std::vector<std::string> vocabulary(content::Lang lang) {
  const auto load =
      content::load_authoring_tree(fs::path(KIOSK_SOURCE_DIR) / "assets/demo/content");
  std::set<std::string> words;
  auto take = [&](const std::string& text) {
    for (const auto& w : content::text::split_words(text)) {
      words.insert(content::text::lower(text.substr(w.begin, w.end - w.begin)));
    }
  };
  for (const auto& d : load.set.documents)
    if (d.lang == lang) take(d.body_markdown);
  for (const auto& f : load.set.faqs)
    if (f.lang == lang) take(f.answer_markdown);
  return {words.begin(), words.end()};
}

std::string sentence(std::mt19937& rng, const std::vector<std::string>& words, int n) {
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += words[pick(rng)];
  }
  return s;
}

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// A 50-page regulation (about 150 KB of Markdown) for the app's scrolling benchmark.
void write_long_document(const fs::path& root, std::mt19937& rng,
                         const std::vector<std::string>& words) {
  std::string body;
  for (int page = 1; page <= 50; ++page) {
    body += "## Điều " + std::to_string(page) + ". " + sentence(rng, words, 6) + "\n\n";
    for (int p = 0; p < 4; ++p) body += sentence(rng, words, 110) + "\n\n";
    body += "- " + sentence(rng, words, 12) + "\n- " + sentence(rng, words, 12) + "\n\n";
  }
  write(root / "doc-long.vi.md",
        "+++\nid = \"doc-long\"\ntype = \"document\"\nlang = \"vi\"\ncategory = \"cat-0\"\n"
        "title = \"Văn bản dài năm mươi trang\"\nnumber = \"1/2026/TT-BTC\"\n"
        "issuer = \"Bộ Tài chính\"\nissued = 2026-01-01\n+++\n" +
            body);
}

}  // namespace

void write_bench_tree(const fs::path& root, int documents, int faqs, bool long_document) {
  std::mt19937 rng(7);
  const auto vi = vocabulary(content::Lang::vi);
  const auto en = vocabulary(content::Lang::en);
  fs::create_directories(root);
  for (int c = 0; c < 10; ++c) {
    write(root / ("cat-" + std::to_string(c) + ".vi.md"),
          "+++\nid = \"cat-" + std::to_string(c) +
              "\"\ntype = \"category\"\nlang = \"vi\"\n"
              "title = \"Nhóm " +
              std::to_string(c) + "\"\n+++\n");
  }
  if (long_document) write_long_document(root, rng, vi);
  const char* kinds[] = {"TT-BTC", "NĐ-CP", "QĐ-TTg", "QĐ-TCHQ", "CV-HQKV3"};
  for (int i = 0; i < documents; ++i) {
    const std::string id = "doc-" + std::to_string(i);
    const std::string number =
        std::to_string(i % 997 + 1) + "/" + std::to_string(2000 + i % 26) + "/" + kinds[i % 5];
    for (const auto lang : {content::Lang::vi, content::Lang::en}) {
      if (lang == content::Lang::en && i % 5 != 0) continue;
      const auto& words = lang == content::Lang::vi ? vi : en;
      std::string body;
      for (int p = 0; p < 6; ++p)
        body += "## " + sentence(rng, words, 5) + "\n\n" + sentence(rng, words, 60) + "\n\n";
      write(root / (id + "." + std::string(content::to_string(lang)) + ".md"),
            "+++\nid = \"" + id + "\"\ntype = \"document\"\nlang = \"" +
                std::string(content::to_string(lang)) + "\"\ncategory = \"cat-" +
                std::to_string(i % 10) + "\"\ntitle = \"" + sentence(rng, words, 9) +
                "\"\nnumber = \"" + number +
                "\"\nissuer = \"Bộ Tài chính\"\nissued = 2020-01-01\n"
                "tags = [\"" +
                sentence(rng, words, 2) + "\"]\n+++\n" + body);
    }
  }
  for (int i = 0; i < faqs; ++i) {
    const std::string id = "faq-" + std::to_string(i);
    for (const auto lang : {content::Lang::vi, content::Lang::en}) {
      if (lang == content::Lang::en && i % 5 != 0) continue;
      const auto& words = lang == content::Lang::vi ? vi : en;
      write(root / (id + "." + std::string(content::to_string(lang)) + ".md"),
            "+++\nid = \"" + id + "\"\ntype = \"faq\"\nlang = \"" +
                std::string(content::to_string(lang)) + "\"\ncategory = \"cat-" +
                std::to_string(i % 10) + "\"\ntitle = \"" + sentence(rng, words, 10) +
                "?\"\n+++\n" + sentence(rng, words, 90) + "\n");
    }
  }
}
