// The terminal and its centre in the subject nginx passes: the single CN and the single OU.
#include <catch2/catch.hpp>

#include "server/subject.h"

TEST_CASE("a subject names the terminal (CN) and its centre (OU)") {
  const char* dn = "CN=A-01,OU=CENTRE-A,O=Kiosk Development";
  CHECK(server::subject_common_name(dn) == "A-01");
  CHECK(server::subject_centre(dn) == "CENTRE-A");
  CHECK(server::subject_centre("CN=A\\,01,OU=CENTRE\\2C A,O=x") == "CENTRE, A");
}

TEST_CASE("no centre when the subject has none, two, or one in hex form") {
  CHECK(server::subject_centre("CN=A-01,O=Kiosk Development").empty());
  CHECK(server::subject_centre("CN=A-01,OU=CENTRE-A,OU=CENTRE-B").empty());
  CHECK(server::subject_centre("CN=A-01,OU=#0403414243").empty());
  CHECK(server::subject_centre("CN=A-01,OU=CENTRE\\0A").empty());
}
