#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "kiosk/app/app.h"

namespace kiosk::app {

void setup_logging(const std::filesystem::path& data_dir) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  std::error_code error;
  std::filesystem::create_directories(data_dir / "logs", error);
  if (!error) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          (data_dir / "logs" / "kiosk.log").string(), 5 * 1024 * 1024, 3));
    } catch (const spdlog::spdlog_ex&) {
      // An unwritable data folder must not stop the terminal; stderr still has the log.
    }
  }
  auto logger = std::make_shared<spdlog::logger>("kiosk", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  if (error) spdlog::warn("cannot create {}: {}", (data_dir / "logs").string(), error.message());
}

}  // namespace kiosk::app
