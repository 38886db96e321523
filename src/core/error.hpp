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

struct Error {
  std::string key;                            // message catalogue key, e.g. "import.missing_field"
  std::map<std::string, std::string> params;  // values substituted into the message
  std::string detail;                         // for logs only, never shown as-is to users

  Error() = default;
  explicit Error(std::string k, std::map<std::string, std::string> p = {}, std::string d = {})
      : key(std::move(k)), params(std::move(p)), detail(std::move(d)) {}
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
