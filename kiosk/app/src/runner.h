#pragma once
// The runner: the UI thread's window, GL, fonts and event-driven loop. It sleeps until an
// SDL event, a wake-up from the event queue, or the next change on screen (the clock, a
// countdown, a deadline), renders a few frames, and hands everything else to the kiosk.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <imgui.h>

#include "kiosk.h"
#include "kiosk/app/cli.h"
#include "kiosk/app/config.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/strings.h"
#include "platform/sdl_input.h"
#include "platform/window.h"

namespace kiosk::app {

class Runner {
 public:
  Runner(const Config& config, const CliOptions& options, Window& window,
         const ui::Catalogue& catalogue, ui::FontFile& font_file,
         std::unique_ptr<ImFontAtlas> atlas, const ui::FontSet& fonts,
         std::chrono::steady_clock::time_point started);
  ~Runner();

  // Builds the fonts and GL objects. Fails with a message (font atlas too large).
  std::expected<void, std::string> start();
  // Until quit; returns the exit code.
  int run();
  // Thread-safe: the next frame is saved as a PNG under <data_dir>/snapshots.
  void request_snapshot();

 private:
  using Clock = std::chrono::steady_clock;

  std::expected<void, std::string> build_fonts(ui::BodyCoverage coverage);
  // Puts the atlas on the GPU and the fonts into the screens' host.
  void install_fonts(const ui::FontSet& fonts);
  void handle_sdl_event(const SDL_Event& event);
  // F1-F4 and F6-F11 put the demo cards on the simulated reader, F5 lifts the card,
  // F12 prints the sample claim receipt on the virtual printer.
  void handle_demo_key(SDL_Keycode key);
  void render_frame();
  // Milliseconds until something on screen changes by itself (clock, countdown, timeout).
  int wait_budget_ms() const;
  ui::WallClock wall_clock() const;

  const Config& m_config;
  const CliOptions& m_options;
  Window& m_window;
  const ui::Catalogue& m_catalogue;
  ui::FontFile& m_font_file;

  std::unique_ptr<ImFontAtlas> m_atlas;
  ui::FontSet m_fonts;
  unsigned m_font_texture = 0;
  int m_max_texture = 4096;

  SdlInput m_input;
  Uint32 m_wake_event = 0;
  EventQueue m_queue;
  Kiosk m_kiosk;

 public:
  Kiosk& kiosk() { return m_kiosk; }

 private:
  // SIGUSR1: the next frame is saved under <data_dir>/snapshots.
  Uint32 m_snapshot_event = 0;
  bool m_snapshot_requested = false;
  void save_snapshot();
  // --ui-map: the named widgets of the last frame, for scripts driving the window.
  void write_ui_map();
  std::string m_last_ui_map;

  bool m_running = true;
  int m_frames_pending = 3;  // ImGui settles layout over a few frames after a change
  int m_frames_rendered = 0;
  // Each rendered frame's thread CPU time (µs) since the screen last changed, the latest
  // kFrameSamples of them; logged as p50/p99 when the screen changes and on exit
  // (tests/bench/ui/bench_visit.sh reads it). A sort of at most 4096 numbers per screen.
  static constexpr std::size_t kFrameSamples = 4096;
  std::array<std::uint32_t, kFrameSamples> m_frame_cpu_us{};
  std::size_t m_frame_cpu_count = 0;
  std::string m_frame_screen;
  void report_frame_cpu();
  Clock::time_point m_started;
  Clock::time_point m_last_frame = Clock::now();
  int m_last_drawn_minute = -1;
  std::chrono::seconds m_last_drawn_countdown{-1};
};

}  // namespace kiosk::app
