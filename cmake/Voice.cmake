# Voice prompts (issue 13): tools/voice/make_voice.py speaks the [voice] table of each string
# catalogue with espeak-ng into <build>/assets/voice/<language>/<key>.wav, again whenever a
# catalogue or the script changes. The WAVs are build outputs, never committed; kiosk_app
# depends on them and finds them (kiosk/app/src/services/voice_files.cpp). Included from
# kiosk/app/CMakeLists.txt after kiosk_app is declared.
find_package(Python3 3.11 REQUIRED COMPONENTS Interpreter)  # 3.11: tomllib
find_program(KIOSK_ESPEAK_NG espeak-ng)
if(NOT KIOSK_ESPEAK_NG)
  message(FATAL_ERROR "espeak-ng not found: the voice prompts are made with it. Install the "
                      "Debian package espeak-ng (deploy/setup.sh installs deploy/packages.txt).")
endif()

set(KIOSK_VOICE_OUTPUT_DIR ${CMAKE_BINARY_DIR}/assets/voice)
set(kiosk_voice_stamp ${KIOSK_VOICE_OUTPUT_DIR}/.made)
add_custom_command(
  OUTPUT ${kiosk_voice_stamp}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tools/voice/make_voice.py
          --i18n ${CMAKE_SOURCE_DIR}/assets/i18n --out ${KIOSK_VOICE_OUTPUT_DIR}
          --stamp ${kiosk_voice_stamp} --espeak ${KIOSK_ESPEAK_NG}
  DEPENDS ${CMAKE_SOURCE_DIR}/tools/voice/make_voice.py ${CMAKE_SOURCE_DIR}/assets/i18n/zh-CN.toml
          ${CMAKE_SOURCE_DIR}/assets/i18n/en.toml
  COMMENT "Voice prompts from the string catalogue (espeak-ng)"
  VERBATIM)
add_custom_target(kiosk_voice ALL DEPENDS ${kiosk_voice_stamp})

add_dependencies(kiosk_app kiosk_voice)
target_compile_definitions(kiosk_app PRIVATE KIOSK_BUILD_VOICE_DIR="${KIOSK_VOICE_OUTPUT_DIR}")
install(DIRECTORY ${KIOSK_VOICE_OUTPUT_DIR}/ DESTINATION share/kiosk/voice
        FILES_MATCHING PATTERN "*.wav")
