#pragma once
// The terminal id in a client certificate's subject as nginx passes it ($ssl_client_s_dn, RFC
// 2253: "CN=DEMO-0001,OU=kiosk,O=Kiosk Development"). Header-only so the fuzz build, which
// has no server library, tests the same code (tests/fuzz/server_subject).
#include <string>
#include <string_view>

namespace server {

// Set by nginx from $ssl_client_s_dn and $ssl_client_verify; any client-sent copy is replaced.
inline constexpr const char* kSubjectHeader = "X-Client-Subject";
inline constexpr const char* kVerifyHeader = "X-Client-Verify";

namespace subject_detail {
inline int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace subject_detail

// The value of the single attribute TYPE with its escapes undone (\, \+ \\ and \XX hex);
// empty when the DN has none, more than one, one in hex (#...) form, or is malformed. A value
// with a control character or a byte above 0x7E is refused too: terminal and centre ids are
// printable ASCII, and they end up in logs.
inline std::string subject_attribute(std::string_view dn, std::string_view wanted) {
  std::string cn;
  int found = 0;
  std::size_t i = 0;
  while (i < dn.size()) {
    // One attribute: TYPE=VALUE up to an unescaped ',' or '+' (a multi-valued RDN).
    const std::size_t eq = dn.find('=', i);
    if (eq == std::string_view::npos) return {};
    const std::string_view type = dn.substr(i, eq - i);
    const bool hex_form = eq + 1 < dn.size() && dn[eq + 1] == '#';
    std::string value;
    std::size_t j = eq + 1;
    for (; j < dn.size() && dn[j] != ',' && dn[j] != '+'; ++j) {
      if (dn[j] != '\\') {
        value += dn[j];
        continue;
      }
      if (j + 1 >= dn.size()) return {};
      const int hi = subject_detail::hex_digit(dn[j + 1]);
      const int lo = j + 2 < dn.size() ? subject_detail::hex_digit(dn[j + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        value += static_cast<char>(hi * 16 + lo);
        j += 2;
      } else {
        value += dn[++j];
      }
    }
    if (type == wanted) {
      ++found;
      if (hex_form) return {};
      cn = std::move(value);
    }
    i = j + 1;
  }
  if (found != 1 || cn.empty()) return {};
  for (const char c : cn) {
    if (c < 0x20 || c > 0x7E) return {};
  }
  return cn;
}

// The terminal: the subject's single CN.
inline std::string subject_common_name(std::string_view dn) {
  return subject_attribute(dn, "CN");
}

// The centre the terminal belongs to: the subject's single OU ("OU=CENTRE-01"); empty when
// there is none or more than one.
inline std::string subject_centre(std::string_view dn) {
  return subject_attribute(dn, "OU");
}

}  // namespace server
