#include "areas/area_base.hpp"

namespace htx::areas {

CallerArea::CallerArea(Caller caller) : caller_(std::move(caller)) {}

const Caller& CallerArea::caller() const { return caller_; }
const ProvinceScope& CallerArea::scope() const { return caller_.scope; }
std::string CallerArea::actor() const { return caller_.actor(); }
bool CallerArea::can_read() const {
  return accounts::AccessPolicy::can_read_work(caller_.principal);
}
bool CallerArea::can_write() const {
  return accounts::AccessPolicy::can_write_work(caller_.principal);
}

}  // namespace htx::areas
