#include "server/json_schema.h"

#include <fmt/core.h>

#include "pattern.h"

namespace server {
namespace {
using nlohmann::json;

std::string type_name(const json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
  return value.type_name();  // object, array, string, number, boolean, null
}

bool has_type(const json& value, const std::string& type) {
  if (type == "integer") return value.is_number_integer() || value.is_number_unsigned();
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

std::size_t utf8_length(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

void collect_patterns(const json& node, std::map<std::string, Pattern>& out) {
  if (node.is_object()) {
    if (auto it = node.find("pattern"); it != node.end() && it->is_string()) {
      const std::string text = it->get<std::string>();
      if (!out.contains(text)) out.emplace(text, Pattern::compile(text));
    }
    for (const auto& [key, child] : node.items()) collect_patterns(child, out);
  } else if (node.is_array()) {
    for (const auto& child : node) collect_patterns(child, out);
  }
}
}  // namespace

std::expected<SchemaSet, std::string> SchemaSet::parse(std::string_view json_text) {
  SchemaSet set;
  try {
    set.m_root = json::parse(json_text);
    if (!set.m_root.contains("$defs") || !set.m_root["$defs"].is_object()) {
      return std::unexpected("the schema document has no \"$defs\" object");
    }
    auto patterns = std::make_shared<std::map<std::string, Pattern>>();
    collect_patterns(set.m_root, *patterns);
    set.m_patterns = std::move(patterns);
  } catch (const std::exception& e) {
    return std::unexpected(fmt::format("the schema document is not valid: {}", e.what()));
  }
  return set;
}

bool SchemaSet::has(std::string_view def_name) const {
  return m_root["$defs"].contains(std::string(def_name));
}

std::expected<void, std::string> SchemaSet::validate(const json& value,
                                                     std::string_view def_name) const {
  if (!has(def_name)) return std::unexpected(fmt::format("no schema named {}", def_name));
  return check(value, m_root["$defs"][std::string(def_name)], "$", 0);
}

std::expected<void, std::string> SchemaSet::check(const json& value, const json& schema,
                                                  const std::string& where, int depth) const {
  if (depth > 64) return std::unexpected(fmt::format("{}: schema nests too deeply", where));
  if (auto ref = schema.find("$ref"); ref != schema.end()) {
    const std::string target = ref->get<std::string>();
    constexpr std::string_view kPrefix = "#/$defs/";
    if (!target.starts_with(kPrefix) || !has(target.substr(kPrefix.size()))) {
      return std::unexpected(fmt::format("{}: unresolved $ref {}", where, target));
    }
    return check(value, m_root["$defs"][target.substr(kPrefix.size())], where, depth + 1);
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    bool ok = false;
    std::string wanted;
    for (const auto& t : type->is_array() ? *type : json::array({*type})) {
      ok = ok || has_type(value, t.get<std::string>());
      wanted += (wanted.empty() ? "" : " or ") + t.get<std::string>();
    }
    if (!ok) {
      return std::unexpected(fmt::format("{}: expected {}, got {}", where, wanted,
                                         type_name(value)));
    }
  }
  if (auto options = schema.find("enum"); options != schema.end()) {
    bool found = false;
    for (const auto& option : *options) found = found || option == value;
    if (!found) {
      return std::unexpected(fmt::format("{}: {} is not one of {}", where, value.dump(),
                                         options->dump()));
    }
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (auto min = schema.find("minLength"); min != schema.end() && utf8_length(text) < *min) {
      return std::unexpected(fmt::format("{}: must have at least {} characters", where,
                                         min->get<std::size_t>()));
    }
    if (auto pattern = schema.find("pattern"); pattern != schema.end()) {
      if (!m_patterns->at(pattern->get<std::string>()).search(text)) {
        return std::unexpected(fmt::format("{}: does not match the expected format {}", where,
                                           pattern->get<std::string>()));
      }
    }
  }
  if (value.is_number()) {
    if (auto min = schema.find("minimum"); min != schema.end() && value < *min) {
      return std::unexpected(fmt::format("{}: must be at least {}", where, min->dump()));
    }
    if (auto max = schema.find("maximum"); max != schema.end() && value > *max) {
      return std::unexpected(fmt::format("{}: must be at most {}", where, max->dump()));
    }
  }
  if (value.is_array()) {
    if (auto min = schema.find("minItems"); min != schema.end() && value.size() < *min) {
      return std::unexpected(fmt::format("{}: needs at least {} item(s)", where,
                                         min->get<std::size_t>()));
    }
    if (auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto ok = check(value[i], *items, fmt::format("{}[{}]", where, i), depth + 1);
        if (!ok) return ok;
      }
    }
  }
  if (value.is_object()) {
    if (auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        if (!value.contains(name.get<std::string>())) {
          return std::unexpected(
              fmt::format("{}: missing \"{}\"", where, name.get<std::string>()));
        }
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, child] : value.items()) {
      const std::string path = fmt::format("{}.{}", where, key);
      if (properties != schema.end() && properties->contains(key)) {
        auto ok = check(child, (*properties)[key], path, depth + 1);
        if (!ok) return ok;
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          return std::unexpected(fmt::format("{}: unexpected field", path));
        }
        if (additional->is_object()) {
          auto ok = check(child, *additional, path, depth + 1);
          if (!ok) return ok;
        }
      }
    }
  }
  return {};
}

}  // namespace server
