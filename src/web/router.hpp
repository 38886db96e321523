// A thin router: method + path pattern -> handler. Patterns are split on '/':
//   "/api/v1/htx/{code}"      {name} matches one non-empty segment (percent-decoded)
//   "/static/{path...}"       {name...} as the last segment matches the rest (may be empty)
// A literal segment beats a {param}, which beats a {rest...}, whatever the registration order.
// GET routes also answer HEAD (the server drops the body). Routes are registered before the
// server starts; matching is then read-only and safe from any thread.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http_types.hpp"

namespace htx::web {

class RouteParams {
 public:
  // The value of {name}; throws std::out_of_range when the route has no such parameter
  // (a programming error, answered with 500).
  const std::string& at(std::string_view name) const;
  const std::string* find(std::string_view name) const;
  void add(std::string name, std::string value) {
    params_.emplace_back(std::move(name), std::move(value));
  }

  auto begin() const { return params_.begin(); }
  auto end() const { return params_.end(); }
  size_t size() const { return params_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// Runs on a worker thread (never an I/O thread), so it may block on a database.
// An exception becomes a 500 with a generic message; its what() goes to the log only.
using Handler = std::function<Response(const Request&, const RouteParams&)>;

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern).
  Router& add(Method method, std::string_view pattern, Handler handler);
  Router& get(std::string_view pattern, Handler h) {
    return add(Method::kGet, pattern, std::move(h));
  }
  Router& post(std::string_view pattern, Handler h) {
    return add(Method::kPost, pattern, std::move(h));
  }
  Router& put(std::string_view pattern, Handler h) {
    return add(Method::kPut, pattern, std::move(h));
  }
  Router& patch(std::string_view pattern, Handler h) {
    return add(Method::kPatch, pattern, std::move(h));
  }
  Router& del(std::string_view pattern, Handler h) {
    return add(Method::kDelete, pattern, std::move(h));
  }

  struct Match {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;  // kFound
    RouteParams params;                // kFound
    std::string allow;                 // kMethodNotAllowed: "GET, HEAD, POST"
  };

  // raw_path is still percent-encoded, so "%2F" stays inside one segment. Segments that do not
  // decode (bad escape, invalid UTF-8) match no {param}.
  Match match(Method method, std::string_view raw_path) const;

  size_t size() const { return routes_.size(); }

 private:
  struct Segment {
    enum class Kind { kLiteral, kParam, kRest };
    Kind kind;
    std::string text;  // the literal (decoded) or the parameter name
  };
  struct Route {
    Method method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };

  std::vector<Route> routes_;
};

}  // namespace htx::web
