// Any bytes as a subject DN: no crash, a CN and a centre (OU) only of printable ASCII, and each
// found survives being escaped and parsed again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/subject.h"

namespace {
// VALUE, printable ASCII by contract, escaped as TYPE=... and read back must be VALUE again.
void round_trip(const std::string& value, const char* type) {
  std::string escaped = std::string(type) + "=";
  for (const char c : value) {
    if (c < 0x20 || c > 0x7E) std::abort();
    if (c == ',' || c == '+' || c == '\\' || c == '=' || c == '#') escaped += '\\';
    escaped += c;
  }
  if (server::subject_attribute(escaped + ",O=x", type) != value) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dn(reinterpret_cast<const char*>(data), size);
  if (const std::string cn = server::subject_common_name(dn); !cn.empty()) round_trip(cn, "CN");
  if (const std::string ou = server::subject_centre(dn); !ou.empty()) round_trip(ou, "OU");
  return 0;
}
