// kioskctl sync, feedback add and rotate-key: the kiosk's side of sync from
// a shell, and key rotation on the department's side.
#include <ctime>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "content/feedback_outbox.hpp"
#include "sync/client.hpp"
#include "sync/http.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"

namespace kioskctl {

int cmd_sync(int argc, char** argv) {
  auto parsed =
      parse_args(argc, argv, 2, {"db", "server", "trust", "kiosk-id", "pin"}, {"once", "json"});
  if (!parsed) return usage_error("sync", parsed.error().message);
  const Args& args = *parsed;
  if (!args.positional.empty() || !args.flag("once") || !args.value("db") ||
      !args.value("server") || !args.value("trust")) {
    return usage_error("sync",
                       "usage: kioskctl sync --once --db FILE --server URL --trust FILE "
                       "[--kiosk-id ID] [--pin sha256//BASE64]");
  }
  auto trust = published::read_public_key(*args.value("trust"));
  if (!trust) {
    std::cerr << "kioskctl sync: " << trust.error().message << "\n";
    return 1;
  }
  published::CurlOptions options;
  options.pinned_public_key = args.value("pin").value_or("");
  auto transport = published::make_curl_transport(options);
  published::SyncSettings settings;
  settings.server_url = *args.value("server");
  settings.db = *args.value("db");
  settings.trust_anchor = *trust;
  settings.kiosk_id = args.value("kiosk-id").value_or("");
  settings.app_version = KIOSK_VERSION;
  published::SyncClient client(settings, *transport);
  const auto report = client.run_cycle();
  for (const auto& warning : report.warnings)
    std::cerr << "kioskctl sync: warning: " << warning << "\n";
  if (report.feedback_refused > 0) {
    std::cerr << "kioskctl sync: warning: " << report.feedback_refused
              << " feedback refused by the server (" << report.feedback_refused_reason
              << "); kept in the outbox and offered again at the next sync\n";
  }
  if (report.feedback_needs_kiosk_id && report.feedback_waiting > 0) {
    // Once per run: the server refuses feedback without a kiosk id.
    std::cerr << "kioskctl sync: feedback not uploaded: no --kiosk-id given; "
              << report.feedback_waiting
              << (report.feedback_waiting == 1 ? " item waits" : " items wait")
              << " in the outbox\n";
  }
  const char* result = report.content == published::CycleReport::Content::updated     ? "updated"
                       : report.content == published::CycleReport::Content::unchanged ? "unchanged"
                       : report.content == published::CycleReport::Content::refused   ? "refused"
                                                                                      : "failed";
  if (report.content_ok()) {
    std::cout << result << ": " << report.content_message << "; feedback sent "
              << report.feedback_sent << ", waiting " << report.feedback_waiting << "; "
              << report.traffic.requests << " requests, " << report.traffic.received
              << " bytes received, " << report.traffic.sent << " sent\n";
    return 0;
  }
  std::cerr << "kioskctl sync: " << result << ": " << report.content_message
            << " (the installed content is kept)\n";
  return 1;
}

int cmd_feedback(int argc, char** argv) {
  if (argc < 3 || std::string_view(argv[2]) != "add") {
    return usage_error("feedback",
                       "usage: kioskctl feedback add --db FILE --rating 1..4 [--comment TEXT] "
                       "[--service ID]");
  }
  auto parsed = parse_args(argc, argv, 3, {"db", "rating", "comment", "service"}, {});
  if (!parsed) return usage_error("feedback", parsed.error().message);
  const Args& args = *parsed;
  const std::string rating_text = args.value("rating").value_or("");
  if (!args.positional.empty() || !args.value("db") || rating_text.size() != 1 ||
      rating_text[0] < '1' || rating_text[0] > '4') {
    return usage_error("feedback",
                       "usage: kioskctl feedback add --db FILE --rating 1..4 [--comment TEXT] "
                       "[--service ID]");
  }
  auto outbox = content::FeedbackOutbox::open(*args.value("db"));
  if (!outbox) {
    std::cerr << "kioskctl feedback: " << outbox.error().message << "\n";
    return 1;
  }
  const std::string now = published::utc_iso(std::time(nullptr));
  auto uuid = outbox->add(rating_text[0] - '0', args.value("service").value_or(""),
                          args.value("comment").value_or(""), now);
  if (!uuid) {
    std::cerr << "kioskctl feedback: refused: " << uuid.error().message << "\n";
    return 1;
  }
  std::cout << *uuid << "\n";
  return 0;
}

int cmd_rotate_key(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"repo", "old", "new"}, {});
  if (!parsed) return usage_error("rotate-key", parsed.error().message);
  const Args& args = *parsed;
  if (!args.positional.empty() || !args.value("repo") || !args.value("old") || !args.value("new")) {
    return usage_error("rotate-key",
                       "usage: kioskctl rotate-key --repo DIR --old OLD/signing.key --new "
                       "NEW/signing.key");
  }
  auto old_key = published::read_signing_key(*args.value("old"));
  auto new_key = published::read_signing_key(*args.value("new"));
  if (!old_key || !new_key) {
    std::cerr << "kioskctl rotate-key: "
              << (!old_key ? old_key.error().message : new_key.error().message) << "\n";
    return 1;
  }
  if (auto s = published::rotate_key(*args.value("repo"), *old_key, *new_key, std::time(nullptr));
      !s) {
    std::cerr << "kioskctl rotate-key: " << s.error().message << "\n";
    return 1;
  }
  std::cout << "key " << new_key->public_key.id << " now replaces " << old_key->public_key.id
            << " and has signed the repository's newest version; publish with the new key from "
               "now on. Kiosks switch at their next sync and then refuse the old key.\n";
  return 0;
}

}  // namespace kioskctl
