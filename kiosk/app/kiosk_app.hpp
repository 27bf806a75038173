// The touch app: owns the stores, the visitor's session, the clock, and the
// render-on-demand loop. Screens draw from it and act through it.
#pragma once

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "content/feedback_outbox.hpp"
#include "content/search_misses.hpp"
#include "content/store.hpp"
#include "content/tickets.hpp"
#include "content/visitor_search.hpp"
#include "kiosk/catalog.hpp"
#include "kiosk/gates.hpp"
#include "kiosk/idle_timer.hpp"
#include "kiosk/session.hpp"
#include "markdown_view.hpp"
#include "stop_signals.hpp"
#include "sync_worker.hpp"
#include "window.hpp"

class Script;

// What a visitor may type: the outbox takes comments up to 1000 bytes.
inline constexpr std::size_t kMaxCommentBytes = 900;
inline constexpr std::size_t kMaxSearchBytes = 200;

// `text` with its "%d" replaced by `n` (catalogue strings are never formats).
std::string with_number(const std::string& text, int n);

// When the process started (first call: main() calls it at once).
std::chrono::steady_clock::time_point process_start();

struct AppOptions {
  std::filesystem::path db;
  std::filesystem::path assets;
  content::Lang default_lang = content::Lang::vi;
  double idle_timeout_s = 60;
  double idle_countdown_s = 15;
  int width = 0;  // 0: full screen
  int height = 0;
  std::string screenshot;      // write the first screen here and exit
  std::string script;          // drive the UI by named steps
  std::string staff_pin_hash;  // libsodium crypto_pwhash_str; empty: no staff panel
  bool report_timing = false;  // print start-up and frame-time figures at exit (bench/)
  // From kiosk.toml (--config); see kiosk/config.hpp for what each means.
  std::vector<content::Lang> languages = {content::Lang::vi, content::Lang::en};
  bool high_contrast = false;             // the theme a visitor starts with
  bool large_text = false;                // the text size a visitor starts with
  std::string orientation = "landscape";  // landscape, portrait or auto
  std::string kiosk_id;                   // empty: not configured (--demo, --db)
  std::string office_name;
  std::string server_url;            // empty: offline, no sync
  std::filesystem::path trust_file;  // the department's public key
  std::string tls_pin_sha256;        // curl's CURLOPT_PINNEDPUBLICKEY, or empty
  int sync_minutes = 5;
  std::filesystem::path data_dir;  // where content.db lives
  bool sync_before_start = false;  // one cycle before the window opens (the demo)
};

// The clock seam: monotonic seconds for timers and the wall clock for what
// visitors read; a script advances both.
class AppClock {
 public:
  double now() const;
  std::time_t wall() const;
  void advance(double seconds) { offset_ += seconds; }

 private:
  double offset_ = 0;
};

class App {
 public:
  // `stop`, when given, ends run() cleanly (exit status 0) on SIGTERM or
  // SIGINT, whatever the app is doing; it must outlive the App.
  explicit App(AppOptions options, lifecycle::StopSignals* stop = nullptr);
  ~App();
  int run();

  // ---- for screens -------------------------------------------------------
  kiosk::VisitorSession session;
  const std::string& t(std::string_view key) const { return catalog_.get(session.lang, key); }
  content::Lang lang() const { return session.lang; }
  const content::ContentStore& store() const { return *store_; }
  double now() const { return clock_.now(); }
  std::tm local_time() const;
  std::string today() const;         // YYYY-MM-DD
  std::string local_minute() const;  // YYYY-MM-DDTHH:MM
  void go(kiosk::Route route);
  void back();
  void home();
  void set_lang(content::Lang lang);
  void set_large_text(bool on);

  // Markdown of the document or answer `key`, parsed once.
  const markdown::Document& markdown(const std::string& key, const std::string& text);

  // Search as the visitor types; cached for the current text. When the text
  // finds nothing, the hits are what the keys as typed or the other language
  // found (search_source() says which; content/visitor_search.hpp).
  const std::vector<content::SearchHit>& search_results();
  bool search_error() const { return search_failed_; }
  content::SearchSource search_source() const { return search_.source; }

  // Persisted before they return (synchronous=FULL).
  content::Result<content::Ticket> take_ticket(const content::Service& service);
  // False when refused by the debounce (a second tap) or the outbox failed.
  bool send_feedback();
  // The thank-you was read: Home, with a fresh form for the next visitor.
  void finish_feedback();
  // A result screen (the ticket, the thank-you) returns Home on its own: the
  // seconds left of `seconds` since it was first drawn. Screens call it each
  // frame and go Home at 0.
  double return_home_after(double seconds);

  // Staff panel.
  bool staff_unlocked() const { return staff_unlocked_; }
  void staff_gesture_tap();  // five taps on the office name within 3 s
  bool try_staff_pin(const std::string& pin);
  double staff_wait_s() const { return pin_throttle_.wait_s(now()); }
  bool staff_configured() const { return !options_.staff_pin_hash.empty(); }
  void reload_content();
  void quit() { running_ = false; }
  int pending_feedback() const;
  std::string content_summary() const;
  const std::string& last_problem() const { return last_problem_; }
  // Null when no server is configured.
  const SyncWorker* sync() const { return sync_.get(); }
  void sync_now();
  const AppOptions& options() const { return options_; }

 private:
  friend class Script;
  void draw_frame();
  void draw_header();
  void draw_idle_prompt();
  const std::string& office_name();
  void leaving_screen();
  void record_miss();
  void reset_visitor();
  std::string start_sync();
  void content_synced();
  void handle_event(const SDL_Event& event);
  bool check_glyphs();
  bool check_contrast();
  bool stop_requested() const { return stop_ && stop_->requested(); }
  void on_stop_signal();  // the watcher thread's hook

  AppOptions options_;
  AppClock clock_;
  kiosk::Catalog catalog_;
  std::optional<content::ContentStore> store_;
  std::optional<content::TicketDispenser> tickets_;
  std::optional<content::FeedbackOutbox> outbox_;
  std::optional<content::SearchMisses> misses_;
  platform::Window window_;
  lifecycle::StopSignals* stop_ = nullptr;
  std::mutex sync_mutex_;  // sync_ as the stop hook reads it
  std::unique_ptr<SyncWorker> sync_;
  bool reload_pending_ = false;  // new content waits for the visitor to leave
  kiosk::IdleTimer idle_{60, 15, 0};
  kiosk::Debounce feedback_gate_{4.0};
  kiosk::PinThrottle pin_throttle_;
  std::map<std::string, markdown::Document> markdown_cache_;
  std::string search_query_;
  std::string search_keys_;
  std::string last_miss_recorded_;  // this visitor's, counted once
  content::VisitorSearch search_;
  bool search_failed_ = false;
  bool search_missed_ = false;  // the current query found nothing
  std::vector<double> staff_taps_;
  bool staff_unlocked_ = false;
  bool running_ = true;
  int frames_to_draw_ = 3;
  float header_h_ = 120;          // as laid out this frame (draw_header)
  bool toggle_contrast_ = false;  // the header's Contrast, applied after the frame
  std::string office_name_;       // cached; reload_content() clears it
  content::Lang office_name_lang_ = content::Lang::vi;
  double result_since_ = -1;  // when the ticket or thank-you was first drawn
  int result_second_ = -1;    // its countdown's last drawn second
  bool fonts_dirty_ = false;
  std::string last_problem_;
  std::unique_ptr<Script> script_;
  int last_minute_ = -1;
  std::vector<double> frame_ms_;
};
