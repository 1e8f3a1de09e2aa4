#include "central_launch.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/core.h>

#include "kiosk/store/demo_claims.h"
#include "processes.h"
#include "server/demo_data.h"

namespace server::test {
namespace fs = std::filesystem;
using namespace std::chrono;

std::expected<std::unique_ptr<CentralRun>, std::string> CentralRun::start(
    const fs::path& dir, const std::vector<std::string>& args) {
  std::unique_ptr<CentralRun> run(new CentralRun());
  run->m_dir = dir;
  fs::create_directories(dir);
  const std::string script = fs::path(KIOSK_SOURCE_DIR) / "deploy/central.sh";
  const std::string central = fs::path(KIOSK_BINARY_DIR) / "server/kiosk-central";
  const std::string log = dir.string() + ".log";
  std::vector<std::string> argv_s{script, dir.string(), "--listen", "127.0.0.1:0"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  int out[2];
  if (::pipe(out) != 0) return std::unexpected(std::string("pipe failed"));
  run->m_pid = ::fork();
  if (run->m_pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (err >= 0) ::dup2(err, 2);
    ::setenv("KIOSK_CENTRAL", central.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(script.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  pollfd p{out[0], POLLIN, 0};
  const auto deadline = steady_clock::now() + seconds(60);
  while (line.find('\n') == std::string::npos && steady_clock::now() < deadline) {
    if (::poll(&p, 1, 200) <= 0) continue;
    char c[256];
    const auto n = ::read(out[0], c, sizeof c);
    if (n <= 0) break;
    line.append(c, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (!line.starts_with("listening on ")) {
    std::ifstream in(log);
    std::stringstream said;
    said << in.rdbuf();
    return std::unexpected("central.sh did not start: " + said.str());
  }
  run->m_port = std::stoi(line.substr(line.rfind(':') + 1));
  return run;
}

CentralRun::~CentralRun() {
  stop();
}

std::vector<pid_t> CentralRun::centrals() const {
  std::vector<pid_t> out;
  for (pid_t child : children(m_pid)) {
    if (comm(child) == "kiosk-central") out.push_back(child);
  }
  return out;
}

std::vector<pid_t> CentralRun::nginx() const {
  std::vector<pid_t> out;
  for (pid_t child : children(m_pid)) {
    if (comm(child) != "nginx") continue;
    out.push_back(child);
    for (pid_t worker : children(child)) out.push_back(worker);
  }
  return out;
}

void CentralRun::reload() const {
  if (m_pid > 0) ::kill(m_pid, SIGHUP);
}

void CentralRun::stop() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGTERM);
  const auto deadline = steady_clock::now() + seconds(20);
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
}

std::expected<void, std::string> make_terminal(const fs::path& tls, const std::string& id,
                                               const std::string& centre) {
  const std::string command = fmt::format(
      "'{}' --terminal '{}' '{}' '{}' >/dev/null 2>&1",
      (fs::path(KIOSK_SOURCE_DIR) / "deploy/dev-ca.sh").string(), tls.string(), id, centre);
  if (std::system(command.c_str()) != 0) {
    return std::unexpected("dev-ca.sh --terminal failed for " + id);
  }
  return {};
}

std::string uuid_of(std::size_t n, unsigned salt) {
  return fmt::format("{:08x}-0000-4000-8000-{:012}", salt, n);
}

nlohmann::json demo_claim_request(std::size_t n, const std::string& terminal,
                                  const std::string& uuid) {
  const auto& person = kiosk::store::demo_people()[n % kiosk::store::demo_people().size()];
  auto bills =
      server::demo_claim_bills(std::string(person.id_number), {fmt::format("DEMO-{:06}-1", n)});
  return {
      {"claim_uuid", uuid},
      {"terminal_id", terminal},
      {"sequence", static_cast<std::int64_t>(n + 1)},
      {"created_at", "2026-11-28T10:15:30+08:00"},
      {"member",
       {{"id_number", std::string(person.id_number)},
        {"name", std::string(person.name)},
        {"phone", std::string(person.phone)}}},
      {"bank_account", "6222021234567890123"},
      {"bills", bills},
      {"estimate", {{"total_benefit_fen", 0}, {"plans", nlohmann::json::array()}}},
      {"commitment",
       {{"text_version", "2026.1"},
        {"signature_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
        {"accepted_at", "2026-11-28T10:15:02+08:00"}}}};
}

double cpu_seconds(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) {
      stime = std::stol(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long rss_kb(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace server::test
