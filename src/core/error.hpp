// Expected outcomes (validation, not found, conflict, forbidden) are returned as values that
// carry a message key for the user (translated through the catalogue) and detail for the log.
// Infrastructure failures are exceptions caught at the edge.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace htx {

// What kind of refusal an Error is. Every edge derives its answer from the kind alone: the HTTP
// status and JSON body (api::error_response), a form's message beside its field
// (webapp::FormState::add), the command line's exit code (cli) — never from the key.
enum class ErrorKind {
  kInvalid,     // the input is wrong (422; beside `field` when it names one)
  kBadRequest,  // the address is malformed: a query parameter `field` (400)
  kNotFound,    // the record addressed does not exist (404)
  kForbidden,   // the caller may not do this here (403)
  kConflict,    // the record's state refuses it: exists already, closed, changed meanwhile (409)
  kThrottled,   // too many attempts: try again later (429)
};

struct Error {
  std::string key;                            // message catalogue key, e.g. "import.missing_field"
  std::map<std::string, std::string> params;  // values substituted into the message
  std::string detail;                         // for logs only, never shown as-is to users
  ErrorKind kind = ErrorKind::kInvalid;
  std::string field;  // the input field it is about ("" = the request or form as a whole)

  Error() = default;
  // An invalid input; the field is taken from params["field"] when it is there.
  explicit Error(std::string k, std::map<std::string, std::string> p = {}, std::string d = {})
      : key(std::move(k)), params(std::move(p)), detail(std::move(d)) {
    if (auto it = params.find("field"); it != params.end()) field = it->second;
  }

  static Error invalid(std::string field, std::string key,
                       std::map<std::string, std::string> params = {}) {
    Error e(std::move(key), std::move(params));
    e.field = std::move(field);
    return e;
  }
  static Error bad_request(std::string field, std::string key,
                           std::map<std::string, std::string> params = {}) {
    Error e = invalid(std::move(field), std::move(key), std::move(params));
    e.kind = ErrorKind::kBadRequest;
    return e;
  }
  static Error not_found(std::string key, std::map<std::string, std::string> params = {}) {
    return of(ErrorKind::kNotFound, std::move(key), std::move(params));
  }
  static Error forbidden(std::string key, std::map<std::string, std::string> params = {}) {
    return of(ErrorKind::kForbidden, std::move(key), std::move(params));
  }
  static Error conflict(std::string key, std::map<std::string, std::string> params = {}) {
    return of(ErrorKind::kConflict, std::move(key), std::move(params));
  }
  static Error of(ErrorKind kind, std::string key, std::map<std::string, std::string> params = {},
                  std::string detail = {}) {
    Error e(std::move(key), std::move(params), std::move(detail));
    e.kind = kind;
    return e;
  }
  // The same error about another field (a form names its inputs differently).
  Error on(std::string f) const {
    Error e = *this;
    e.field = std::move(f);
    return e;
  }
  bool is(ErrorKind k) const { return kind == k; }
  // The same error with its field named as an edge names it ({service name: edge name}).
  Error with_field_names(const std::map<std::string, std::string>& names) const {
    auto it = names.find(field);
    return it == names.end() ? *this : on(it->second);
  }
};

// A failure of the machinery (database down, disk full): not the user's fault.
class InfrastructureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Result<T>: either a value or an Error. Small on purpose (std::expected is C++23).
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(implicit)
  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(data_); }
  const T& value() const { return std::get<T>(data_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace htx
