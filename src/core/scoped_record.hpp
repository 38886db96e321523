// A record looked up by id for a caller within their provinces, the three steps every service's
// "find, or refuse" takes written once: none found is not found (the message `not_found_key` with
// the id as {id_name}); a record whose province_id the scope does not allow is forbidden
// (`out_of_scope_key`). Included by the services' .cpp files that use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/scope.hpp"

namespace htx {

template <class R>
Result<R> scoped_record(std::optional<R> found, std::int64_t id, const ProvinceScope& scope,
                        const char* not_found_key, const char* out_of_scope_key,
                        const char* id_name = "id") {
  if (!found) return Error::not_found(not_found_key, {{id_name, std::to_string(id)}});
  if (!scope.allows(found->province_id)) return Error::forbidden(out_of_scope_key);
  return std::move(*found);
}

}  // namespace htx
