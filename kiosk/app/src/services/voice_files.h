#pragma once
// Where the voice prompts' WAVs are and whether they are all there. The WAVs are made by
// tools/voice/make_voice.py from the [voice] table of each string catalogue, one per key
// and language: <voice dir>/<language>/<key>.wav. Playing them is voice_player.h.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/language.h"

namespace kiosk::app {

// $KIOSK_VOICE_DIR, the build's folder (development), or the installed copy.
std::filesystem::path voice_dir();

// The WAV for prompt KEY ("voice.menu") in LANGUAGE, or nothing when KEY is not a voice
// prompt's key (it must be "voice." and a file name of lower-case letters, digits and _).
std::optional<std::filesystem::path> prompt_path(const std::filesystem::path& dir,
                                                 std::string_view key, core::Language language);

// A prompt's sound as the player plays it: 16-bit mono at kVoiceRate.
inline constexpr int kVoiceRate = 22050;
using Samples = std::vector<std::int16_t>;

// Reads the WAV at PATH (any rate, channels and sample format SDL reads) and converts it to
// Samples. Files over kMaxPromptBytes and files without sound are refused.
inline constexpr std::uintmax_t kMaxPromptBytes = 16 * 1024 * 1024;
std::expected<Samples, std::string> load_prompt(const std::filesystem::path& path);

// Every key of the [voice] table of the catalogues in I18N_DIR that has no readable WAV of
// at least kMinPromptSeconds under DIR, one line each ("en: voice.menu: ... is missing").
// The error is a catalogue that cannot be read.
inline constexpr double kMinPromptSeconds = 0.3;
std::expected<std::vector<std::string>, std::string> missing_prompts(
    const std::filesystem::path& i18n_dir, const std::filesystem::path& dir);

}  // namespace kiosk::app
