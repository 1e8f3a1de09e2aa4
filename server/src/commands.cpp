#include "commands.h"

#include <csignal>
#include <cstdio>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "server/database.h"
#include "server/demo_data.h"
#include "server/service.h"

namespace server::cli {
namespace {

struct Options {
  std::optional<std::string> listen, db, tls_dir, reason;
  bool demo_data = false;
  std::vector<std::string> positionals;
};

std::optional<Options> parse(const Args& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::optional<std::string>& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "--listen") ok = value(o.listen);
    else if (a == "--db") ok = value(o.db);
    else if (a == "--tls-dir") ok = value(o.tls_dir);
    else if (a == "--reason") ok = value(o.reason);
    else if (a == "--demo-data") o.demo_data = true;
    else if (a.starts_with("--")) ok = false;
    else o.positionals.push_back(a);
    if (!ok) {
      fmt::print(stderr, "kiosk-central: unknown option or missing value: {}\n", a);
      return std::nullopt;
    }
  }
  return o;
}

int usage(const std::string& message) {
  fmt::print(stderr, "kiosk-central: {} (kiosk-central --help)\n", message);
  return 2;
}

std::unique_ptr<Database> open_db(const std::string& path) {
  auto db = Database::open(path);
  if (!db) {
    fmt::print(stderr, "kiosk-central: {}\n", db.error());
    return nullptr;
  }
  return std::move(*db);
}

Service* g_service = nullptr;
}  // namespace

int serve(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->listen || !o->db || !o->tls_dir || !o->positionals.empty()) {
    return usage("serving needs --listen HOST:PORT, --db PATH and --tls-dir DIR");
  }
  const auto colon = o->listen->rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(o->listen->substr(colon + 1));
    } catch (const std::exception&) {
    }
  }
  if (port < 0 || port > 65535) return usage("--listen expects HOST:PORT, e.g. 127.0.0.1:8443");
  std::string host = o->listen->substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);

  // stdout carries only the "listening on" line; the log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kiosk-central"));
  auto db = open_db(*o->db);
  if (!db) return 1;
  if (o->demo_data) {
    if (auto ok = load_demo_data(*db); !ok) {
      fmt::print(stderr, "kiosk-central: {}\n", ok.error());
      return 1;
    }
  }
  auto service = Service::create(*db, {host, port, *o->tls_dir});
  if (!service) {
    fmt::print(stderr, "kiosk-central: {}\n", service.error());
    return 1;
  }
  // SIGINT/SIGTERM stop the server cleanly: a waiting thread calls stop().
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  g_service = service->get();
  std::thread waiter([signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig != 0 && g_service) g_service->stop();
  });
  fmt::print("listening on {}:{}\n", host, (*service)->port());
  std::fflush(stdout);
  spdlog::info("kiosk-central serving on {}:{}{}", host, (*service)->port(),
               o->demo_data ? " with demo data" : "");
  const bool ok = (*service)->run();
  // Wake the waiter if run() ended for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  g_service = nullptr;
  return ok ? 0 : 1;
}

int list_claims(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->db || !o->positionals.empty()) return usage("list-claims needs --db PATH");
  auto db = open_db(*o->db);
  if (!db) return 1;
  auto claims = db->list_claims();
  if (!claims) {
    fmt::print(stderr, "kiosk-central: {}\n", claims.error());
    return 1;
  }
  for (const auto& claim : *claims) {
    auto line = to_json(claim);
    line["idempotency_key"] = claim.idempotency_key;
    fmt::print("{}\n", line.dump());
  }
  return 0;
}

int set_status(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->db || o->positionals.size() != 2) {
    return usage("set-status needs --db PATH CLAIM STATUS [--reason TEXT]");
  }
  auto db = open_db(*o->db);
  if (!db) return 1;
  auto updated = db->set_status(o->positionals[0], o->positionals[1], o->reason);
  if (!updated) {
    fmt::print(stderr, "kiosk-central: {}\n", updated.error());
    return 1;
  }
  fmt::print("{}\n", to_json(*updated).dump());
  return 0;
}

}  // namespace server::cli
