#pragma once
// A small reader of deploy/api/openapi.yaml, enough to check the contract test's claims: the
// file is block-style YAML with two-space indentation, paths at indent 2, methods at 4.
#include <set>
#include <string>

namespace kiosk::test {

class OpenApi {
 public:
  explicit OpenApi(std::string text) : m_text(std::move(text)) {}
  // True when `method` under `path` lists the response `status` ('201', '304', ...).
  bool declares(const std::string& path, const std::string& method, int status) const;
  // Every schemas.json#/$defs/NAME the file refers to.
  std::set<std::string> schema_refs() const;

 private:
  std::string m_text;
};

}  // namespace kiosk::test
