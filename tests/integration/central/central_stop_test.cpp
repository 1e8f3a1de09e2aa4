// Stopping and starting the central side: central.sh stops nginx and kiosk-central within
// seconds of SIGTERM with connections open (on SQLite and on PostgreSQL), kiosk-central alone
// does too, and it will not serve from a socket folder others can enter.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include <fmt/core.h>
#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "central_front.h"
#include "server/subject.h"

using namespace kiosk;
using namespace server::test;
using namespace std::chrono;
namespace fs = std::filesystem;
using nlohmann::json;

TEST_CASE("SIGTERM stops nginx and kiosk-central within seconds, connections open or not") {
  const std::string engine = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  INFO("kiosk-central on " << engine);
  Front front(engine);
  const auto p = processes(front);
  REQUIRE(p.central > 0);
  REQUIRE_FALSE(p.nginx.empty());
  // A kept-alive kiosk connection, and a dribbler in the middle of its header.
  auto c = front.https();
  REQUIRE(c->Get("/api/v1/health"));
  TlsConnection slow(front.port(), front.tls, false);
  REQUIRE(slow.write("GET /api/v1/health HTTP/1.1\r\n"));
  const auto took = front.stop();
  fmt::print("central.sh stopped nginx and kiosk-central in {} ms\n", took.count());
  CHECK(took < seconds(5));
  CHECK_FALSE(alive(p.central));
  for (pid_t n : p.nginx) CHECK_FALSE(alive(n));
}

TEST_CASE("kiosk-central alone stops within 2 s of SIGTERM while a connection idles") {
  kiosk::test::TempDir dir;
  const fs::path socket = dir.path() / "run" / "central.sock";
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const std::string exe = kiosk::test::binary("server/kiosk-central").string();
  const std::string listen = "unix:" + socket.string(), db = (dir.path() / "c.db").string();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    const int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, 2);  // its log
    ::execl(exe.c_str(), exe.c_str(), "--listen", listen.c_str(), "--db", db.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char ch;
  while (line.find('\n') == std::string::npos && ::read(out[0], &ch, 1) == 1) line += ch;
  ::close(out[0]);
  REQUIRE(line == "listening on " + listen + "\n");
  // nginx keeps idle connections to kiosk-central; one of them is open here.
  httplib::Client client(socket.string(), 80);
  client.set_address_family(AF_UNIX);
  client.set_keep_alive(true);
  auto res = client.Get("/api/v1/health", {{server::kVerifyHeader, "SUCCESS"},
                                           {server::kSubjectHeader, "CN=DEMO-0001"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto start = steady_clock::now();
  ::kill(pid, SIGTERM);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (steady_clock::now() - start > seconds(30)) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  const auto took = duration_cast<milliseconds>(steady_clock::now() - start);
  fmt::print("kiosk-central stopped in {} ms with an idle kept-alive connection\n", took.count());
  CHECK(took < seconds(2));
  CHECK(WIFEXITED(status));
  CHECK_FALSE(fs::exists(socket));
}

TEST_CASE("kiosk-central will not serve from a socket folder others can enter") {
  kiosk::test::TempDir dir;
  const fs::path open_folder = dir.path() / "run";
  fs::create_directories(open_folder);
  fs::permissions(open_folder, fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  auto r = kiosk::test::run_command(
      fmt::format("'{}' --listen 'unix:{}/central.sock' --db '{}/c.db' 2>&1",
                  kiosk::test::binary("server/kiosk-central").string(), open_folder.string(),
                  dir.path().string()));
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("chmod 700") != std::string::npos);
  CHECK_FALSE(fs::exists(open_folder / "central.sock"));
  // And the old way in, TLS on a TCP port, is gone.
  auto tcp = kiosk::test::run_command(
      fmt::format("'{}' --listen 127.0.0.1:0 --db '{}/c.db' 2>&1",
                  kiosk::test::binary("server/kiosk-central").string(), dir.path().string()));
  CHECK(tcp.status == 2);
  CHECK(tcp.out.find("unix:PATH") != std::string::npos);
}
