// kioskctl sync run|status: drain the outbox to the central server, or show where it stands.
#include <chrono>
#include <filesystem>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "args.h"
#include "kiosk/store/store.h"
#include "kiosk/sync/worker.h"
#if __has_include("kiosk/app/config.h")
#include "kiosk/app/config.h"
#define KIOSKCTL_HAS_APP_CONFIG 1
#endif

namespace kiosk::ctl {
namespace {
constexpr const char* kUsage =
    "usage: kioskctl sync run (--config FILE | --db PATH --server URL --tls-dir DIR)\n"
    "                         [--until-empty] [--timeout-s N]\n"
    "       kioskctl sync status (--config FILE | --db PATH --server URL --tls-dir DIR)\n"
    "run sends what is due now (with --until-empty: keeps going, retries included, until\n"
    "nothing is pending, or N seconds, default 300) and prints\n"
    "{\"acked\", \"quarantined\", \"pending\", \"last_error_class\"}; exit 0 when nothing is left\n"
    "to send, 1 otherwise. status prints the queue and probes the server without sending.\n"
    "--tls-dir holds ca.pem, kiosk.pem and kiosk.key as deploy/dev-ca.sh names them; the\n"
    "database's key file is PATH.key.\n";

struct Target {
  std::filesystem::path db;
  sync::ClientOptions client;
  std::string terminal_id;
};

std::expected<Target, std::string> target_from(const ParsedArgs& args) {
  Target t;
  if (auto config_path = args.get("--config")) {
    if (args.has("--db") || args.has("--server") || args.has("--tls-dir")) {
      return std::unexpected("use either --config or --db/--server/--tls-dir, not both");
    }
#ifdef KIOSKCTL_HAS_APP_CONFIG
    auto config = app::load_config(*config_path);
    if (!config) return std::unexpected(config.error());
    t.db = config->database_path();
    t.client.base_url = config->central.url;
    t.client.ca_file = config->central.ca_file.empty() ? config->data_dir / "tls" / "ca.pem"
                                                       : config->central.ca_file;
    // Empty paths mean the files deploy/dev-ca.sh makes, in <data_dir>/tls (deploy/kiosk.toml).
    t.client.cert_file = config->central.cert_file.empty() ? config->data_dir / "tls" / "kiosk.pem"
                                                           : config->central.cert_file;
    t.client.key_file = config->central.key_file.empty() ? config->data_dir / "tls" / "kiosk.key"
                                                         : config->central.key_file;
    t.terminal_id = config->terminal_id;
    return t;
#else
    return std::unexpected("this kioskctl was built without the kiosk configuration reader; "
                           "use --db, --server and --tls-dir");
#endif
  }
  auto db = args.get("--db");
  auto server = args.get("--server");
  auto tls = args.get("--tls-dir");
  if (!db || !server || !tls) {
    return std::unexpected("sync needs --config FILE, or --db PATH --server URL --tls-dir DIR");
  }
  t.db = *db;
  t.client = sync::client_options_from_tls_dir(*server, *tls);
  return t;
}

std::expected<store::Store, std::string> open_store(const std::filesystem::path& db) {
  if (!std::filesystem::exists(db)) {
    return std::unexpected(fmt::format("there is no database at {}", db.string()));
  }
  store::StoreOptions options;
  options.db_path = db;
  options.create_key = store::CreateKey::never;
  options.on_damage = store::OnDamage::fail;
  auto opened = store::Store::open(options);
  if (!opened) return std::unexpected(opened.error().message);
  return std::move(*opened);
}

nlohmann::json optional_text(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

int run(const Target& target, bool until_empty, std::int64_t timeout_s) {
  auto opened = open_store(target.db);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  sync::SyncOptions options;
  options.terminal_id = target.terminal_id;
  sync::Worker worker(*opened, target.client, options);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  auto result = until_empty ? worker.run_until_empty(deadline) : worker.run_due(deadline);
  if (!result) {
    fmt::print(stderr, "kioskctl sync: {} ({})\n", result.error().message,
               sync::to_string(result.error().cls));
    return kExitFailure;
  }
  const auto s = worker.state();
  const nlohmann::json out = {{"acked", s.acked},
                              {"quarantined", s.quarantined},
                              {"pending", s.pending + s.sending + s.retry_wait},
                              {"last_error_class", optional_text(s.last_error_class)}};
  fmt::print("{}\n", out.dump());
  return *result ? kExitOk : kExitFailure;
}

int status(const Target& target) {
  auto opened = open_store(target.db);
  if (!opened) return usage_error(opened.error()), kExitFailure;
  auto counts = store::Outbox(*opened).counts(store::now_ms());
  if (!counts) {
    fmt::print(stderr, "kioskctl sync: {}\n", counts.error().message);
    return kExitFailure;
  }
  nlohmann::json out = {
      {"acked", counts->acked},
      {"quarantined", counts->quarantined},
      {"pending", counts->pending + counts->sending + counts->retry_wait},
      {"retry_wait", counts->retry_wait},
      {"sending", counts->sending},
      {"oldest_pending_age_s", counts->oldest_pending_age_ms
                                   ? nlohmann::json(*counts->oldest_pending_age_ms / 1000)
                                   : nlohmann::json(nullptr)},
      {"last_acked_ms", counts->last_acked_ms ? nlohmann::json(*counts->last_acked_ms)
                                              : nlohmann::json(nullptr)},
      {"last_error_class", optional_text(counts->last_error_class)}};
  // A health probe tells whether the server is reachable now, and if not, why.
  auto client = sync::Client::create(target.client);
  if (client) {
    auto probe = client->health();
    out["server_reachable"] = probe.has_value();
    out["probe_error_class"] =
        probe ? nlohmann::json(nullptr) : nlohmann::json(sync::to_string(probe.error().cls));
  } else {
    out["server_reachable"] = false;
    out["probe_error_class"] = sync::to_string(client.error().cls);
  }
  fmt::print("{}\n", out.dump());
  return kExitOk;
}

int sync_command(const Args& raw) {
  if (raw.empty() || raw[0] == "--help" || raw[0] == "-h") {
    fmt::print("{}", kUsage);
    return raw.empty() ? kExitUsage : kExitOk;
  }
  if (raw[0] != "run" && raw[0] != "status") {
    return usage_error(fmt::format("unknown sync command '{}'; use run or status", raw[0]));
  }
  auto args = parse_args(Args(raw.begin() + 1, raw.end()),
                         {{"--config", "--db", "--server", "--tls-dir", "--timeout-s"},
                          {"--until-empty"}});
  if (!args) return usage_error(args.error());
  if (!args->positionals.empty()) {
    return usage_error(fmt::format("unexpected argument '{}'", args->positionals[0]));
  }
  auto target = target_from(*args);
  if (!target) return usage_error(target.error());
  // stdout carries the one JSON result line; the worker's log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("sync"));
  if (raw[0] == "status") {
    if (args->has("--until-empty") || args->has("--timeout-s")) {
      return usage_error("sync status takes no --until-empty or --timeout-s");
    }
    return status(*target);
  }
  auto timeout = args->get_int("--timeout-s", 1, 7 * 24 * 3600);
  if (!timeout) return usage_error(timeout.error());
  return run(*target, args->has("--until-empty"), timeout->value_or(300));
}
}  // namespace

KIOSKCTL_COMMAND(sync, "sync", "upload the claim outbox to the central server, or show it",
                 sync_command);

}  // namespace kiosk::ctl
