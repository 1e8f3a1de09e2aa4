#include "runner.h"

#include <malloc.h>

#include <algorithm>
#include <ctime>
#include <span>

#include <backends/imgui_impl_opengl3.h>
#include <spdlog/spdlog.h>

#include "kiosk/app/app.h"
#include "kiosk/ui/theme.h"
#include "kiosk_fonts.h"
#include "platform/gl_texture.h"
#include "platform/screenshot.h"

#include <SDL_opengl.h>

namespace kiosk::app {

Runner::Runner(const Config& config, const CliOptions& options, Window& window,
               const ui::Catalogue& catalogue, ui::FontFile& font_file,
               std::unique_ptr<ImFontAtlas> atlas, const ui::FontSet& fonts,
               std::chrono::steady_clock::time_point started)
    : m_config(config),
      m_options(options),
      m_window(window),
      m_catalogue(catalogue),
      m_font_file(font_file),
      m_atlas(std::move(atlas)),
      m_fonts(fonts),
      m_wake_event(SDL_RegisterEvents(2)),
      m_queue([event_type = m_wake_event] {
        SDL_Event wake{};
        wake.type = event_type;
        SDL_PushEvent(&wake);
      }),
      m_kiosk(config, catalogue, m_queue),
      m_started(started) {
  m_snapshot_event = m_wake_event + 1;
}

Runner::~Runner() {
  if (ImGui::GetCurrentContext() == nullptr) return;
  ImGui_ImplOpenGL3_Shutdown();
  delete_texture(m_font_texture);
  ImGui::DestroyContext();
}

std::expected<void, std::string> Runner::start() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext(m_atlas.get());
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini on the terminal
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange | ImGuiConfigFlags_IsTouchScreen;
  io.ConfigInputTextCursorBlink = false;
  io.MouseDragThreshold = 18.0f;  // fingers wobble more than mice
  ui::apply_theme(ImGui::GetStyle());

  m_max_texture = std::min(max_texture_size(), 4096);  // a Raspberry Pi 4 allows 4096
  spdlog::info("GL {} on {}; max texture {} px, using {}",
               reinterpret_cast<const char*>(glGetString(GL_VERSION)),
               reinterpret_cast<const char*>(glGetString(GL_RENDERER)), max_texture_size(),
               m_max_texture);
  if (!ImGui_ImplOpenGL3_Init("#version 330 core") || !ImGui_ImplOpenGL3_CreateDeviceObjects()) {
    return std::unexpected(std::string("the OpenGL 3.3 renderer could not start"));
  }
  // The backend made an RGBA font texture; ours replaces it (one byte per pixel).
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  if (m_atlas->TexHeight > m_max_texture || m_atlas->TexWidth > m_max_texture) {
    return std::unexpected(
        fmt::format("the font atlas ({}x{}) exceeds this GPU's texture limit of {} px",
                    m_atlas->TexWidth, m_atlas->TexHeight, m_max_texture));
  }
  install_fonts(m_fonts);
  return {};
}

std::expected<void, std::string> Runner::build_fonts(ui::BodyCoverage coverage) {
  auto fonts =
      build_kiosk_fonts(*m_atlas, m_font_file, m_catalogue, m_config, coverage, m_max_texture);
  if (!fonts) return std::unexpected(fonts.error());
  install_fonts(*fonts);
  return {};
}

void Runner::install_fonts(const ui::FontSet& fonts) {
  delete_texture(m_font_texture);
  m_font_texture = upload_font_atlas(*m_atlas);
  malloc_trim(0);  // the atlas's pixels were freed after the upload: return them
  m_fonts = fonts;
  ImGui::GetIO().FontDefault = m_fonts.body;
  m_kiosk.host().set_fonts(m_fonts);
}

int Runner::run() {
  const bool screenshot = m_options.screenshot_path.has_value();
  while (m_running) {
    SDL_Event event;
    // A finger held still sends no events; a long press (the staff corner) still needs frames.
    const bool held = ImGui::GetIO().MouseDown[0];
    int timeout = (screenshot || m_frames_pending > 0) ? 0
                  : held                               ? std::min(wait_budget_ms(), 100)
                                                       : wait_budget_ms();
    if (SDL_WaitEventTimeout(&event, timeout) != 0) {
      handle_sdl_event(event);
      while (SDL_PollEvent(&event) != 0) handle_sdl_event(event);
    }
    const auto& session = m_kiosk.session();
    if (auto deadline = session.next_deadline(); deadline && Clock::now() >= *deadline) {
      m_kiosk.handle(core::TimeInput{core::time::Tick{}});
      m_frames_pending = 3;
    }
    // The clock and the countdown change by themselves.
    auto wall = wall_clock();
    auto countdown = session.idle_remaining(Clock::now());
    if (wall.minute != m_last_drawn_minute ||
        (!session.screen_if<core::screen::Attract>() && countdown != m_last_drawn_countdown)) {
      m_frames_pending = std::max(m_frames_pending, 1);
    }
    if (held) m_frames_pending = std::max(m_frames_pending, 1);
    if (!screenshot && m_frames_pending == 0) continue;

    render_frame();
    if (screenshot && m_frames_rendered >= m_options.frames) {
      auto saved = save_screenshot(*m_options.screenshot_path, m_window.width(), m_window.height());
      if (!saved) {
        spdlog::error("screenshot: {}", saved.error());
        return kExitFailure;
      }
      spdlog::info("screenshot saved to {}", m_options.screenshot_path->string());
      return kExitOk;
    }
    if (m_snapshot_requested) save_snapshot();
    if (m_options.ui_map_path) write_ui_map();
    m_window.swap();
    if (m_frames_rendered == 1) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_started);
      auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch());
      // The wall-clock stamp lets tests/bench/startup measure from exec, outside the process.
      spdlog::info("first frame presented {} ms after start (unix ms {})", ms.count(),
                   unix_ms.count());
      // Names and addresses need the whole CJK range; the attract screen does not. Build
      // it now, once, while nobody is waiting for it.
      if (auto built = build_fonts(ui::BodyCoverage::full_cjk); !built) {
        spdlog::error("{}; names outside the app's own strings will show as '?'", built.error());
      }
      m_frames_pending = std::max(m_frames_pending, 1);
    }
  }
  report_frame_cpu();
  spdlog::info("stopping: {} frames rendered", m_frames_rendered);
  return kExitOk;
}

void Runner::handle_sdl_event(const SDL_Event& event) {
  if (event.type == SDL_QUIT) {
    spdlog::info("quit requested (signal or window closed)");
    m_running = false;
    return;
  }
  if (event.type == m_wake_event) {
    m_kiosk.handle_queued();
    m_frames_pending = 3;
    return;
  }
  if (event.type == m_snapshot_event) {
    m_snapshot_requested = true;
    m_frames_pending = std::max(m_frames_pending, 1);
    return;
  }
  if (event.type == SDL_WINDOWEVENT) {
    m_frames_pending = 3;  // exposed, resized, shown: redraw
    return;
  }
  if (event.type == SDL_KEYDOWN && event.key.repeat == 0) handle_demo_key(event.key.keysym.sym);
  if (m_input.handle(event, m_window.width(), m_window.height())) {
    m_kiosk.handle(core::PersonInput{core::person::Touch{}});
  }
  switch (event.type) {
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_KEYDOWN: m_frames_pending = 3; break;
    default: break;
  }
}

void Runner::handle_demo_key(SDL_Keycode key) {
  if (!m_kiosk.demo()) return;
  if (key == SDLK_F5) {
    m_kiosk.demo_lift_card();
  } else if (key >= SDLK_F1 && key <= SDLK_F4) {
    m_kiosk.demo_put_card(static_cast<std::size_t>(key - SDLK_F1));
  } else if (key >= SDLK_F6 && key <= SDLK_F11) {
    m_kiosk.demo_put_card(static_cast<std::size_t>(key - SDLK_F6 + 4));
  } else if (key == SDLK_F12) {
    // Until the claim flow prints real receipts, the demo prints the sample claim's.
    m_kiosk.demo_print_sample();
  }
}

void Runner::render_frame() {
  if (m_kiosk.session().screen_name() != m_frame_screen) {
    report_frame_cpu();
    m_frame_screen = m_kiosk.session().screen_name();
  }
  timespec cpu_before{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_before);
  ImGuiIO& io = ImGui::GetIO();
  auto now = Clock::now();
  io.DisplaySize =
      ImVec2(static_cast<float>(m_window.width()), static_cast<float>(m_window.height()));
  io.DeltaTime = std::max(std::chrono::duration<float>(now - m_last_frame).count(), 1e-4f);
  m_last_frame = now;
  m_input.apply(io);

  auto wall = wall_clock();
  auto countdown = m_kiosk.session().idle_remaining(now);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  // The person's taps are handled inside; a screen they changed settles over a few frames.
  const bool tapped = m_kiosk.draw_frame(wall);
  ImGui::Render();

  glViewport(0, 0, m_window.width(), m_window.height());
  ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::kBackground);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  timespec cpu_after{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_after);
  auto cpu_us = (cpu_after.tv_sec - cpu_before.tv_sec) * 1'000'000 +
                (cpu_after.tv_nsec - cpu_before.tv_nsec) / 1'000;
  m_frame_cpu_us[m_frame_cpu_count % kFrameSamples] = static_cast<std::uint32_t>(cpu_us);
  ++m_frame_cpu_count;

  m_last_drawn_minute = wall.minute;
  m_last_drawn_countdown = countdown;
  ++m_frames_rendered;
  if (m_frames_pending > 0) --m_frames_pending;
  if (tapped) m_frames_pending = 3;
}

void Runner::report_frame_cpu() {
  if (m_frame_cpu_count == 0) return;
  const std::size_t kept = std::min(m_frame_cpu_count, kFrameSamples);
  auto samples = std::span(m_frame_cpu_us).first(kept);
  auto at = [&](std::size_t permille) {
    auto nth = samples.begin() + static_cast<std::ptrdiff_t>((kept - 1) * permille / 1000);
    std::nth_element(samples.begin(), nth, samples.end());
    return *nth;
  };
  const auto p50 = at(500);
  const auto p99 = at(990);
  spdlog::info("frames on {}: {} rendered, cpu p50 {} us p99 {} us (last {})", m_frame_screen,
               m_frame_cpu_count, p50, p99, kept);
  m_frame_cpu_count = 0;
}

void Runner::save_snapshot() {
  m_snapshot_requested = false;
  auto wall = wall_clock();
  auto path = m_config.data_dir / "snapshots" /
              fmt::format("snapshot-{:04}{:02}{:02}-{:02}{:02}-{}.png", wall.year, wall.month,
                          wall.day, wall.hour, wall.minute, m_frames_rendered);
  if (auto saved = save_screenshot(path, m_window.width(), m_window.height()); !saved) {
    spdlog::error("snapshot: {}", saved.error());
  } else {
    spdlog::info("snapshot saved to {}", path.string());
  }
}

void Runner::write_ui_map() {
  const auto& rects = m_kiosk.host().item_rects();
  std::string text;
  for (const auto& [id, r] : rects) {
    text += fmt::format("{} {:.0f} {:.0f} {:.0f} {:.0f}\n", id, r.x, r.y, r.z, r.w);
  }
  if (text == m_last_ui_map) return;
  // Written aside and renamed: a script never reads half a map.
  const auto& path = *m_options.ui_map_path;
  auto partial = path;
  partial += ".part";
  if (std::FILE* file = std::fopen(partial.c_str(), "w")) {
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (!ec) m_last_ui_map = std::move(text);
  }
}

void Runner::request_snapshot() {
  SDL_Event event{};
  event.type = m_snapshot_event;
  SDL_PushEvent(&event);
}

int Runner::wait_budget_ms() const {
  using namespace std::chrono;
  auto now = system_clock::now();
  // Until the next minute (the clock), or the next second while a countdown shows.
  const auto& session = m_kiosk.session();
  auto unit =
      session.screen_if<core::screen::Attract>() ? milliseconds(60'000) : milliseconds(1'000);
  auto since_epoch = duration_cast<milliseconds>(now.time_since_epoch());
  auto budget = unit - since_epoch % unit + milliseconds(5);
  if (auto deadline = session.next_deadline()) {
    auto until = duration_cast<milliseconds>(*deadline - Clock::now()) + milliseconds(1);
    budget = std::min(budget, std::max(until, milliseconds(0)));
  }
  return static_cast<int>(budget.count());
}

ui::WallClock Runner::wall_clock() const {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return ui::WallClock{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                       local.tm_wday,        local.tm_hour,    local.tm_min};
}

}  // namespace kiosk::app
