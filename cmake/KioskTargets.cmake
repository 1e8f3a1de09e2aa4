# Helpers that keep each folder's CMakeLists.txt to a few lines.

# Warnings apply to our own code only; third-party headers come in as SYSTEM.
function(kiosk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O2 reports std::variant/std::optional members as maybe-uninitialized where
    # they are not (GCC bugs 105562, 107138): a warning, not a build failure.
    target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
  endif()
endfunction()

# kiosk_library(NAME <target> SOURCES <files...> [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Public headers live in <folder>/include/<folder path>/, sources in <folder>/src/.
function(kiosk_library)
  cmake_parse_arguments(K "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${K_NAME} STATIC ${K_SOURCES})
  target_include_directories(${K_NAME}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${K_NAME} PUBLIC ${K_PUBLIC_DEPS} PRIVATE ${K_PRIVATE_DEPS})
  kiosk_warnings(${K_NAME})
endfunction()

# kiosk_executable(NAME <target> SOURCES <files...> DEPS <libs...>)
function(kiosk_executable)
  cmake_parse_arguments(K "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${K_NAME} ${K_SOURCES})
  target_link_libraries(${K_NAME} PRIVATE ${K_DEPS})
  kiosk_warnings(${K_NAME})
endfunction()
