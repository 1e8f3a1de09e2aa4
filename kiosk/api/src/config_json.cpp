#include "kiosk/api/config_json.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "fields.h"

namespace kiosk::api {
namespace {
using detail::Presence;

// The array field KEY of OBJECT, each element an object read by READ.
template <class Read>
std::expected<void, std::string> each_object(const nlohmann::json& object, const char* key,
                                             Read&& read) {
  auto it = object.find(key);
  if (it == object.end()) return std::unexpected(fmt::format("{} is missing", key));
  if (!it->is_array()) return std::unexpected(fmt::format("{} must be an array", key));
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& element = (*it)[i];
    if (!element.is_object()) return std::unexpected(detail::at(key, i, "must be an object"));
    if (auto ok = read(element); !ok) return std::unexpected(detail::at(key, i, ok.error()));
  }
  return {};
}

std::expected<std::string, std::string> required_text(const nlohmann::json& object,
                                                      const char* key) {
  auto value = detail::text(object, key, Presence::required);
  if (!value) return std::unexpected(value.error());
  return std::move(**value);
}
}  // namespace

std::expected<TerminalConfig, std::string> config_from_text(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return std::unexpected(std::string("the config must be a JSON object"));
  }
  TerminalConfig config;
  auto version = required_text(json, "version");
  if (!version) return std::unexpected(version.error());
  if (version->empty()) return std::unexpected(std::string("version must not be empty"));
  config.version = std::move(*version);

  auto notices = each_object(
      json, "notices", [&](const nlohmann::json& notice) -> std::expected<void, std::string> {
        ConfigNotice read;
        for (auto [key, field] :
             {std::pair{"id", &read.id}, {"title", &read.title}, {"body", &read.body}}) {
          auto value = required_text(notice, key);
          if (!value) return std::unexpected(value.error());
          *field = std::move(*value);
        }
        if (config.notices.size() < kMaxNotices) config.notices.push_back(std::move(read));
        return {};
      });
  if (!notices) return std::unexpected(notices.error());

  auto pins = each_object(
      json, "staff_pin_hashes", [&](const nlohmann::json& pin) -> std::expected<void, std::string> {
        StaffPinHash read;
        auto id = required_text(pin, "staff_id");
        if (!id) return std::unexpected(id.error());
        auto hash = required_text(pin, "pin_hash");
        if (!hash) return std::unexpected(hash.error());
        if (id->empty()) return std::unexpected(std::string("staff_id must not be empty"));
        config.staff_pins.push_back(StaffPinHash{std::move(*id), std::move(*hash)});
        return {};
      });
  if (!pins) return std::unexpected(pins.error());

  auto rules = json.find("benefit_rules");
  if (rules == json.end()) return std::unexpected(std::string("benefit_rules is missing"));
  if (!rules->is_object()) return std::unexpected(std::string("benefit_rules must be an object"));
  config.benefit_rules = rules->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return config;
}

}  // namespace kiosk::api
