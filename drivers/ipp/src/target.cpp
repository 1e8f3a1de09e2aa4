#include "drivers/ipp/target.h"

#include <cups/cups.h>
#include <cups/http.h>

#include <fmt/core.h>

namespace drivers::ipp {
namespace {

constexpr std::size_t kMaxQueueName = 127;

bool queue_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

Error bad(std::string message) {
  return {Error::Kind::bad_target, std::move(message)};
}

}  // namespace

std::expected<Target, Error> parse_target(std::string_view text) {
  if (text.empty())
    return std::unexpected(bad("no printer given: an ipp:// URI or a CUPS queue name is needed"));
  if (text.find("://") == std::string_view::npos) {
    if (text.size() > kMaxQueueName) {
      return std::unexpected(
          bad(fmt::format("CUPS queue name '{}' is longer than 127 bytes", text)));
    }
    for (char c : text) {
      if (!queue_name_char(c)) {
        return std::unexpected(bad(fmt::format(
            "'{}' is neither an ipp:// URI nor a CUPS queue name (letters, digits, _ - .)", text)));
      }
    }
    Target target;
    target.kind = Target::Kind::cups_queue;
    target.resource = fmt::format("/printers/{}", text);
    target.printer_uri = fmt::format("ipp://localhost/printers/{}", text);
    target.display = fmt::format("CUPS queue {}", text);
    return target;
  }
  std::string uri(text);
  char scheme[32], userpass[256], host[256], resource[1024];
  int port = 0;
  http_uri_status_t status =
      httpSeparateURI(HTTP_URI_CODING_ALL, uri.c_str(), scheme, sizeof scheme, userpass,
                      sizeof userpass, host, sizeof host, &port, resource, sizeof resource);
  if (status < HTTP_URI_STATUS_OK) {
    return std::unexpected(
        bad(fmt::format("'{}' is not a valid printer URI: {}", text, httpURIStatusString(status))));
  }
  std::string_view s(scheme);
  if (s != "ipp" && s != "ipps") {
    return std::unexpected(bad(
        fmt::format("'{}' uses '{}': only ipp:// and ipps:// printers are supported", text, s)));
  }
  if (host[0] == '\0') return std::unexpected(bad(fmt::format("'{}' names no host", text)));
  Target target;
  target.kind = Target::Kind::uri;
  target.encrypted = s == "ipps";
  target.host = host;
  target.port = port;
  target.resource = resource[0] != '\0' ? resource : "/";
  target.printer_uri = uri;
  target.display = uri;
  return target;
}

}  // namespace drivers::ipp
