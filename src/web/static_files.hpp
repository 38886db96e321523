// Static files (CSS, JS, fonts, images, the OpenAPI document) served from memory: a small set
// loaded once at startup, each with its Content-Type and a strong ETag, so a request costs a map
// look-up and a copy and never touches the disk. Paths are looked up among the loaded files
// only, so nothing outside the root can be named: "..", absolute paths, NUL and symbolic links
// that lead out of the root are 404.
//
//   auto files = std::make_shared<web::StaticFiles>();
//   files->add_directory("/work/web/static");                      // "app.css", "img/logo.svg"
//   files->add_file("vendor/htmx.min.js", ".../htmx.org/dist/htmx.min.js");
//   web::register_static_files(router, "/static", files);         // GET /static/{path...}
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "web/http_types.hpp"
#include "web/router.hpp"

namespace htx::web {

// "text/css; charset=utf-8", "text/javascript; charset=utf-8", "application/json", "image/svg+xml",
// "image/png", "font/woff2", "image/x-icon", ... by extension (case-insensitive);
// "application/octet-stream" when unknown.
std::string_view content_type_for(std::string_view path);

// Whether a relative path is one the loader could have stored: non-empty, '/'-separated segments
// that are not empty, "." or "..", no leading '/', no '\\' and no NUL, valid UTF-8.
bool safe_relative_path(std::string_view path);

struct StaticFile {
  std::string content_type;
  std::string etag;  // strong: "\"<size hex>-<FNV-1a 64 hex>\""
  std::string body;
};

class StaticFiles {
 public:
  struct Limits {
    std::size_t max_files = 2000;
    std::size_t max_file_bytes = 16 * 1024 * 1024;
    std::size_t max_total_bytes = 128 * 1024 * 1024;
  };
  StaticFiles() = default;
  explicit StaticFiles(Limits limits) : limits_(limits) {}

  // Loads every regular file under root (recursively) under its path relative to root, with
  // `prefix` before it ("vendor/" ...). Skipped: hidden files and directories (".git"),
  // symbolic links whose target is outside root, files that would break the limits.
  // A missing root loads nothing. Returns the number of files loaded.
  std::size_t add_directory(const std::filesystem::path& root, std::string_view prefix = "");

  // Loads one file under a given relative path; false if it is missing, not a regular file,
  // too large, or the path is not a safe_relative_path.
  bool add_file(std::string relative_path, const std::filesystem::path& file);

  const StaticFile* find(std::string_view relative_path) const;
  std::size_t size() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }

  // 200 with the file, 304 when If-None-Match names its ETag (or "*"), nullopt when there is
  // no such file. Both carry ETag and Cache-Control.
  std::optional<Response> serve(const Request& request, std::string_view relative_path) const;

  static constexpr std::string_view kCacheControl = "public, max-age=3600";

 private:
  bool store(std::string relative_path, const std::filesystem::path& file);

  Limits limits_;
  std::unordered_map<std::string, StaticFile> files_;
  std::size_t total_bytes_ = 0;
};

// Whether an If-None-Match header value matches an ETag (weak comparison, RFC 9110 §13.1.2).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// GET <prefix>/{path...} from files. not_found builds the 404 (default: a plain-text 404).
void register_static_files(Router& router, std::string_view prefix,
                           std::shared_ptr<const StaticFiles> files,
                           std::function<Response(const Request&)> not_found = {});

}  // namespace htx::web
