#include "kiosk/sync/client.h"

#include <algorithm>
#include <mutex>

#include <curl/curl.h>
#include <fmt/core.h>

namespace kiosk::sync {
namespace {
constexpr std::size_t kMaxReplyBytes = 4 << 20;

struct Exchange {
  HttpReply reply;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const std::size_t n = size * count;
  if (ex->reply.body.size() + n > kMaxReplyBytes) {
    ex->too_large = true;
    return 0;  // aborts the transfer
  }
  ex->reply.body.append(data, n);
  return n;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return std::string(text);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {  // a new response (e.g. after 100 Continue): start over
    ex->reply.etag.clear();
    ex->reply.date.clear();
  }
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = trim(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "date") ex->reply.date = trim(line.substr(colon + 1));
    if (name == "etag") ex->reply.etag = trim(line.substr(colon + 1));
  }
  return size * count;
}

// One request on one easy handle: the headers and URL it needs while in flight, and what came
// back.
struct Transfer {
  Exchange ex;
  std::string url;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() { curl_slist_free_all(headers); }
};

// The options every handle shares: pinned CA, our certificate, timeouts, https only.
void configure_handle(CURL* c, const ClientOptions& o) {
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  // Pinned CA only: no system store, no CA directory.
  curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  if (!o.cert_file.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, o.cert_file.c_str());
    curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
  }
  if (!o.key_file.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLKEY, o.key_file.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEYTYPE, "PEM");
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.request_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "kiosk-sync/1");
  if (!o.reuse_connection) {
    curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
}

// Sets up one request on a configured handle; `body` (POST) must outlive the transfer.
void prepare_transfer(CURL* c, Transfer& t, const std::string& base_url, const std::string& path,
                      const std::string* body, const std::vector<std::string>& headers) {
  t.url = base_url + path;
  curl_easy_setopt(c, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t.ex);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t.ex);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t.error);
  t.headers = curl_slist_append(t.headers, "Accept: application/json");
  t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
  if (body) {
    t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  for (const auto& h : headers) t.headers = curl_slist_append(t.headers, h.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, t.headers);
}

// The reply of a finished transfer, or its failure as one class. A verified reply's Date
// feeds the clock guard.
std::expected<HttpReply, SyncError> finish_transfer(CURL* c, CURLcode rc, Transfer& t,
                                                    ClockGuard& guard, long& connections) {
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  long opened = 0;
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &opened);
  connections += opened;
  if (rc != CURLE_OK) {
    if (t.ex.too_large) {
      return std::unexpected(SyncError{ErrorClass::captive_portal,
                                       "the reply is larger than any central server reply; "
                                       "check the network for a proxy",
                                       0});
    }
    return std::unexpected(
        classify_transport_error(rc, t.error[0] ? t.error : curl_easy_strerror(rc)));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.ex.reply.status);
  const char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  if (type) t.ex.reply.content_type = type;
  // Only a reply over verified TLS reaches here, so its Date can be trusted.
  if (auto date = parse_http_date(t.ex.reply.date)) guard.observe(*date);
  return std::move(t.ex.reply);
}

ClaimOutcome retry_outcome(SyncError error) {
  ClaimOutcome out;
  out.kind = ClaimOutcome::Kind::retry;
  out.error = std::move(error);
  return out;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
}  // namespace

ClientOptions client_options_from_tls_dir(std::string base_url, const std::filesystem::path& dir) {
  ClientOptions o;
  o.base_url = std::move(base_url);
  o.ca_file = dir / "ca.pem";
  o.cert_file = dir / "kiosk.pem";
  o.key_file = dir / "kiosk.key";
  return o;
}

struct Client::Impl {
  ClientOptions options;
  CURL* curl = nullptr;
  // For windows of claims: a multi handle whose connection cache the pool's handles share.
  CURLM* multi = nullptr;
  std::vector<CURL*> pool;
  long connections = 0;
  ~Impl() {
    for (CURL* c : pool) curl_easy_cleanup(c);
    if (multi) curl_multi_cleanup(multi);
    if (curl) curl_easy_cleanup(curl);
  }
};

Client::Client(std::unique_ptr<Impl> impl, std::shared_ptr<ClockGuard> guard)
    : m_impl(std::move(impl)), m_guard(std::move(guard)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

long Client::connections_opened() const {
  return m_impl->connections;
}

std::expected<Client, SyncError> Client::create(ClientOptions options,
                                                std::shared_ptr<ClockGuard> guard) {
  auto config_error = [](std::string message) {
    return std::unexpected(SyncError{ErrorClass::tls, std::move(message), 0});
  };
  if (!options.base_url.starts_with("https://")) {
    return config_error(fmt::format("the central server URL must start with https:// (got '{}')",
                                    options.base_url));
  }
  while (options.base_url.ends_with('/')) options.base_url.pop_back();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(options.ca_file, ec)) {
    return config_error(
        fmt::format("the central CA file {} does not exist; copy the CA "
                    "certificate there",
                    options.ca_file.string()));
  }
  for (const auto& file : {options.cert_file, options.key_file}) {
    if (!file.empty() && !std::filesystem::is_regular_file(file, ec)) {
      return std::unexpected(SyncError{
          ErrorClass::auth,
          fmt::format("the kiosk certificate or key {} does not exist", file.string()), 0});
    }
  }
  options.parallel_claims = std::clamp(options.parallel_claims, 1, 16);
  global_init();
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->curl = curl_easy_init();
  if (impl->curl == nullptr) return config_error("libcurl could not start (out of memory?)");
  configure_handle(impl->curl, impl->options);
  if (!guard) guard = std::make_shared<ClockGuard>();
  return Client(std::move(impl), std::move(guard));
}

std::expected<HttpReply, SyncError> Client::get(const std::string& path,
                                                const std::vector<std::string>& headers) {
  return perform("GET", path, nullptr, headers);
}

std::expected<HttpReply, SyncError> Client::post(const std::string& path, const std::string& body,
                                                 const std::vector<std::string>& headers) {
  return perform("POST", path, &body, headers);
}

std::expected<HttpReply, SyncError> Client::perform(const char* /*method*/, const std::string& path,
                                                    const std::string* body,
                                                    const std::vector<std::string>& headers) {
  if (auto ok = m_guard->check(); !ok) return std::unexpected(ok.error());
  CURL* c = m_impl->curl;
  Transfer t;
  prepare_transfer(c, t, m_impl->options.base_url, path, body, headers);
  const CURLcode rc = curl_easy_perform(c);
  return finish_transfer(c, rc, t, *m_guard, m_impl->connections);
}

std::vector<ClaimOutcome> Client::submit_claims(const std::vector<ClaimSubmission>& claims,
                                                const std::atomic<bool>* cancel) {
  std::vector<ClaimOutcome> outcomes(claims.size());
  for (auto& o : outcomes) o.kind = ClaimOutcome::Kind::not_sent;
  if (claims.empty()) return outcomes;
  if (auto ok = m_guard->check(); !ok) {
    outcomes.front() = retry_outcome(ok.error());
    return outcomes;
  }
  auto& impl = *m_impl;
  const auto width = static_cast<std::size_t>(impl.options.parallel_claims);
  if (impl.multi == nullptr) {
    impl.multi = curl_multi_init();
    if (impl.multi == nullptr) {
      outcomes.front() =
          retry_outcome({ErrorClass::network, "libcurl could not start (out of memory?)", 0});
      return outcomes;
    }
    curl_multi_setopt(impl.multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(width));
    curl_multi_setopt(impl.multi, CURLMOPT_MAXCONNECTS, static_cast<long>(width));
  }
  while (impl.pool.size() < width) {
    CURL* c = curl_easy_init();
    if (c == nullptr) break;
    configure_handle(c, impl.options);
    impl.pool.push_back(c);
  }
  // Slot i of the pool is busy while transfers[i] exists; it carries claim claim_of[i].
  std::vector<std::unique_ptr<Transfer>> transfers(impl.pool.size());
  std::vector<std::size_t> claim_of(impl.pool.size());
  std::size_t next = 0;
  std::size_t active = 0;
  bool stop = false;
  const std::string path = "/api/v1/claims";
  for (;;) {
    if (cancel != nullptr && cancel->load()) stop = true;
    for (std::size_t slot = 0; slot < impl.pool.size() && !stop && next < claims.size(); ++slot) {
      if (transfers[slot]) continue;
      const ClaimSubmission& claim = claims[next];
      transfers[slot] = std::make_unique<Transfer>();
      prepare_transfer(impl.pool[slot], *transfers[slot], impl.options.base_url, path, &claim.body,
                       {"Idempotency-Key: " + claim.uuid});
      curl_easy_setopt(impl.pool[slot], CURLOPT_PRIVATE, reinterpret_cast<char*>(slot));
      if (curl_multi_add_handle(impl.multi, impl.pool[slot]) != CURLM_OK) {
        outcomes[next] = retry_outcome({ErrorClass::network, "libcurl refused a transfer", 0});
        transfers[slot].reset();
        stop = true;
        break;
      }
      claim_of[slot] = next++;
      ++active;
    }
    if (active == 0) break;
    int running = 0;
    curl_multi_perform(impl.multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(impl.multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      char* tag = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &tag);
      const auto slot = reinterpret_cast<std::size_t>(tag);
      const std::size_t index = claim_of[slot];
      auto reply = finish_transfer(msg->easy_handle, msg->data.result, *transfers[slot], *m_guard,
                                   impl.connections);
      curl_multi_remove_handle(impl.multi, msg->easy_handle);
      outcomes[index] =
          reply ? classify_claim_reply(*reply, claims[index].uuid) : retry_outcome(reply.error());
      if (outcomes[index].kind == ClaimOutcome::Kind::retry) stop = true;
      transfers[slot].reset();
      --active;
    }
    if (active > 0 && running > 0) curl_multi_poll(impl.multi, nullptr, 0, 1000, nullptr);
  }
  return outcomes;
}

}  // namespace kiosk::sync
