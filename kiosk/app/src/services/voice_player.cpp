#include "services/voice_player.h"

#include <SDL.h>

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

namespace kiosk::app {
namespace {

// ~46 ms at 22050 Hz: short enough that a new prompt cuts in at once, long enough that a
// busy machine does not starve the device.
constexpr Uint16 kBufferFrames = 1024;

}  // namespace

VoicePlayer::VoicePlayer(const VoiceConfig& config, std::filesystem::path dir)
    : m_volume(std::clamp(config.volume, 0, 100)), m_dir(std::move(dir)) {
  if (config.mute || m_volume == 0) {
    spdlog::info("voice prompts off ({})", config.mute ? "voice.mute" : "voice.volume 0");
    return;
  }
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    spdlog::warn("voice prompts off: no audio output ({}); the kiosk runs without sound",
                 SDL_GetError());
    return;
  }
  m_audio_started = true;
  // The prompts' own format; SDL converts to whatever the hardware takes.
  SDL_AudioSpec want{};
  want.freq = kVoiceRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = kBufferFrames;
  want.callback = &VoicePlayer::fill;
  want.userdata = this;
  SDL_AudioSpec have{};
  m_device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (m_device == 0) {
    spdlog::warn(
        "voice prompts off: the audio device cannot be opened ({}); the kiosk runs "
        "without sound",
        SDL_GetError());
    return;
  }
  SDL_PauseAudioDevice(m_device, 0);
  spdlog::info("voice prompts from {} through {} at volume {}", m_dir.string(),
               SDL_GetCurrentAudioDriver(), m_volume);
}

VoicePlayer::~VoicePlayer() {
  if (m_device != 0) SDL_CloseAudioDevice(m_device);
  if (m_audio_started) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void VoicePlayer::play(std::string_view key, core::Language language) {
  if (m_device == 0) return;
  const auto path = prompt_path(m_dir, key, language);
  if (!path) {
    // The screen has moved on: the previous prompt no longer fits it.
    start(nullptr);
    if (m_reported.insert(std::string(key)).second) {
      spdlog::error("voice prompt {} not played: not a voice.<name> key", key);
    }
    return;
  }
  auto samples = load_prompt(*path);
  if (!samples) {
    start(nullptr);
    if (m_reported.insert(path->string()).second) {
      spdlog::error("voice prompt {} not played: {}", key, samples.error());
    }
    return;
  }
  start(std::make_shared<const Samples>(std::move(*samples)));
}

void VoicePlayer::stop() {
  if (m_device != 0) start(nullptr);
}

bool VoicePlayer::playing() const {
  if (m_device == 0) return false;
  SDL_LockAudioDevice(m_device);
  const bool busy = m_current && m_position < m_current->size();
  SDL_UnlockAudioDevice(m_device);
  return busy;
}

void VoicePlayer::start(std::shared_ptr<const Samples> next) {
  SDL_LockAudioDevice(m_device);
  m_current.swap(next);
  m_position = 0;
  SDL_UnlockAudioDevice(m_device);
}

void VoicePlayer::fill(void* self, std::uint8_t* stream, int bytes) {
  auto& player = *static_cast<VoicePlayer*>(self);
  const auto frames = static_cast<std::size_t>(bytes) / sizeof(std::int16_t);
  std::size_t written = 0;
  if (player.m_current) {
    const auto& samples = *player.m_current;
    const auto count = std::min(frames, samples.size() - player.m_position);
    std::int16_t out[kBufferFrames];
    while (written < count) {
      const auto chunk = std::min<std::size_t>(count - written, kBufferFrames);
      for (std::size_t i = 0; i < chunk; ++i) {
        out[i] = static_cast<std::int16_t>(samples[player.m_position + i] * player.m_volume / 100);
      }
      std::memcpy(stream + written * sizeof(std::int16_t), out, chunk * sizeof(std::int16_t));
      written += chunk;
      player.m_position += chunk;
    }
  }
  std::memset(stream + written * sizeof(std::int16_t), 0,
              (frames - written) * sizeof(std::int16_t));
}

}  // namespace kiosk::app
