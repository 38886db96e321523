// What every fuzz target shares: an invariant check that aborts (a crash libFuzzer saves) with
// the broken invariant named, also in a release build where assert() is off.
#pragma once

#include <cstdio>
#include <cstdlib>

#define HTX_FUZZ_CHECK(cond)                                                            \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
