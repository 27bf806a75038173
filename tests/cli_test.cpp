// kioskctl as staff and scripts use it: exit codes, messages, JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

using test::run_kioskctl;

TEST_CASE("kioskctl import: builds a cache; stats and show read it") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  const auto db = (dir / "c.db").string();
  auto r = run_kioskctl({"import", (dir / "tree").string(), "--db", db});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 FAQs") != std::string::npos);
  r = run_kioskctl({"stats", "--db", db, "--json"});
  REQUIRE(r.exit_code == 0);
  const auto stats = nlohmann::json::parse(r.out);
  CHECK(stats["documents"] == 3);
  CHECK(stats["content_version"] == 1);
  r = run_kioskctl({"show", "doc-628", "--db", db, "--lang", "en"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Decision approving the scheme") != std::string::npos);
  r = run_kioskctl({"show", "doc-none", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no document or FAQ with id \"doc-none\"") != std::string::npos);
}

TEST_CASE("kioskctl import: a refused tree changes nothing and names every problem") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  const auto db = (dir / "c.db").string();
  REQUIRE(run_kioskctl({"import", (dir / "tree").string(), "--db", db}).exit_code == 0);
  test::write_file(dir / "tree/faq/bad.vi.md", "+++\nid = \"faq-bad\"\ntype = \"fqa\"\n+++\n");
  test::write_file(dir / "tree/faq/extra.vi.md",
                   test::authoring("id = \"faq-extra\"\ntype = \"faq\"\nlang = \"vi\"\n"
                                   "category = \"cat-hanh-ly\"\ntitle = \"Mới?\"\n",
                                   "Có.\n"));
  auto r = run_kioskctl({"import", (dir / "tree").string(), "--db", db});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("faq/bad.vi.md:3: unknown type \"fqa\"") != std::string::npos);
  CHECK(r.err.find("the cache was not changed") != std::string::npos);
  r = run_kioskctl({"stats", "--db", db, "--json"});
  const auto stats = nlohmann::json::parse(r.out);
  CHECK(stats["faqs"] == 2);
  CHECK(stats["content_version"] == 1);
}

TEST_CASE("kioskctl search --json: best first with id, type, title, snippet") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  const auto db = (dir / "c.db").string();
  REQUIRE(run_kioskctl({"import", (dir / "tree").string(), "--db", db}).exit_code == 0);
  auto r = run_kioskctl({"search", "628/qd-ttg", "--db", db, "--json"});
  REQUIRE(r.exit_code == 0);
  const auto hits = nlohmann::json::parse(r.out);
  REQUIRE(hits.is_array());
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0]["id"] == "doc-628");
  CHECK(hits[0]["type"] == "document");
  CHECK(hits[0]["title"] == "Quyết định phê duyệt đề án");
  CHECK(hits[0].contains("snippet"));
  r = run_kioskctl({"search", "allowance", "--db", db, "--lang", "en", "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)[0]["id"] == "faq-mien-thue");
  r = run_kioskctl({"search", "NEAR( \"AND", "--db", db, "--json"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).is_array());
}

TEST_CASE("kioskctl: bad arguments get a clear message and a non-zero exit, never a crash") {
  test::TempDir dir;
  const auto db = (dir / "c.db").string();
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"import"},
      {"import", "/nonexistent/tree", "--db", db},
      {"import", dir.path().string()},
      {"search", "x", "--db"},
      {"search", "x", "--db", "/nonexistent/c.db"},
      {"search", "x", "--db", db, "--lang", "fr"},
      {"search", "x", "--db", db, "--limit", "-3"},
      {"search", "x", "--db", db, "--limit", "9999999999999"},
      {"show", "--db", db},
      {"stats", "--db", db, "--bogus"},
      {"stats", "--json=1", "--db", db},
      {"--", "--"},
  };
  for (const auto& args : cases) {
    std::string line;
    for (const auto& a : args) line += a + " ";
    CAPTURE(line);
    const auto r = run_kioskctl(args);
    CHECK((r.exit_code == 1 || r.exit_code == 2));
    CHECK_FALSE(r.err.empty());
  }
  CHECK(run_kioskctl({"--help"}).exit_code == 0);
}
