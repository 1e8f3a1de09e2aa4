#include "drivers/printer/virtual_printer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/core.h>

namespace drivers::printer {

std::expected<std::unique_ptr<VirtualPrinter>, Error> VirtualPrinter::start(
    VirtualPrinterOptions options) {
  std::error_code ec;
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return std::unexpected(Error{fmt::format("virtual printer: cannot create {}: {}",
                                             options.out_dir.string(), ec.message())});
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port = std::to_string(options.port);
  if (int rc = ::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return std::unexpected(Error{
        fmt::format("virtual printer: cannot resolve {}: {}", options.host, gai_strerror(rc))});
  }
  int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || ::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 4) != 0) {
    std::string why = std::strerror(errno);
    ::freeaddrinfo(found);
    if (fd >= 0) ::close(fd);
    return std::unexpected(Error{fmt::format("virtual printer: cannot listen on {}:{}: {}",
                                             options.host, options.port, why)});
  }
  ::freeaddrinfo(found);
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  int actual = bound.ss_family == AF_INET6
                   ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                   : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return std::unique_ptr<VirtualPrinter>(new VirtualPrinter(std::move(options), fd, actual));
}

VirtualPrinter::VirtualPrinter(VirtualPrinterOptions options, int listen_fd, int port)
    : m_options(std::move(options)),
      m_listen_fd(listen_fd),
      m_port(port),
      m_state(m_options.state) {
  if (::pipe2(m_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) m_wake_pipe[0] = m_wake_pipe[1] = -1;
  // Continue the numbering of pages already in the folder.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(m_options.out_dir, ec)) {
    std::string name = entry.path().filename().string();
    int number = 0;
    if (std::sscanf(name.c_str(), "receipt-%d.png", &number) == 1 && number >= m_next_number) {
      m_next_number = number + 1;
    }
  }
  m_thread = std::thread([this] { run(); });
}

VirtualPrinter::~VirtualPrinter() {
  stop();
}

std::string VirtualPrinter::uri() const {
  bool v6 = m_options.host.find(':') != std::string::npos;
  return v6 ? fmt::format("tcp://[{}]:{}", m_options.host, m_port)
            : fmt::format("tcp://{}:{}", m_options.host, m_port);
}

void VirtualPrinter::set_state(const PrinterState& state) {
  std::lock_guard lock(m_mutex);
  m_state = state;
}

PrinterState VirtualPrinter::state() const {
  std::lock_guard lock(m_mutex);
  return m_state;
}

void VirtualPrinter::stop_answering_after(std::optional<std::size_t> bytes) {
  std::lock_guard lock(m_mutex);
  m_hang_after = bytes;
}

void VirtualPrinter::run_out_of_paper_after(std::optional<std::size_t> bytes, AtPaperEnd then) {
  std::lock_guard lock(m_mutex);
  m_paper_after = bytes;
  m_at_paper_end = then;
}

void VirtualPrinter::on_page(PageCallback callback) {
  std::lock_guard lock(m_mutex);
  m_on_page = std::move(callback);
}

std::vector<std::filesystem::path> VirtualPrinter::pages() const {
  std::lock_guard lock(m_mutex);
  return m_pages;
}

bool VirtualPrinter::wait_for_pages(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_mutex);
  return m_changed.wait_for(lock, timeout, [&] { return m_pages.size() >= count; });
}

std::vector<std::string> VirtualPrinter::warnings() const {
  std::lock_guard lock(m_mutex);
  return m_warnings;
}

void VirtualPrinter::add_warning(std::string warning) {
  std::lock_guard lock(m_mutex);
  if (m_warnings.size() < 1000) m_warnings.push_back(std::move(warning));
}

void VirtualPrinter::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_stopping = true;
  }
  if (m_wake_pipe[1] >= 0) {
    char byte = 1;
    (void)!::write(m_wake_pipe[1], &byte, 1);
  }
  if (m_thread.joinable()) m_thread.join();
  ::close(m_listen_fd);
  if (m_wake_pipe[0] >= 0) ::close(m_wake_pipe[0]);
  if (m_wake_pipe[1] >= 0) ::close(m_wake_pipe[1]);
}

void VirtualPrinter::run() {
  while (true) {
    std::array<pollfd, 2> fds{pollfd{m_listen_fd, POLLIN, 0}, pollfd{m_wake_pipe[0], POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), 1000) < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int client = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (client < 0) continue;
    serve(client);  // one connection at a time, like most network printers
    ::close(client);
  }
}

namespace {

// A printer stopped at paper end still answers DLE EOT n as the bytes arrive (escpos.md
// 1.9.1); everything else it receives is not printed. The scanner keeps its place across
// reads.
class RealTimeOnly {
 public:
  template <typename Reply>
  void feed(std::span<const std::uint8_t> bytes, const PrinterState& state, Reply&& reply) {
    for (std::uint8_t b : bytes) {
      m_window = static_cast<std::uint32_t>((m_window << 8) | b) & 0xFFFFFF;
      if ((m_window >> 8) != 0x1004) continue;
      Interpreter answer({}, [&](std::span<const std::uint8_t> r) { reply(r); });
      answer.set_state(state);
      std::array<std::uint8_t, 3> query{0x10, 0x04, b};
      answer.feed(query);
      m_window = 0;
    }
  }

 private:
  std::uint32_t m_window = 0;
};

}  // namespace

void VirtualPrinter::serve(int fd) {
  auto send_reply = [fd](std::span<const std::uint8_t> reply) {
    (void)!::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
  };
  Interpreter interpreter(InterpreterOptions::from(m_options.profile), send_reply);
  RealTimeOnly stopped;
  bool out_of_paper = false;
  bool halted = false;  // out of paper and answering only DLE EOT
  std::size_t received = 0;
  std::array<std::uint8_t, 4096> buffer{};
  while (true) {
    std::optional<std::size_t> hang;
    std::optional<std::size_t> paper_after;
    AtPaperEnd at_paper_end = AtPaperEnd::stops;
    PrinterState state;
    {
      std::lock_guard lock(m_mutex);
      state = m_state;
      hang = m_hang_after;
      paper_after = m_paper_after;
      at_paper_end = m_at_paper_end;
    }
    interpreter.set_state(state);
    bool hung = hang && received >= *hang;
    // A hung printer reads nothing but still notices that the host went away.
    std::array<pollfd, 2> fds{pollfd{fd, static_cast<short>(hung ? POLLRDHUP : POLLIN), 0},
                              pollfd{m_wake_pipe[0], POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR) break;
    if (fds[1].revents != 0) return;
    bool readable = (fds[0].revents & POLLIN) != 0;
    if (!readable && (fds[0].revents & (POLLHUP | POLLERR | POLLRDHUP))) break;
    if (hung || (fds[0].revents & POLLIN) == 0) continue;
    std::size_t want = buffer.size();
    if (hang) want = std::min(want, *hang - received);
    ssize_t n = ::recv(fd, buffer.data(), want, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      break;
    }
    auto chunk = std::span(buffer).first(static_cast<std::size_t>(n));
    if (!out_of_paper && paper_after && received + chunk.size() > *paper_after) {
      // The paper ends inside this chunk: print up to there, then stop.
      std::size_t printed = *paper_after - std::min(*paper_after, received);
      interpreter.feed(chunk.first(printed));
      if (interpreter.pages_ready() > 0) save(interpreter.take_pages());
      {
        std::lock_guard lock(m_mutex);
        m_state.paper = Paper::out;
        m_paper_after.reset();
      }
      add_warning(fmt::format(
          "the paper ran out after {} bytes of the job; the receipt in progress was not finished",
          received + printed));
      out_of_paper = true;
      halted = at_paper_end == AtPaperEnd::stops;
      interpreter.set_state(this->state());
      received += printed;
      chunk = chunk.subspan(printed);
    }
    received += chunk.size();
    if (halted) {
      stopped.feed(chunk, this->state(), send_reply);
      continue;
    }
    interpreter.feed(chunk);
    if (interpreter.pages_ready() > 0) save(interpreter.take_pages());
  }
  if (!halted) {  // a printer stopped at paper end does not print the page in progress
    interpreter.finish();
    save(interpreter.take_pages());  // and save() prints nothing while the paper is out
  }
  for (const auto& w : interpreter.warnings()) add_warning(w);
}

void VirtualPrinter::save(std::vector<Page> pages) {
  for (auto& page : pages) {
    PrinterState state = this->state();
    if (state.paper == Paper::out || state.cover_open || state.offline) {
      add_warning("a job arrived while the printer could not print; it was not printed");
      continue;
    }
    std::filesystem::path file;
    {
      std::lock_guard lock(m_mutex);
      file = m_options.out_dir / fmt::format("receipt-{:06}.png", m_next_number++);
    }
    if (auto written = write_png(page, file); !written) {
      add_warning(written.error().message);
      continue;
    }
    PageCallback callback;
    {
      std::lock_guard lock(m_mutex);
      m_pages.push_back(file);
      callback = m_on_page;
    }
    m_changed.notify_all();
    if (callback) callback(file);
  }
}

}  // namespace drivers::printer
