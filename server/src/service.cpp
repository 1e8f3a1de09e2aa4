#include "server/service.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include "kiosk/core/date.h"
#include "server/claims.h"
#include "server/json_schema.h"
#include "server/subject.h"

namespace server {
namespace {
using nlohmann::json;

constexpr std::size_t kMaxBody = 1 << 20;
// nginx keeps up to 16 idle connections to us (deploy/nginx/central.conf.in) and each one
// holds a thread while it idles, so there are more threads than that.
constexpr std::size_t kThreads = 24;
// Longer than nginx's upstream keepalive_timeout (3 s): nginx, not we, closes an idle
// connection, so a request never meets a connection we are closing.
constexpr time_t kKeepAliveSeconds = 5;

std::string http_date() {
  return fmt::format("{:%a, %d %b %Y %H:%M:%S GMT}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  // Error messages may quote the bytes of a body that is not UTF-8 (nlohmann's parse errors
  // do): replace them instead of throwing type_error 316, which became a 500.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void fail(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  reply(res, status, json{{"code", code}, {"message", message}});
}

std::expected<json, std::string> parse_body(const httplib::Request& req) {
  try {
    return json::parse(req.body);
  } catch (const json::exception& e) {
    return std::unexpected(fmt::format("the body is not JSON in UTF-8: {}", e.what()));
  }
}

// The folder of the socket: created 0700, or refused when someone else owns it or can enter.
std::expected<void, std::string> check_socket_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::exists(folder, ec)) {
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
      return std::unexpected(fmt::format("cannot create the socket folder {}: {}", folder.string(),
                                         std::strerror(errno)));
    }
  }
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return std::unexpected(fmt::format("the socket folder {} is not a folder", folder.string()));
  }
  if (st.st_uid != ::geteuid() || (st.st_mode & 077) != 0) {
    return std::unexpected(fmt::format(
        "the socket folder {} must belong to this user and be closed to others (chmod 700 {}): "
        "whoever can reach the socket can claim to be any kiosk",
        folder.string(), folder.string()));
  }
  return {};
}

// cpp-httplib (0.11, a compiled library) listens with a backlog of 5: a burst of new
// connections from nginx, as when several instances share the load or one has just died,
// then meets EAGAIN and nginx answers 502. Calling listen() again on the bound socket raises
// the backlog; the socket is found by its path, since httplib does not expose it.
void widen_backlog(const std::filesystem::path& path) {
  for (int fd = 3; fd < 1024; ++fd) {
    sockaddr_un addr{};
    socklen_t size = sizeof addr;
    int listening = 0;
    socklen_t flag_size = sizeof listening;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0 ||
        addr.sun_family != AF_UNIX || path.string() != addr.sun_path) {
      continue;
    }
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flag_size) == 0 && listening) {
      ::listen(fd, SOMAXCONN);
    }
  }
}

// A socket file left by a process that died is removed; one that answers is another server.
std::expected<void, std::string> clear_stale_socket(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};
  if (!S_ISSOCK(st.st_mode)) {
    return std::unexpected(
        fmt::format("{} exists and is not a socket; remove it or choose "
                    "another --listen path",
                    path.string()));
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.string().size());
  const bool live = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (fd >= 0) ::close(fd);
  if (live) {
    return std::unexpected(fmt::format("another server is already serving on {}", path.string()));
  }
  ::unlink(path.c_str());
  return {};
}
}  // namespace

struct Service::Impl {
  explicit Impl(Database& database) : db(database) {}

  void routes();
  void submit_claim(const httplib::Request& req, httplib::Response& res, const std::string& who);
  static std::string centre_of(const httplib::Request& req) {
    return subject_centre(req.get_header_value(kSubjectHeader));
  }

  Database& db;
  httplib::Server http;
};

void Service::Impl::routes() {
  // Before the body is read (httplib would inflate it): nginx refuses this already, so it
  // comes from something that is not our nginx, or from a changed configuration. The answer
  // closes the connection, since the unread body would otherwise be taken for the next request.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_header("Content-Encoding")) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("Date", http_date());
    res.set_header("Connection", "close");
    fail(res, 415, "unsupported_media_type",
         "compressed request bodies are not accepted; send the JSON uncompressed");
    return httplib::Server::HandlerResponse::Handled;
  });
  // Every reply carries Date (the kiosks' clock guard reads it) and JSON errors. The client
  // certificate was checked by nginx, which says so in X-Client-Verify and names it in
  // X-Client-Subject; nothing else can reach this socket to say otherwise.
  auto guarded = [this](auto handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Date", http_date());
      if (req.get_header_value(kVerifyHeader) != "SUCCESS") {
        return fail(res, 401, "unauthorized",
                    "no verified client certificate: requests must come through the TLS front "
                    "(nginx), which checks the kiosk's certificate");
      }
      const std::string who = subject_common_name(req.get_header_value(kSubjectHeader));
      if (who.empty()) {
        return fail(res, 403, "forbidden", "the client certificate's subject has no single CN");
      }
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
             // A centre's terminals (and its staff at any of them) see the centre's claims;
             // a terminal without a centre sees only its own.
             const std::string centre = centre_of(req);
             const bool visible = *claim && ((*claim)->terminal_id == who ||
                                             (!centre.empty() && (*claim)->centre == centre));
             if (!visible) {
               return fail(res, 404, "not_found",
                           "no claim with that id was submitted at this terminal's centre");
             }
             reply(res, 200, to_json(**claim));
           }));
  http.Get("/api/v1/config", guarded([this](const auto& req, auto& res, const auto& who) {
             auto config = db.config(who);
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
                return fail(res, 403, "forbidden",
                            "terminal_id differs from the client certificate");
              }
              if (auto ok = db.put_heartbeat(who, body->dump(), centre_of(req)); !ok)
                throw std::runtime_error(ok.error());
              reply(res, 200, json{{"terminal_id", who}, {"received_at", now_rfc3339()}});
            }));
  http.Post(
      "/api/v1/statements", guarded([this](const auto& req, auto& res, const auto& who) {
        auto body = parse_body(req);
        if (!body) return fail(res, 400, "bad_request", body.error());
        if (auto ok = api_schemas().validate(*body, "StatementRegistration"); !ok) {
          return fail(res, 422, "validation_failed", ok.error());
        }
        if ((*body)["terminal_id"] != who) {
          return fail(res, 403, "forbidden", "terminal_id differs from the client certificate");
        }
        auto from = kiosk::core::parse_date((*body)["period"]["from"].template get<std::string>());
        auto to = kiosk::core::parse_date((*body)["period"]["to"].template get<std::string>());
        if (!from || !to || *to < *from) {
          return fail(res, 422, "validation_failed",
                      "period.from and period.to must be real dates, from not after to");
        }
        auto outcome = db.register_statement(who, centre_of(req), *body);
        if (!outcome) throw std::runtime_error(outcome.error());
        if (outcome->result == InsertResult::conflict) {
          return fail(res, 409, "idempotency_conflict",
                      "a statement with this number was registered with other content");
        }
        reply(res, outcome->result == InsertResult::created ? 201 : 200, outcome->record);
      }));
  // Anyone holding the paper may check it, from any centre: the answer is what was printed.
  http.Get(R"(/api/v1/statements/([A-Za-z0-9-]{4,40}))",
           guarded([this](const auto& req, auto& res, const std::string&) {
             auto found = db.find_statement(req.matches[1]);
             if (!found) throw std::runtime_error(found.error());
             if (!*found) return fail(res, 404, "not_found", "no statement with that number");
             reply(res, 200, **found);
           }));
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    res.set_header("Date", http_date());
    if (res.status == 413) {
      return fail(res, 413, "payload_too_large", "the body is larger than 1 MiB");
    }
    fail(res, res.status == 404 ? 404 : res.status, res.status == 404 ? "not_found" : "bad_request",
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
  auto outcome = db.submit_claim(key, who, *body, centre_of(req));
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

Service::Service(std::unique_ptr<Impl> impl, std::filesystem::path socket_path)
    : m_impl(std::move(impl)), m_socket_path(std::move(socket_path)) {}

Service::~Service() {
  stop();
  ::unlink(m_socket_path.c_str());
}

std::expected<std::unique_ptr<Service>, std::string> Service::create(
    Database& db, const ServiceOptions& options) {
  const auto& path = options.socket_path;
  if (path.empty() || path.string().size() >= sizeof(sockaddr_un::sun_path)) {
    return std::unexpected(fmt::format("the socket path '{}' must be 1 to {} bytes long",
                                       path.string(), sizeof(sockaddr_un::sun_path) - 1));
  }
  if (auto ok = check_socket_folder(path.has_parent_path() ? path.parent_path() : "."); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = clear_stale_socket(path); !ok) return std::unexpected(ok.error());

  auto impl = std::make_unique<Impl>(db);
  impl->routes();
  impl->http.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  impl->http.set_address_family(AF_UNIX);
  impl->http.set_payload_max_length(kMaxBody);
  impl->http.set_tcp_nodelay(false);  // not a TCP socket
  impl->http.set_keep_alive_max_count(1'000'000);
  impl->http.set_keep_alive_timeout(kKeepAliveSeconds);
  // nginx sends each request whole once it has read it from the kiosk.
  impl->http.set_read_timeout(5);
  const mode_t old_mask = ::umask(0177);  // the socket is born 0600
  const bool bound = impl->http.bind_to_port(path.string(), 80);
  ::umask(old_mask);
  if (!bound) {
    return std::unexpected(
        fmt::format("cannot listen on {}: {}", path.string(), std::strerror(errno)));
  }
  widen_backlog(path);
  return std::unique_ptr<Service>(new Service(std::move(impl), path));
}

bool Service::run() {
  return m_impl->http.listen_after_bind();
}
void Service::stop() {
  m_impl->http.stop();
}

}  // namespace server
