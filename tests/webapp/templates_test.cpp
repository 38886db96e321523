// The templates: no unescaped output anywhere, every text in both catalogues, values escaped.
#include "webapp/templates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace htx::webapp {
namespace {

const std::filesystem::path kTemplates = std::filesystem::path(HTX_SOURCE_WEB_DIR) / "templates";

TEST(webappTemplates, NoUnescapedTagInAnyTemplate) {
  int files = 0;
  for (auto& entry : std::filesystem::recursive_directory_iterator(kTemplates)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(unsafe_tags(source), std::vector<std::string>{}) << entry.path();
  }
  EXPECT_GT(files, 10);
}

TEST(webappTemplates, TheScanFindsEveryUnsafeForm) {
  EXPECT_EQ(unsafe_tags("<p>{{x}}</p>{{#a}}{{/a}}{{>p}}{{^b}}{{/b}}{{! c }}").size(), 0u);
  EXPECT_EQ(unsafe_tags("{{{x}}}").size(), 1u);
  EXPECT_EQ(unsafe_tags("{{&x}}").size(), 1u);
  EXPECT_EQ(unsafe_tags("{{ & x }}").size(), 1u);
  EXPECT_EQ(unsafe_tags("{{=<% %>=}}<%{x}%>").size(), 1u);
}

TEST(webappTemplates, LoadingRefusesAnUnsafeTemplate) {
  testing::TempDir dir;
  dir.write("page.mustache", "<p>{{{name}}}</p>");
  EXPECT_THROW(Templates::load(dir.path()), InfrastructureError);
  testing::TempDir broken;
  broken.write("page.mustache", "<p>{{#a}}</p>");
  EXPECT_THROW(Templates::load(broken.path()), InfrastructureError);
}

TEST(webappTemplates, EveryTextOfTheTemplatesIsInBothCatalogues) {
  auto vi = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kVi);
  auto en = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kEn);
  auto all = Templates::load(kTemplates).sources();
  int keys = 0;
  for (auto& [name, source] : all) {
    for (auto& key : text_keys(source)) {
      ++keys;
      EXPECT_TRUE(vi.has(key)) << name << ": " << key;
      EXPECT_TRUE(en.has(key)) << name << ": " << key;
    }
  }
  EXPECT_GT(keys, 100);
}

TEST(webappTemplates, ValuesAreEscapedAndTextsTranslated) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "partials");
  dir.write("layout.mustache", "<title>{{site.title}}</title><main>{{>content}}</main>");
  dir.write("page.mustache",
            "<h1>{{t.login.title}}</h1>{{#rows}}{{>row}}{{/rows}}{{n}}{{#flag}}!{{/flag}}");
  dir.write("partials/row.mustache", "<td>{{name}}</td>");
  auto t = Templates::load(dir.path());
  auto vi = i18n::Catalog::load(HTX_SOURCE_DATA_DIR, i18n::Lang::kVi);
  nlohmann::json view = {{"site", {{"title", "<b>&"}}},
                         {"rows", {{{"name", "<script>alert('x')</script>"}}}},
                         {"n", 42},
                         {"flag", false}};
  std::string html = t.render_in("layout", "page", view, vi);
  EXPECT_EQ(html,
            "<title>&lt;b&gt;&amp;</title><main><h1>Đăng nhập</h1>"
            "<td>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;</td>42</main>");
  // A title that looks like the content marker cannot move the content.
  view["site"]["title"] = "<htx-page-content></htx-page-content>";
  html = t.render_in("layout", "page", view, vi);
  EXPECT_EQ(html.find("<htx-page-content>"), std::string::npos);
  EXPECT_NE(html.find("<main><h1>"), std::string::npos);
  // The fragment of an htmx request: a partial on its own.
  EXPECT_EQ(t.render("row", {{"name", "a&b"}}, vi, true), "<td>a&amp;b</td>");
}

}  // namespace
}  // namespace htx::webapp
