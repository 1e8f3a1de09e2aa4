#pragma once
// Saves what the GL back buffer holds as a PNG (tests and people use it).
#include <cstdint>
#include <expected>
#include <filesystem>
#include <span>
#include <string>

namespace kiosk::app {

std::expected<void, std::string> save_screenshot(const std::filesystem::path& path, int width,
                                                 int height);

// Writes RGB rows given bottom-up (as glReadPixels returns them) as a top-down PNG.
std::expected<void, std::string> write_bottom_up_png(const std::filesystem::path& path, int width,
                                                     int height, std::span<const std::uint8_t> rgb);

}  // namespace kiosk::app
