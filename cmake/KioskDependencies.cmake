# Debian 12 packages only (deploy/setup.sh installs them). Each is an IMPORTED target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)

pkg_check_modules(tomlplusplus REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(sqlite3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(freetype2 REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(qrencode REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(stb REQUIRED IMPORTED_TARGET stb)                # stb_image_write for PNGs
find_package(OpenSSL REQUIRED)  # TLS; and SHA-256, which libcrypto runs on the CPU's SHA unit
pkg_check_modules(pcre2 REQUIRED IMPORTED_TARGET libpcre2-8)  # JSON Schema patterns (server)
pkg_check_modules(cairo REQUIRED IMPORTED_TARGET cairo)            # A4 statement as PDF
pkg_check_modules(pangocairo REQUIRED IMPORTED_TARGET pangocairo)  # CJK shaping, line breaking
find_package(Cups REQUIRED)                                        # Cups::Cups, IPP print jobs

if(NOT KIOSK_FUZZ)
  # The screen and the network are not needed by the fuzz build.
  pkg_check_modules(imgui REQUIRED IMPORTED_TARGET imgui)   # -limgui, Requires: stb
  pkg_check_modules(sdl2 REQUIRED IMPORTED_TARGET sdl2)
  pkg_check_modules(gl REQUIRED IMPORTED_TARGET gl)
  pkg_check_modules(libcurl REQUIRED IMPORTED_TARGET libcurl)
  pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)   # PkgConfig::httplib
  pkg_check_modules(zbar REQUIRED IMPORTED_TARGET zbar)            # tests read QR codes back
  pkg_check_modules(libpq REQUIRED IMPORTED_TARGET libpq)          # kiosk-central on PostgreSQL
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
