// Static files from memory: content types, ETag and 304, cache headers, and paths that try to
// leave the root (.., absolute, NUL, encoded slashes, symbolic links out of the root), on the
// loader, through the router, and through a real server on a loopback port.
#include "web/static_files.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"
#include "web/server.hpp"

namespace htx::web {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir.path() / "root/css");
    fs::create_directories(dir.path() / "root/.hidden");
    dir.write("root/app.js", "console.log('hi');\n");
    dir.write("root/css/app.css", "body{color:red}\n");
    dir.write("root/logo.svg", "<svg/>");
    dir.write("root/logo.PNG", std::string("\x89PNG\r\n\x1a\n", 8));
    dir.write("root/font.woff2", "wOF2");
    dir.write("root/favicon.ico", "ico");
    dir.write("root/openapi.json", "{}");
    dir.write("root/.hidden/secret.txt", "hidden");
    dir.write("secret.txt", "outside the root");
    fs::create_symlink(dir.path() / "secret.txt", dir.path() / "root/link-out.txt");
    fs::create_symlink(dir.path(), dir.path() / "root/dir-out");
    fs::create_symlink(dir.path() / "root/app.js", dir.path() / "root/link-in.js");
    loaded = files.add_directory(dir.path() / "root");
  }

  static Request get(std::string path, std::string if_none_match = "") {
    Request r;
    r.target = std::move(path);
    parse_target(r);
    if (!if_none_match.empty()) r.headers.set("If-None-Match", std::move(if_none_match));
    return r;
  }

  testing::TempDir dir;
  StaticFiles files;
  std::size_t loaded = 0;
};

TEST_F(StaticFilesTest, LoadsTheFilesUnderTheRootOnlyWithTheirTypes) {
  EXPECT_EQ(loaded, 8u);  // 7 files and the link that stays inside
  EXPECT_EQ(files.find("css/app.css")->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(files.find("app.js")->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.find("logo.svg")->content_type, "image/svg+xml");
  EXPECT_EQ(files.find("logo.PNG")->content_type, "image/png");
  EXPECT_EQ(files.find("font.woff2")->content_type, "font/woff2");
  EXPECT_EQ(files.find("favicon.ico")->content_type, "image/x-icon");
  EXPECT_EQ(files.find("openapi.json")->content_type, "application/json");
  EXPECT_EQ(files.find("link-in.js")->body, "console.log('hi');\n");
  EXPECT_EQ(content_type_for("x.bin"), "application/octet-stream");
  EXPECT_EQ(files.find("link-out.txt"), nullptr) << "symlink out of the root";
  EXPECT_EQ(files.find("dir-out/secret.txt"), nullptr) << "symlinked directory out of the root";
  EXPECT_EQ(files.find(".hidden/secret.txt"), nullptr);
  EXPECT_EQ(files.total_bytes(), 19u + 16 + 6 + 8 + 4 + 3 + 2 + 19);
}

TEST_F(StaticFilesTest, ServesWithETagAndCacheControlAnd304) {
  auto r = files.serve(get("/static/css/app.css"), "css/app.css");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "body{color:red}\n");
  EXPECT_EQ(r->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(r->headers.get("Cache-Control"), "public, max-age=3600");
  std::string etag(*r->headers.get("ETag"));
  ASSERT_GE(etag.size(), 3u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_NE(etag, *files.serve(get("/x"), "app.js")->headers.get("ETag"));

  auto again = files.serve(get("/static/css/app.css", etag), "css/app.css");
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->headers.get("ETag"), etag);
  EXPECT_EQ(files.serve(get("/", "\"other\", W/" + etag), "css/app.css")->status, 304);
  EXPECT_EQ(files.serve(get("/", "*"), "css/app.css")->status, 304);
  EXPECT_EQ(files.serve(get("/", "\"other\""), "css/app.css")->status, 200);
  EXPECT_EQ(files.serve(get("/", "garbage, \"unterminated"), "css/app.css")->status, 200);
}

TEST_F(StaticFilesTest, PathsThatLeaveTheRootAreNotFound) {
  for (std::string p : std::vector<std::string>{"", "/etc/passwd", "../secret.txt", "css/../app.js",
                                                "./app.js", "css//app.css", "css/app.css/",
                                                "app.js\\", std::string("app.js\0x", 8), "..",
                                                "link-out.txt", "dir-out/secret.txt", "\xff.js"}) {
    EXPECT_FALSE(files.serve(get("/"), p)) << p;
  }
  EXPECT_FALSE(safe_relative_path("a/../b"));
  EXPECT_TRUE(safe_relative_path("vendor/htmx.min.js"));
  EXPECT_TRUE(safe_relative_path("a..b/c...js"));
}

TEST_F(StaticFilesTest, AddFileAndLimits) {
  EXPECT_TRUE(files.add_file("vendor/app.js", dir.path() / "root/app.js"));
  EXPECT_FALSE(files.add_file("vendor/missing.js", dir.path() / "nope.js"));
  EXPECT_FALSE(files.add_file("../x.js", dir.path() / "root/app.js"));
  EXPECT_FALSE(files.add_file("dir.js", dir.path() / "root"));
  EXPECT_EQ(files.find("vendor/app.js")->body, "console.log('hi');\n");

  StaticFiles small(StaticFiles::Limits{2, 10, 20});
  EXPECT_FALSE(small.add_file("big.js", dir.path() / "root/app.js")) << "19 bytes > 10";
  EXPECT_TRUE(small.add_file("a.svg", dir.path() / "root/logo.svg"));
  EXPECT_TRUE(small.add_file("b.woff2", dir.path() / "root/font.woff2"));
  EXPECT_FALSE(small.add_file("c.ico", dir.path() / "root/favicon.ico")) << "max 2 files";
  EXPECT_EQ(small.size(), 2u);
  EXPECT_EQ(StaticFiles().add_directory(dir.path() / "missing"), 0u);
}

// Over HTTP: the router's {path...} and the server's decoding in front of the loader.
struct Reply {
  int status = 0;
  std::string head, body;
};
Reply fetch(std::uint16_t port, const std::string& target, const std::string& extra = "") {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "Connection: close\r\n\r\n";
  (void)!::write(fd, req.data(), req.size());
  std::string raw;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    raw.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  Reply r;
  if (raw.size() > 12) r.status = std::stoi(raw.substr(9, 3));
  auto sep = raw.find("\r\n\r\n");
  r.head = raw.substr(0, sep);
  if (sep != std::string::npos) r.body = raw.substr(sep + 4);
  return r;
}

TEST_F(StaticFilesTest, ThroughARealServer) {
  auto shared = std::make_shared<StaticFiles>();
  shared->add_directory(dir.path() / "root");
  shared->add_file("vendor/lib.js", dir.path() / "root/app.js");
  Router router;
  register_static_files(router, "/static/", shared);
  ServerOptions options;
  options.port = 0;
  options.data_dir = HTX_SOURCE_DATA_DIR;
  options.log = [](std::string_view) {};
  Server server(options, router);
  server.start();
  std::thread runner([&] { server.run(); });

  auto css = fetch(server.port(), "/static/css/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.body, "body{color:red}\n");
  EXPECT_NE(css.head.find("Content-Type: text/css; charset=utf-8"), std::string::npos) << css.head;
  EXPECT_NE(css.head.find("Cache-Control: public, max-age=3600"), std::string::npos);
  auto pos = css.head.find("ETag: ");
  ASSERT_NE(pos, std::string::npos);
  std::string etag = css.head.substr(pos + 6, css.head.find("\r\n", pos) - pos - 6);
  auto cached = fetch(server.port(), "/static/css/app.css", "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(fetch(server.port(), "/static/vendor/lib.js").status, 200);
  for (std::string bad : std::vector<std::string>{
           "/static/../secret.txt", "/static/%2e%2e/secret.txt",
           "/static/css%2f..%2f..%2fsecret.txt", "/static/%2Fetc%2Fpasswd", "/static/app.js%00.css",
           "/static/link-out.txt", "/static/", "/static/dir-out/secret.txt", "/static/nope.css"}) {
    auto r = fetch(server.port(), bad);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << bad << " " << r.status;
    EXPECT_EQ(r.body.find("outside the root"), std::string::npos) << bad;
  }
  server.stop();
  runner.join();
}

}  // namespace
}  // namespace htx::web
