// What the site's tests through a real server share: a small HTTP client that keeps cookies
// like a browser (Browser), its replies, form bodies, and the test users' password.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <regex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "webapp/forms.hpp"

namespace htx::webapp::site_test_support {

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(lower(name));
    return it == headers.end() ? "" : it->second;
  }
  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> out;
    auto [a, b] = headers.equal_range(lower(name));
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
  }
  bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
};

// One request on a new connection (Connection: close), read to the end.
inline Reply round_trip(std::uint16_t port, const std::string& raw) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  Reply r;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return r;
  }
  for (std::size_t sent = 0; sent < raw.size();) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string in;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    in.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  auto end = in.find("\r\n\r\n");
  if (in.size() < 12 || end == std::string::npos) return r;
  r.status = std::stoi(in.substr(9, 3));
  std::size_t pos = in.find("\r\n") + 2;
  while (pos < end) {
    auto eol = in.find("\r\n", pos);
    std::string line = in.substr(pos, eol - pos);
    auto colon = line.find(':');
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers.emplace(lower(line.substr(0, colon)), value);
    pos = eol + 2;
  }
  r.body = in.substr(end + 4);
  return r;
}

inline std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (auto& [k, v] : fields) out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return out;
}

// A browser: a cookie jar and requests.
class Browser {
 public:
  explicit Browser(std::uint16_t port) : port_(port) {}

  Reply get(const std::string& target,
            const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return send("GET", target, headers, "");
  }
  Reply post(const std::string& target,
             const std::vector<std::pair<std::string, std::string>>& fields,
             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    auto h = headers;
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return send("POST", target, h, form_body(fields));
  }
  Reply send(const std::string& method, const std::string& target,
             std::vector<std::pair<std::string, std::string>> headers, const std::string& body) {
    std::string raw =
        method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    std::string cookies;
    for (auto& [k, v] : jar) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
    if (!cookies.empty()) raw += "Cookie: " + cookies + "\r\n";
    for (auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
    if (method == "POST" || method == "PUT" || method == "PATCH")
      raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    raw += "\r\n" + body;
    Reply r = round_trip(port_, raw);
    for (auto& c : r.all("set-cookie")) {
      auto eq = c.find('='), semi = c.find(';');
      std::string name = c.substr(0, eq), value = c.substr(eq + 1, semi - eq - 1);
      if (c.find("Max-Age=0") != std::string::npos)
        jar.erase(name);
      else
        jar[name] = value;
    }
    return r;
  }
  // The page's CSRF token (a hidden field "csrf").
  static std::string csrf_of(const std::string& html) {
    std::smatch m;
    static const std::regex re("name=\"csrf\" value=\"([0-9a-f]{64})\"");
    return std::regex_search(html, m, re) ? m[1].str() : "";
  }
  std::map<std::string, std::string> jar;

 private:
  std::uint16_t port_;
};

inline constexpr const char* kPassword = "Mat-khau-2026!";

// A multipart/form-data body: (name, filename or "", data) parts; a file part is sent as
// `file_type`.
inline std::string multipart(
    const std::string& boundary,
    const std::vector<std::tuple<std::string, std::string, std::string>>& parts,
    const std::string& file_type = "text/csv") {
  std::string body;
  for (auto& [name, filename, data] : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: " + file_type;
    body += "\r\n\r\n" + data + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

}  // namespace htx::webapp::site_test_support
