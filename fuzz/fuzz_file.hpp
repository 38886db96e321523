// The readers that take a path (the .xlsx reader, the import) read the fuzzer's bytes from a
// file of this process, rewritten for each input and removed at exit.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace htx::fuzz {

inline std::string input_file(const std::uint8_t* data, std::size_t size, const char* extension) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("htx-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    static const std::string remove_at_exit = d.string();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(remove_at_exit, ec);
    });
    return d;
  }();
  const std::string path = (dir / (std::string("input") + extension)).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace htx::fuzz
