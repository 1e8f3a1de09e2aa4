#include "kiosk/sync/client.h"

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

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
}  // namespace

ClientOptions client_options_from_tls_dir(std::string base_url,
                                          const std::filesystem::path& dir) {
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
  long connections = 0;
  char error_buffer[CURL_ERROR_SIZE] = {};
  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }
};

Client::Client(std::unique_ptr<Impl> impl, std::shared_ptr<ClockGuard> guard)
    : m_impl(std::move(impl)), m_guard(std::move(guard)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

long Client::connections_opened() const { return m_impl->connections; }

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
    return config_error(fmt::format("the central CA file {} does not exist; copy the CA "
                                    "certificate there", options.ca_file.string()));
  }
  for (const auto& file : {options.cert_file, options.key_file}) {
    if (!file.empty() && !std::filesystem::is_regular_file(file, ec)) {
      return std::unexpected(SyncError{
          ErrorClass::auth,
          fmt::format("the kiosk certificate or key {} does not exist", file.string()), 0});
    }
  }
  global_init();
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->curl = curl_easy_init();
  if (impl->curl == nullptr) return config_error("libcurl could not start (out of memory?)");
  CURL* c = impl->curl;
  const auto& o = impl->options;
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, impl->error_buffer);
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

std::expected<HttpReply, SyncError> Client::perform(const char* method, const std::string& path,
                                                    const std::string* body,
                                                    const std::vector<std::string>& headers) {
  if (auto ok = m_guard->check(); !ok) return std::unexpected(ok.error());
  CURL* c = m_impl->curl;
  Exchange ex;
  const std::string url = m_impl->options.base_url + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &ex);
  curl_slist* list = nullptr;
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  if (body) {
    list = curl_slist_append(list, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  m_impl->error_buffer[0] = '\0';
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(list);
  long opened = 0;
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &opened);
  m_impl->connections += opened;
  (void)method;
  if (rc != CURLE_OK) {
    if (ex.too_large) {
      return std::unexpected(SyncError{ErrorClass::captive_portal,
                                       "the reply is larger than any central server reply; "
                                       "check the network for a proxy", 0});
    }
    return std::unexpected(classify_transport_error(rc, m_impl->error_buffer[0]
                                                            ? m_impl->error_buffer
                                                            : curl_easy_strerror(rc)));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &ex.reply.status);
  const char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  if (type) ex.reply.content_type = type;
  // Only a reply over verified TLS reaches here, so its Date can be trusted.
  if (auto date = parse_http_date(ex.reply.date)) m_guard->observe(*date);
  return std::move(ex.reply);
}

}  // namespace kiosk::sync
