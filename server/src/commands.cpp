#include "commands.h"

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "server/database.h"
#include "server/demo_data.h"
#include "server/service.h"

namespace server::cli {

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
    if (a == "--listen")
      ok = value(o.listen);
    else if (a == "--db")
      ok = value(o.db);
    else if (a == "--key")
      ok = value(o.key);
    else if (a == "--connections")
      ok = value(o.connections);
    else if (a == "--group-commit")
      ok = value(o.group_commit);
    else if (a == "--reason")
      ok = value(o.reason);
    else if (a == "--centre")
      ok = value(o.centre);
    else if (a == "--terminal")
      ok = value(o.terminal);
    else if (a == "--status")
      ok = value(o.status);
    else if (a == "--from")
      ok = value(o.from);
    else if (a == "--to")
      ok = value(o.to);
    else if (a == "--format")
      ok = value(o.format);
    else if (a == "--demo-data")
      o.demo_data = true;
    else if (a.starts_with("--"))
      ok = false;
    else
      o.positionals.push_back(a);
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

std::unique_ptr<Database> open_db(const Options& o) {
  StorageOptions storage{*o.db, o.key.value_or(""), 8};
  if (o.connections) {
    try {
      storage.connections = std::stoul(*o.connections);
    } catch (const std::exception&) {
      storage.connections = 0;
    }
    if (storage.connections == 0 || storage.connections > 200) {
      fmt::print(stderr, "kiosk-central: --connections must be 1 to 200\n");
      return nullptr;
    }
  }
  if (o.group_commit) {
    if (*o.group_commit != "on" && *o.group_commit != "off") {
      fmt::print(stderr, "kiosk-central: --group-commit takes on or off\n");
      return nullptr;
    }
    storage.group_commit = *o.group_commit == "on" ? GroupCommit::on : GroupCommit::off;
  }
  auto db = Database::open(storage);
  if (!db) {
    fmt::print(stderr, "kiosk-central: {}\n", db.error());
    return nullptr;
  }
  return std::move(*db);
}

namespace {
Service* g_service = nullptr;
constexpr std::chrono::milliseconds kStopGrace{700};
}  // namespace

int serve(const Args& args) {
  auto o = parse(args);
  if (!o) return 2;
  if (!o->listen || !o->db || !o->positionals.empty()) {
    return usage("serving needs --listen unix:PATH and --db sqlite:PATH|postgresql://...");
  }
  if (!o->listen->starts_with("unix:") || o->listen->size() <= 5) {
    return usage(
        "--listen expects unix:PATH, a socket in a 0700 folder that only nginx can "
        "reach (kiosk-central trusts the client certificate nginx passes on it)");
  }
  const std::filesystem::path socket_path = o->listen->substr(5);

  // stdout carries only the "listening on" line; the log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kiosk-central"));
  // Signals are blocked before any thread starts, so only the waiter below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto db = open_db(*o);
  if (!db) return 1;
  if (o->demo_data) {
    if (auto ok = load_demo_data(*db); !ok) {
      fmt::print(stderr, "kiosk-central: {}\n", ok.error());
      return 1;
    }
  }
  auto service = Service::create(*db, {socket_path});
  if (!service) {
    fmt::print(stderr, "kiosk-central: {}\n", service.error());
    return 1;
  }
  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool stopped = false;
  g_service = service->get();
  std::thread waiter([&, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == 0 || g_service == nullptr) return;
    g_service->stop();
    if (const auto batches = db->batch_stats(); batches.batches > 0) {
      spdlog::info("group commit: {} claims in {} transactions, the largest of {}", batches.claims,
                   batches.batches, batches.largest);
    }
    // stop() waits for every connection's thread, and an idle kept-alive one only notices
    // after its timeout. nginx closes its connections when it stops; if some are still open
    // after this grace, nothing is half-written (each batch of claims is one database
    // transaction, answered only after it commits, and the kiosk re-sends what was not
    // answered), so the process ends without them.
    std::unique_lock lock(mutex);
    if (!stopped_cv.wait_for(lock, kStopGrace, [&] { return stopped; })) {
      spdlog::warn("kiosk-central: connections still open {} ms after the stop signal; exiting",
                   kStopGrace.count());
      spdlog::default_logger()->flush();
      ::unlink(socket_path.c_str());
      std::_Exit(0);
    }
  });
  fmt::print("listening on unix:{}\n", socket_path.string());
  std::fflush(stdout);
  spdlog::info("kiosk-central serving on unix:{}{}", socket_path.string(),
               o->demo_data ? " with demo data" : "");
  const bool ok = (*service)->run();
  {
    std::lock_guard lock(mutex);
    stopped = true;
  }
  stopped_cv.notify_all();
  // Wake the waiter if run() ended for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  g_service = nullptr;
  return ok ? 0 : 1;
}

}  // namespace server::cli
