// The HTML templates (kainjow mustache) of the site: loaded once from web/templates/, parsed
// once per worker thread (kainjow's render() is not const), rendered from a view model.
//
// Templates hold no logic and every value goes through mustache's HTML escaping: a template
// that contains an unescaped tag ({{{x}}}, {{&x}}) or changes the delimiters ({{=<% %>=}}) is
// refused when loading. Two kinds of names are resolved by the renderer itself:
//   {{t.nav.registry}}  the catalogue text of "site.nav.registry" in the request's language;
//   {{>name}}           the partial web/templates/partials/name.mustache.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"

namespace htx::webapp {

// Unsafe tags in a template's source: "{{{x}}}", "{{&x}}", "{{=...=}}", each as written.
std::vector<std::string> unsafe_tags(std::string_view source);

// The catalogue keys a template reads through {{t.some.key}}: "site.some.key".
std::vector<std::string> text_keys(std::string_view source);

class Templates {
 public:
  // Reads <dir>/*.mustache (pages, named by file stem) and <dir>/partials/*.mustache.
  // Throws InfrastructureError on a missing directory, an unsafe tag or a template that does not
  // parse.
  static Templates load(const std::filesystem::path& dir);

  bool has(std::string_view name) const { return pages_.count(std::string(name)) > 0; }

  // Renders page `name` (or, with partial = true, the partial of that name as a page of its
  // own: the fragment an htmx request asks for). Throws InfrastructureError on a render error.
  std::string render(std::string_view name, const nlohmann::json& view,
                     const i18n::Catalog& catalog, bool partial = false) const;

  // Page `page` inside page `layout`: the layout's {{>content}} is replaced by the page.
  std::string render_in(std::string_view layout, std::string_view page, const nlohmann::json& view,
                        const i18n::Catalog& catalog) const;

  // Every template's source, by "name" or "partials/name" (for tests and checks).
  std::map<std::string, std::string> sources() const;

 private:
  std::uint64_t id_ = 0;  // tells per-thread caches of different instances apart
  std::map<std::string, std::string> pages_;
  std::map<std::string, std::string> partials_;
};

}  // namespace htx::webapp
