#include <curl/curl.h>

#include <catch2/catch.hpp>

#include "kiosk/sync/client.h"

using namespace kiosk::sync;

TEST_CASE("every libcurl failure falls into one class") {
  CHECK(classify_transport_error(CURLE_COULDNT_CONNECT, "refused").cls == ErrorClass::network);
  CHECK(classify_transport_error(CURLE_OPERATION_TIMEDOUT, "timeout").cls == ErrorClass::network);
  CHECK(classify_transport_error(CURLE_RECV_ERROR, "Connection reset by peer").cls ==
        ErrorClass::network);
  CHECK(classify_transport_error(CURLE_PEER_FAILED_VERIFICATION,
                                 "SSL certificate problem: unable to get local issuer").cls ==
        ErrorClass::tls);
  CHECK(classify_transport_error(CURLE_PEER_FAILED_VERIFICATION,
                                 "SSL certificate problem: certificate is not yet valid").cls ==
        ErrorClass::clock);
  CHECK(classify_transport_error(CURLE_RECV_ERROR,
                                 "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert "
                                 "certificate required").cls == ErrorClass::auth);
  CHECK(classify_transport_error(CURLE_SSL_CERTPROBLEM, "unable to set private key").cls ==
        ErrorClass::auth);
  CHECK(classify_transport_error(CURLE_WEIRD_SERVER_REPLY, "weird").cls ==
        ErrorClass::captive_portal);
  CHECK(classify_transport_error(CURLE_SSL_CONNECT_ERROR, "Connection reset by peer").cls ==
        ErrorClass::network);
  auto e = classify_transport_error(CURLE_COULDNT_CONNECT, "Failed to connect");
  CHECK(e.message.find("Failed to connect") != std::string::npos);
}
