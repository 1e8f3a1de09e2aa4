// The voice player through SDL's disk audio driver: what it plays lands in a raw 16-bit file
// (SDL_DISKAUDIOFILE) at the pace of a real device, so the tests read back exactly the
// samples a loudspeaker would get. Every wait is for a condition on that file.
#include <catch2/catch.hpp>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "scoped_env.h"
#include "services/voice_player.h"
#include "temp_dir.h"
#include "voice_test_wav.h"
#include "wait_until.h"

using kiosk::app::load_prompt;
using kiosk::app::prompt_path;
using kiosk::app::voice_dir;
using kiosk::app::VoiceConfig;
using kiosk::app::VoicePlayer;
using kiosk::core::Language;
using kiosk::testing::read_raw_samples;
using kiosk::testing::ScopedEnv;
using kiosk::testing::square_wave;
using kiosk::testing::TempDir;
using kiosk::testing::wait_until;
using kiosk::testing::write_wav;
namespace fs = std::filesystem;

namespace {

// SDL's disk driver writing to a file of a fresh folder; prompts go under prompts/.
struct DiskAudio {
  TempDir dir{"kiosk-voice-player"};
  fs::path output = dir.path() / "speaker.raw";
  ScopedEnv driver{"SDL_AUDIODRIVER", "disk"};
  ScopedEnv file{"SDL_DISKAUDIOFILE", output.string()};
  ScopedEnv delay{"SDL_DISKAUDIODELAY", std::nullopt};  // real time: one buffer per 46 ms

  fs::path prompts() const { return dir.path() / "prompts"; }
  void add_prompt(const std::string& name, const std::vector<std::int16_t>& samples) const {
    write_wav(prompts() / "zh-CN" / (name + ".wav"), samples);
  }
  std::vector<std::int16_t> heard() const { return read_raw_samples(output); }
};

std::size_t count_of(const std::vector<std::int16_t>& samples, int magnitude) {
  return static_cast<std::size_t>(std::count_if(
      samples.begin(), samples.end(), [&](auto s) { return s == magnitude || s == -magnitude; }));
}

// Index of the first sample of magnitude MAGNITUDE, or size() when none.
std::size_t first_of(const std::vector<std::int16_t>& samples, int magnitude) {
  return static_cast<std::size_t>(
      std::find_if(samples.begin(), samples.end(),
                   [&](auto s) { return s == magnitude || s == -magnitude; }) -
      samples.begin());
}

// The default logger goes to a ring buffer for the scope, so tests can count lines.
class CapturedLog {
 public:
  CapturedLog()
      : m_sink(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)),
        m_old(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("voice-test", m_sink));
  }
  ~CapturedLog() { spdlog::set_default_logger(m_old); }
  std::size_t lines_with(const std::string& text) const {
    const auto lines = m_sink->last_formatted();
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](auto& line) {
      return line.find(text) != std::string::npos;
    }));
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_sink;
  std::shared_ptr<spdlog::logger> m_old;
};

VoiceConfig at_volume(int volume) {
  VoiceConfig config;
  config.volume = volume;
  return config;
}

}  // namespace

TEST_CASE("voice player: a prompt's samples reach the audio device unchanged at volume 100",
          "[voice]") {
  DiskAudio audio;
  const auto wav = prompt_path(voice_dir(), "voice.menu", Language::en);
  REQUIRE(wav);
  const auto expected = load_prompt(*wav);
  REQUIRE(expected);

  VoicePlayer player(at_volume(100), voice_dir());
  REQUIRE(player.has_output());
  player.play("voice.menu", Language::en);
  CHECK(player.playing());
  const auto found = [&] {
    const auto heard = audio.heard();
    return std::search(heard.begin(), heard.end(), expected->begin(), expected->end()) !=
           heard.end();
  };
  CHECK(wait_until(found, std::chrono::seconds(60)));
  CHECK(wait_until([&] { return !player.playing(); }));
}

TEST_CASE("voice player: volume 50 plays the prompt at half the amplitude", "[voice]") {
  DiskAudio audio;
  audio.add_prompt("tone", square_wave(4410, 10000));  // 0.2 s
  VoicePlayer player(at_volume(50), audio.prompts());
  REQUIRE(player.has_output());
  player.play("voice.tone", Language::zh_CN);
  CHECK(wait_until([&] { return count_of(audio.heard(), 5000) == 4410; }));
  const auto heard = audio.heard();
  CHECK(count_of(heard, 10000) == 0);
  CHECK(std::all_of(heard.begin(), heard.end(), [](auto s) { return s >= -5000 && s <= 5000; }));
}

TEST_CASE("voice player: a new prompt cuts off the one playing", "[voice]") {
  DiskAudio audio;
  audio.add_prompt("long", square_wave(66150, 8000));  // 3 s
  audio.add_prompt("short", square_wave(4410, 3000));  // 0.2 s
  VoicePlayer player(at_volume(100), audio.prompts());
  REQUIRE(player.has_output());

  player.play("voice.long", Language::zh_CN);
  REQUIRE(wait_until([&] { return count_of(audio.heard(), 8000) > 0; }));
  player.play("voice.short", Language::zh_CN);
  REQUIRE(wait_until([&] { return count_of(audio.heard(), 3000) == 4410; }));
  // A few buffers more: the long prompt must not come back after the short one.
  std::size_t end_of_short = 0;
  REQUIRE(wait_until([&] {
    const auto heard = audio.heard();
    end_of_short = first_of(heard, 3000) + 4410;
    return heard.size() > end_of_short + 4096;
  }));
  const auto heard = audio.heard();
  CHECK(count_of(heard, 8000) < 66150);
  CHECK(count_of(heard, 8000) > 0);
  const auto after_short = std::vector<std::int16_t>(heard.begin() + end_of_short, heard.end());
  CHECK(std::all_of(after_short.begin(), after_short.end(), [](auto s) { return s == 0; }));
  const auto last_long =
      heard.size() - 1 -
      static_cast<std::size_t>(std::find_if(heard.rbegin(), heard.rend(),
                                            [](auto s) { return s == 8000 || s == -8000; }) -
                               heard.rbegin());
  CHECK(last_long < first_of(heard, 3000));
  CHECK_FALSE(player.playing());
}

TEST_CASE("voice player: muted, or at volume 0, it never opens the audio device", "[voice]") {
  DiskAudio audio;
  audio.add_prompt("tone", square_wave(4410, 10000));
  VoiceConfig muted;
  muted.mute = true;
  for (const auto& config : {muted, at_volume(0)}) {
    VoicePlayer player(config, audio.prompts());
    CHECK_FALSE(player.has_output());
    CHECK_NOTHROW(player.play("voice.tone", Language::zh_CN));
    CHECK_FALSE(player.playing());
  }
  // The disk driver creates its file when a device opens: nothing was ever written.
  CHECK_FALSE(fs::exists(audio.output));
}

TEST_CASE("voice player: a missing or broken prompt plays nothing and is logged once", "[voice]") {
  DiskAudio audio;
  CapturedLog log;
  audio.add_prompt("tone", square_wave(4410, 7000));
  fs::create_directories(audio.prompts() / "en");
  { std::ofstream(audio.prompts() / "en/broken.wav") << "RIFF, but not a WAV"; }
  VoicePlayer player(at_volume(100), audio.prompts());
  REQUIRE(player.has_output());

  for (int i = 0; i < 2; ++i) {
    CHECK_NOTHROW(player.play("voice.absent", Language::zh_CN));
    CHECK_FALSE(player.playing());
    CHECK_NOTHROW(player.play("voice.broken", Language::en));
    CHECK_FALSE(player.playing());
    CHECK_NOTHROW(player.play("not a prompt key", Language::en));
    CHECK_FALSE(player.playing());
    // The tone exists only in zh-CN: in English it is missing too.
    CHECK_NOTHROW(player.play("voice.tone", Language::en));
    CHECK_FALSE(player.playing());
  }
  CHECK(log.lines_with("voice prompt voice.absent not played") == 1);
  CHECK(log.lines_with("voice prompt voice.broken not played") == 1);
  CHECK(log.lines_with("not a WAV SDL can read") == 1);
  CHECK(log.lines_with("voice prompt not a prompt key not played") == 1);
  CHECK(log.lines_with("voice prompt voice.tone not played") == 1);

  // The device still plays what exists, and nothing came before it.
  player.play("voice.tone", Language::zh_CN);
  REQUIRE(wait_until([&] { return count_of(audio.heard(), 7000) == 4410; }));
  const auto heard = audio.heard();
  const auto first = first_of(heard, 7000);
  CHECK(std::all_of(heard.begin(), heard.begin() + static_cast<std::ptrdiff_t>(first),
                    [](auto s) { return s == 0; }));
}

TEST_CASE("voice player: without an audio device it logs once and stays silent", "[voice]") {
  CapturedLog log;
  ScopedEnv driver("SDL_AUDIODRIVER", "no-such-driver");
  VoicePlayer player(at_volume(80), voice_dir());
  CHECK_FALSE(player.has_output());
  CHECK_NOTHROW(player.play("voice.menu", Language::zh_CN));
  CHECK_NOTHROW(player.play("voice.menu", Language::en));
  CHECK_FALSE(player.playing());
  CHECK(log.lines_with("voice prompts off: no audio output") == 1);
  CHECK(log.lines_with("not played") == 0);
}
