#include "sync/client.hpp"

#include <sys/statvfs.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "content/feedback_outbox.hpp"
#include "content/search_misses.hpp"
#include "content/store.hpp"
#include "sync/http_source.hpp"
#include "sync/repository.hpp"
#include "sync/update.hpp"

namespace published {
namespace {

using nlohmann::json;

constexpr int kFeedbackPerCycle = 1000;
constexpr std::size_t kMaxApiResponseBytes = 16 * 1024;

Traffic minus(const Traffic& a, const Traffic& b) {
  return {a.requests - b.requests, a.sent - b.sent, a.received - b.received};
}

std::int64_t free_disk_bytes(const std::filesystem::path& db) {
  struct statvfs st {};
  const auto dir = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
  if (statvfs(dir.c_str(), &st) != 0) return -1;
  return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

// A short reason from a response body for a log line: first line, printable ASCII.
std::string reason_of(const HttpResponse& r) {
  std::string out;
  for (const char c : r.body.substr(0, 200)) {
    if (c == '\n' || c == '\r') break;
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7f ? c : '?');  // never a server's raw bytes
  }
  return out.empty() ? "HTTP " + std::to_string(r.status) : out;
}

}  // namespace

SyncClient::SyncClient(SyncSettings settings, HttpTransport& transport)
    : settings_(std::move(settings)), transport_(transport) {}

CycleReport SyncClient::run_cycle() {
  const Traffic before = transport_.traffic();
  CycleReport report = sync_content();
  upload_feedback(report);
  send_search_misses(report);
  send_heartbeat(report);
  report.traffic = minus(transport_.traffic(), before);
  return report;
}

CycleReport SyncClient::sync_content() {
  const Traffic before = transport_.traffic();
  CycleReport report;
  auto store = content::ContentStore::open(settings_.db, content::OpenMode::read_write);
  if (!store) {
    report.content_message = store.error().message;
    return report;
  }
  const std::time_t now = settings_.now();
  (void)store->set_meta("sync.last_attempt", utc_iso(now));
  auto finish = [&](CycleReport::Content result, std::string message) {
    report.content = result;
    report.content_message = std::move(message);
    report.version = store->stats().content_version;
    if (report.content_ok()) {
      (void)store->set_meta("sync.last_success", utc_iso(now));
      (void)store->set_meta("sync.last_error", "");
    } else {
      (void)store->set_meta("sync.last_error", utc_iso(now) + " " + report.content_message);
    }
    report.traffic = minus(transport_.traffic(), before);
    return report;
  };
  if (auto s = check_server_url(settings_.server_url); !s) {
    report.failure = Failure::Kind::refused;
    return finish(CycleReport::Content::refused, s.error().message);
  }

  HttpSource source(transport_, settings_.server_url);
  const Installed installed = installed_state(*store);
  const Trust trust = trust_state(*store, settings_.trust_anchor);
  auto plan = plan_update(source, installed, trust, now);
  if (!plan) {
    report.failure = plan.error().kind;
    report.retry_after_s = plan.error().retry_after_s;
    return finish(plan.error().kind == Failure::Kind::refused ? CycleReport::Content::refused
                                                              : CycleReport::Content::failed,
                  plan.error().message);
  }
  if (plan->unchanged) {
    if (!plan->etag.empty() && plan->etag != installed.etag) {
      (void)store->set_meta("sync.etag", plan->etag);
    }
    return finish(CycleReport::Content::unchanged,
                  "version " + std::to_string(installed.version) + " is current");
  }
  report.objects_fetched = plan->objects_fetched;
  if (auto s = store->apply_update(plan->update); !s) {
    // Consistency is judged by the store: what the department signed but a
    // kiosk cannot install is refused like any other bad content.
    report.failure = Failure::Kind::refused;
    return finish(
        CycleReport::Content::refused,
        "cannot install version " + std::to_string(plan->head.version) + ": " + s.error().message);
  }
  return finish(CycleReport::Content::updated,
                "installed version " + std::to_string(plan->head.version) + " (" +
                    std::to_string(plan->objects_fetched) + " objects fetched, " +
                    (plan->changes_used ? std::to_string(plan->changes_used) + " changes"
                                        : std::string("whole index")) +
                    (plan->used_snapshot ? ", from the snapshot" : "") + ")");
}

void SyncClient::upload_feedback(CycleReport& report) {
  auto outbox = content::FeedbackOutbox::open(settings_.db);
  if (!outbox) {
    report.warnings.push_back("feedback: " + outbox.error().message);
    return;
  }
  auto finish = [&] {
    report.feedback_waiting = outbox->pending_count();
    report.feedback_refused = static_cast<int>(refused_.size());
    if (!refused_.empty()) report.feedback_refused_reason = last_refusal_;
  };
  if (settings_.kiosk_id.empty()) {
    // Every item would be refused for its empty kiosk id: say so once.
    report.feedback_needs_kiosk_id = true;
    finish();
    return;
  }
  const std::string url = url_under(settings_.server_url, "api/v1/feedback");
  const std::time_t now = settings_.now();
  int attempted = 0;
  std::vector<std::string> skip;  // refused, now or before: kept, not tried again this cycle
  while (attempted < kFeedbackPerCycle) {
    const auto pending = outbox->pending(static_cast<int>(skip.size()) + 50);
    bool progressed = false;  // sent, refused or found waiting: more may lie beyond
    for (const auto& entry : pending) {
      if (std::find(skip.begin(), skip.end(), entry.uuid) != skip.end()) continue;
      if (const auto r = refused_.find(entry.uuid);
          r != refused_.end() && r->second.retry_at > now) {
        skip.push_back(entry.uuid);  // waiting out its backoff
        progressed = true;
        continue;
      }
      ++attempted;
      progressed = true;
      HttpRequest request;
      request.method = "POST";
      request.url = url;
      request.max_response_bytes = kMaxApiResponseBytes;
      request.headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", entry.uuid}};
      request.body =
          json{{"uuid", entry.uuid},       {"kiosk", settings_.kiosk_id},
               {"rating", entry.rating},   {"service", entry.service_id},
               {"comment", entry.comment}, {"created", entry.created_at.substr(0, 19) + "Z"}}
              .dump(-1, ' ', false, json::error_handler_t::replace);
      auto response = transport_.send(request);
      if (!response) {
        report.warnings.push_back("feedback upload: " + response.error().message);
        finish();
        return;
      }
      if (response->status >= 200 && response->status < 300) {
        // Acknowledged: only now may it leave the outbox.
        if (auto s = outbox->remove(entry.uuid); !s) {
          report.warnings.push_back("feedback: " + s.error().message);
          finish();
          return;
        }
        refused_.erase(entry.uuid);
        ++report.feedback_sent;
        continue;
      }
      const Failure f = failure_of(*response, "feedback upload");
      if (f.kind == Failure::Kind::transient || response->status == 404 ||
          response->status == 405) {
        report.warnings.push_back(response->status == 405 || response->status == 404
                                      ? "feedback upload: the server does not accept feedback "
                                        "(HTTP " +
                                            std::to_string(response->status) +
                                            "; a static server?); kept for later"
                                      : f.message);
        finish();
        return;
      }
      // Refused: kept, and tried again after a growing pause.
      Refusal& refusal = refused_[entry.uuid];
      ++refusal.times;
      last_refusal_ = reason_of(*response);
      if (last_refusal_.rfind("HTTP ", 0) != 0) {
        last_refusal_ = "HTTP " + std::to_string(response->status) + ": " + last_refusal_;
      }
      const int hours = 1 << std::min(refusal.times - 1, 5);  // 1, 2, 4, ... 32
      refusal.retry_at = now + std::min(hours, 24) * 3600;
      skip.push_back(entry.uuid);
    }
    if (!progressed) break;
  }
  finish();
}

void SyncClient::send_search_misses(CycleReport& report) {
  if (settings_.kiosk_id.empty()) return;
  auto misses = content::SearchMisses::open(settings_.db);
  if (!misses) {
    report.warnings.push_back("search misses: " + misses.error().message);
    return;
  }
  if (settings_.local_day) {
    // Counts are kept a month: long enough for staff, short enough that a
    // name someone typed does not stay.
    const std::string today = settings_.local_day();
    if (today.size() == 10) {
      std::tm tm{};
      strptime(today.c_str(), "%Y-%m-%d", &tm);
      tm.tm_mday -= 30;
      timegm(&tm);
      char day[16];
      std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
      (void)misses->forget_before(day);
    }
  }
  const auto list = misses->list(1000);
  if (list.empty()) return;
  json rows = json::array();
  for (const auto& m : list)
    rows.push_back({{"query", m.query}, {"day", m.day}, {"count", m.count}});
  HttpRequest request;
  request.method = "POST";
  request.url = url_under(settings_.server_url, "api/v1/search-misses");
  request.max_response_bytes = kMaxApiResponseBytes;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = json{{"kiosk", settings_.kiosk_id}, {"misses", rows}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  auto response = transport_.send(request);
  if (!response) {
    report.warnings.push_back("search misses: " + response.error().message);
  } else if (response->status < 200 || response->status >= 300) {
    report.warnings.push_back("search misses: " + failure_of(*response, "upload").message);
  }
}

void SyncClient::send_heartbeat(CycleReport& report) {
  if (settings_.kiosk_id.empty()) return;
  std::string last_sync, last_error;
  if (auto store = content::ContentStore::open(settings_.db, content::OpenMode::read_only)) {
    last_sync = store->meta("sync.last_success").value_or("");
    last_error = store->meta("sync.last_error").value_or("");
  }
  // The server takes no field beyond these (it refuses the heartbeat), so
  // refused feedback is told in last_error, first, where staff read it.
  if (report.feedback_refused > 0) {
    last_error = "feedback refused by the server: " + std::to_string(report.feedback_refused) +
                 " kept in the outbox (" + report.feedback_refused_reason + ")" +
                 (last_error.empty() ? "" : "; " + last_error);
  }
  if (last_error.size() > 500) last_error.resize(500);
  // Cut at a character boundary: the server checks UTF-8.
  while (!last_error.empty() && (static_cast<unsigned char>(last_error.back()) & 0xC0) == 0x80) {
    last_error.pop_back();
  }
  if (!last_error.empty() && static_cast<unsigned char>(last_error.back()) >= 0xC0) {
    last_error.pop_back();
  }
  HttpRequest request;
  request.method = "POST";
  request.url = url_under(settings_.server_url, "api/v1/heartbeat");
  request.max_response_bytes = kMaxApiResponseBytes;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = json{{"kiosk", settings_.kiosk_id},
                      {"app_version", settings_.app_version},
                      {"content_version", report.version},
                      {"last_sync", last_sync},
                      {"last_error", last_error},
                      {"outbox", report.feedback_waiting},
                      {"free_disk_bytes", free_disk_bytes(settings_.db)},
                      {"uptime_s", settings_.uptime_s()},
                      {"sent", utc_iso(settings_.now())}}
                     .dump(-1, ' ', false, json::error_handler_t::replace);
  auto response = transport_.send(request);
  if (!response) {
    report.warnings.push_back("heartbeat: " + response.error().message);
  } else if (response->status < 200 || response->status >= 300) {
    report.warnings.push_back("heartbeat: " + failure_of(*response, "heartbeat").message);
  }
}

}  // namespace published
