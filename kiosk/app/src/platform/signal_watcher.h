#pragma once
// SIGUSR1 asks the kiosk for a snapshot of its screen (remote support, tests). The signal
// is taken by sigwait() on a thread of its own, so the handler code runs in a normal thread
// and may lock and push events; every other thread has SIGUSR1 blocked.
#include <atomic>
#include <functional>
#include <thread>

namespace kiosk::app {

// Call first thing in main(), before any thread exists, so that every thread inherits the mask.
void block_watched_signals();

class SignalWatcher {
 public:
  explicit SignalWatcher(std::function<void()> on_usr1);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  std::atomic<bool> m_stopping{false};
  std::function<void()> m_on_usr1;
  std::thread m_thread;
};

}  // namespace kiosk::app
