#pragma once
// Saves what the GL back buffer holds as a PNG (tests and people use it).
#include <expected>
#include <filesystem>
#include <string>

namespace kiosk::app {

std::expected<void, std::string> save_screenshot(const std::filesystem::path& path, int width,
                                                 int height);

}  // namespace kiosk::app
