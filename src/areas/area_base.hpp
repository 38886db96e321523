// What every area answers about its caller (areas::WorkArea, areas::ReportingArea derive from
// it): who asks, the provinces they reach, and whether they read or write the work programme and
// the areas built on it (accounts::AccessPolicy).
#pragma once

#include <string>

#include "areas/caller.hpp"
#include "core/error.hpp"

namespace htx::areas {

// An area's role check as a step of a read or write: true when `allowed`, else `refusal` (the
// area's forbidden error), so that `if (auto ok = must_write(); !ok) return ok.error();`.
inline Result<bool> allowed_or(bool allowed, const Error& refusal) {
  if (!allowed) return refusal;
  return true;
}

class CallerArea {
 public:
  explicit CallerArea(Caller caller);

  const Caller& caller() const;
  const ProvinceScope& scope() const;
  std::string actor() const;
  bool can_read() const;
  bool can_write() const;

 protected:
  Caller caller_;
};

}  // namespace htx::areas
