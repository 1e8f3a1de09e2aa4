#include "platform/signal_watcher.h"

#include <pthread.h>
#include <signal.h>

namespace kiosk::app {
namespace {
sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  return set;
}
}  // namespace

void block_watched_signals() {
  sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::function<void()> on_usr1)
    : m_on_usr1(std::move(on_usr1)), m_thread([this] {
        sigset_t set = watched();
        while (true) {
          int signal = 0;
          if (sigwait(&set, &signal) != 0) continue;
          if (m_stopping.load()) return;
          m_on_usr1();
        }
      }) {}

SignalWatcher::~SignalWatcher() {
  m_stopping.store(true);
  pthread_kill(m_thread.native_handle(), SIGUSR1);  // wakes sigwait; it sees m_stopping
  m_thread.join();
}

}  // namespace kiosk::app
