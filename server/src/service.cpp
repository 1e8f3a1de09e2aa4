#include "server/service.h"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include "server/claims.h"
#include "server/json_schema.h"

namespace server {
namespace {
using nlohmann::json;

constexpr std::size_t kMaxBody = 1 << 20;

std::string http_date() {
  return fmt::format("{:%a, %d %b %Y %H:%M:%S GMT}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void fail(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  reply(res, status, json{{"code", code}, {"message", message}});
}

std::expected<json, std::string> parse_body(const httplib::Request& req) {
  try {
    return json::parse(req.body);
  } catch (const json::exception& e) {
    return std::unexpected(fmt::format("the body is not JSON: {}", e.what()));
  }
}

bool setup_tls(SSL_CTX& ctx, const std::filesystem::path& dir, std::string& why) {
  const auto cert = (dir / "server.pem").string();
  const auto key = (dir / "server.key").string();
  const auto ca = (dir / "ca.pem").string();
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  // Session resumption with client certificates needs a session id context; without one
  // OpenSSL refuses every resumed session with an "internal error" alert.
  static constexpr unsigned char kSessionContext[] = "kiosk-central";
  SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
  if (SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) != 1) {
    why = fmt::format("cannot load the server certificate {}", cert);
  } else if (SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) != 1 ||
             SSL_CTX_check_private_key(&ctx) != 1) {
    why = fmt::format("cannot load the server key {} (or it does not match {})", key, cert);
  } else if (SSL_CTX_load_verify_locations(&ctx, ca.c_str(), nullptr) != 1) {
    why = fmt::format("cannot load the client CA {}", ca);
  } else {
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(ca.c_str());
    if (names != nullptr) SSL_CTX_set_client_CA_list(&ctx, names);
    // The kiosk's certificate is checked against our CA in the handshake, but a missing or
    // bad one is refused with HTTP 401 and a reason instead of a TLS alert: an alert often
    // reaches the client as a bare connection reset, which it could not tell from a network
    // fault. No route answers anything else without a verified certificate.
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
    return true;
  }
  ERR_clear_error();
  return false;
}
}  // namespace

std::string peer_problem(const void* ssl) {
  const auto* s = static_cast<const SSL*>(ssl);
  if (s == nullptr || SSL_get0_peer_certificate(s) == nullptr) {
    return "no client certificate was presented; configure the kiosk's certificate and key";
  }
  const long result = SSL_get_verify_result(s);
  if (result != X509_V_OK) {
    return fmt::format("the client certificate was refused: {}",
                       X509_verify_cert_error_string(result));
  }
  return {};
}

std::string peer_common_name(const void* ssl) {
  if (ssl == nullptr || !peer_problem(ssl).empty()) return {};
  X509* cert = SSL_get0_peer_certificate(static_cast<const SSL*>(ssl));
  if (cert == nullptr) return {};
  char cn[256] = {};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn,
                                sizeof cn) <= 0) {
    return {};
  }
  return cn;
}

struct Service::Impl {
  Impl(Database& database, const std::filesystem::path& tls_dir)
      : db(database),
        http([this, tls_dir](SSL_CTX& ctx) { return tls_ok = setup_tls(ctx, tls_dir, tls_error); }) {}

  void routes();
  void submit_claim(const httplib::Request& req, httplib::Response& res, const std::string& who);

  Database& db;
  bool tls_ok = false;
  std::string tls_error;
  httplib::SSLServer http;
};

void Service::Impl::routes() {
  // Every reply carries Date (the kiosks' clock guard reads it) and JSON errors.
  auto guarded = [this](auto handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Date", http_date());
      if (auto problem = peer_problem(req.ssl); !problem.empty()) {
        return fail(res, 401, "unauthorized", problem);
      }
      const std::string who = peer_common_name(req.ssl);
      if (who.empty()) return fail(res, 403, "forbidden", "the client certificate has no CN");
      try {
        handler(req, res, who);
      } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
        fail(res, 500, "internal", "the server failed to handle the request; try again later");
      }
    };
  };
  http.Get("/api/v1/health", guarded([](const auto&, auto& res, const std::string&) {
    reply(res, 200, json{{"status", "ok"}, {"server_time", now_rfc3339()}});
  }));
  http.Post("/api/v1/members/lookup", guarded([this](const auto& req, auto& res, const auto& who) {
    auto body = parse_body(req);
    if (!body) return fail(res, 400, "bad_request", body.error());
    if (auto ok = api_schemas().validate(*body, "LookupRequest"); !ok) {
      return fail(res, 422, "validation_failed", ok.error());
    }
    // Every lookup lands in the access log with the asking terminal.
    auto member = db.lookup_member((*body)["id_number"].template get<std::string>(), who);
    if (!member) throw std::runtime_error(member.error());
    if (!*member) return fail(res, 404, "not_found", "no member with this ID number");
    reply(res, 200, **member);
  }));
  http.Post("/api/v1/claims", guarded([this](const auto& req, auto& res, const auto& who) {
    submit_claim(req, res, who);
  }));
  http.Get(R"(/api/v1/claims/([0-9a-f-]{36}))",
           guarded([this](const auto& req, auto& res, const auto& who) {
    auto claim = db.find_claim(req.matches[1]);
    if (!claim) throw std::runtime_error(claim.error());
    if (!*claim || (*claim)->terminal_id != who) {
      return fail(res, 404, "not_found", "this terminal submitted no claim with that id");
    }
    reply(res, 200, to_json(**claim));
  }));
  http.Get("/api/v1/config", guarded([this](const auto& req, auto& res, const auto&) {
    auto config = db.config();
    if (!config) return fail(res, 404, "not_found", config.error());
    res.set_header("ETag", config->etag);
    if (req.get_header_value("If-None-Match") == config->etag) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(config->body, "application/json");
  }));
  http.Post("/api/v1/heartbeat", guarded([this](const auto& req, auto& res, const auto& who) {
    auto body = parse_body(req);
    if (!body) return fail(res, 400, "bad_request", body.error());
    if (auto ok = api_schemas().validate(*body, "Heartbeat"); !ok) {
      return fail(res, 422, "validation_failed", ok.error());
    }
    if ((*body)["terminal_id"] != who) {
      return fail(res, 403, "forbidden", "terminal_id differs from the client certificate");
    }
    if (auto ok = db.put_heartbeat(who, body->dump()); !ok) throw std::runtime_error(ok.error());
    reply(res, 200, json{{"terminal_id", who}, {"received_at", now_rfc3339()}});
  }));
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    res.set_header("Date", http_date());
    if (res.status == 413) {
      return fail(res, 413, "payload_too_large", "the body is larger than 1 MiB");
    }
    fail(res, res.status == 404 ? 404 : res.status,
         res.status == 404 ? "not_found" : "bad_request",
         fmt::format("{} {} is not part of the v1 API", req.method, req.path));
  });
}

void Service::Impl::submit_claim(const httplib::Request& req, httplib::Response& res,
                                 const std::string& who) {
  const std::string key = req.get_header_value("Idempotency-Key");
  if (key.empty()) return fail(res, 400, "bad_request", "the Idempotency-Key header is missing");
  auto body = parse_body(req);
  if (!body) return fail(res, 400, "bad_request", body.error());
  if (auto ok = api_schemas().validate(*body, "ClaimRequest"); !ok) {
    return fail(res, 422, "validation_failed", ok.error());
  }
  if ((*body)["claim_uuid"] != key) {
    return fail(res, 422, "validation_failed", "Idempotency-Key differs from claim_uuid");
  }
  if ((*body)["terminal_id"] != who) {
    return fail(res, 403, "forbidden",
                fmt::format("terminal_id differs from the client certificate ({})", who));
  }
  // The server's records decide: the member, the settlement records and the estimate are
  // checked and recomputed inside the store's lock (server/claims.h).
  auto outcome = db.submit_claim(key, who, *body);
  if (!outcome) throw std::runtime_error(outcome.error());
  switch (outcome->result) {
    case InsertResult::created:
      for (const auto& difference : outcome->estimate_differences) {
        spdlog::warn("claim {} from {}: the kiosk's estimate differs, the server's is stored: {}",
                     key, who, difference);
      }
      spdlog::info("claim {} from {} received", key, who);
      return reply(res, 201, to_json(outcome->record));
    case InsertResult::duplicate:
      spdlog::info("claim {} from {} repeated with the same body", key, who);
      return reply(res, 200, to_json(outcome->record));
    case InsertResult::conflict:
      spdlog::warn("claim {} from {} repeated with a different body", key, who);
      return fail(res, 409, "idempotency_conflict",
                  "a claim with this id was already received with different content");
    case InsertResult::refused:
      spdlog::warn("claim {} from {} refused: {}", key, who, outcome->refusal);
      return fail(res, 422, "validation_failed", outcome->refusal);
  }
}

Service::Service(std::unique_ptr<Impl> impl, int port) : m_impl(std::move(impl)), m_port(port) {}
Service::~Service() { stop(); }

std::expected<std::unique_ptr<Service>, std::string> Service::create(
    Database& db, const ServiceOptions& options) {
  auto impl = std::make_unique<Impl>(db, options.tls_dir);
  if (!impl->tls_ok || !impl->http.is_valid()) {
    return std::unexpected(impl->tls_error.empty()
                               ? fmt::format("cannot set up TLS from {}", options.tls_dir.string())
                               : impl->tls_error);
  }
  impl->routes();
  impl->http.set_payload_max_length(kMaxBody);
  // Headers and body go out in separate writes: without this, Nagle and delayed ACKs add
  // 40 ms to every reply on a kept-alive connection.
  impl->http.set_tcp_nodelay(true);
  impl->http.set_keep_alive_max_count(1'000'000);
  impl->http.set_keep_alive_timeout(30);
  impl->http.set_read_timeout(30);
  int port = options.port;
  if (port == 0) {
    port = impl->http.bind_to_any_port(options.host);
  } else if (!impl->http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return std::unexpected(fmt::format("cannot listen on {}:{}: the address is in use or not "
                                       "local", options.host, options.port));
  }
  return std::unique_ptr<Service>(new Service(std::move(impl), port));
}

bool Service::run() { return m_impl->http.listen_after_bind(); }
void Service::stop() { m_impl->http.stop(); }

}  // namespace server
