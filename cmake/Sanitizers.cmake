# Sanitizers and fuzzing (README.md, "The tests, by tier": sanitize and fuzz).
#
#   -DHTX_SANITIZE=address,undefined   every target compiled and linked with those sanitizers
#                                      (scripts/sanitize.sh: build/asan, the unit tier)
#   -DHTX_FUZZ=ON                      clang only: the libFuzzer targets of fuzz/ (scripts/fuzz.sh:
#                                      build/fuzz); implies address,undefined unless HTX_SANITIZE
#                                      says otherwise, and builds the libraries with
#                                      -fsanitize=fuzzer-no-link (coverage for libFuzzer)
#
# Undefined behaviour is never recovered from (-fno-sanitize-recover=undefined): the first report
# ends the test or the fuzz run, so that a finding cannot scroll by unnoticed.
set(HTX_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined (empty: none)")
option(HTX_FUZZ "Build the libFuzzer targets of fuzz/ (clang only)" OFF)

if(HTX_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "HTX_FUZZ needs clang (CC=clang-14 CXX=clang++-14), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(NOT HTX_SANITIZE)
    set(HTX_SANITIZE "address,undefined" CACHE STRING "" FORCE)
  endif()
endif()

if(HTX_SANITIZE)
  message(STATUS "HTX: sanitizers ${HTX_SANITIZE}")
  set(htx_sanitize_flags "-fsanitize=${HTX_SANITIZE}" -fno-omit-frame-pointer)
  if(HTX_SANITIZE MATCHES "undefined")
    list(APPEND htx_sanitize_flags -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${htx_sanitize_flags})
  # g++ 12's -Wmaybe-uninitialized misfires under the sanitizers' instrumentation (in libstdc++'s
  # <regex> and <functional>, under -Werror a build failure): GCC's manual warns of it.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  add_link_options("-fsanitize=${HTX_SANITIZE}")
endif()

if(HTX_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
