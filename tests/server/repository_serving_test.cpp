// The published repository over HTTP: names, ETags, caching, HEAD, refusals.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "support.hpp"

using server_test::RunningServer;
using server_test::write_file;

namespace {

const std::string kHash = "ab" + std::string(62, '0');

std::string header(const httplib::Result& r, const char* name) { return r->get_header_value(name); }

}  // namespace

TEST_CASE("repository: every kind of published file is served with its cache policy") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "manifest v2");
  write_file(server.repo() / "manifests/2.signed", "manifest v2");
  write_file(server.repo() / "objects/ab" / kHash, "object bytes");
  write_file(server.repo() / "keys/0123456789abcdef.signed", "key record");
  auto client = server.client();

  auto r = client->Get("/manifest.signed");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "manifest v2");
  CHECK(header(r, "Content-Type") == "application/octet-stream");
  CHECK(header(r, "Cache-Control") == "no-cache");

  r = client->Get("/manifests/2.signed");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(header(r, "Cache-Control") == "public, max-age=31536000, immutable");

  r = client->Get(("/objects/ab/" + kHash).c_str());
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "object bytes");
  CHECK(header(r, "Cache-Control") == "public, max-age=31536000, immutable");

  r = client->Get("/keys/0123456789abcdef.signed");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "key record");
}

TEST_CASE("repository: a matching If-None-Match gets 304 with no body") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "manifest v1");
  auto client = server.client();
  auto first = client->Get("/manifest.signed");
  REQUIRE(first);
  const auto etag = header(first, "ETag");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');
  CHECK(etag.back() == '"');

  auto again = client->Get("/manifest.signed", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  CHECK(header(again, "ETag") == etag);
  CHECK(header(again, "Cache-Control") == "no-cache");

  // A list, and the weak form nginx sends after gzip, match too.
  again = client->Get("/manifest.signed", {{"If-None-Match", "\"other\", W/" + etag}});
  REQUIRE(again);
  CHECK(again->status == 304);

  auto other = client->Get("/manifest.signed", {{"If-None-Match", "\"something-else\""}});
  REQUIRE(other);
  CHECK(other->status == 200);
  CHECK(other->body == "manifest v1");
}

TEST_CASE("repository: replacing manifest.signed by rename gives a new ETag and the new bytes") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "manifest v1");
  auto client = server.client();
  auto first = client->Get("/manifest.signed");
  REQUIRE(first);
  const auto old_etag = header(first, "ETag");

  // What publish does: write aside, then rename over (same size on purpose).
  write_file(server.repo() / "manifest.signed.tmp", "manifest v2");
  std::filesystem::rename(server.repo() / "manifest.signed.tmp", server.repo() / "manifest.signed");

  auto second = client->Get("/manifest.signed", {{"If-None-Match", old_etag}});
  REQUIRE(second);
  CHECK(second->status == 200);
  CHECK(second->body == "manifest v2");
  CHECK(header(second, "ETag") != old_etag);
}

TEST_CASE("repository: HEAD answers the headers of GET without the body") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "twelve bytes");
  auto client = server.client();
  auto get = client->Get("/manifest.signed");
  auto head = client->Head("/manifest.signed");
  REQUIRE(get);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(header(head, "Content-Length") == "12");
  CHECK(header(head, "ETag") == header(get, "ETag"));
  CHECK(header(head, "Cache-Control") == "no-cache");

  head = client->Head("/manifest.signed", {{"If-None-Match", header(get, "ETag")}});
  REQUIRE(head);
  CHECK(head->status == 304);
}

TEST_CASE("repository: traversal, encodings and names outside the pattern are 404") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "m");
  write_file(server.repo() / "objects/ab" / kHash, "o");
  write_file(server.repo() / "signing.key", "secret");
  write_file(server.repo() / "manifests/01.signed", "zero-padded");
  write_file(server.repo() / ("objects/ab/AB" + std::string(62, '0')), "upper");
  write_file(server.repo().parent_path() / "outside.signed", "outside");
  auto client = server.client();

  for (const std::string& path : std::vector<std::string>{
           "/signing.key",
           "/",
           "/manifest.signed/",
           "//manifest.signed",
           "/./manifest.signed",
           "/objects/ab/../../manifest.signed",
           "/objects/../signing.key",
           "/manifests/../manifest.signed",
           "/manifests/01.signed",
           "/manifests/.signed",
           "/manifests/-1.signed",
           "/manifest%2esigned",
           "/%2e%2e/outside.signed",
           "/objects/ab%2f" + kHash,
           "/objects/ab/" + kHash.substr(0, 63),
           "/objects/cd/" + kHash,
           "/objects/ab/AB" + std::string(62, '0'),
           "/objects/ab/" + kHash + "/",
           "/keys/0123456789ABCDEF.signed",
           "/keys/0123456789abcde.signed",
           "/../outside.signed",
           "/manifest.signed%00",
           "/api/v1/nothing",
       }) {
    CAPTURE(path);
    auto r = client->Get(path.c_str());
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(r->body.find("secret") == std::string::npos);
  }
  // A query string does not change which file is named.
  auto r = client->Get("/manifest.signed?x=1");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("repository: a symbolic link leading out of the repository is 404") {
  RunningServer server;
  write_file(server.repo().parent_path() / "elsewhere/2.signed", "outside");
  write_file(server.repo().parent_path() / "secret.txt", "outside");
  std::filesystem::create_directory_symlink(server.repo().parent_path() / "elsewhere",
                                            server.repo() / "manifests");
  std::filesystem::create_symlink(server.repo().parent_path() / "secret.txt",
                                  server.repo() / "manifest.signed");
  auto client = server.client();
  auto r = client->Get("/manifests/2.signed");
  REQUIRE(r);
  CHECK(r->status == 404);
  r = client->Get("/manifest.signed");
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("repository: a missing file and a directory where a file should be are 404") {
  RunningServer server;
  std::filesystem::create_directories(server.repo() / "manifest.signed");
  auto client = server.client();
  auto r = client->Get("/manifest.signed");
  REQUIRE(r);
  CHECK(r->status == 404);
  r = client->Get("/manifests/7.signed");
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("repository: other methods on a repository file are 405 with Allow") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "m");
  auto client = server.client();
  auto r = client->Post("/manifest.signed", "{}", "application/json");
  REQUIRE(r);
  CHECK(r->status == 405);
  CHECK(header(r, "Allow") == "GET, HEAD");
  r = client->Delete("/manifest.signed");
  REQUIRE(r);
  CHECK(r->status == 405);
  auto after = client->Get("/manifest.signed");
  REQUIRE(after);
  CHECK(after->body == "m");
}

TEST_CASE("repository: each request is logged as method, path, status and bytes") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "12345");
  auto client = server.client();
  REQUIRE(client->Get("/manifest.signed?who=visitor"));
  REQUIRE(client->Get("/nothing"));
  server.stop();  // the log line is written after the answer: wait for it
  auto log = server.log();
  // Each request came on its own connection: their lines may be in either order.
  std::sort(log.begin(), log.end());
  REQUIRE(log.size() == 2);
  CHECK(log[0] == "2026-11-23T08:00:00Z GET /manifest.signed 200 5");
  CHECK(log[1].rfind("2026-11-23T08:00:00Z GET /nothing 404 ", 0) == 0);
}
