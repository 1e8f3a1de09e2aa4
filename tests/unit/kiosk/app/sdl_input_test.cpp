// The input layer between SDL events and ImGui's io, frame by frame: what ImGui sees when
// events pile up between two frames on a busy kiosk.
#include <catch2/catch.hpp>

#include "platform/sdl_input.h"

using kiosk::app::SdlInput;

namespace {
constexpr int kW = 1080, kH = 1920;

SDL_Event mouse(Uint32 type, int x, int y) {
  SDL_Event event{};
  event.type = type;
  event.button.which = 0;
  event.button.button = SDL_BUTTON_LEFT;
  event.button.x = x;
  event.button.y = y;
  return event;
}

SDL_Event finger(Uint32 type, float x, float y) {
  SDL_Event event{};
  event.type = type;
  event.tfinger.x = x;
  event.tfinger.y = y;
  return event;
}

// One frame: what ImGui would be told the button is.
struct Frames {
  Frames() {
    ImGui::CreateContext();
    ImGui::GetIO().DisplaySize = ImVec2(kW, kH);
  }
  ~Frames() { ImGui::DestroyContext(); }
  bool next(SdlInput& input) {
    input.apply(ImGui::GetIO());
    return ImGui::GetIO().MouseDown[0];
  }
};
}  // namespace

TEST_CASE("a press and a release between two frames still reach ImGui as a click", "[app][input]") {
  Frames frames;
  SdlInput input;
  input.handle(mouse(SDL_MOUSEBUTTONDOWN, 100, 100), kW, kH);
  input.handle(mouse(SDL_MOUSEBUTTONUP, 100, 100), kW, kH);
  CHECK(frames.next(input));
  CHECK_FALSE(frames.next(input));
}

TEST_CASE("a lift and the next press between two frames show the lift first", "[app][input]") {
  Frames frames;
  for (bool touch : {false, true}) {
    INFO((touch ? "finger" : "mouse"));
    SdlInput input;
    auto down = [&](float x) {
      input.handle(touch ? finger(SDL_FINGERDOWN, x / kW, 0.5f)
                         : mouse(SDL_MOUSEBUTTONDOWN, static_cast<int>(x), kH / 2),
                   kW, kH);
    };
    auto up = [&](float x) {
      input.handle(touch ? finger(SDL_FINGERUP, x / kW, 0.5f)
                         : mouse(SDL_MOUSEBUTTONUP, static_cast<int>(x), kH / 2),
                   kW, kH);
    };
    down(100);
    CHECK(frames.next(input));  // held
    // A slow frame: the finger lifts and lands again before the next one.
    up(600);
    down(120);
    CHECK_FALSE(frames.next(input));  // ImGui must see the lift: the first gesture ended
    CHECK(frames.next(input));        // then the new press
    CHECK(ImGui::GetIO().MousePos.x == Approx(120.0f));
    up(130);
    const bool last_frame_of_click = frames.next(input);
    CHECK_FALSE((last_frame_of_click && frames.next(input)));
    frames.next(input);
  }
}
