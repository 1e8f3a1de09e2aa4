// Any bytes as a subject DN: no crash, a CN only of printable ASCII, and a CN found survives
// being escaped and parsed again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/subject.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string dn(reinterpret_cast<const char*>(data), size);
  const std::string cn = server::subject_common_name(dn);
  if (cn.empty()) return 0;
  std::string escaped = "CN=";
  for (const char c : cn) {
    if (c < 0x20 || c > 0x7E) std::abort();
    if (c == ',' || c == '+' || c == '\\' || c == '=' || c == '#') escaped += '\\';
    escaped += c;
  }
  if (server::subject_common_name(escaped + ",O=x") != cn) std::abort();
  return 0;
}
