#include <cstdlib>

#include "kiosk/app/app.h"

namespace kiosk::app {

std::filesystem::path assets_dir() {
  if (const char* dir = std::getenv("KIOSK_ASSETS_DIR"); dir && *dir) return dir;
  std::filesystem::path source = KIOSK_SOURCE_ASSETS_DIR;
  if (std::filesystem::is_directory(source)) return source;
  return "/usr/share/kiosk/assets";
}

}  // namespace kiosk::app
