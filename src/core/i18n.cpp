#include "core/i18n.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace htx::i18n {

std::optional<Lang> parse_lang(std::string_view code) {
  std::string c(code);
  for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (c == "vi" || c == "vi-vn") return Lang::kVi;
  if (c == "en" || c == "en-us" || c == "en-gb") return Lang::kEn;
  return std::nullopt;
}

std::string_view lang_code(Lang lang) { return lang == Lang::kEn ? "en" : "vi"; }

std::filesystem::path data_dir() {
  if (const char* d = std::getenv("HTX_DATA_DIR"); d && *d) return d;
  return HTX_DEFAULT_DATA_DIR;
}

Catalog Catalog::load(const std::filesystem::path& dir, Lang lang) {
  auto path = dir / "messages" / (std::string(lang_code(lang)) + ".json");
  std::ifstream in(path);
  if (!in) throw InfrastructureError("cannot open message catalogue " + path.string());
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    throw InfrastructureError("malformed message catalogue " + path.string() + ": " + e.what());
  }
  Catalog c;
  c.lang_ = lang;
  for (auto& [k, v] : j.items()) {
    if (v.is_string()) c.messages_[k] = v.get<std::string>();
  }
  return c;
}

bool Catalog::has(std::string_view key) const { return messages_.count(std::string(key)) > 0; }

std::string Catalog::text(std::string_view key,
                          const std::map<std::string, std::string>& params) const {
  auto it = messages_.find(std::string(key));
  const std::string& tpl = it == messages_.end() ? std::string(key) : it->second;
  if (it == messages_.end() && !params.empty()) {
    // Unknown key: still show the parameters so nothing the user needs is lost.
    std::ostringstream os;
    os << key;
    for (auto& [k, v] : params) os << " " << k << "=" << v;
    return os.str();
  }
  std::string out;
  out.reserve(tpl.size() + 32);
  for (size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      auto close = tpl.find('}', i);
      if (close != std::string::npos) {
        auto name = tpl.substr(i + 1, close - i - 1);
        if (auto p = params.find(name); p != params.end()) {
          out += p->second;
          i = close;
          continue;
        }
      }
    }
    out += tpl[i];
  }
  return out;
}

}  // namespace htx::i18n
