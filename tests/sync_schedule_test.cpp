// When the next sync runs: the period with jitter, and backoff after
// transient failures, honouring Retry-After, capped at the period.
#include <doctest/doctest.h>

#include "sync/schedule.hpp"

namespace {

published::CycleReport outcome(published::CycleReport::Content content,
                               published::Failure::Kind kind = published::Failure::Kind::failed,
                               int retry_after = -1) {
  published::CycleReport r;
  r.content = content;
  r.failure = kind;
  r.retry_after_s = retry_after;
  return r;
}

}  // namespace

TEST_CASE("schedule: a good cycle waits one period, jittered by a tenth") {
  published::SyncSchedule s(300, 1);
  for (int i = 0; i < 100; ++i) {
    const double d = s.next_delay_s(outcome(published::CycleReport::Content::unchanged));
    CHECK(d >= 270);
    CHECK(d <= 330);
  }
  const double first = s.first_delay_s();
  CHECK(first >= 2);
  CHECK(first <= 15);
}

TEST_CASE("schedule: transient failures back off exponentially, capped at the period") {
  using K = published::Failure::Kind;
  published::SyncSchedule s(300, 7);
  const auto fail = outcome(published::CycleReport::Content::failed, K::transient);
  double previous_high = 0;
  for (int n = 1; n <= 8; ++n) {
    const double high = std::min(300.0, 10.0 * (1 << (n - 1)));
    const double d = s.next_delay_s(fail);
    CAPTURE(n);
    CHECK(d >= high * 0.5);
    CHECK(d <= high);
    CHECK(high >= previous_high);
    previous_high = high;
  }
  CHECK(s.transient_failures() == 8);
  // A success resets the backoff.
  (void)s.next_delay_s(outcome(published::CycleReport::Content::updated));
  CHECK(s.transient_failures() == 0);
  CHECK(s.next_delay_s(fail) <= 10);
}

TEST_CASE("schedule: Retry-After is honoured up to one period; refusals are not retried sooner") {
  using K = published::Failure::Kind;
  published::SyncSchedule s(300, 3);
  CHECK(s.next_delay_s(outcome(published::CycleReport::Content::failed, K::transient, 120)) ==
        doctest::Approx(120));
  CHECK(s.next_delay_s(outcome(published::CycleReport::Content::failed, K::transient, 100000)) ==
        doctest::Approx(300));
  const double refused =
      s.next_delay_s(outcome(published::CycleReport::Content::refused, K::refused));
  CHECK(refused >= 270);  // a bad signature does not get better by asking again at once
}
