#include "diagnostics_export.h"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kiosk/core/claim.h"

namespace kiosk::app {
namespace fs = std::filesystem;
namespace {

nlohmann::json claims_json(const std::vector<ui::StaffClaimRow>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& row : rows) {
    out.push_back({{"sequence", row.sequence},
                   {"number", row.short_id},
                   {"created", row.created},
                   {"upload", std::string(core::to_string(row.upload))},
                   {"status", row.status ? std::string(core::to_string(*row.status)) : ""},
                   {"attempts", row.attempts},
                   {"reason", row.reason},
                   {"benefit_fen", row.benefit_fen}});
  }
  return out;
}

std::expected<void, std::string> write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    return std::unexpected(fmt::format(
        "{} could not be written: is the USB stick full or pulled out?", path.string()));
  }
  return {};
}

// The files, into DIR.
std::expected<void, std::string> write_contents(const Diagnostics& d, const fs::path& dir) {
  std::error_code error;
  const auto& s = d.staff;
  const nlohmann::json summary{
      {"terminal_id", d.terminal_id},
      {"version", d.version},
      {"config_version", d.config_version},
      {"exported_at", d.exported_at},
      {"queue",
       {{"pending", d.queue.pending},
        {"quarantined", d.queue.quarantined},
        {"oldest_pending_age_s",
         d.queue.oldest_pending_age ? d.queue.oldest_pending_age->count() : -1},
        {"last_error_class", d.queue.last_error_class},
        {"last_success", s.last_success}}},
      {"devices", d.devices},
      {"printer", {{"state", s.printer_state}, {"model", s.printer_model}}},
      {"reader", {{"state", s.reader_state}, {"last_card_read", s.last_card_read}}},
      {"network", {{"server", s.server_state}, {"clock", s.clock_state}}},
      {"day",
       {{"date", s.day.date},
        {"claims_taken", s.day.claims_taken},
        {"uploaded", s.day.uploaded},
        {"pending", s.day.pending},
        {"quarantined", s.day.quarantined},
        {"estimated_benefit_fen", s.day.estimated_benefit_fen},
        {"receipts_printed", s.day.receipts_printed},
        {"reprints", s.day.reprints},
        {"statements_printed", s.day.statements_printed},
        {"test_pages", s.day.test_pages}}}};
  if (auto ok = write_file(dir / "summary.json", summary.dump(2) + "\n"); !ok)
    return std::unexpected(ok.error());
  if (auto ok = write_file(dir / "claims.json", claims_json(s.claims).dump(2) + "\n"); !ok) {
    return std::unexpected(ok.error());
  }
  if (fs::is_directory(d.log_dir, error)) {
    fs::create_directory(dir / "logs", error);
    for (const auto& entry : fs::directory_iterator(d.log_dir, error)) {
      if (!entry.is_regular_file() ||
          entry.path().filename().string().find(".log") == std::string::npos) {
        continue;
      }
      fs::copy_file(entry.path(), dir / "logs" / entry.path().filename(),
                    fs::copy_options::overwrite_existing, error);
      if (error) {
        return std::unexpected(
            fmt::format("log {} not copied: {}", entry.path().string(), error.message()));
      }
    }
  }
  return {};
}

}  // namespace

std::expected<fs::path, std::string> export_diagnostics(const Diagnostics& d,
                                                        const fs::path& parent) {
  std::error_code error;
  fs::create_directories(parent, error);
  if (error) {
    return std::unexpected(fmt::format("{} cannot be made ({}): is the USB stick in?",
                                       parent.string(), error.message()));
  }
  std::string stamp = d.exported_at.substr(0, 19);
  for (char& c : stamp) {
    if (c == ':') c = '-';
  }
  const fs::path final_dir = parent / fmt::format("kiosk-diagnostics-{}-{}", d.terminal_id, stamp);
  const fs::path partial = parent / (final_dir.filename().string() + ".partial");
  fs::remove_all(partial, error);
  if (!fs::create_directory(partial, error)) {
    return std::unexpected(fmt::format("{} cannot be made: {}", partial.string(), error.message()));
  }
  if (auto ok = write_contents(d, partial); !ok) {
    // A full or pulled stick: leave nothing half-written behind (another second's export has
    // another name and would never clear it).
    fs::remove_all(partial, error);
    return std::unexpected(ok.error());
  }
  fs::remove_all(final_dir, error);
  fs::rename(partial, final_dir, error);
  if (error) {
    auto message = fmt::format("{} not completed: {}", final_dir.string(), error.message());
    fs::remove_all(partial, error);
    return std::unexpected(std::move(message));
  }
  return final_dir;
}

}  // namespace kiosk::app
