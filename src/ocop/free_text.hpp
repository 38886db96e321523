// The registry's free-text OCOP field ("Gạo ST25; Mật ong rừng", "OCOP 4 sao - Gạo nếp",
// "Bưởi Diễn (3★)") read into what a certificate needs: the product's name, its stars and a
// subgroup found from the name. A piece that gives no certified star rating, no name or no group
// is kept with its reason, never dropped.
#pragma once

#include <string>
#include <vector>

#include "ocop/rules.hpp"

namespace htx::ocop {

struct FreeTextItem {
  std::string text;     // the piece as written
  std::string product;  // the name, without "OCOP" and the stars
  int stars = 0;        // 0: none written
  std::string group, subgroup;
  std::string reason;  // "" when it can be recorded; else "no_stars", "stars_not_certified",
                       // "no_product", "no_group"
};

// The pieces of the field (separated by ';', '|' or new lines), each parsed.
std::vector<FreeTextItem> parse_free_text(const std::string& field, const OcopRules& rules);

}  // namespace htx::ocop
