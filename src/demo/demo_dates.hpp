// Dates of the demo's fixed calendar, written as literals the builders know to be valid.
#pragma once

#include "core/date.hpp"

namespace htx::demo {

inline Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

}  // namespace htx::demo
