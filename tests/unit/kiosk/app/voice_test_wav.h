#pragma once
// Test sounds for the voice tests: a square wave of a known amplitude written as a WAV, and
// a raw 16-bit file (SDL's disk audio output) read back.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kiosk::testing {

// FRAMES frames of a square wave of AMPLITUDE (period 50 frames), the same in every channel.
inline std::vector<std::int16_t> square_wave(std::size_t frames, std::int16_t amplitude,
                                             int channels = 1) {
  std::vector<std::int16_t> samples;
  for (std::size_t i = 0; i < frames; ++i) {
    const auto value = static_cast<std::int16_t>((i / 25) % 2 == 0 ? amplitude : -amplitude);
    for (int c = 0; c < channels; ++c) samples.push_back(value);
  }
  return samples;
}

// A 16-bit PCM WAV of SAMPLES (interleaved when CHANNELS > 1).
inline void write_wav(const std::filesystem::path& path, const std::vector<std::int16_t>& samples,
                      int rate = 22050, int channels = 1) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.put(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  auto u16 = [&](std::uint16_t v) {
    out.put(static_cast<char>(v & 0xff));
    out.put(static_cast<char>(v >> 8));
  };
  const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  out.write("RIFF", 4);
  u32(36 + data_bytes);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(static_cast<std::uint16_t>(channels));
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate * channels * 2));
  u16(static_cast<std::uint16_t>(channels * 2));
  u16(16);
  out.write("data", 4);
  u32(data_bytes);
  for (auto s : samples) u16(static_cast<std::uint16_t>(s));
}

// The 16-bit little-endian samples in PATH so far (none when it does not exist yet).
inline std::vector<std::int16_t> read_raw_samples(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::int16_t> samples(bytes.size() / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<std::int16_t>(static_cast<std::uint8_t>(bytes[2 * i]) |
                                           (static_cast<std::uint8_t>(bytes[2 * i + 1]) << 8));
  }
  return samples;
}

}  // namespace kiosk::testing
