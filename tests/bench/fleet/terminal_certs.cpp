#include "terminal_certs.h"

#include <cstdio>

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace bench {
namespace {
std::shared_ptr<X509> own(X509* x) {
  return {x, X509_free};
}
std::shared_ptr<EVP_PKEY> own(EVP_PKEY* k) {
  return {k, EVP_PKEY_free};
}
}  // namespace

std::expected<CertAuthority, std::string> CertAuthority::load(const std::filesystem::path& tls) {
  CertAuthority ca;
  FILE* cert = std::fopen((tls / "ca.pem").c_str(), "r");
  FILE* key = std::fopen((tls / "ca.key").c_str(), "r");
  if (cert) ca.m_cert = own(PEM_read_X509(cert, nullptr, nullptr, nullptr));
  if (key) ca.m_key = own(PEM_read_PrivateKey(key, nullptr, nullptr, nullptr));
  if (cert) std::fclose(cert);
  if (key) std::fclose(key);
  if (!ca.m_cert || !ca.m_key) {
    return std::unexpected("cannot read the dev CA in " + tls.string() + " (ca.pem, ca.key)");
  }
  return ca;
}

std::expected<TerminalCert, std::string> CertAuthority::issue(const std::string& id,
                                                              const std::string& centre) const {
  TerminalCert out{id, centre, nullptr, own(EVP_EC_gen("P-256"))};
  if (!out.key) return std::unexpected(std::string("EC key generation failed"));
  out.cert = own(X509_new());
  X509* x = out.cert.get();
  X509_set_version(x, 2);
  static long serial = 1000;
  ASN1_INTEGER_set(X509_get_serialNumber(x), ++serial);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 30);
  X509_set_pubkey(x, out.key.get());
  X509_NAME* name = X509_get_subject_name(x);
  auto add = [&](const char* field, const std::string& value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
  };
  add("O", "Kiosk Development");
  add("OU", centre);
  add("CN", id);
  X509_set_issuer_name(x, X509_get_subject_name(m_cert.get()));
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, m_cert.get(), x, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_basic_constraints, "CA:FALSE"},
                            std::pair{NID_key_usage, "critical,digitalSignature"},
                            std::pair{NID_ext_key_usage, "clientAuth"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(x, m_key.get(), EVP_sha256()) == 0) {
    return std::unexpected("signing the certificate of " + id + " failed");
  }
  return out;
}

}  // namespace bench
