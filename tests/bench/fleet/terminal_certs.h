#pragma once
// Client certificates for a simulated fleet, made in-process (one openssl run each would take
// a minute for 1,000): an EC P-256 key and a certificate "O=Kiosk Development, OU=CENTRE,
// CN=ID" signed by the dev CA in a tls folder (deploy/dev-ca.sh's ca.pem and ca.key).
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace bench {

struct TerminalCert {
  std::string id, centre;
  std::shared_ptr<X509> cert;
  std::shared_ptr<EVP_PKEY> key;
};

class CertAuthority {
 public:
  static std::expected<CertAuthority, std::string> load(const std::filesystem::path& tls);
  std::expected<TerminalCert, std::string> issue(const std::string& id,
                                                 const std::string& centre) const;

 private:
  std::shared_ptr<X509> m_cert;
  std::shared_ptr<EVP_PKEY> m_key;
};

}  // namespace bench
