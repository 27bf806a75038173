// The kiosk-server binary as staff run it: serve, export, usage.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "support.hpp"

using server_test::run_kiosk_server;
using server_test::RunningServer;

namespace {

void post_feedback(httplib::Client& client, const std::string& uuid, const std::string& comment,
                   const std::string& service = "") {
  const nlohmann::json body = {{"uuid", uuid},       {"kiosk", "hq-lobby-1"},
                               {"rating", 1},        {"service", service},
                               {"comment", comment}, {"created", "2026-11-23T07:00:00Z"}};
  auto r =
      client.Post("/api/v1/feedback", {{"Idempotency-Key", uuid}}, body.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 201);
}

}  // namespace

TEST_CASE("export feedback --csv: RFC 4180, oldest received first, formulas defused") {
  RunningServer server;
  auto client = server.client();
  server.clock().set(server_test::kMonday + 60);
  post_feedback(*client, "00000000-0000-4000-8000-000000000002", "second, with \"quotes\"");
  server.clock().set(server_test::kMonday);
  post_feedback(*client, "00000000-0000-4000-8000-000000000001", "Rất hài lòng\nxin cảm ơn",
                "thu-tuc-hai-quan");
  server.clock().set(server_test::kMonday + 120);
  post_feedback(*client, "00000000-0000-4000-8000-000000000003", "=HYPERLINK(\"http://x\")");
  post_feedback(*client, "00000000-0000-4000-8000-000000000004", "-1+2");
  post_feedback(*client, "00000000-0000-4000-8000-000000000005", "@SUM(A1)");
  post_feedback(*client, "00000000-0000-4000-8000-000000000006", "\tindented");

  auto r = run_kiosk_server({"export", "feedback", "--db", server.db().string(), "--csv"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "uuid,kiosk,rating,service,comment,created,received\r\n"
        "00000000-0000-4000-8000-000000000001,hq-lobby-1,1,thu-tuc-hai-quan,"
        "\"Rất hài lòng\nxin cảm ơn\",2026-11-23T07:00:00Z,2026-11-23T08:00:00Z\r\n"
        "00000000-0000-4000-8000-000000000002,hq-lobby-1,1,,"
        "\"second, with \"\"quotes\"\"\",2026-11-23T07:00:00Z,2026-11-23T08:01:00Z\r\n"
        "00000000-0000-4000-8000-000000000003,hq-lobby-1,1,,"
        "\"'=HYPERLINK(\"\"http://x\"\")\",2026-11-23T07:00:00Z,2026-11-23T08:02:00Z\r\n"
        "00000000-0000-4000-8000-000000000004,hq-lobby-1,1,,"
        "'-1+2,2026-11-23T07:00:00Z,2026-11-23T08:02:00Z\r\n"
        "00000000-0000-4000-8000-000000000005,hq-lobby-1,1,,"
        "'@SUM(A1),2026-11-23T07:00:00Z,2026-11-23T08:02:00Z\r\n"
        "00000000-0000-4000-8000-000000000006,hq-lobby-1,1,,"
        "'\tindented,2026-11-23T07:00:00Z,2026-11-23T08:02:00Z\r\n");

  auto bom = run_kiosk_server({"export", "feedback", "--db", server.db().string(), "--bom"});
  CHECK(bom.exit_code == 0);
  CHECK(bom.out.rfind("\xEF\xBB\xBFuuid,", 0) == 0);
}

TEST_CASE("kiosk-server: usage errors are 2, failures 1, --help 0") {
  auto r = run_kiosk_server({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("export feedback --db FILE") != std::string::npos);
  CHECK(run_kiosk_server({}).exit_code == 2);
  CHECK(run_kiosk_server({"launch"}).exit_code == 2);
  CHECK(run_kiosk_server({"kiosks"}).exit_code == 2);
  CHECK(run_kiosk_server({"kiosks", "--db"}).exit_code == 2);
  CHECK(run_kiosk_server({"export", "tickets", "--db", "x.db"}).exit_code == 2);
  CHECK(run_kiosk_server({"serve", "--repo", "/nonexistent"}).exit_code == 2);
  CHECK(run_kiosk_server({"--repo", "/r", "--db", "/d", "--listen", "127.0.0.1"}).exit_code == 2);
  CHECK(run_kiosk_server({"--repo", "/r", "--db", "/d", "--listen", "h:99999"}).exit_code == 2);

  server_test::TempDir dir;
  r = run_kiosk_server({"kiosks", "--db", (dir / "missing.db").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no database at") != std::string::npos);
  r = run_kiosk_server({"serve", "--repo", (dir / "no-repo").string(), "--db",
                        (dir / "s.db").string(), "--listen", "127.0.0.1:0"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("is not a directory") != std::string::npos);
}

TEST_CASE("kiosk-server serve: port 0 prints the port, serves, and stops on SIGTERM") {
  server_test::TempDir dir;
  server_test::write_file(dir / "repo/manifest.signed", "signed bytes");
  int out_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    const std::string path = KIOSK_SERVER_PATH;
    const std::string repo = (dir / "repo").string();
    const std::string db = (dir / "s.db").string();
    execl(path.c_str(), path.c_str(), "--repo", repo.c_str(), "--db", db.c_str(), "--listen",
          "127.0.0.1:0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  std::string line;
  char c = 0;
  while (read(out_pipe[0], &c, 1) == 1 && c != '\n') line += c;
  close(out_pipe[0]);
  REQUIRE(line.rfind("listening on 127.0.0.1:", 0) == 0);
  const int port = std::stoi(line.substr(23));
  CHECK(port > 0);

  httplib::Client client("127.0.0.1", port);
  auto r = client.Get("/manifest.signed");
  REQUIRE(r);
  CHECK(r->body == "signed bytes");

  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
