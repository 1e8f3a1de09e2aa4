#pragma once
// Changes one environment variable for a scope and puts back what was there (the old value,
// or no variable at all), even when a REQUIRE throws out of the test. Tests that need other
// values for HOME, XDG_*, TZ and the like use it instead of bare setenv/unsetenv, so that the
// next test in the same process sees the environment it started with.
//
//   kiosk::testing::ScopedEnv home("HOME", "/home/worker");
//   kiosk::testing::ScopedEnv no_xdg("XDG_DATA_HOME", std::nullopt);
#include <cstdlib>
#include <optional>
#include <string>

namespace kiosk::testing {

class ScopedEnv {
 public:
  // Sets NAME to VALUE, or removes it when VALUE is nullopt.
  ScopedEnv(std::string name, const std::optional<std::string>& value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str())) m_old = old;
    if (value) {
      ::setenv(m_name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name.c_str(), m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string m_name;
  std::optional<std::string> m_old;
};

}  // namespace kiosk::testing
