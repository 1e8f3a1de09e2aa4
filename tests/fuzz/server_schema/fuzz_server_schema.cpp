// Any JSON text, checked against every schema of the API: the checker must answer valid or a
// violation with a path, never crash, loop or read out of bounds (PCRE2 sees raw bytes,
// invalid UTF-8 included).
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "server/json_schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto value = nlohmann::json::parse(data, data + size, nullptr, false);
  if (value.is_discarded()) return 0;
  for (const char* schema : {"ClaimRequest", "Heartbeat", "LookupRequest", "ClaimRecord",
                             "LookupResponse", "Config", "Error"}) {
    auto ok = server::api_schemas().validate(value, schema);
    if (!ok && !ok.error().starts_with("$")) __builtin_trap();  // a violation names its path
  }
  return 0;
}
