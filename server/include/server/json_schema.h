#pragma once
// A small JSON Schema validator for the subset deploy/api/schemas.json uses: $ref to
// #/$defs/..., type (one or a list), enum, required, properties, additionalProperties (bool
// or schema), items, minItems, minLength, pattern, minimum, maximum. The server checks claim
// and heartbeat bodies with it, and the contract tests check the server's replies with it,
// so both sides read the same file.
#include <expected>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace server {

class Pattern;

class SchemaSet {
 public:
  // Parses a schema document with a top-level "$defs" object. Patterns are compiled here.
  static std::expected<SchemaSet, std::string> parse(std::string_view json_text);

  bool has(std::string_view def_name) const;
  // Ok, or the first violation: "$.bills[0].total_fen: expected integer, got string".
  std::expected<void, std::string> validate(const nlohmann::json& value,
                                            std::string_view def_name) const;

 private:
  // Where (below the validated value: ".bills[0].total_fen") and what.
  struct Violation {
    std::string path;
    std::string message;
  };
  std::expected<void, Violation> check(const nlohmann::json& value,
                                       const nlohmann::json& schema, int depth) const;
  nlohmann::json m_root;
  std::shared_ptr<const std::map<std::string, Pattern>> m_patterns;
};

// The schemas of the API contract, embedded from deploy/api/schemas.json at build time.
const SchemaSet& api_schemas();

}  // namespace server
