#pragma once
// The virtual printer as a TCP peer, running on its own thread: each connection is a job,
// each cut (or the end of the connection) a PNG in the output folder. Status queries are
// answered from a state that can be changed at any time (paper near end, out, cover open,
// offline). The kiosk demo runs it in-process; `kioskctl printer sim` runs it alone.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer/error.h"
#include "drivers/printer/interpreter.h"
#include "drivers/printer/profile.h"

namespace drivers::printer {

struct VirtualPrinterOptions {
  std::string host = "127.0.0.1";
  int port = 0;                   // 0 = an ephemeral port; see VirtualPrinter::port()
  std::filesystem::path out_dir;  // created when missing
  Profile profile = generic_80mm();
  PrinterState state;
};

class VirtualPrinter {
 public:
  using PageCallback = std::function<void(const std::filesystem::path&)>;

  // Binds, listens and starts the thread.
  static std::expected<std::unique_ptr<VirtualPrinter>, Error> start(VirtualPrinterOptions options);
  ~VirtualPrinter();  // stop()
  VirtualPrinter(const VirtualPrinter&) = delete;
  VirtualPrinter& operator=(const VirtualPrinter&) = delete;

  int port() const { return m_port; }
  std::string uri() const;  // "tcp://127.0.0.1:<port>"

  void set_state(const PrinterState& state);
  PrinterState state() const;
  // A printer that hangs: after `bytes` more bytes of a connection it stops reading and
  // answering until the connection closes. nullopt = behave.
  void stop_answering_after(std::optional<std::size_t> bytes);
  // How a printer behaves once its paper has run out in the middle of a job.
  enum class AtPaperEnd {
    stops,            // reads on, prints nothing, answers only DLE EOT (escpos.md 1.9.1)
    keeps_answering,  // processes commands without printing; GS r 1 answers 0x0F
                      // (paper end), as some Chinese firmwares do (escpos.md 1.9.3)
  };
  // Paper that runs out in the middle of a job: after `bytes` more bytes of a connection
  // the paper state becomes out. What came before is printed (a page cut before then is
  // saved; the page in progress is lost, with a warning); the rest is not printed.
  // set_state() with paper ok refills it; the fault is used once. nullopt = no fault.
  void run_out_of_paper_after(std::optional<std::size_t> bytes,
                              AtPaperEnd then = AtPaperEnd::stops);
  // Called on the printer's thread after each PNG is written.
  void on_page(PageCallback callback);

  std::vector<std::filesystem::path> pages() const;  // written so far, oldest first
  bool wait_for_pages(std::size_t count, std::chrono::milliseconds timeout) const;
  std::vector<std::string> warnings() const;  // interpreter warnings and dropped jobs
  void stop();

 private:
  VirtualPrinter(VirtualPrinterOptions options, int listen_fd, int port);
  void run();
  void serve(int fd);
  void save(std::vector<Page> pages);
  void add_warning(std::string warning);

  VirtualPrinterOptions m_options;
  int m_listen_fd;
  int m_port;
  int m_wake_pipe[2] = {-1, -1};
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_changed;
  PrinterState m_state;
  std::optional<std::size_t> m_hang_after;
  std::optional<std::size_t> m_paper_after;
  AtPaperEnd m_at_paper_end = AtPaperEnd::stops;
  PageCallback m_on_page;
  std::vector<std::filesystem::path> m_pages;
  std::vector<std::string> m_warnings;
  int m_next_number = 1;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace drivers::printer
