#include "server/json_schema.h"

#include <algorithm>

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
  auto ok = check(value, m_root["$defs"][std::string(def_name)], 0);
  if (!ok) return std::unexpected(fmt::format("${}: {}", ok.error().path, ok.error().message));
  return {};
}

// The path of a violation is built on the way back up, so a valid body (the usual case) costs
// no string work.
std::expected<void, SchemaSet::Violation> SchemaSet::check(const json& value, const json& schema,
                                                           int depth) const {
  auto fail = [](std::string message) {
    return std::unexpected(Violation{std::string(), std::move(message)});
  };
  auto within = [](std::expected<void, Violation> ok, std::string_view step) {
    if (!ok) ok.error().path.insert(0, step);
    return ok;
  };
  if (depth > 64) return fail("schema nests too deeply");
  if (auto ref = schema.find("$ref"); ref != schema.end()) {
    const auto& target = ref->get_ref<const std::string&>();
    constexpr std::string_view kPrefix = "#/$defs/";
    const std::string name = target.substr(std::min(kPrefix.size(), target.size()));
    if (!target.starts_with(kPrefix) || !has(name)) return fail("unresolved $ref " + target);
    return check(value, m_root["$defs"][name], depth + 1);
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    bool ok = false;
    if (type->is_array()) {
      for (const auto& t : *type) ok = ok || has_type(value, t.get_ref<const std::string&>());
    } else {
      ok = has_type(value, type->get_ref<const std::string&>());
    }
    if (!ok) {
      std::string wanted;
      for (const auto& t : type->is_array() ? *type : json::array({*type})) {
        wanted += (wanted.empty() ? "" : " or ") + t.get<std::string>();
      }
      return fail(fmt::format("expected {}, got {}", wanted, type_name(value)));
    }
  }
  if (auto options = schema.find("enum"); options != schema.end()) {
    bool found = false;
    for (const auto& option : *options) found = found || option == value;
    if (!found) return fail(fmt::format("{} is not one of {}", value.dump(), options->dump()));
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (auto min = schema.find("minLength"); min != schema.end() && utf8_length(text) < *min) {
      return fail(fmt::format("must have at least {} characters", min->get<std::size_t>()));
    }
    if (auto pattern = schema.find("pattern"); pattern != schema.end()) {
      const auto& source = pattern->get_ref<const std::string&>();
      if (!m_patterns->at(source).search(text)) {
        return fail(fmt::format("does not match the expected format {}", source));
      }
    }
  }
  if (value.is_number()) {
    if (auto min = schema.find("minimum"); min != schema.end() && value < *min) {
      return fail(fmt::format("must be at least {}", min->dump()));
    }
    if (auto max = schema.find("maximum"); max != schema.end() && value > *max) {
      return fail(fmt::format("must be at most {}", max->dump()));
    }
  }
  if (value.is_array()) {
    if (auto min = schema.find("minItems"); min != schema.end() && value.size() < *min) {
      return fail(fmt::format("needs at least {} item(s)", min->get<std::size_t>()));
    }
    if (auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto ok = check(value[i], *items, depth + 1);
        if (!ok) return within(std::move(ok), fmt::format("[{}]", i));
      }
    }
  }
  if (value.is_object()) {
    if (auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        const auto& key = name.get_ref<const std::string&>();
        if (!value.contains(key)) return fail(fmt::format("missing \"{}\"", key));
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, child] : value.items()) {
      const auto property =
          properties != schema.end() ? properties->find(key) : schema.end();
      std::expected<void, Violation> ok;
      if (properties != schema.end() && property != properties->end()) {
        ok = check(child, *property, depth + 1);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          ok = fail("unexpected field");
        } else if (additional->is_object()) {
          ok = check(child, *additional, depth + 1);
        }
      }
      if (!ok) return within(std::move(ok), "." + key);
    }
  }
  return {};
}

}  // namespace server
