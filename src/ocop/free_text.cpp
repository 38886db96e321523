#include "ocop/free_text.hpp"

#include <regex>

#include "core/text.hpp"

namespace htx::ocop {

namespace {

// "4 sao", "4sao", "4 SAO", "4*", "4★" (U+2605), and a run of ★.
const std::regex& digit_stars() {
  static const std::regex re(R"((\d+)\s*(?:[sS][aA][oO]|\*|\xE2\x98\x85)(?![A-Za-z]))");
  return re;
}
const std::regex& star_run() {
  static const std::regex re(R"((?:\xE2\x98\x85)+)");
  return re;
}
const std::regex& ocop_word() {
  static const std::regex re(R"((^|[^A-Za-z])[oO][cC][oO][pP](?![A-Za-z]))");
  return re;
}

bool separator(char c) {
  return c == ' ' || c == '-' || c == ':' || c == ',' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '.' || c == '\t';
}

// Spaces collapsed, separators trimmed at both ends, and "()" left empty by the stars removed.
std::string tidy(std::string s) {
  s = std::regex_replace(s, std::regex(R"(\(\s*\)|\[\s*\])"), " ");
  s = std::regex_replace(s, std::regex(R"(\s+)"), " ");
  std::size_t b = 0, e = s.size();
  while (b < e && separator(s[b])) ++b;
  while (e > b && separator(s[e - 1])) --e;
  return s.substr(b, e - b);
}

FreeTextItem parse_piece(const std::string& piece, const OcopRules& rules) {
  FreeTextItem item;
  item.text = piece;
  std::string rest = piece;
  std::smatch m;
  if (std::regex_search(rest, m, digit_stars())) {
    item.stars = static_cast<int>(std::min<long>(std::stol(m[1].str().substr(0, 3)), 99));
    rest = m.prefix().str() + " " + m.suffix().str();
  } else if (std::regex_search(rest, m, star_run())) {
    item.stars = static_cast<int>(m[0].length() / 3);
    rest = m.prefix().str() + " " + m.suffix().str();
  }
  rest = std::regex_replace(rest, ocop_word(), "$1 ");
  item.product = tidy(rest);
  if (item.stars == 0) {
    item.reason = "no_stars";
  } else if (const StarBand* b = rules.band(item.stars); !b || !b->certified) {
    item.reason = "stars_not_certified";
  } else if (item.product.empty()) {
    item.reason = "no_product";
  } else if (auto sub = rules.subgroup_for_name(item.product)) {
    item.subgroup = *sub;
    item.group = rules.group_of_subgroup(*sub)->code;
  } else {
    item.reason = "no_group";
  }
  return item;
}

}  // namespace

std::vector<FreeTextItem> parse_free_text(const std::string& field, const OcopRules& rules) {
  std::string normalised = text::to_nfc(field);
  for (auto& c : normalised)
    if (c == '|' || c == '\n' || c == '\r') c = ';';
  std::vector<FreeTextItem> out;
  for (const auto& piece : text::split(normalised, ';')) out.push_back(parse_piece(piece, rules));
  return out;
}

}  // namespace htx::ocop
