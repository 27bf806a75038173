#include "kiosk_app.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <sodium.h>
#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <set>
#include <tuple>
#include <utility>

#include "content/text.hpp"
#include "fonts.hpp"
#include "keyboard.hpp"
#include "screens/screens.hpp"
#include "script.hpp"
#include "service_notify.hpp"
#include "sync/signing.hpp"
#include "theme.hpp"
#include "ui.hpp"

std::string with_number(const std::string& text, int n) {
  std::string out = text;
  if (const auto at = out.find("%d"); at != std::string::npos) {
    out.replace(at, 2, std::to_string(n));
  }
  return out;
}

std::chrono::steady_clock::time_point process_start() {
  static const auto start = std::chrono::steady_clock::now();
  return start;
}

double AppClock::now() const {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count() + offset_;
}

std::time_t AppClock::wall() const {
  return std::time(nullptr) + static_cast<std::time_t>(offset_);
}

App::App(AppOptions options, lifecycle::StopSignals* stop)
    : options_(std::move(options)), stop_(stop) {
  session.reset(options_.default_lang);
  session.large_text = options_.large_text;
}

App::~App() {
  if (stop_) stop_->set_hook({});
}

// On the signal watcher's thread: a sync under way gives up its transfer, and
// the main loop, asleep in SDL_WaitEventTimeout, wakes to see the request.
void App::on_stop_signal() {
  {
    std::lock_guard lock(sync_mutex_);
    if (sync_) sync_->cancel();
  }
  if (SDL_WasInit(SDL_INIT_EVENTS)) {  // before the window opens, run() looks itself
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);  // thread-safe
  }
}

std::tm App::local_time() const {
  const std::time_t t = clock_.wall();
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

std::string App::today() const {
  const std::tm tm = local_time();
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string App::local_minute() const {
  const std::tm tm = local_time();
  char buf[24];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
  return buf;
}

void App::go(kiosk::Route route) {
  leaving_screen();
  const auto from = session.nav.current().screen;
  // Search opened anew starts empty (Back to it keeps the query), and a
  // subject opened from its list starts with every answer closed.
  if (route.screen == kiosk::ScreenId::search) session.search_input.clear();
  if (route.screen == kiosk::ScreenId::search || route.screen == kiosk::ScreenId::feedback) {
    session.keyboard_digits = false;
    session.keyboard_hidden = false;
    session.keyboard_vietnamese = session.lang == content::Lang::vi;
  }
  if (route.screen == kiosk::ScreenId::faqs && from != kiosk::ScreenId::search) {
    session.expanded_faq.clear();
  }
  if (session.nav.current().screen == kiosk::ScreenId::search) {
    // Leaving search: count a search that found nothing (folded, digits
    // masked; see content/search_misses.hpp).
    if (search_missed_) record_miss();
    search_missed_ = false;
  }
  if (route.screen != kiosk::ScreenId::staff) staff_unlocked_ = false;
  session.nav.go(std::move(route));
  ui::reset_scrolls();
}

void App::back() {
  leaving_screen();
  if (session.nav.current().screen == kiosk::ScreenId::search && search_missed_) {
    record_miss();
    search_missed_ = false;
  }
  session.nav.back();
  staff_unlocked_ = false;
  ui::reset_scrolls();
}

void App::home() { go(kiosk::Route{}); }

// The on-screen keyboard follows the visitor's language (its own switch
// still changes it): English typed on a Telex keyboard becomes Vietnamese.
void App::set_lang(content::Lang lang) {
  session.lang = lang;
  session.keyboard_vietnamese = lang == content::Lang::vi;
  search_query_.clear();  // results are per language
  search_keys_.clear();
}

void App::set_large_text(bool on) {
  if (session.large_text == on) return;
  session.large_text = on;
  fonts_dirty_ = true;
}

const markdown::Document& App::markdown(const std::string& key, const std::string& text) {
  // The text is part of the key: content replaced under a running kiosk is
  // parsed again rather than shown stale.
  const std::string full_key = key + ":" + std::to_string(std::hash<std::string>{}(text));
  auto it = markdown_cache_.find(full_key);
  if (it == markdown_cache_.end()) {
    if (markdown_cache_.size() > 64) markdown_cache_.clear();
    it = markdown_cache_.emplace(full_key, markdown::parse(text)).first;
  }
  return it->second;
}

const std::vector<content::SearchHit>& App::search_results() {
  const std::string& text = session.search_input.text();
  std::string keys = session.search_input.keys();
  if (text != search_query_ || keys != search_keys_ || search_.hits.empty() != search_missed_) {
    search_query_ = text;
    search_keys_ = std::move(keys);
    auto found = content::search_for_visitor(*store_, text, search_keys_, session.lang, 30);
    search_failed_ = !found.ok();
    search_ = found ? std::move(found).value() : content::VisitorSearch{};
    // A miss only when neither the keys nor the other language found anything.
    search_missed_ = search_.hits.empty() && !content::text::split_words(text).empty();
  }
  return search_.hits;
}

content::Result<content::Ticket> App::take_ticket(const content::Service& service) {
  session.ticket_failed = false;
  if (!tickets_) {
    session.ticket_failed = true;
    return content::Error{"the ticket store is not open"};
  }
  const std::tm tm = local_time();
  char issued[32];
  std::strftime(issued, sizeof issued, "%Y-%m-%dT%H:%M:%S", &tm);
  auto ticket = tickets_->issue(service.id, service.prefix, today(), issued);
  if (ticket) {
    char shown[32];
    std::strftime(shown, sizeof shown, "%H:%M  %d/%m/%Y", &tm);
    session.ticket = kiosk::ShownTicket{ticket->number, service.name, shown};
  } else {
    last_problem_ = ticket.error().message;
    session.ticket_failed = true;
  }
  return ticket;
}

// A rating chosen but not sent when the visitor leaves the feedback screen
// (Home, Back, walking away) still counts: it is stored with the service
// chosen, without the unsent comment. The ticket and the thank-you are done.
void App::leaving_screen() {
  result_since_ = -1;
  if (session.nav.current().screen == kiosk::ScreenId::ticket) session.ticket.reset();
  if (session.nav.current().screen != kiosk::ScreenId::feedback) return;
  auto& form = session.feedback;
  if (form.rating != 0 && !form.thanked) {
    session.comment_input.clear();
    (void)send_feedback();
  }
  session.feedback = kiosk::FeedbackForm{};
  session.comment_input.clear();
  session.feedback_failed = false;
  feedback_gate_.reset();
}

// A search that found nothing counts once per visitor, however often they
// leave it and come back to it (Back from a suggestion).
void App::record_miss() {
  if (!misses_ || search_query_ == last_miss_recorded_) return;
  (void)misses_->record(search_query_, today());
  last_miss_recorded_ = search_query_;
}

double App::return_home_after(double seconds) {
  if (result_since_ < 0) result_since_ = now();
  return seconds - (now() - result_since_);
}

bool App::send_feedback() {
  if (session.feedback.rating == 0) return false;
  if (!feedback_gate_.accept(now())) return false;
  session.feedback_failed = false;
  if (!outbox_) {
    session.feedback_failed = true;
    feedback_gate_.reset();
    return false;
  }
  const std::time_t t = clock_.wall();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char created[32];
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
  auto uuid = outbox_->add(session.feedback.rating, session.feedback.service_id,
                           session.comment_input.text(), created);
  if (!uuid) {
    last_problem_ = uuid.error().message;
    session.feedback_failed = true;
    feedback_gate_.reset();
    return false;
  }
  session.feedback.thanked = true;
  return true;
}

void App::finish_feedback() { home(); }

void App::staff_gesture_tap() {
  const double t = now();
  staff_taps_.push_back(t);
  while (!staff_taps_.empty() && t - staff_taps_.front() > 3.0)
    staff_taps_.erase(staff_taps_.begin());
  if (staff_taps_.size() >= 5) {
    staff_taps_.clear();
    go(kiosk::Route{kiosk::ScreenId::staff, {}});
  }
}

bool App::try_staff_pin(const std::string& pin) {
  if (options_.staff_pin_hash.empty() || !pin_throttle_.may_try(now())) return false;
  if (crypto_pwhash_str_verify(options_.staff_pin_hash.c_str(), pin.c_str(), pin.size()) == 0) {
    pin_throttle_.succeeded();
    staff_unlocked_ = true;
    return true;
  }
  pin_throttle_.failed(now());
  return false;
}

void App::reload_content() {
  auto reopened = content::ContentStore::open(options_.db, content::OpenMode::read_only);
  if (!reopened) {
    last_problem_ = reopened.error().message;
    return;
  }
  store_ = std::move(reopened).value();
  markdown_cache_.clear();
  search_query_.clear();
  search_ = content::VisitorSearch{};
  office_name_.clear();
}

int App::pending_feedback() const { return outbox_ ? outbox_->pending_count() : -1; }

std::string App::content_summary() const {
  const auto s = store_->stats();
  return std::to_string(s.content_version) + " (" + s.imported_at + ")";
}

std::string App::start_sync() {
  if (options_.server_url.empty()) return {};
  auto trust = published::read_public_key(options_.trust_file);
  if (!trust) return "the trust anchor: " + trust.error().message;
  published::SyncSettings settings;
  settings.server_url = options_.server_url;
  settings.db = options_.db;
  settings.trust_anchor = *trust;
  settings.kiosk_id = options_.kiosk_id;
  settings.app_version = KIOSK_VERSION;
  settings.uptime_s = [] {
    return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::steady_clock::now() - process_start())
                                         .count());
  };
  settings.local_day = [] {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return std::string(buf);
  };
  published::CurlOptions curl;
  curl.pinned_public_key = options_.tls_pin_sha256;
  curl.user_agent = std::string("customs-kiosk/") + KIOSK_VERSION;
  // The worker wakes the UI loop through SDL's event queue (thread-safe).
  auto worker = std::make_unique<SyncWorker>(settings, curl, options_.sync_minutes * 60.0, [] {
    if (SDL_WasInit(SDL_INIT_EVENTS)) {
      SDL_Event e{};
      e.type = SDL_USEREVENT;
      SDL_PushEvent(&e);
    }
  });
  {
    std::lock_guard lock(sync_mutex_);
    sync_ = std::move(worker);
    if (stop_requested()) sync_->cancel();  // a signal before the hook could see it
  }
  if (options_.sync_before_start) {
    const auto report = sync_->run_now();
    if (stop_requested()) return {};  // cut short on purpose; run() stops next
    if (!report.content_ok()) return "the first sync failed: " + report.content_message;
    (void)sync_->take_content_changed();
  }
  return {};
}

void App::sync_now() {
  if (sync_) sync_->sync_now();
}

// New content is shown at once on an untouched kiosk; a visitor in the
// middle of reading keeps what they see until they leave.
void App::content_synced() {
  if (!sync_ || !sync_->take_content_changed()) return;
  if (session.untouched(options_.default_lang, options_.large_text)) {
    reload_content();
  } else {
    reload_pending_ = true;
  }
  frames_to_draw_ = std::max(frames_to_draw_, 2);
}

void App::reset_visitor() {
  if (reload_pending_) {
    reload_pending_ = false;
    reload_content();
  }
  if (session.nav.current().screen == kiosk::ScreenId::search && search_missed_) record_miss();
  leaving_screen();
  const bool large = session.large_text;
  session.reset(options_.default_lang);
  session.large_text = options_.large_text;
  if (large != session.large_text) fonts_dirty_ = true;
  // Back to the kiosk's own theme (kiosk.toml), whatever the visitor chose.
  if (theme::high_contrast() != options_.high_contrast) {
    theme::use_high_contrast(options_.high_contrast);
  }
  search_query_.clear();
  search_keys_.clear();
  last_miss_recorded_.clear();
  search_ = content::VisitorSearch{};
  search_missed_ = false;
  staff_unlocked_ = false;
  staff_taps_.clear();
  feedback_gate_.reset();
  ui::reset_scrolls();
  idle_.touch(now());
}

void App::handle_event(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  switch (event.type) {
    case SDL_USEREVENT:  // the sync worker: a cycle started or ended
      frames_to_draw_ = std::max(frames_to_draw_, 1);
      break;
    case SDL_MOUSEBUTTONDOWN:
      theme::set_last_input_was_touch(event.button.which == SDL_TOUCH_MOUSEID);
      break;
    case SDL_TEXTINPUT: {
      kiosk::TelexComposer* input = nullptr;
      const auto screen = session.nav.current().screen;
      if (screen == kiosk::ScreenId::search) input = &session.search_input;
      if (screen == kiosk::ScreenId::feedback) input = &session.comment_input;
      if (!input) break;
      input->vietnamese = session.keyboard_vietnamese;
      const std::string_view text = event.text.text;
      std::size_t i = 0;
      while (i < text.size()) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                        static_cast<utf8proc_ssize_t>(text.size() - i), &c);
        if (n <= 0) break;
        input->press(static_cast<char32_t>(c));
        i += static_cast<std::size_t>(n);
      }
      keyboard::enforce_limit(*input,
                              input == &session.search_input ? kMaxSearchBytes : kMaxCommentBytes);
      break;
    }
    case SDL_KEYDOWN:
      if (event.key.keysym.sym == SDLK_BACKSPACE) {
        if (session.nav.current().screen == kiosk::ScreenId::search)
          session.search_input.backspace();
        if (session.nav.current().screen == kiosk::ScreenId::feedback)
          session.comment_input.backspace();
      } else if (event.key.keysym.sym == SDLK_ESCAPE) {
        back();
      }
      break;
    case SDL_QUIT:
      // Only a window manager sends this (SDL's signal handlers are off:
      // SIGTERM and SIGINT arrive through stop_signals.hpp); under the kiosk
      // compositor there is none. Windowed runs (development, tests) end
      // here; full screen, a window close is no way out for a visitor.
      if (options_.width > 0) running_ = false;
      break;
    default:
      break;
  }
  const bool input = event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP ||
                     event.type == SDL_MOUSEMOTION || event.type == SDL_MOUSEWHEEL ||
                     event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION ||
                     event.type == SDL_KEYDOWN || event.type == SDL_TEXTINPUT;
  if (input) idle_.touch(now());
  frames_to_draw_ = std::max(frames_to_draw_, 3);
}

bool App::check_glyphs() {
  std::vector<std::string> texts;
  for (auto v : catalog_.all_values()) texts.emplace_back(v);
  for (const auto lang : {content::Lang::vi, content::Lang::en}) {
    for (const auto& c : store_->categories(lang)) {
      texts.push_back(c.title);
      texts.push_back(c.description);
      for (const auto& d : store_->documents_in(c.id, lang)) {
        if (auto doc = store_->document(d.id, lang)) {
          texts.push_back(doc->title + doc->number + doc->issuer + doc->summary +
                          doc->body_markdown);
        }
      }
      for (const auto& f : store_->faqs_with_answers_in(c.id, lang)) {
        texts.push_back(f.question + f.answer_markdown);
      }
    }
    for (const auto& s : store_->services(lang)) texts.push_back(s.name + s.description);
    for (const auto& a : store_->announcements_at(local_minute(), lang))
      texts.push_back(a.title + a.body_markdown);
    if (auto o = store_->office(lang)) {
      texts.push_back(o->name + o->address + o->phone + o->email + o->info_markdown);
      for (const auto& h : o->hours) texts.push_back(h);
    }
  }
  std::set<char32_t> missing;
  for (const auto& t : texts) {
    for (char32_t c : fonts::missing_glyphs(t)) missing.insert(c);
  }
  for (char32_t c : missing) {
    std::fprintf(stderr, "customs-kiosk: no glyph for U+%04X in the fonts\n",
                 static_cast<unsigned>(c));
  }
  return missing.empty();
}

// Every text colour on every background it is drawn on: 4.5:1 (WCAG AA) in
// the normal theme, 7:1 (AAA) in high contrast.
bool App::check_contrast() {
  bool ok = true;
  for (const auto& [palette, minimum, name] :
       {std::tuple{&theme::normal_palette(), 4.5, "normal"},
        std::tuple{&theme::high_contrast_palette(), 7.0, "high contrast"}}) {
    for (const auto& problem : theme::contrast_problems(*palette, minimum)) {
      std::fprintf(stderr, "customs-kiosk: %s theme: %s\n", name, problem.c_str());
      ok = false;
    }
  }
  return ok;
}

int App::run() {
  auto log_phase = [&](const char* what) {
    if (options_.report_timing) {
      std::fprintf(stderr, "timing: %s at %.1f ms\n", what,
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             process_start())
                       .count());
    }
  };
  log_phase("run");
  auto catalog = kiosk::Catalog::load(options_.assets / "i18n");
  if (!catalog) {
    std::cerr << "customs-kiosk: " << catalog.error().message << "\n";
    return 1;
  }
  catalog_ = std::move(catalog).value();
  if (stop_) stop_->set_hook([this] { on_stop_signal(); });
  // The cache exists with the current schema before anyone reads it; a new
  // kiosk starts empty and its first sync fills it.
  if (auto created = content::ContentStore::open(options_.db, content::OpenMode::read_write);
      !created) {
    std::cerr << "customs-kiosk: " << created.error().message << "\n";
    return 1;
  }
  if (auto e = start_sync(); !e.empty()) {
    std::cerr << "customs-kiosk: " << e << "\n";
    return 1;
  }
  auto stopped = [&] {
    std::cerr << "customs-kiosk: stopping on " << stop_->name() << "\n";
    return 0;
  };
  if (stop_requested()) return stopped();
  auto store = content::ContentStore::open(options_.db, content::OpenMode::read_only);
  if (!store) {
    std::cerr << "customs-kiosk: " << store.error().message << "\n";
    return 1;
  }
  store_ = std::move(store).value();
  if (auto t = content::TicketDispenser::open(options_.db))
    tickets_ = std::move(t).value();
  else
    std::cerr << "customs-kiosk: tickets unavailable: " << t.error().message << "\n";
  if (auto o = content::FeedbackOutbox::open(options_.db))
    outbox_ = std::move(o).value();
  else
    std::cerr << "customs-kiosk: feedback unavailable: " << o.error().message << "\n";
  if (auto m = content::SearchMisses::open(options_.db)) misses_ = std::move(m).value();
  if (sodium_init() < 0) {
    std::cerr << "customs-kiosk: libsodium failed to start\n";
    return 1;
  }
  if (!options_.script.empty()) {
    script_ = std::make_unique<Script>();
    if (auto e = script_->load(options_.script); !e.empty()) {
      std::cerr << "customs-kiosk: " << e << "\n";
      return 2;
    }
  }

  log_phase("stores open");
  if (stop_requested()) return stopped();
  platform::WindowOptions wo;
  wo.width = options_.width;
  wo.height = options_.height;
  wo.hide_cursor = options_.width == 0;
  if (auto e = window_.open(wo); !e.empty()) {
    std::cerr << "customs-kiosk: " << e << "\n";
    return 1;
  }
  // No screen saver; no pointer on a touch screen or under the service manager.
  service::ServiceNotifier notifier;
  SDL_DisableScreenSaver();
  if (SDL_GetNumTouchDevices() > 0 || notifier.under_systemd()) SDL_ShowCursor(SDL_DISABLE);
  log_phase("window open");
  if (sync_) sync_->start();
  theme::apply_style();
  if (options_.high_contrast) theme::use_high_contrast(true);
  if (auto e = fonts::load(session.large_text ? 1.3f : 1.0f); !e.empty()) {
    std::cerr << "customs-kiosk: " << e << "\n";
    return 1;
  }
  log_phase("fonts loaded");
  const bool checking = script_ != nullptr;
  bool glyphs_ok = true;
  if (checking) glyphs_ok = check_glyphs() & check_contrast();  // both report
  ui::check_labels(checking);
  idle_ = kiosk::IdleTimer(options_.idle_timeout_s, options_.idle_countdown_s, now());

  int frames = 0;
  int exit_code = 0;
  while (running_) {
    notifier.tick();  // a loop that hangs stops pinging, and systemd restarts the kiosk
    // Sleep until something happens: input, a timer, or the next minute.
    const bool busy = frames_to_draw_ > 0 || ui::scrolls_animating() || script_;
    const std::tm tm = local_time();
    double timeout = std::min(idle_.next_change(now()), 60.0 - tm.tm_sec + 0.05);
    if (result_since_ >= 0) {  // a result screen's countdown ticks each second
      const double shown = now() - result_since_;
      timeout = std::min(timeout, std::ceil(shown + 1e-3) - shown + 0.01);
    }
    timeout = std::min(timeout, notifier.max_wait_s());
    SDL_Event event;
    if (busy ? SDL_PollEvent(&event)
             : SDL_WaitEventTimeout(&event, static_cast<int>(std::max(1.0, timeout * 1000)))) {
      handle_event(event);
      while (SDL_PollEvent(&event)) handle_event(event);
    }
    if (stop_requested()) break;  // before drawing or writing anything more
    content_synced();
    // An empty kiosk on Home has nobody to ask.
    if (session.untouched(options_.default_lang, options_.large_text) &&
        theme::high_contrast() == options_.high_contrast) {
      idle_.touch(now());
    }
    const auto phase = idle_.phase(now());
    if (phase == kiosk::IdleTimer::Phase::expired) {
      reset_visitor();
      frames_to_draw_ = std::max(frames_to_draw_, 2);
    } else if (phase == kiosk::IdleTimer::Phase::asking) {
      frames_to_draw_ = std::max(frames_to_draw_, 1);  // the countdown ticks
    }
    if (result_since_ >= 0) {
      const int second = static_cast<int>(now() - result_since_);
      if (second != result_second_) {
        result_second_ = second;
        frames_to_draw_ = std::max(frames_to_draw_, 1);
      }
    }
    if (local_time().tm_min != last_minute_) {
      last_minute_ = local_time().tm_min;
      frames_to_draw_ = std::max(frames_to_draw_, 1);  // the clock in the header
    }
    if (script_ && !script_->step(*this)) {
      if (script_->failed()) {
        std::cerr << "customs-kiosk: script " << options_.script << ": " << script_->error()
                  << "\n";
        exit_code = 1;
      }
      running_ = false;
    }
    if (fonts_dirty_) {
      fonts::load(session.large_text ? 1.3f : 1.0f);
      window_.reload_fonts();
      ImGui::GetIO().Fonts->ClearTexData();
      fonts_dirty_ = false;
    }
    if (frames_to_draw_ > 0 || ui::scrolls_animating() || script_) {
      const auto frame_start = std::chrono::steady_clock::now();
      window_.begin_frame();
      if (frames == 0) log_phase("first frame begun");
      draw_frame();
      if (frames == 0) log_phase("first frame drawn");
      const std::string shot =
          script_ ? script_->take_screenshot_request()
                  : (!options_.screenshot.empty() && frames == 4 ? options_.screenshot : "");
      int probe_x = 0, probe_y = 0;
      if (script_ && script_->take_probe_request(probe_x, probe_y)) {
        script_->probe_result(window_.end_frame_reading_pixel(probe_x, probe_y));
      } else if (!shot.empty()) {
        int colours = 0;
        const std::string e = window_.end_frame_with_screenshot(shot, &colours);
        if (script_) {
          script_->screenshot_result(e, colours);
        } else {
          if (!e.empty() || colours < 8) {
            std::cerr << "customs-kiosk: " << (e.empty() ? "blank frame" : e) << "\n";
            exit_code = 1;
          }
          running_ = false;
        }
      } else {
        window_.end_frame();
      }
      if (frames_to_draw_ > 0) --frames_to_draw_;
      if (!options_.screenshot.empty()) frames_to_draw_ = std::max(frames_to_draw_, 1);
      if (options_.report_timing) {
        const auto end = std::chrono::steady_clock::now();
        frame_ms_.push_back(std::chrono::duration<double, std::milli>(end - frame_start).count());
        if (frames == 0) {
          std::fprintf(stderr, "timing: first frame %.1f ms after start\n",
                       std::chrono::duration<double, std::milli>(end - process_start()).count());
        }
      }
      if (frames == 0) {
        // The font texture is on the GPU now: the CPU copy of the atlas is
        // 20 MB the kiosk does not need until a rebuild.
        ImGui::GetIO().Fonts->ClearTexData();
        notifier.ready("kiosk " + (options_.kiosk_id.empty() ? "(no id)" : options_.kiosk_id) +
                       " ready, content " + content_summary());
      }
      ++frames;
    }
  }
  if (stop_requested()) return stopped();  // the sync worker is joined by ~App
  for (char32_t c : ui::missing_label_glyphs()) {
    std::fprintf(stderr, "customs-kiosk: a label holds U+%04X, which the fonts cannot draw\n",
                 static_cast<unsigned>(c));
    glyphs_ok = false;
  }
  for (const auto& text : ui::low_contrast_text()) {
    std::fprintf(stderr, "customs-kiosk: text below the contrast bar: %s\n", text.c_str());
    glyphs_ok = false;
  }
  for (const auto& label : ui::clipped_labels()) {
    std::fprintf(stderr, "customs-kiosk: a label does not fit its box: %s\n", label.c_str());
    glyphs_ok = false;
  }
  if (exit_code == 0 && !glyphs_ok) exit_code = 1;
  if (options_.report_timing && !frame_ms_.empty()) {
    std::vector<double> sorted = frame_ms_;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double p) {
      return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * sorted.size()))];
    };
    std::fprintf(stderr, "timing: %zu frames, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                 sorted.size(), pct(0.5), pct(0.99), sorted.back());
  }
  return exit_code;
}

void App::draw_frame() {
  ImGuiIO& io = ImGui::GetIO();
  ui::registry().begin_frame();
  ui::set_context(kiosk::to_string(session.nav.current().screen));
  ui::set_time(now());
  if (io.MouseClicked[0]) ui::set_press_claimed(false);

  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme::current().background);
  platform::Window::set_clear_colour(bg.x, bg.y, bg.z);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  draw_header();
  const auto& sz = theme::sizes();
  ImGui::SetCursorPos(ImVec2(sz.padding, header_h_ + sz.padding));
  ImGui::BeginChild(
      "screen",
      ImVec2(io.DisplaySize.x - 2 * sz.padding, io.DisplaySize.y - header_h_ - 2 * sz.padding),
      false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  switch (session.nav.current().screen) {
    case kiosk::ScreenId::home:
      screens::home(*this);
      break;
    case kiosk::ScreenId::categories:
      screens::categories(*this);
      break;
    case kiosk::ScreenId::documents:
      screens::documents(*this);
      break;
    case kiosk::ScreenId::document:
      screens::document(*this);
      break;
    case kiosk::ScreenId::faqs:
      screens::faqs(*this);
      break;
    case kiosk::ScreenId::search:
      screens::search(*this);
      break;
    case kiosk::ScreenId::ticket:
      screens::ticket(*this);
      break;
    case kiosk::ScreenId::feedback:
      screens::feedback(*this);
      break;
    case kiosk::ScreenId::office:
      screens::office(*this);
      break;
    case kiosk::ScreenId::staff:
      screens::staff(*this);
      break;
  }
  ImGui::EndChild();
  if (idle_.phase(now()) == kiosk::IdleTimer::Phase::asking) draw_idle_prompt();
  ImGui::End();
  ui::registry().end_frame();
  if (std::exchange(toggle_contrast_, false)) {
    theme::use_high_contrast(!theme::high_contrast());
    frames_to_draw_ = std::max(frames_to_draw_, 2);
  }
}
