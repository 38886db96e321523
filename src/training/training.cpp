#include "training/training.hpp"

#include "core/enum_code_functions.hpp"
#include "training/training_repository.hpp"

namespace htx::training {

namespace {

constexpr enum_codes::Codes<Sex, 2> kSexes{{"male", "female"}};
constexpr enum_codes::Codes<Mark, 4> kMarks{{"present", "late", "excused", "absent"}};
constexpr enum_codes::Codes<Dimension, 8> kDimensions{
    {"province", "kind", "sex", "ethnicity", "age_band", "role", "unit", "year"}};

}  // namespace

HTX_ENUM_CODES(Sex, sex_from_code, kSexes)
HTX_ENUM_CODES(Mark, mark_from_code, kMarks)
HTX_ENUM_CODES(Dimension, dimension_from_code, kDimensions)

}  // namespace htx::training
