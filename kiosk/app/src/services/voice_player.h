#pragma once
// Plays the voice prompts (voice_files.h) through SDL audio; called from the UI thread, the
// samples go out on SDL's audio thread. A new prompt cuts off the one playing, the configured
// volume scales the samples, mute plays nothing. A missing or broken WAV is logged once per file
// and plays nothing; without an audio device (a terminal without a sound card) it logs once and
// every prompt is silent. It does not choose prompts (the session does, and speaks none in staff
// mode), mix, or queue.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/app/config.h"
#include "kiosk/core/language.h"
#include "services/voice_files.h"

namespace kiosk::app {

class VoicePlayer {
 public:
  // Opens the default audio device (SDL's audio subsystem, started here) unless muted or at
  // volume 0. DIR holds <language>/<key>.wav.
  VoicePlayer(const VoiceConfig& config, std::filesystem::path dir);
  ~VoicePlayer();
  VoicePlayer(const VoicePlayer&) = delete;
  VoicePlayer& operator=(const VoicePlayer&) = delete;

  // Starts prompt KEY ("voice.menu") in LANGUAGE, stopping the one playing. Never throws.
  void play(std::string_view key, core::Language language);
  // Stops the prompt playing, if any.
  void stop();
  // True while a prompt's samples are still being handed to the device.
  bool playing() const;
  // False when muted or when no device could be opened.
  bool has_output() const { return m_device != 0; }

 private:
  static void fill(void* self, std::uint8_t* stream, int bytes);
  // Swaps in NEXT (or nothing) under the device's lock; the old prompt is freed here, not on
  // the audio thread.
  void start(std::shared_ptr<const Samples> next);

  int m_volume;
  std::filesystem::path m_dir;
  std::uint32_t m_device = 0;  // SDL_AudioDeviceID; kept out of this header for the tests
  bool m_audio_started = false;
  std::set<std::string> m_reported;  // files already logged as missing or broken
  // Read and written by the audio thread's callback under the device's lock.
  std::shared_ptr<const Samples> m_current;
  std::size_t m_position = 0;
};

}  // namespace kiosk::app
