// run_process: exit codes, output, the child's environment, the time limit, and standard
// input that the child does not read or that is larger than a pipe holds.
#include <string>

#include <catch2/catch.hpp>

#include "process.h"
#include "scoped_env.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;

TEST_CASE("run_process returns the exit code and both outputs") {
  auto r = run_process({"sh", "-c", "printf out; printf err >&2; exit 7"});
  CHECK(r.exit_code == 7);
  CHECK(r.signal == 0);
  CHECK_FALSE(r.timed_out);
  CHECK(r.out == "out");
  CHECK(r.err == "err");

  auto missing = run_process({"/nonexistent/program"});
  CHECK(missing.exit_code != 0);
  CHECK(missing.err.find("/nonexistent/program") != std::string::npos);
}

TEST_CASE("run_process sets and removes variables for the child only") {
  ScopedEnv parent("KIOSK_TEST_PROCESS_DROP", "parent");
  ProcessOptions options;
  options.env["KIOSK_TEST_PROCESS_SET"] = "child";
  options.env["KIOSK_TEST_PROCESS_DROP"] = std::nullopt;
  auto r = run_process(
      {"sh", "-c", "echo \"${KIOSK_TEST_PROCESS_SET}|${KIOSK_TEST_PROCESS_DROP-unset}\""}, options);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "child|unset\n");
  CHECK(std::getenv("KIOSK_TEST_PROCESS_SET") == nullptr);
}

TEST_CASE("run_process kills a child that outlives its time limit") {
  ProcessOptions options;
  options.timeout = 200ms;
  auto r = run_process({"sleep", "60"}, options);
  CHECK(r.timed_out);
  CHECK(r.signal == 9);
  CHECK(r.exit_code == -1);
}

TEST_CASE("standard input the child never reads does not kill the test with SIGPIPE") {
  ProcessOptions options;
  options.stdin_text.assign(1 << 20, 'x');  // more than a pipe holds
  auto r = run_process({"sh", "-c", "exit 3"}, options);
  CHECK(r.exit_code == 3);
  CHECK_FALSE(r.timed_out);
}

TEST_CASE("standard input larger than a pipe is fed while the output is read") {
  // cat echoes as it reads: writing all of stdin before reading stdout would deadlock.
  ProcessOptions options;
  options.stdin_text.assign(1 << 20, 'y');
  options.timeout = 60s;
  auto r = run_process({"cat"}, options);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() == options.stdin_text.size());
  CHECK(r.out == options.stdin_text);
}
