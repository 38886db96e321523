#include "web/static_files.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>

namespace htx::web {

namespace fs = std::filesystem;

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != suffix[i]) return false;
  return true;
}

std::string make_etag(std::string_view body) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%zx-%016llx\"", body.size(),
                static_cast<unsigned long long>(h));
  return buf;
}

// Whether `path` (canonical) lies inside `root` (canonical).
bool inside(const fs::path& path, const fs::path& root) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p)
    if (p == path.end() || *p != *r) return false;
  return true;
}

std::optional<std::string> read_file(const fs::path& file, std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  auto size = fs::file_size(file, ec);
  if (ec || size > max_bytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return body;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (auto& t : kTypes)
    if (ends_with_ci(path, t.ext)) return t.type;
  return "application/octet-stream";
}

bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || !is_valid_utf8(path)) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t end = path.find('/', start);
    std::string_view seg = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (c == '\0' || c == '\\') return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

bool etag_matches(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view t) {
    if (t.size() >= 2 && t[0] == 'W' && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  std::string_view want = opaque(etag);
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    std::size_t j = i;
    if (j < header.size() && header[j] == '*') return true;
    if (header.compare(j, 2, "W/") == 0) j += 2;
    if (j >= header.size() || header[j] != '"') {  // malformed: skip to the next comma
      while (i < header.size() && header[i] != ',') ++i;
      continue;
    }
    std::size_t close = header.find('"', j + 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(j, close - j + 1) == want) return true;
    i = close + 1;
  }
  return false;
}

bool StaticFiles::store(std::string relative_path, const fs::path& file) {
  if (!safe_relative_path(relative_path)) return false;
  if (files_.size() >= limits_.max_files && !files_.count(relative_path)) return false;
  auto body = read_file(file, limits_.max_file_bytes);
  if (!body) return false;
  std::size_t old = 0;
  if (auto it = files_.find(relative_path); it != files_.end()) old = it->second.body.size();
  if (total_bytes_ - old + body->size() > limits_.max_total_bytes) return false;
  total_bytes_ = total_bytes_ - old + body->size();
  StaticFile f;
  f.content_type = std::string(content_type_for(relative_path));
  f.etag = make_etag(*body);
  f.body = std::move(*body);
  files_[std::move(relative_path)] = std::move(f);
  return true;
}

std::size_t StaticFiles::add_directory(const fs::path& root_in, std::string_view prefix) {
  std::error_code ec;
  if (!fs::is_directory(root_in, ec)) return 0;
  const fs::path root = fs::canonical(root_in, ec);
  if (ec) return 0;
  std::size_t loaded = 0;
  auto it =
      fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // The file's real location (a symbolic link is followed) must stay inside the root.
    std::error_code cec;
    fs::path real = fs::canonical(p, cec);
    if (cec || !inside(real, root)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(real, cec)) continue;
    std::string rel = p.lexically_relative(root).generic_string();
    if (store(std::string(prefix) + rel, real)) ++loaded;
  }
  return loaded;
}

bool StaticFiles::add_file(std::string relative_path, const fs::path& file) {
  return store(std::move(relative_path), file);
}

const StaticFile* StaticFiles::find(std::string_view relative_path) const {
  if (!safe_relative_path(relative_path)) return nullptr;
  auto it = files_.find(std::string(relative_path));
  return it == files_.end() ? nullptr : &it->second;
}

std::optional<Response> StaticFiles::serve(const Request& request,
                                           std::string_view relative_path) const {
  const StaticFile* f = find(relative_path);
  if (!f) return std::nullopt;
  Response r;
  r.headers.set("ETag", f->etag);
  r.headers.set("Cache-Control", std::string(kCacheControl));
  if (auto inm = request.headers.get("If-None-Match"); inm && etag_matches(*inm, f->etag)) {
    r.status = 304;
    r.content_type = f->content_type;
    return r;
  }
  r.status = 200;
  r.content_type = f->content_type;
  r.body = f->body;
  return r;
}

void register_static_files(Router& router, std::string_view prefix,
                           std::shared_ptr<const StaticFiles> files,
                           std::function<Response(const Request&)> not_found) {
  std::string pattern(prefix);
  while (!pattern.empty() && pattern.back() == '/') pattern.pop_back();
  pattern += "/{path...}";
  router.get(pattern, [files = std::move(files), not_found = std::move(not_found)](
                          const Request& request, const RouteParams& params) {
    if (auto r = files->serve(request, params.at("path"))) return std::move(*r);
    if (not_found) return not_found(request);
    return Response::text("Not Found\n", 404);
  });
}

}  // namespace htx::web
