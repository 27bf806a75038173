// The staff console's items, review and publishing, over real HTTP, with the
// authoring tree and the signed repository checked on disk.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "console_support.hpp"
#include "content/authoring.hpp"
#include "sync/repository.hpp"

using namespace server_test;
using nlohmann::json;

namespace {

const std::string kItems = "/api/v1/console/items";
const std::string kFaq = "/api/v1/console/items/faq-mien-thue/vi";

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> fields_with_errors(const ConsoleReply& reply) {
  std::vector<std::string> fields;
  for (const auto& e : reply.json["errors"]) fields.push_back(e["field"].get<std::string>());
  return fields;
}

published::PublicKey public_key(const ConsoleServer& server) {
  auto key = published::read_public_key(server.key_dir() / "signing.pub");
  REQUIRE(key);
  return *key;
}

}  // namespace

TEST_CASE("console: the list shows every item of the tree, filtered and searched the kiosk's way") {
  ConsoleServer server;
  auto staff = server.logged_in("view");
  const auto all = staff.get(kItems);
  REQUIRE(all.status == 200);
  CHECK(all.json.size() == 4);
  CHECK(all.header("X-Total-Count") == "4");
  for (const auto& item : all.json) {
    CHECK(item["state"] == "published");
    CHECK(item["revision"].get<std::string>().size() > 8);
  }
  CHECK(staff.get(kItems + "?type=faq").json.size() == 2);
  CHECK(staff.get(kItems + "?type=faq&lang=en").json.size() == 1);
  // Accents, case and đ folded; every word must start a word.
  const auto found = staff.get(kItems + "?q=MIEN+THUE");
  REQUIRE(found.json.size() == 2);  // the id matches in both languages
  CHECK(found.json[0]["id"] == "faq-mien-thue");
  CHECK(staff.get(kItems + "?q=qu%E1%BA%A3n+ruou").json.empty());
  CHECK(staff.get(kItems + "?q=RUOU+22").json.size() == 1);
  CHECK(staff.get(kItems + "?q=h%C3%A0nh+l%C3%BD&type=faq").json.size() == 1);
  CHECK(staff.get(kItems + "?q=ien").json.empty());
  CHECK(staff.get(kItems + "?q=%ZZ").status == 400);
  CHECK(staff.get(kItems + "?state=draft").json.empty());
}

TEST_CASE(
    "console: what a GET gives, changed and sent back, is a valid save; the tree is untouched "
    "until approval") {
  ConsoleServer server;
  auto editor = server.logged_in("ed");
  const auto before = read(server.content() / "faq" / "faq-mien-thue.vi.md");
  auto item = editor.get(kFaq);
  REQUIRE(item.status == 200);
  CHECK(item.json["type"] == "faq");
  CHECK(item.json["title"] == "Hành lý miễn thuế gồm những gì?");
  CHECK(item.json["category"] == "cat-hanh-ly");
  CHECK(item.json["body"] == "Rượu từ 22 độ trở lên: **1,5 lít**.");
  CHECK(item.json["state"] == "published");
  auto changed = item.json;
  changed["body"] = "Rượu từ 22 độ trở lên: **1,5 lít**; thuốc lá: 200 điếu.";
  const auto saved = editor.put(kFaq, changed);
  REQUIRE(saved.status == 200);
  CHECK(saved.json["state"] == "draft");
  CHECK(saved.json["revision"] != item.json["revision"]);
  CHECK(read(server.content() / "faq" / "faq-mien-thue.vi.md") == before);
  const auto again = editor.get(kFaq);
  CHECK(again.json["state"] == "draft");
  CHECK(again.json["body"] == changed["body"]);
  CHECK(again.json["author"] == "ed");
}

TEST_CASE("console: a save based on an old revision is a conflict and overwrites nothing") {
  ConsoleServer server;
  auto lan = server.logged_in("ed");
  auto hoa = server.logged_in("ed2");
  auto lan_copy = lan.get(kFaq).json;
  auto hoa_copy = hoa.get(kFaq).json;
  lan_copy["title"] = "Lan's question";
  hoa_copy["title"] = "Hoa's question";
  REQUIRE(lan.put(kFaq, lan_copy).status == 200);
  const auto conflict = hoa.put(kFaq, hoa_copy);
  CHECK(conflict.status == 409);
  CHECK(conflict.json["error"].get<std::string>().find("changed") != std::string::npos);
  CHECK(lan.get(kFaq).json["title"] == "Lan's question");
  // Creating an item that exists is a conflict too.
  CHECK(hoa.put(kItems + "/faq-mien-thue/vi", new_faq("Again", "Again.")).status == 409);
  // A file edited by hand changes the revision as well.
  auto en = hoa.get(kItems + "/faq-mien-thue/en").json;
  write_file(server.content() / "faq" / "faq-mien-thue.en.md",
             "+++\nid = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"en\"\n"
             "category = \"cat-hanh-ly\"\ntitle = \"Edited by hand\"\n+++\nBy hand.\n");
  server.clock().set(kMonday + 5);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the tree is rescanned every 2 s
  const auto fresh = hoa.get(kItems + "/faq-mien-thue/en");
  CHECK(fresh.json["title"] == "Edited by hand");
  CHECK(fresh.json["state"] == "approved");  // in the tree, not yet published
  en["title"] = "Over the hand edit";
  CHECK(hoa.put(kItems + "/faq-mien-thue/en", en).status == 409);
}

TEST_CASE(
    "console: each save is checked by kioskctl import's rules, each problem against its field") {
  ConsoleServer server;
  auto editor = server.logged_in("ed");
  auto missing = new_faq("", "");
  const auto r1 = editor.put(kItems + "/faq-moi/vi", missing);
  REQUIRE(r1.status == 422);
  const auto f1 = fields_with_errors(r1);
  CHECK(std::count(f1.begin(), f1.end(), "title") == 1);
  CHECK(std::count(f1.begin(), f1.end(), "body") == 1);

  auto dangling = new_faq("Câu hỏi", "Trả lời.");
  dangling["category"] = "cat-khong-co";
  const auto r2 = editor.put(kItems + "/faq-moi/vi", dangling);
  REQUIRE(r2.status == 422);
  CHECK(fields_with_errors(r2) == std::vector<std::string>{"category"});

  json doc = {{"type", "document"},
              {"title", "Thông tư"},
              {"category", "cat-hanh-ly"},
              {"number", "38/2015/TT-BTC"},
              {"issuer", "Bộ Tài chính"},
              {"issued", "2015-02-30"},
              {"source_url", "javascript:alert(1)"},
              {"tags", json::array({"a"})},
              {"body", "Nội dung."}};
  const auto r3 = editor.put(kItems + "/doc-tt-38/vi", doc);
  REQUIRE(r3.status == 422);
  const auto f3 = fields_with_errors(r3);
  CHECK(std::count(f3.begin(), f3.end(), "issued") == 1);
  CHECK(std::count(f3.begin(), f3.end(), "source_url") == 1);

  auto unknown = new_faq("Câu hỏi", "Trả lời.");
  unknown["colour"] = "red";
  unknown["tags"] = 5;
  const auto r4 = editor.put(kItems + "/faq-moi/vi", unknown);
  REQUIRE(r4.status == 422);
  const auto f4 = fields_with_errors(r4);
  CHECK(std::count(f4.begin(), f4.end(), "colour") == 1);
  CHECK(std::count(f4.begin(), f4.end(), "tags") == 1);

  CHECK(editor.put(kItems + "/Bad_Id/vi", new_faq("x", "y")).status == 422);
  CHECK(editor.put(kItems + "/faq-moi/fr", new_faq("x", "y")).status == 422);
  CHECK(editor.send("PUT", kItems + "/faq-moi/vi", "{not json", {{"X-CSRF-Token", editor.csrf()}})
            .status == 400);
  CHECK(editor.get(kItems + "?state=draft").json.empty());
}

TEST_CASE(
    "console: draft, review, send back, approve and publish; kiosks get a new signed version") {
  ConsoleServer server;
  auto editor = server.logged_in("ed");
  auto publisher = server.logged_in("pub");
  const std::string vi = kItems + "/faq-thu-tuc-moi/vi";
  const std::string en = kItems + "/faq-thu-tuc-moi/en";
  REQUIRE(editor.put(vi, new_faq("Thủ tục mới <script>alert(1)</script>", "**Mang** hộ chiếu."))
              .status == 200);
  REQUIRE(editor.put(en, new_faq("New procedure", "**Bring** your passport.")).status == 200);
  CHECK(publisher.post(vi + "/approve").status == 409);  // not submitted yet
  REQUIRE(editor.post(vi + "/submit").status == 200);
  REQUIRE(editor.post(en + "/submit").status == 200);
  CHECK(editor.post(vi + "/approve").status == 403);  // an editor cannot approve
  CHECK(editor.get(kItems + "?state=review").json.size() == 2);

  const auto back = publisher.post(en + "/reject", {{"comment", "Say 'valid passport'."}});
  REQUIRE(back.status == 200);
  CHECK(editor.get(en).json["comment"] == "Say 'valid passport'.");
  CHECK(editor.get(en).json["state"] == "draft");
  auto fix = editor.get(en).json;
  fix["body"] = "**Bring** a valid passport.";
  REQUIRE(editor.put(en, fix).status == 200);
  REQUIRE(editor.post(en + "/submit").status == 200);

  REQUIRE(publisher.post(vi + "/approve").status == 200);
  REQUIRE(publisher.post(en + "/approve").status == 200);
  CHECK(std::filesystem::exists(server.content() / "faq" / "faq-thu-tuc-moi.vi.md"));
  const auto file =
      content::parse_authoring_file("f", read(server.content() / "faq" / "faq-thu-tuc-moi.en.md"));
  CHECK(file.problems.empty());
  CHECK(editor.get(vi).json["state"] == "approved");

  const auto published = publisher.post("/api/v1/console/publish");
  REQUIRE(published.status == 200);
  const auto version = published.json["version"].get<std::int64_t>();
  CHECK(version == 1);
  CHECK(editor.get(vi).json["state"] == "published");
  const auto verified = published::verify_repository(server.repo(), public_key(server), kMonday);
  REQUIRE(verified);
  CHECK(verified->head.version == version);

  const auto versions = editor.get("/api/v1/console/versions");
  REQUIRE(versions.json.size() == 1);
  CHECK(versions.json[0]["published_by"] == "pub");
  CHECK(versions.json[0]["changes"].size() == 2);
  CHECK(versions.json[0]["changes"][0]["change"] == "added");
}

TEST_CASE("console: a publisher cannot approve their own change unless the server allows it") {
  {
    ConsoleServer server;
    auto publisher = server.logged_in("pub");
    REQUIRE(publisher.put(kItems + "/faq-moi/vi", new_faq("Câu hỏi", "Trả lời.")).status == 200);
    REQUIRE(publisher.post(kItems + "/faq-moi/vi/submit").status == 200);
    const auto own = publisher.post(kItems + "/faq-moi/vi/approve");
    CHECK(own.status == 403);
    CHECK(own.json["error"].get<std::string>().find("--allow-self-approval") != std::string::npos);
    CHECK(server.logged_in("pub2").post(kItems + "/faq-moi/vi/approve").status == 200);
  }
  {
    ConsoleServer server(true);
    auto publisher = server.logged_in("pub");
    REQUIRE(publisher.put(kItems + "/faq-moi/vi", new_faq("Câu hỏi", "Trả lời.")).status == 200);
    REQUIRE(publisher.post(kItems + "/faq-moi/vi/submit").status == 200);
    CHECK(publisher.post(kItems + "/faq-moi/vi/approve").status == 200);
  }
}

TEST_CASE("console: a deletion is reviewed like an edit, and a category in use cannot go") {
  ConsoleServer server;
  auto editor = server.logged_in("ed");
  auto publisher = server.logged_in("pub");
  // One language of a category may go; the last one may not while FAQs use it.
  for (const std::string lang : {"en", "vi"}) {
    const auto cat = kItems + "/cat-hanh-ly/" + lang;
    const auto rev = editor.get(cat).json["revision"];
    REQUIRE(editor.post(cat + "/delete", {{"revision", rev}}).status == 200);
    REQUIRE(editor.post(cat + "/submit").status == 200);
    const auto answer = publisher.post(cat + "/approve");
    if (lang == "en") {
      CHECK(answer.status == 200);
      continue;
    }
    CHECK(answer.status == 422);  // the FAQs still use the category
    CHECK(answer.json.dump().find("dangling category") != std::string::npos);
    CHECK(std::filesystem::exists(server.content() / "categories" / "cat-hanh-ly.vi.md"));
    REQUIRE(editor.post(cat + "/discard").status == 204);
  }

  const auto faq_rev = editor.get(kFaq).json["revision"];
  CHECK(editor.post(kFaq + "/delete", {{"revision", "stale"}}).status == 409);
  REQUIRE(editor.post(kFaq + "/delete", {{"revision", faq_rev}}).status == 200);
  CHECK(editor.get(kFaq).json["deleted"] == true);
  REQUIRE(editor.post(kFaq + "/submit").status == 200);
  REQUIRE(publisher.post(kFaq + "/approve").status == 200);
  CHECK_FALSE(std::filesystem::exists(server.content() / "faq" / "faq-mien-thue.vi.md"));
  CHECK(editor.get(kFaq).status == 404);
  const auto published = publisher.post("/api/v1/console/publish");
  REQUIRE(published.status == 200);
  CHECK(editor.get("/api/v1/console/versions").json[0]["changes"][0]["change"] == "deleted");
}

TEST_CASE("console: history diffs, restores an old text as a draft, and rolls back forward") {
  ConsoleServer server(true);
  auto pub = server.logged_in("pub");
  const auto publish_body = [&](const std::string& body) {
    auto item = pub.get(kFaq).json;
    item["body"] = body;
    REQUIRE(pub.put(kFaq, item).status == 200);
    REQUIRE(pub.post(kFaq + "/submit").status == 200);
    REQUIRE(pub.post(kFaq + "/approve").status == 200);
    const auto r = pub.post("/api/v1/console/publish");
    REQUIRE(r.status == 200);
    return r.json["version"].get<std::int64_t>();
  };
  const auto v1 = publish_body("Dòng một.\nDòng hai.");
  const auto v2 = publish_body("Dòng một.\nDòng hai đã sửa.\nDòng ba.");
  CHECK(v2 == v1 + 1);

  const auto diff =
      pub.get("/api/v1/console/versions/" + std::to_string(v2) + "/items/faq-mien-thue/vi");
  REQUIRE(diff.status == 200);
  std::vector<std::string> ops;
  for (const auto& d : diff.json["diff"]) {
    if (d["op"] != " ") ops.push_back(d["op"].get<std::string>() + d["line"].get<std::string>());
  }
  CHECK(ops == std::vector<std::string>{"-Dòng hai.", "+Dòng hai đã sửa.", "+Dòng ba."});

  const auto restored = pub.post("/api/v1/console/versions/" + std::to_string(v1) +
                                 "/items/faq-mien-thue/vi/restore");
  REQUIRE(restored.status == 200);
  CHECK(pub.get(kFaq).json["state"] == "draft");
  CHECK(pub.get(kFaq).json["body"] == "Dòng một.\nDòng hai.");
  REQUIRE(pub.post(kFaq + "/discard").status == 204);

  const auto rolled = pub.post("/api/v1/console/versions/" + std::to_string(v1) + "/rollback");
  REQUIRE(rolled.status == 200);
  const auto v3 = rolled.json["version"].get<std::int64_t>();
  CHECK(v3 == v2 + 1);  // kiosks never go back in version numbers
  CHECK(pub.get(kFaq).json["body"] == "Dòng một.\nDòng hai.");
  CHECK(pub.get("/api/v1/console/versions").json[0]["rollback_of"] == v1);
  const auto verified = published::verify_repository(server.repo(), public_key(server), kMonday);
  REQUIRE(verified);
  CHECK(verified->head.version == v3);
}

TEST_CASE(
    "console: the preview escapes everything, shows raw HTML as text and keeps only safe links") {
  ConsoleServer server;
  auto editor = server.logged_in("ed");
  const auto p =
      editor.post("/api/v1/console/preview",
                  {{"body",
                    "# Tiêu đề\n**đậm** <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
                    "[a](javascript:alert(1)) [b](https://customs.gov.vn) [c](mailto:a@b.vn)\n\n"
                    "| A | B |\n|---|---|\n| 1 | 2 |\n\n![x](https://x/y.png)"}});
  REQUIRE(p.status == 200);
  const auto html = p.json["html"].get<std::string>();
  CHECK(html.find("<strong>đậm</strong>") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("href=\"https://customs.gov.vn\"") != std::string::npos);
  CHECK(html.find("href=\"mailto:a@b.vn\"") != std::string::npos);
  CHECK(html.find("<table>") != std::string::npos);
  const auto warnings = p.json["warnings"].dump();
  CHECK(warnings.find("pictures are not shown") != std::string::npos);
  CHECK(warnings.find("HTML is shown as text") != std::string::npos);
}

TEST_CASE("console: the pages are served with the console's headers; nothing outside them") {
  ConsoleServer server;
  StaffClient browser(server);
  const auto index = browser.send("GET", "/console/", "", {}, false);
  CHECK(index.status == 200);
  CHECK(index.header("Content-Type").find("text/html") == 0);
  CHECK(index.header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(browser.send("GET", "/console/../uploads.db", "", {}, false).status == 404);
  CHECK(browser.send("GET", "/console/.hidden.js", "", {}, false).status == 404);
  CHECK(browser.send("GET", "/console/nothing.exe", "", {}, false).status == 404);
  CHECK(browser.send("GET", "/console", "", {}, false).status == 308);
}
