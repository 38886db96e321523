// The linear look-up of a small list by one of its members ("the sector with this id").
#pragma once

#include <algorithm>
#include <vector>

namespace htx {

// The first element of `items` whose `member` equals `value`; nullptr if there is none.
template <typename T, typename M, typename V>
const T* find_by(const std::vector<T>& items, M T::*member, const V& value) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const T& item) { return item.*member == value; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace htx
