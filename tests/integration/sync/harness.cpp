#include "harness.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/core.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace kiosk::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  // tmpfs when there is one: the suites commit thousands of SQLite transactions (fsync each).
  const char* env = std::getenv("TMPDIR");
  fs::path base = env ? env : "/tmp";
  if (::access("/dev/shm", W_OK) == 0) base = "/dev/shm";
  m_path = base / fmt::format("kiosk-sync-{:08x}{:08x}", rd(), rd());
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

fs::path binary(const std::string& relative) {
  return fs::path(KIOSK_BINARY_DIR) / relative;
}
fs::path source(const std::string& relative) {
  return fs::path(KIOSK_SOURCE_DIR) / relative;
}

void make_dev_ca(const fs::path& dir, const std::string& terminal) {
  auto r = run_command(fmt::format("'{}' '{}' '{}' 2>&1", source("deploy/dev-ca.sh").string(),
                                   dir.string(), terminal));
  INFO(r.out);
  REQUIRE(r.status == 0);
}

void make_cert(const fs::path& ca_dir, const fs::path& out_dir, const std::string& name,
               const std::string& cn, const std::string& san, int days, bool client) {
  const fs::path key = out_dir / (name + ".key"), pem = out_dir / (name + ".pem"),
                 ext = out_dir / (name + ".ext");
  {
    FILE* f = std::fopen(ext.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fprintf(f, "basicConstraints=CA:FALSE\nextendedKeyUsage=%s\n",
                 client ? "clientAuth" : "serverAuth");
    if (!san.empty()) std::fprintf(f, "subjectAltName=%s\n", san.c_str());
    std::fclose(f);
  }
  // An expired certificate needs explicit dates: `openssl ca` takes them (OpenSSL 3.0's
  // x509 -req does not), with a throwaway CA database in out_dir.
  std::string sign = fmt::format(
      "openssl x509 -req -in '{0}.csr' -CA '{1}/ca.pem' -CAkey '{1}/ca.key' -CAcreateserial "
      "-sha256 -days {2} -extfile '{3}' -out '{0}' 2>&1",
      pem.string(), ca_dir.string(), days, ext.string());
  if (days < 0) {
    auto stamp = [](std::chrono::system_clock::time_point t) {
      const std::time_t tt = std::chrono::system_clock::to_time_t(t);
      std::tm tm{};
      gmtime_r(&tt, &tm);
      char text[32];
      std::strftime(text, sizeof text, "%Y%m%d%H%M%SZ", &tm);
      return std::string(text);
    };
    const auto now = std::chrono::system_clock::now();
    const fs::path db = out_dir / (name + ".ca");
    fs::create_directories(db);
    FILE* cnf = std::fopen((db / "ca.cnf").c_str(), "w");
    REQUIRE(cnf != nullptr);
    std::fprintf(cnf,
                 "[ca]\ndefault_ca=d\n[d]\ndatabase=%s/index.txt\nnew_certs_dir=%s\n"
                 "serial=%s/serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n"
                 "[p]\ncommonName=supplied\n",
                 db.c_str(), db.c_str(), db.c_str());
    std::fclose(cnf);
    sign = fmt::format(
        "touch '{0}/index.txt' && echo 01 > '{0}/serial' && openssl ca -batch -config "
        "'{0}/ca.cnf' -cert '{1}/ca.pem' -keyfile '{1}/ca.key' -in '{2}.csr' -out '{2}' "
        "-startdate {3} -enddate {4} -extfile '{5}' -notext 2>&1",
        db.string(), ca_dir.string(), pem.string(), stamp(now - std::chrono::hours(24 * 400)),
        stamp(now + std::chrono::hours(24 * days)), ext.string());
  }
  const std::string cmd = fmt::format(
      "cd '{0}' && openssl req -newkey rsa:2048 -nodes -sha256 -subj '/CN={1}' -keyout '{2}' "
      "-out '{3}.csr' 2>&1 && {4}",
      out_dir.string(), cn, key.string(), pem.string(), sign);
  auto r = run_command(cmd);
  INFO(cmd << "\n" << r.out);
  REQUIRE(r.status == 0);
}

ServerProcess::ServerProcess(const fs::path& dir, const fs::path& tls_dir, bool demo_data)
    : m_dir(dir) {
  fs::create_directories(m_dir);
  if (fs::weakly_canonical(tls_dir) != fs::weakly_canonical(m_dir / "tls")) {
    fs::copy(tls_dir, m_dir / "tls",
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const std::string script = source("deploy/central.sh").string();
  const std::string central = binary("server/kiosk-central").string();
  const std::string dir_s = m_dir.string();
  const std::string log = m_dir.string() + ".log";  // beside DIR: central.sh's own messages
  m_pid = ::fork();
  REQUIRE(m_pid >= 0);
  if (m_pid == 0) {
    ::setpgid(0, 0);  // its own group: a last-resort SIGKILL reaches nginx and kiosk-central
    // If the test process dies without stopping it, central.sh stops nginx and kiosk-central.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (err >= 0) ::dup2(err, 2);
    ::setenv("KIOSK_CENTRAL", central.c_str(), 1);  // only in the child
    std::vector<const char*> argv{script.c_str(), dir_s.c_str(), "--listen", "127.0.0.1:0"};
    if (demo_data) argv.push_back("--demo-data");
    argv.push_back(nullptr);
    ::execv(script.c_str(), const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  pollfd p{out[0], POLLIN, 0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (::poll(&p, 1, 200) <= 0) continue;
    char c[256];
    const auto n = ::read(out[0], c, sizeof c);
    if (n <= 0) break;
    line.append(c, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  const auto colon = line.rfind(':');
  if (!line.starts_with("listening on ")) {
    std::ifstream in(log);
    std::stringstream said;
    said << in.rdbuf();
    INFO("central.sh said: " << line << "\n" << said.str());
    REQUIRE(line.starts_with("listening on "));
  }
  m_port = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
  if (m_pid <= 0) return;
  stop();
}

void ServerProcess::reload() {
  if (m_pid > 0) ::kill(m_pid, SIGHUP);
}

std::chrono::milliseconds ServerProcess::stop() {
  using namespace std::chrono;
  const auto start = steady_clock::now();
  if (m_pid <= 0) return milliseconds(0);
  ::kill(m_pid, SIGTERM);
  const auto deadline = start + seconds(20);
  int status = 0;
  while (::waitpid(m_pid, &status, WNOHANG) != m_pid) {
    if (steady_clock::now() > deadline) {
      ::kill(-m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  m_pid = -1;
  return duration_cast<milliseconds>(steady_clock::now() - start);
}

std::string ServerProcess::url() const {
  return fmt::format("https://127.0.0.1:{}", m_port);
}

std::vector<AccessEntry> read_access_log(const fs::path& log) {
  std::vector<AccessEntry> entries;
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    entries.push_back({j.at("status").get<int>(), j.at("method").get<std::string>(),
                       j.at("uri").get<std::string>(), j.at("idempotency_key").get<std::string>(),
                       j.at("subject").get<std::string>()});
  }
  return entries;
}

ClaimPosts claim_posts(const std::vector<AccessEntry>& entries) {
  ClaimPosts out;
  for (const auto& e : entries) {
    if (e.method != "POST" || e.uri != "/api/v1/claims") continue;
    ++out.posts[e.idempotency_key];
    if (e.status == 201) ++out.created[e.idempotency_key];
  }
  return out;
}

std::vector<std::string> list_claims(const fs::path& db) {
  auto r = run_command(fmt::format("'{}' list-claims --db '{}'",
                                   binary("server/kiosk-central").string(), db.string()));
  REQUIRE(r.status == 0);
  std::vector<std::string> lines;
  std::size_t start = 0, end;
  while ((end = r.out.find('\n', start)) != std::string::npos) {
    lines.push_back(r.out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace kiosk::test
