// Who may read and write the work programme (and the governance and reporting built on it), as
// the API and the pages ask it: accounts::AccessPolicy::can_read_work, can_write_work,
// can_manage_units. Everything else the work programme's edges share is areas::WorkArea.
#pragma once

#include "accounts/access.hpp"

namespace htx::api {

using accounts::AccessPolicy;
inline bool can_read_work(const accounts::Principal& p) { return AccessPolicy::can_read_work(p); }
inline bool can_write_work(const accounts::Principal& p) { return AccessPolicy::can_write_work(p); }
inline bool can_manage_units(const accounts::Principal& p) {
  return AccessPolicy::can_manage_units(p);
}

}  // namespace htx::api
