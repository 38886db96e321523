#include "webapp/templates.hpp"

#include <atomic>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <memory>
#include <sstream>

#include "core/error.hpp"

namespace htx::webapp {

namespace {

namespace mus = kainjow::mustache;
using mus::data;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InfrastructureError("cannot read template " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The view model as kainjow data: objects, lists and strings; numbers become their decimal
// text; true/false stay booleans; null is false (an absent section).
data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      data d(data::type::object);
      for (auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      data d(data::type::list);
      for (auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::string:
      return data(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      return data(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return data(j.dump());
    default:
      return data(false);
  }
}

// The lookup of names during a render: the view model's stack as kainjow's own context does,
// plus "t.<key>" from the catalogue and the partials.
class ViewContext final : public mus::basic_context<std::string> {
 public:
  ViewContext(const data* root, const i18n::Catalog& catalog,
              const std::map<std::string, data>& partials)
      : catalog_(catalog), partials_(partials) {
    push(root);
  }
  void push(const data* d) override { items_.insert(items_.begin(), d); }
  void pop() override { items_.erase(items_.begin()); }

  const data* get(const std::string& name) const override {
    if (name == ".") return items_.front();
    if (name.size() > 2 && name.compare(0, 2, "t.") == 0) {
      auto it = texts_.find(name);
      if (it == texts_.end())
        it = texts_.emplace(name, data(catalog_.text("site." + name.substr(2)))).first;
      return &it->second;
    }
    if (name.find('.') == std::string::npos) {
      for (const data* item : items_)
        if (const data* v = item->get(name)) return v;
      return nullptr;
    }
    auto names = mus::split(name, '.');
    for (const data* item : items_) {
      const data* v = item;
      for (auto& n : names) {
        v = v->get(n);
        if (!v) break;
      }
      if (v) return v;
    }
    return nullptr;
  }

  const data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    return it == partials_.end() ? nullptr : &it->second;
  }

 private:
  std::vector<const data*> items_;
  const i18n::Catalog& catalog_;
  const std::map<std::string, data>& partials_;
  mutable std::map<std::string, data> texts_;  // std::map: pointers stay valid
};

std::atomic<std::uint64_t> next_id{1};

// What {{>content}} renders in a layout, replaced by the page afterwards. It holds '<', which
// escaped values never do, so nothing that comes from data can fake it.
constexpr std::string_view kContentMarker = "<htx-page-content></htx-page-content>";

// One thread's parsed templates, for one Templates instance (a single slot: a process has one
// site; tests that build several just rebuild it).
struct ThreadCache {
  std::uint64_t owner = 0;
  std::map<std::string, mus::mustache> pages;
  std::map<std::string, mus::mustache> partial_pages;
  std::map<std::string, data> partials;
};

void check_template(const std::string& name, const std::string& source) {
  auto bad = unsafe_tags(source);
  if (!bad.empty())
    throw InfrastructureError("template " + name + " has an unescaped tag: " + bad.front());
  mus::mustache parsed(source);
  if (!parsed.is_valid())
    throw InfrastructureError("template " + name + ": " + parsed.error_message());
}

}  // namespace

std::vector<std::string> unsafe_tags(std::string_view source) {
  std::vector<std::string> out;
  for (std::size_t i = source.find("{{"); i != std::string_view::npos;
       i = source.find("{{", i + 2)) {
    std::size_t j = i + 2;
    while (j < source.size() && (source[j] == ' ' || source[j] == '\t')) ++j;
    if (j >= source.size()) break;
    char c = source[j];
    if (c == '{' || c == '&' || c == '=') {
      auto end = source.find("}}", j);
      out.emplace_back(
          source.substr(i, end == std::string_view::npos ? source.size() - i : end + 2 - i));
    }
  }
  return out;
}

std::vector<std::string> text_keys(std::string_view source) {
  std::vector<std::string> out;
  for (std::size_t i = source.find("{{"); i != std::string_view::npos;
       i = source.find("{{", i + 2)) {
    std::size_t j = i + 2;
    while (j < source.size() && source[j] == ' ') ++j;
    if (source.substr(j, 2) != "t.") continue;
    auto end = source.find("}}", j);
    if (end == std::string_view::npos) break;
    std::string name(source.substr(j + 2, end - j - 2));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    out.push_back("site." + name);
  }
  return out;
}

Templates Templates::load(const std::filesystem::path& dir) {
  Templates t;
  t.id_ = next_id++;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InfrastructureError("no template directory " + dir.string());
  auto read_dir = [&](const std::filesystem::path& d, std::map<std::string, std::string>& into,
                      const std::string& prefix) {
    if (!std::filesystem::is_directory(d, ec)) return;
    for (auto& entry : std::filesystem::directory_iterator(d)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
      std::string name = entry.path().stem().string();
      std::string source = read_file(entry.path());
      check_template(prefix + name, source);
      into[name] = std::move(source);
    }
  };
  read_dir(dir, t.pages_, "");
  read_dir(dir / "partials", t.partials_, "partials/");
  if (t.pages_.empty()) throw InfrastructureError("no templates in " + dir.string());
  return t;
}

std::map<std::string, std::string> Templates::sources() const {
  std::map<std::string, std::string> all = pages_;
  for (auto& [k, v] : partials_) all["partials/" + k] = v;
  return all;
}

std::string Templates::render(std::string_view name, const nlohmann::json& view,
                              const i18n::Catalog& catalog, bool partial) const {
  thread_local ThreadCache cache;
  if (cache.owner != id_) {
    cache = ThreadCache{};
    for (auto& [k, v] : pages_) cache.pages.emplace(k, mus::mustache(v));
    for (auto& [k, v] : partials_) {
      cache.partial_pages.emplace(k, mus::mustache(v));
      std::string source = v;
      cache.partials.emplace(k, data(mus::partial([source] { return source; })));
    }
    cache.partials.emplace("content", data(std::string(kContentMarker)));
    cache.owner = id_;
  }
  auto& set = partial ? cache.partial_pages : cache.pages;
  auto it = set.find(std::string(name));
  if (it == set.end()) throw InfrastructureError("no template " + std::string(name));
  data root = to_data(view);
  ViewContext ctx(&root, catalog, cache.partials);
  std::string out = it->second.render(ctx);
  if (!it->second.is_valid()) {
    cache.owner = 0;  // kainjow keeps the error: parse afresh next time
    throw InfrastructureError("template " + std::string(name) + ": " + it->second.error_message());
  }
  return out;
}

}  // namespace htx::webapp

namespace htx::webapp {

std::string Templates::render_in(std::string_view layout, std::string_view page,
                                 const nlohmann::json& view, const i18n::Catalog& catalog) const {
  std::string content = render(page, view, catalog);
  std::string frame = render(layout, view, catalog);
  auto at = frame.find(kContentMarker);
  if (at == std::string::npos)
    throw InfrastructureError("layout " + std::string(layout) + " has no {{>content}}");
  frame.replace(at, kContentMarker.size(), content);
  return frame;
}

}  // namespace htx::webapp
