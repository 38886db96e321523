// A profile as JSON (the API's resource, `htx profile --format json`): the entity and its events,
// then one member per section the caller reads; a section withheld is absent, not empty.
#pragma once

#include <nlohmann/json.hpp>

#include "areas/profile_area.hpp"

namespace htx::areas {

nlohmann::json to_json(const Profile& p);

}  // namespace htx::areas
