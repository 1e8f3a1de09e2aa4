// The terminal's identity as the central server sees it: the CN of its client certificate.
#include <cstdio>
#include <memory>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "kiosk/sync/client.h"

namespace kiosk::sync {

std::optional<std::string> certificate_common_name(const std::filesystem::path& pem_file) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(pem_file.c_str(), "r"), &std::fclose);
  if (!file) return std::nullopt;
  std::unique_ptr<X509, void (*)(X509*)> cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr),
                                              &X509_free);
  if (!cert) return std::nullopt;
  char cn[256] = {};
  const int n =
      X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
  if (n <= 0) return std::nullopt;
  return std::string(cn, static_cast<std::size_t>(n));
}

}  // namespace kiosk::sync
