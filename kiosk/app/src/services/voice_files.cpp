#include "services/voice_files.h"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <system_error>

#include <fmt/core.h>

#include "kiosk/ui/strings.h"

namespace kiosk::app {
namespace {

constexpr std::string_view kKeyPrefix = "voice.";

bool is_file_name(std::string_view name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::filesystem::path voice_dir() {
  if (const char* dir = std::getenv("KIOSK_VOICE_DIR"); dir && *dir) return dir;
  std::filesystem::path built = KIOSK_BUILD_VOICE_DIR;
  std::error_code ec;
  if (std::filesystem::is_directory(built, ec)) return built;
  return "/usr/share/kiosk/voice";
}

std::optional<std::filesystem::path> prompt_path(const std::filesystem::path& dir,
                                                 std::string_view key, core::Language language) {
  if (!key.starts_with(kKeyPrefix)) return std::nullopt;
  const auto name = key.substr(kKeyPrefix.size());
  if (!is_file_name(name)) return std::nullopt;
  return dir / core::to_string(language) / (std::string(name) + ".wav");
}

std::expected<Samples, std::string> load_prompt(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return std::unexpected(fmt::format("{}: cannot read: {}", path.string(), ec.message()));
  if (size > kMaxPromptBytes) {
    return std::unexpected(
        fmt::format("{}: {} bytes, more than a prompt's {}", path.string(), size, kMaxPromptBytes));
  }
  SDL_AudioSpec spec{};
  Uint8* raw = nullptr;
  Uint32 raw_bytes = 0;
  if (SDL_LoadWAV(path.c_str(), &spec, &raw, &raw_bytes) == nullptr) {
    return std::unexpected(
        fmt::format("{}: not a WAV SDL can read: {}", path.string(), SDL_GetError()));
  }
  std::unique_ptr<Uint8, decltype(&SDL_FreeWAV)> wav(raw, &SDL_FreeWAV);
  SDL_AudioCVT cvt{};
  if (SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, kVoiceRate) <
      0) {
    return std::unexpected(fmt::format("{}: its sound ({} Hz, {} channels) cannot be converted: {}",
                                       path.string(), spec.freq, spec.channels, SDL_GetError()));
  }
  std::vector<Uint8> buffer(static_cast<std::size_t>(raw_bytes) *
                            static_cast<std::size_t>(std::max(cvt.len_mult, 1)));
  std::memcpy(buffer.data(), raw, raw_bytes);
  std::size_t bytes = raw_bytes;
  if (cvt.needed) {
    cvt.buf = buffer.data();
    cvt.len = static_cast<int>(raw_bytes);
    if (SDL_ConvertAudio(&cvt) < 0) {
      return std::unexpected(
          fmt::format("{}: its sound cannot be converted: {}", path.string(), SDL_GetError()));
    }
    bytes = static_cast<std::size_t>(cvt.len_cvt);
  }
  Samples samples(bytes / sizeof(std::int16_t));
  if (samples.empty()) return std::unexpected(fmt::format("{}: holds no sound", path.string()));
  std::memcpy(samples.data(), buffer.data(), samples.size() * sizeof(std::int16_t));
  return samples;
}

std::expected<std::vector<std::string>, std::string> missing_prompts(
    const std::filesystem::path& i18n_dir, const std::filesystem::path& dir) {
  auto catalogue = ui::Catalogue::load(i18n_dir);
  if (!catalogue) return std::unexpected(catalogue.error());
  std::vector<std::string> missing;
  for (auto language : {core::Language::zh_CN, core::Language::en}) {
    for (const auto& [key, text] : catalogue->entries(language)) {
      if (!key.starts_with(kKeyPrefix)) continue;
      const auto path = prompt_path(dir, key, language);
      const char* lang = core::to_string(language);
      if (!path) {
        missing.push_back(
            fmt::format("{}: {}: not a prompt key (lower-case letters, digits, _)", lang, key));
        continue;
      }
      std::error_code ec;
      if (!std::filesystem::exists(*path, ec)) {
        missing.push_back(
            fmt::format("{}: {}: {} is missing (the build makes it with tools/voice/make_voice.py)",
                        lang, key, path->string()));
        continue;
      }
      auto samples = load_prompt(*path);
      if (!samples) {
        missing.push_back(fmt::format("{}: {}: {}", lang, key, samples.error()));
      } else if (samples->size() < static_cast<std::size_t>(kMinPromptSeconds * kVoiceRate)) {
        missing.push_back(fmt::format("{}: {}: {} holds {} samples, under {} s", lang, key,
                                      path->string(), samples->size(), kMinPromptSeconds));
      }
    }
  }
  return missing;
}

}  // namespace kiosk::app
