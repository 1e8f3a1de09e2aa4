#pragma once
// A misbehaving network between the kiosk and kiosk-central, on loopback. It terminates TLS
// towards the kiosk with the server's certificate (like a TLS-inspecting proxy the kiosk's CA
// trusts) and talks mutual TLS to the real server, so it can fault at every level:
//  per connection: reset at once, or black-hole (accept, never answer);
//  per request:    delay, answer 500 itself, answer a captive-portal HTML 200 itself, or
//                  forward the request and cut the connection after the server committed,
//                  before the kiosk sees the reply.
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

enum class Fault { pass, reset, black_hole, delay, http500, captive_portal, cut_after_commit };
const char* to_string(Fault fault);

struct FaultProxyOptions {
  int upstream_port = 0;
  std::filesystem::path tls_dir;  // server.pem/.key towards the kiosk; ca.pem, kiosk.pem/.key up
  // Chances in percent. Connection faults are drawn once per connection, request faults per
  // request; what is left passes.
  int reset_percent = 0;
  int black_hole_percent = 0;
  int delay_percent = 0;
  int http500_percent = 0;
  int captive_portal_percent = 0;
  int cut_after_commit_percent = 0;
  int delay_ms = 150;
  unsigned seed = 1;
  // Connection faults given to the first connections, in order, before any is drawn: a run
  // over few kept-alive connections still meets every kind.
  std::vector<Fault> first_connections;
};

// What the proxy saw of claim uploads (POST /api/v1/claims), per Idempotency-Key.
struct ClaimTraffic {
  std::map<std::string, int> forwarded;       // requests passed on to the server
  std::map<std::string, int> acks_delivered;  // 2xx replies handed to the kiosk whole
  std::map<std::string, int> sent_after_ack;  // requests that arrived after such a reply
};

class FaultProxy {
 public:
  explicit FaultProxy(FaultProxyOptions options);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return m_port; }
  // How often each fault (and pass) happened so far.
  std::map<Fault, int> counts() const;
  ClaimTraffic claim_traffic() const;

 private:
  struct Tls;
  void accept_loop();
  void serve(int fd, Fault connection_fault);
  Fault draw_request_fault();
  void count(Fault fault);
  void track(int fd, bool add);

  FaultProxyOptions m_options;
  std::unique_ptr<Tls> m_tls;
  int m_listen_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_acceptor;
  mutable std::mutex m_mutex;
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Worker> m_workers;
  std::set<int> m_open_fds;
  std::map<Fault, int> m_counts;
  ClaimTraffic m_traffic;
  std::mt19937 m_rng;
  std::size_t m_accepted = 0;  // connections accepted so far
};

}  // namespace kiosk::test
