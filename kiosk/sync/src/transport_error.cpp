#include <curl/curl.h>
#include <fmt/core.h>

#include "kiosk/sync/client.h"

namespace kiosk::sync {
namespace {
bool has(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

// The server's TLS alerts when it refuses our certificate: the text OpenSSL puts in the
// error buffer ("... tlsv13 alert certificate required", "... alert unknown ca", ...).
bool peer_refused_our_certificate(const std::string& detail) {
  return has(detail, "alert certificate required") || has(detail, "alert unknown ca") ||
         has(detail, "alert bad certificate") || has(detail, "alert certificate expired") ||
         has(detail, "alert certificate revoked") || has(detail, "alert certificate unknown") ||
         has(detail, "alert access denied") || has(detail, "alert handshake failure");
}
}  // namespace

SyncError classify_transport_error(int curl_code, const std::string& detail) {
  const auto code = static_cast<CURLcode>(curl_code);
  auto error = [&](ErrorClass cls, std::string_view advice) {
    return SyncError{cls, fmt::format("{} ({})", advice, detail), 0};
  };
  if (peer_refused_our_certificate(detail)) {
    return error(ErrorClass::auth,
                 "the central server refused this kiosk's certificate; check that kiosk.pem is "
                 "signed by the central CA and not expired");
  }
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
      if (has(detail, "not yet valid")) {
        return error(ErrorClass::clock,
                     "the server's certificate is not valid yet by this terminal's clock; the "
                     "clock is probably behind");
      }
      return error(ErrorClass::tls,
                   "the central server's certificate was not accepted (unknown CA, wrong host "
                   "name or expired); check the server URL and the pinned CA file");
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_USE_SSL_FAILED:
      return error(ErrorClass::tls, "TLS with the central server could not be set up");
    case CURLE_SSL_CERTPROBLEM:
      return error(ErrorClass::auth,
                   "this kiosk's certificate or key could not be used; check kiosk.pem and "
                   "kiosk.key");
    case CURLE_SSL_CONNECT_ERROR:
      // A handshake cut by the network looks the same as a refused one; the detail tells.
      if (has(detail, "alert") || has(detail, "certificate")) {
        return error(ErrorClass::tls, "the TLS handshake with the central server failed");
      }
      return error(ErrorClass::network, "the connection broke during the TLS handshake");
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return error(ErrorClass::tls, "the central server URL is not a valid https:// URL");
    case CURLE_WEIRD_SERVER_REPLY:
      return error(ErrorClass::captive_portal,
                   "the reply is not HTTP from the central server; check for a proxy");
    default:
      return error(ErrorClass::network,
                   "the central server could not be reached; check the network and that the "
                   "server runs");
  }
}

}  // namespace kiosk::sync
