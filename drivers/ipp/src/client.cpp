#include "drivers/ipp/client.h"

#include <cups/cups.h>
#include <cups/ipp.h>

#include <memory>

#include <fmt/core.h>

#include "decode.h"

namespace drivers::ipp {
namespace {

struct HttpClose {
  void operator()(http_t* http) const { httpClose(http); }
};
struct IppDelete {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Http = std::unique_ptr<http_t, HttpClose>;
using Ipp = std::unique_ptr<ipp_t, IppDelete>;

constexpr std::size_t kChunk = 64 * 1024;

std::expected<Http, Error> connect(const Target& target, const ClientOptions& options) {
  const char* host = target.kind == Target::Kind::cups_queue ? cupsServer() : target.host.c_str();
  const int port = target.kind == Target::Kind::cups_queue ? ippPort() : target.port;
  http_encryption_t encryption =
      target.encrypted ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED;
  int cancel = 0;
  Http http(httpConnect2(host, port, nullptr, AF_UNSPEC, encryption, 1,
                         static_cast<int>(options.connect_timeout.count()), &cancel));
  if (!http) {
    return std::unexpected(Error{Error::Kind::unreachable,
                                 fmt::format("cannot connect to {} ({}): check that the printer "
                                             "is switched on and connected and that the "
                                             "configured address is right",
                                             target.display, cupsLastErrorString())});
  }
  httpSetTimeout(http.get(), static_cast<double>(options.request_timeout.count()) / 1000.0, nullptr,
                 nullptr);
  return http;
}

Ipp new_request(ipp_op_t op, const Target& target, const ClientOptions& options) {
  Ipp request(ippNewRequest(op));
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               target.printer_uri.c_str());
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               options.user.c_str());
  return request;
}

// A failed exchange: no answer at all is "unreachable", an IPP error status is "refused".
Error exchange_error(const Target& target, std::string_view what) {
  ipp_status_t status = cupsLastError();
  const char* text = cupsLastErrorString();
  if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL) {
    return {Error::Kind::unreachable,
            fmt::format("{} did not answer {}: {}", target.display, what, text ? text : "")};
  }
  return {Error::Kind::refused, fmt::format("{} refused {}: {}", target.display, what,
                                            text ? text : ippErrorString(status))};
}

std::expected<Ipp, Error> exchange(const Target& target, const ClientOptions& options, Ipp request,
                                   std::string_view what) {
  auto http = connect(target, options);
  if (!http) return std::unexpected(http.error());
  Ipp response(cupsDoRequest(http->get(), request.release(), target.resource.c_str()));
  if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
    return std::unexpected(exchange_error(target, what));
  }
  return response;
}

}  // namespace

std::expected<Client, Error> Client::open(std::string_view target, ClientOptions options) {
  auto parsed = parse_target(target);
  if (!parsed) return std::unexpected(parsed.error());
  return Client(std::move(*parsed), std::move(options));
}

std::expected<PrinterStatus, Error> Client::status() const {
  static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                        "printer-state-message", "printer-is-accepting-jobs"};
  Ipp request = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, m_target, m_options);
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                std::size(kWanted), nullptr, kWanted);
  auto response = exchange(m_target, m_options, std::move(request), "the status query");
  if (!response) return std::unexpected(response.error());
  return detail::decode_printer_status(response->get());
}

std::expected<int, Error> Client::submit(std::span<const std::uint8_t> document,
                                         const JobRequest& job) const {
  auto http = connect(m_target, m_options);
  if (!http) return std::unexpected(http.error());
  Ipp request = new_request(IPP_OP_PRINT_JOB, m_target, m_options);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
               job.name.c_str());
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               job.format.c_str());
  if (!job.media.empty()) {
    ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, job.media.c_str());
  }
  // The HTTP body is the IPP request followed by the document: its length is both.
  http_status_t sent = cupsSendRequest(http->get(), request.get(), m_target.resource.c_str(),
                                       ippLength(request.get()) + document.size());
  for (std::size_t offset = 0; sent == HTTP_STATUS_CONTINUE && offset < document.size();
       offset += kChunk) {
    std::size_t length = std::min(kChunk, document.size() - offset);
    sent = cupsWriteRequestData(http->get(),
                                reinterpret_cast<const char*>(document.data() + offset), length);
  }
  Ipp response(cupsGetResponse(http->get(), m_target.resource.c_str()));
  if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
    return std::unexpected(exchange_error(m_target, fmt::format("the print job ({})", job.format)));
  }
  ipp_attribute_t* id = ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER);
  if (id == nullptr) {
    return std::unexpected(
        Error{Error::Kind::protocol,
              fmt::format("{} accepted the job without a job id", m_target.display)});
  }
  return ippGetInteger(id, 0);
}

std::expected<JobAttributes, Error> Client::job(int job_id) const {
  static const char* const kWanted[] = {"job-state", "job-state-reasons", "job-state-message",
                                        "job-impressions-completed"};
  Ipp request = new_request(IPP_OP_GET_JOB_ATTRIBUTES, m_target, m_options);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                std::size(kWanted), nullptr, kWanted);
  auto response = exchange(m_target, m_options, std::move(request),
                           fmt::format("the query for job {}", job_id));
  if (!response) return std::unexpected(response.error());
  auto job = detail::decode_job(response->get());
  if (!job) {
    return std::unexpected(Error{
        Error::Kind::protocol,
        fmt::format("{} answered oddly about job {}: {}", m_target.display, job_id, job.error())});
  }
  return *job;
}

std::expected<void, Error> Client::cancel(int job_id) const {
  Ipp request = new_request(IPP_OP_CANCEL_JOB, m_target, m_options);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  auto response =
      exchange(m_target, m_options, std::move(request), fmt::format("cancelling job {}", job_id));
  if (!response) return std::unexpected(response.error());
  return {};
}

}  // namespace drivers::ipp
