// What every demo builder does with a service's answer: its value, or an InfrastructureError
// naming the step, the refusal's key and field (a refusal is a defect of the demo, not input).
#pragma once

#include <string>
#include <utility>

#include "core/error.hpp"

namespace htx::demo {

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r)
    throw InfrastructureError("demo: " + what + " refused: " + r.error().key + " (" +
                              r.error().field + ")");
  return std::move(r.value());
}

}  // namespace htx::demo
