// Message catalogues: the user's words live in data/messages/<lang>.json, never in code.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"

namespace htx::i18n {

enum class Lang { kVi, kEn };

std::optional<Lang> parse_lang(std::string_view code);  // "vi", "en" (case-insensitive)
std::string_view lang_code(Lang lang);

// Directory of the program's data files: $HTX_DATA_DIR if set, else the build's default.
std::filesystem::path data_dir();

class Catalog {
 public:
  Catalog() = default;
  // Loads <dir>/messages/<lang>.json, a flat object of key -> template with {name} placeholders.
  // Throws InfrastructureError when the file is missing or malformed.
  static Catalog load(const std::filesystem::path& dir, Lang lang);

  Lang lang() const { return lang_; }
  bool has(std::string_view key) const;
  // The template for key with {name} replaced by params[name]; the key itself if unknown.
  std::string text(std::string_view key,
                   const std::map<std::string, std::string>& params = {}) const;
  std::string render(const Error& error) const { return text(error.key, error.params); }

 private:
  Lang lang_ = Lang::kVi;
  std::unordered_map<std::string, std::string> messages_;
};

}  // namespace htx::i18n
