// A kiosk with version 1 of a department's content installed over HTTP from
// a FaultServer, ready for the department to publish version 2 and the test
// to spoil what the kiosk gets.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "fault_server.hpp"
#include "sync_support.hpp"

namespace synctest {

inline constexpr const char* kNewQuestion = "Nước hoa mang theo được bao nhiêu?";

struct KioskAtV1 {
  Department dept;
  test::TempDir kiosk;
  FaultServer server{dept.repo()};
  Snapshot v1;
  published::PublicKey anchor;  // the key the kiosk was installed with

  KioskAtV1() : anchor(dept.key().public_key) {
    dept.publish();
    const auto report = sync();
    REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                    report.content_message);
    v1 = snapshot(db());
    REQUIRE(v1.version == 1);
    REQUIRE(v1.faq_question == kFaqQuestion);
    REQUIRE(v1.search_perfume.empty());
    REQUIRE(!v1.search_allowance.empty());
    server.reset_counts();
  }

  std::filesystem::path db() const { return kiosk / "kiosk.db"; }

  // Version 2: kFaq asks about perfume.
  void publish_v2() {
    change_faq(dept.content(), kNewQuestion);
    dept.publish();
  }

  published::CycleReport sync(std::time_t now = kT + 3600,
                              const published::CurlOptions& options = {}) {
    return sync_once(settings(server.url(), db(), anchor, now), options);
  }

  // The kiosk still shows version 1 and says why it kept it.
  void expect_kept_v1(const published::CycleReport& report, const std::string& reason) {
    CHECK(report.version == 1);
    CHECK(snapshot(db()) == v1);
    const std::string error = last_error(db());
    CHECK_MESSAGE(error.find(reason) != std::string::npos,
                  "sync.last_error: " << error << "; expected it to contain: " << reason);
  }

  void expect_refused(const published::CycleReport& report, const std::string& reason) {
    CHECK_MESSAGE(report.content == published::CycleReport::Content::refused,
                  report.content_message);
    CHECK(report.failure == published::Failure::Kind::refused);
    expect_kept_v1(report, reason);
  }
};

}  // namespace synctest
