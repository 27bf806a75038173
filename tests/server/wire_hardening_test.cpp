// kiosk-server against hostile clients on the wire: compressed and endless
// bodies, ranges, idle and trickling connections, pipelines, huge request
// lines and header floods, a slow client at shutdown, and a repository whose
// files are swapped for links while it is served. Memory is judged by the
// server process's peak RSS, availability by a normal GET answered while the
// attack runs.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "raw_http.hpp"
#include "support.hpp"

using namespace std::chrono_literals;
using server_test::get_request;
using server_test::RawConnection;
using server_test::RunningServer;
using server_test::ServerProcess;
using server_test::status_of_get;
using server_test::TempDir;
using server_test::write_file;

namespace {

constexpr std::size_t kMiB = 1024 * 1024;

std::string feedback_post_head(const std::string& extra) {
  return "POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Content-Type: application/json\r\n"
         "Idempotency-Key: 3f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5f\r\n" +
         extra + "\r\n";
}

// `n` MiB of zeros compressed by `tool` ("gzip -9", "brotli -c -q 11" ...).
std::string compressed_zeros(const std::string& tool, int mib) {
  const std::string command =
      "head -c " + std::to_string(mib) + "M /dev/zero | " + tool + " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

int status_in(const std::string& answer) {
  if (answer.size() < 12 || answer.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
  return std::stoi(answer.substr(9, 3));
}

struct ProcessFixture {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  ProcessFixture() {
    std::filesystem::create_directories(dir / "repo");
    write_file(dir / "repo" / "manifest.signed", "manifest v1");
    server = std::make_unique<ServerProcess>(dir / "repo", dir / "uploads.db");
  }
};

}  // namespace

TEST_CASE("wire: a gzip bomb upload is refused unread, and memory stays flat") {
  ProcessFixture f;
  const auto bomb = compressed_zeros("gzip -9", 64);  // ~65 KB standing for 64 MiB
  REQUIRE(bomb.size() > 1000);
  const auto before = f.server->peak_rss_bytes();
  RawConnection c(f.server->port());
  c.send(feedback_post_head(
      "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n"));
  c.send(bomb);
  const auto answer = c.receive(3000ms);
  CHECK(status_in(answer) == 415);
  CHECK(answer.find("Content-Encoding") != std::string::npos);
  const auto after = f.server->peak_rss_bytes();
  MESSAGE("peak RSS " << before / kMiB << " MiB before, " << after / kMiB << " MiB after");
  CHECK(after < before + 16 * kMiB);
}

TEST_CASE("wire: a small brotli or deflate body is refused too, not inflated") {
  RunningServer server;
  for (const char* encoding : {"br", "deflate", "gzip, identity", "x-gzip"}) {
    CAPTURE(encoding);
    RawConnection c(server.port());
    c.send(feedback_post_head(std::string("Content-Encoding: ") + encoding +
                              "\r\nContent-Length: 4\r\nConnection: close\r\n") +
           "\x0b\x02\x80\x03");
    CHECK(status_in(c.receive(2000ms)) == 415);
  }
}

TEST_CASE("wire: Range is ignored: the whole object, 200, however many ranges") {
  RunningServer server;
  const std::string object(5000, 'x');
  const std::string hash = "ab" + std::string(62, '1');
  write_file(server.repo() / "objects/ab" / hash, object);
  auto client = server.client();

  auto r = client->Get(("/objects/ab/" + hash).c_str(), {{"Range", "bytes=0-9"}});
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == object);
  CHECK_FALSE(r->has_header("Content-Range"));

  std::string many = "bytes=";
  for (int i = 0; i < 2700; ++i) many += i ? ",0-" : "0-";
  RawConnection c(server.port());
  c.send(get_request("/objects/ab/" + hash, "Range: " + many + "\r\nConnection: close\r\n"));
  const auto answer = c.receive(3000ms);
  CHECK(status_in(answer) == 200);
  // One copy of the object, not 2,700.
  CHECK(answer.size() < object.size() + 1000);
}

TEST_CASE("wire: eight idle connections do not stop service") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "manifest v1");
  const int port = server.port();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 8; ++i) idle.push_back(std::make_unique<RawConnection>(port));
  // Another eight that sent half a request line.
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port));
    idle.back()->send("GET /manif");
  }
  CHECK(status_of_get(port, "/manifest.signed", "127.0.0.1", 3000ms) == 200);
}

TEST_CASE("wire: an idle connection is closed after the idle timeout") {
  kiosk_server::ServerLimits limits;
  limits.idle_timeout_s = 1;
  RunningServer server(server_test::kMonday, limits);
  RawConnection silent(server.port());
  CHECK(silent.closed_within(4000ms));
  RawConnection kept_alive(server.port());
  kept_alive.send(get_request("/manifest.signed"));
  CHECK(status_in(kept_alive.receive(300ms)) == 404);
  CHECK(kept_alive.closed_within(4000ms));
}

TEST_CASE("wire: a flood of trickling connections does not stop a GET from another address") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "manifest v1");
  const int port = server.port();
  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<RawConnection>> flood;
  for (int i = 0; i < 100; ++i) {
    try {
      flood.push_back(std::make_unique<RawConnection>(port));
    } catch (const std::exception&) {
    }
  }
  // Trickle a header byte a second on every connection while the GETs run.
  std::thread trickle([&] {
    const std::string request = get_request("/manifest.signed", "X-Slow: " + std::string(60, 'a'));
    for (std::size_t i = 0; i < request.size() && !stop; ++i) {
      for (auto& c : flood) c->send(std::string_view(&request[i], 1));
      std::this_thread::sleep_for(1s);
    }
  });
  std::this_thread::sleep_for(1500ms);
  int answered = 0;
  for (int i = 0; i < 5; ++i)
    answered += status_of_get(port, "/manifest.signed", "127.0.0.2", 2000ms) == 200;
  // The flooding address itself is capped, not the server.
  CHECK(answered == 5);
  stop = true;
  trickle.join();
}

TEST_CASE("wire: a chunked body is cut off at 64 KiB, and a declared larger one refused unread") {
  RunningServer server;
  const int port = server.port();
  {
    RawConnection c(port);
    c.send(feedback_post_head("Transfer-Encoding: chunked\r\n"));
    const std::string chunk = "4000\r\n" + std::string(0x4000, ' ') + "\r\n";
    for (int i = 0; i < 5; ++i) c.send(chunk);  // 80 KiB
    c.send("0\r\n\r\n");
    CHECK(status_in(c.receive(2000ms)) == 413);
  }
  {
    // A chunked body without end: the connection is cut long before 300 MiB.
    RawConnection c(port);
    c.send(feedback_post_head("Transfer-Encoding: chunked\r\n"));
    const std::string chunk = "100000\r\n" + std::string(0x100000, ' ') + "\r\n";
    int sent_mib = 0;
    while (sent_mib < 300 && c.send(chunk)) ++sent_mib;
    MESSAGE("endless chunked body: cut after " << sent_mib << " MiB");
    CHECK(sent_mib < 300);
  }
  {
    RawConnection c(port);
    c.send(feedback_post_head("Content-Length: 314572800\r\n"));
    CHECK(status_in(c.receive(2000ms)) == 413);
    CHECK(c.closed_within(2000ms));
  }
}

TEST_CASE("wire: a huge request line and a header flood are refused, memory stays flat") {
  ProcessFixture f;
  const auto before = f.server->peak_rss_bytes();
  {
    RawConnection c(f.server->port());
    c.send("GET /" + std::string(64 * 1024, 'a'));
    // Keep sending: the server must answer or close long before 200 MiB.
    const std::string more(1 << 20, 'a');
    int sent_mib = 0;
    while (sent_mib < 200 && c.send(more)) ++sent_mib;
    MESSAGE("request line: the server stopped reading after " << sent_mib << " MiB");
    CHECK(sent_mib < 200);
  }
  {
    RawConnection c(f.server->port());
    c.send("GET /manifest.signed HTTP/1.1\r\nHost: x\r\n");
    std::string headers;
    for (int i = 0; i < 20000; ++i) headers += "X-H" + std::to_string(i) + ": v\r\n";
    int rounds = 0;
    while (rounds < 100 && c.send(headers)) ++rounds;  // up to 2,000,000 headers
    const auto answer = c.receive(1000ms);
    CHECK(rounds < 100);
    if (!answer.empty()) CHECK(status_in(answer) >= 400);
  }
  const auto after = f.server->peak_rss_bytes();
  MESSAGE("peak RSS " << before / kMiB << " MiB before, " << after / kMiB << " MiB after");
  CHECK(after < before + 16 * kMiB);
  CHECK(status_of_get(f.server->port(), "/manifest.signed", "127.0.0.1", 2000ms) == 200);
}

TEST_CASE("wire: pipelined requests are all answered, in order") {
  RunningServer server;
  write_file(server.repo() / "manifest.signed", "first");
  write_file(server.repo() / "manifests/1.signed", "second");
  write_file(server.repo() / "manifests/2.signed", "third");
  RawConnection c(server.port());
  c.send(get_request("/manifest.signed") + get_request("/manifests/1.signed") +
         get_request("/manifests/2.signed", "Connection: close\r\n"));
  const auto answer = c.receive(3000ms);
  const auto first = answer.find("\r\n\r\nfirst");
  const auto second = answer.find("\r\n\r\nsecond");
  const auto third = answer.find("\r\n\r\nthird");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(third != std::string::npos);
  CHECK(first < second);
  CHECK(second < third);
}

TEST_CASE("wire: SIGTERM stops the server within 5 s while a slow client trickles") {
  ProcessFixture f;
  RawConnection slow(f.server->port());
  slow.send("POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n");
  RawConnection body(f.server->port());
  body.send(feedback_post_head("Content-Length: 60000\r\n") + "{\"uuid\":");
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    while (!stop) {
      slow.send("X");
      body.send(" ");
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(500ms);
  std::chrono::milliseconds took{};
  const int status = f.server->stop_with(SIGTERM, 8000ms, &took);
  stop = true;
  trickle.join();
  MESSAGE("stopped in " << took.count() << " ms");
  CHECK(status == 0);
  CHECK(took < 5000ms);
}

TEST_CASE("wire: a file swapped for a link to outside the repository is never served") {
  RunningServer server;
  TempDir outside;
  write_file(outside / "secret", "SECRET department file");
  std::filesystem::create_directories(outside / "dir");
  const std::string hash = "ab" + std::string(62, '2');
  write_file(outside / "dir" / hash, "SECRET through a directory link");
  const auto objects = server.repo() / "objects";
  const auto file = objects / "ab" / hash;
  write_file(file, "object bytes");

  std::atomic<bool> stop{false};
  std::thread swapper([&] {
    const auto real_dir = objects / "ab.real";
    std::filesystem::create_directories(real_dir);
    write_file(real_dir / hash, "object bytes");
    for (int i = 0; !stop; ++i) {
      std::error_code ec;
      // The file itself, then its directory, replaced by links and back.
      const auto tmp = objects / "ab.tmp";
      std::filesystem::remove_all(tmp, ec);
      if (i % 2 == 0) {
        std::filesystem::create_symlink(outside / "secret", tmp, ec);
        std::filesystem::rename(tmp, file, ec);
        write_file(tmp, "object bytes");
        std::filesystem::rename(tmp, file, ec);
      } else {
        std::filesystem::create_directory_symlink(outside / "dir", tmp, ec);
        std::filesystem::rename(objects / "ab", objects / "ab.away", ec);
        std::filesystem::rename(tmp, objects / "ab", ec);
        std::filesystem::remove(objects / "ab", ec);
        std::filesystem::rename(objects / "ab.away", objects / "ab", ec);
      }
    }
  });
  auto client = server.client();
  int served = 0, leaked = 0;
  for (int i = 0; i < 1500; ++i) {
    auto r = client->Get(("/objects/ab/" + hash).c_str());
    if (!r) continue;
    if (r->status == 200) ++served;
    if (r->body.find("SECRET") != std::string::npos) ++leaked;
  }
  stop = true;
  swapper.join();
  MESSAGE(served << " of 1500 GETs served the object while it was swapped");
  CHECK(leaked == 0);
  CHECK(served > 0);
}
