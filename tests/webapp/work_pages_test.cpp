// The work programme's pages and JSON API through a real server (127.0.0.1, port 0) over a
// temporary SQLite database with four units, users of every kind and a document with its task:
// the list with filters and carry-over, creating a document and a task (due before start → 422,
// a used number → 422), progress and blockers on the task page and the standing leadership's
// list, the review page and its downloads, province scope (403 / 422), the national leader's
// read-only view, the public and buyers kept out, CSRF; and /api/v1/tasks, /documents, /reviews.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "api/public_api.hpp"
#include "site_client.hpp"
#include "support/docx_read.hpp"
#include "support/prerequisite.hpp"
#include "support/registry_fixture.hpp"
#include "web/server.hpp"
#include "webapp/forms.hpp"
#include "webapp/site.hpp"
#include "work/work_service.hpp"

namespace htx::webapp {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

using namespace site_test_support;

class webappWork : public ::testing::Test {
 protected:
  void SetUp() override {
    accounts::AccountService accounts(
        f.db->accounts(), f.db->audit(), *f.db, now_fn(),
        [this](std::string_view id) { return f.geo.province(id) != nullptr; });
    auto add = [&](const char* name, accounts::Role role, std::vector<std::string> provinces) {
      accounts::NewUser u;
      u.username = name;
      u.display_name = std::string("Người dùng ") + name;
      u.role = role;
      u.province_ids = std::move(provinces);
      u.password = kPassword;
      auto r = accounts.add_user(u, "test");
      ASSERT_TRUE(r) << r.error().key;
    };
    add("admin", accounts::Role::kAdmin, {});
    add("leader", accounts::Role::kNationalLeader, {});
    add("hanoi", accounts::Role::kProvincialStaff, {"01-2025"});
    add("buyer", accounts::Role::kBuyer, {});
    admin_token = *accounts.issue_api_token("admin", "test", "test");
    hanoi_token = *accounts.issue_api_token("hanoi", "test", "test");
    buyer_token = *accounts.issue_api_token("buyer", "test", "test");

    work::WorkService w(f.db->work(), f.db->audit(), *f.db, f.clock);
    auto unit = [&](const char* code, const char* name, work::UnitKind kind, const char* province) {
      work::Unit u;
      u.code = code;
      u.name = name;
      u.kind = kind;
      u.province_id = province;
      auto r = w.add_unit(u, "test", ProvinceScope::all());
      EXPECT_TRUE(r) << r.error().key;
      return r ? r->id : 0;
    };
    national = unit("LMHTXVN", "Liên minh HTX Việt Nam", work::UnitKind::kNational, "");
    office = unit("VP", "Văn phòng", work::UnitKind::kDepartment, "");
    hanoi_unit =
        unit("LMHTX-01", "Liên minh HTX thành phố Hà Nội", work::UnitKind::kProvincial, "01-2025");
    danang_unit =
        unit("LMHTX-48", "Liên minh HTX thành phố Đà Nẵng", work::UnitKind::kProvincial, "48-2025");
    work::Document d;
    d.kind = work::DocumentKind::kNotice;
    d.number = 64;
    d.issuer_symbol = "LMHTXVN";
    d.issuer_unit_id = national;
    d.issued_on = *Date::from_ymd(2021, 2, 5);
    d.signer = "Cao Xuân Thu Vân";
    d.title = "Thông báo kết luận của Thường trực";
    notice = w.add_document(d, "test", ProvinceScope::all())->id;
    work::Task old;
    old.title = "Đề án thành lập Quỹ hỗ trợ";
    old.lead_unit_id = office;
    old.start_on = *Date::from_ymd(2018, 3, 1);
    old.due_on = *Date::from_ymd(2018, 12, 31);
    old.key_task = true;
    carried = w.add_task(old, "test", ProvinceScope::all())->id;
    work::Task dn;
    dn.title = "Tổng kết HTX Đà Nẵng";
    dn.lead_unit_id = danang_unit;
    dn.start_on = *Date::from_ymd(2021, 1, 4);
    dn.due_on = *Date::from_ymd(2021, 2, 26);
    danang_task = w.add_task(dn, "test", ProvinceScope::all())->id;

    ctx.database_url = f.dir.file("test.db");
    ctx.open_database = [](const std::string& u) { return store::open_database(u); };
    ctx.geo = &f.geo;
    ctx.sectors = &f.sectors;
    ctx.columns = &f.columns;
    ctx.vi = &f.vi;
    ctx.en = &f.en;
    ctx.clock = &f.clock;
    ctx.now = now_fn();
    ctx.web_dir = HTX_SOURCE_WEB_DIR;
    api::register_public_api(router, ctx);
    register_site(router, ctx);
    web::ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.log = [](std::string_view) {};
    server = std::make_unique<web::Server>(options, router);
    server->start();
    runner = std::thread([this] { server->run(); });
  }
  void TearDown() override {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
  }

  std::function<std::chrono::system_clock::time_point()> now_fn() {
    return [] { return std::chrono::sys_days{std::chrono::year{2026} / 11 / 29} + 10h; };
  }

  Browser browser() { return Browser(server->port()); }
  Browser signed_in(const std::string& user) {
    Browser b = browser();
    auto form = b.get("/login");
    auto r = b.post("/login", {{"csrf", Browser::csrf_of(form.body)},
                               {"username", user},
                               {"password", kPassword},
                               {"next", "/"}});
    EXPECT_EQ(r.status, 303) << user << "\n" << r.body;
    return b;
  }
  Reply api(const std::string& method, const std::string& target, const std::string& token,
            const json& body = nullptr) {
    Browser b = browser();
    std::vector<std::pair<std::string, std::string>> h{{"Accept", "application/json"}};
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    std::string raw;
    if (!body.is_null()) {
      h.emplace_back("Content-Type", "application/json");
      raw = body.dump();
    }
    if (method == "POST" && body.is_null()) raw = "";
    return b.send(method, target, h, raw);
  }
  std::int64_t audit_count() {
    audit::Filter all;
    all.limit = 100000;
    return static_cast<std::int64_t>(f.db->audit().list(all).size());
  }
  std::size_t task_count() { return f.db->work().list_tasks({}).size(); }

  testing::RegistryFixture f;
  api::AppContext ctx;
  web::Router router;
  std::unique_ptr<web::Server> server;
  std::thread runner;
  std::string admin_token, hanoi_token, buyer_token;
  std::int64_t national = 0, office = 0, hanoi_unit = 0, danang_unit = 0, notice = 0;
  std::int64_t carried = 0, danang_task = 0;
};

std::string id_of_location(const Reply& r) {
  auto loc = r.header("Location");
  return loc.substr(loc.rfind('/') + 1);
}

TEST_F(webappWork, TheWholeLoopThroughThePages) {
  Browser b = signed_in("admin");
  auto home = b.get("/");
  EXPECT_TRUE(home.has("href=\"/work/tasks\"")) << "the nav has the work programme";

  // A document, then the same number again.
  auto form = b.get("/work/documents/new");
  ASSERT_EQ(form.status, 200) << form.body;
  std::string csrf = Browser::csrf_of(form.body);
  std::vector<std::pair<std::string, std::string>> doc{{"csrf", csrf},
                                                       {"kind", "plan"},
                                                       {"number", "12"},
                                                       {"issuer_unit_id", std::to_string(office)},
                                                       {"issued_on", "01/03/2021"},
                                                       {"signer", "Chánh Văn phòng"},
                                                       {"title", "Kế hoạch công tác tháng 3/2021"},
                                                       {"status", "adopted"}};
  auto created = b.post("/work/documents", doc);
  ASSERT_EQ(created.status, 303) << created.body;
  auto again = b.post("/work/documents", doc);
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(again.has("12/KH-VP")) << "the message names the number";
  auto docs = b.get("/work/documents");
  EXPECT_TRUE(docs.has("12/KH-VP"));
  EXPECT_TRUE(docs.has("64/TB-LMHTXVN"));
  std::int64_t plan = 0;
  for (auto& d : f.db->work().list_documents())
    if (d.number == 12) plan = d.id;
  ASSERT_GT(plan, 0);

  // A task from it; due before start is refused on the field.
  auto task_form = b.get("/work/tasks/new?document=" + std::to_string(plan));
  ASSERT_EQ(task_form.status, 200);
  std::vector<std::pair<std::string, std::string>> task{{"csrf", csrf},
                                                        {"title", "Hội nghị sơ kết quý I"},
                                                        {"document_id", std::to_string(plan)},
                                                        {"lead_unit_id", std::to_string(office)},
                                                        {"with", std::to_string(national)},
                                                        {"owner", "Nguyễn Văn A"},
                                                        {"start_on", "01/03/2021"},
                                                        {"due_on", "28/02/2021"},
                                                        {"key_task", "on"}};
  auto before = task_count();
  auto bad = b.post("/work/tasks", task);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.has("id=\"error-due_on\"")) << bad.body;
  EXPECT_TRUE(bad.has("trước ngày bắt đầu 01/03/2021"));
  EXPECT_EQ(task_count(), before) << "nothing changed";
  task.back() = {"key_task", "on"};
  task[7] = {"due_on", "25/03/2021"};
  auto good = b.post("/work/tasks", task);
  ASSERT_EQ(good.status, 303) << good.body;
  std::string href = good.header("Location");
  std::string id = id_of_location(good);

  // Progress, then a blocker: the task page and the standing leadership's list.
  auto page = b.get(href);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("12/KH-VP"));
  EXPECT_TRUE(page.has("Văn phòng"));
  auto audit_before = audit_count();
  auto prog = b.post(href + "/progress",
                     {{"csrf", csrf}, {"on", "10/03/2021"}, {"text", "Đã gửi giấy mời các tỉnh"}});
  EXPECT_EQ(prog.status, 303) << prog.body;
  auto block =
      b.post(href + "/block",
             {{"csrf", csrf}, {"on", "15/03/2021"}, {"text", "Chưa bố trí được hội trường"}});
  EXPECT_EQ(block.status, 303) << block.body;
  EXPECT_EQ(audit_count(), audit_before + 2) << "every change is audited";
  page = b.get(href);
  EXPECT_TRUE(page.has("Đã gửi giấy mời các tỉnh"));
  EXPECT_TRUE(page.has("Chưa bố trí được hội trường"));
  EXPECT_TRUE(page.has("id=\"task-open-blockers\""));
  auto blockers = b.get("/work/blockers");
  EXPECT_TRUE(blockers.has("Chưa bố trí được hội trường"));
  EXPECT_TRUE(blockers.has("Hội nghị sơ kết quý I"));
  auto empty_text =
      b.post(href + "/progress", {{"csrf", csrf}, {"on", "16/03/2021"}, {"text", " "}});
  EXPECT_EQ(empty_text.status, 422);

  // The review of March 2021 shows it blocked with its blocker; then it is done late.
  auto review = b.get("/work/review?period=2021-03");
  ASSERT_EQ(review.status, 200) << review.body;
  EXPECT_TRUE(review.has("tháng 3"));
  EXPECT_TRUE(review.has("id=\"review-blocked\""));
  EXPECT_TRUE(review.has("Chưa bố trí được hội trường"));
  EXPECT_TRUE(review.has("id=\"review-registry\""));
  EXPECT_TRUE(review.has("còn dở dang từ năm 2018")) << "the 2018 task carries over";
  EXPECT_TRUE(review.has("/work/review/download?period=2021-03&amp;format=txt"));
  auto done = b.post(href + "/done", {{"csrf", csrf}, {"on", "30/03/2021"}});
  EXPECT_EQ(done.status, 303) << done.body;
  page = b.get(href);
  EXPECT_TRUE(page.has("chậm 5 ngày")) << page.body;
  EXPECT_FALSE(page.has("id=\"form-progress\"")) << "a done task takes no more reports";
  review = b.get("/work/review?period=2021-03");
  EXPECT_TRUE(review.has("id=\"review-done-late\""));
  EXPECT_TRUE(review.has("Hội nghị sơ kết quý I"));

  auto txt = b.get("/work/review/download?period=2021-03&format=txt");
  EXPECT_EQ(txt.status, 200);
  EXPECT_NE(txt.header("Content-Disposition").find("danh-gia-cong-tac-2021-03.txt"),
            std::string::npos);
  EXPECT_TRUE(txt.has("tháng 3")) << txt.body;
  // The .docx, read back by python3's zipfile and xml.etree (tests/support/read_docx.py).
  EXPECT_TRUE(review.has("format=docx"));
  auto docx = b.get("/work/review/download?period=2021-03&format=docx");
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  ASSERT_GT(docx.body.size(), 2u);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  {
    std::string path = f.dir.file("review.docx");
    std::ofstream(path, std::ios::binary) << docx.body;
    if (htx::testing::available(!htx::testing::plain_python().empty(), "python3 not found")) {
      std::string why;
      auto read = htx::testing::read_docx(path, why);
      EXPECT_TRUE(read) << why;
      const json doc = read.value_or(json::object());
      std::string all;
      for (auto& para : doc.value("paragraphs", json::array()))
        all += para.get<std::string>() + "\n";
      EXPECT_NE(all.find("BÁO CÁO"), std::string::npos) << all;
      EXPECT_NE(all.find("tháng 3"), std::string::npos) << all;
      EXPECT_NE(all.find("Hội nghị sơ kết quý I"), std::string::npos) << all;
    }
  }
  auto js = b.get("/work/review/download?period=2021&format=json");
  EXPECT_EQ(js.status, 200);
  auto parsed = json::parse(js.body, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["period"], "2021");
  EXPECT_EQ(b.get("/work/review/download?period=2021-13&format=txt").status, 400);
  EXPECT_EQ(b.get("/work/review?period=abc").status, 400);

  // The list: filters and the age of carried-over work.
  auto list = b.get("/work/tasks?year=2021");
  EXPECT_TRUE(list.has("còn dở dang từ năm 2018"));
  EXPECT_TRUE(list.has("Hội nghị sơ kết quý I"));
  auto keyed = b.get("/work/tasks?key=on&status=done");
  EXPECT_TRUE(keyed.has("Hội nghị sơ kết quý I"));
  EXPECT_FALSE(keyed.has("Tổng kết HTX Đà Nẵng"));
  auto overdue = b.get("/work/tasks?overdue=on");
  EXPECT_TRUE(overdue.has("Tổng kết HTX Đà Nẵng"));
  EXPECT_TRUE(overdue.has("quá hạn"));
  EXPECT_FALSE(overdue.has("Hội nghị sơ kết quý I"));
  auto by_unit = b.get("/work/tasks?unit=LMHTX-48");
  EXPECT_TRUE(by_unit.has("Tổng kết HTX Đà Nẵng"));
  EXPECT_FALSE(by_unit.has("Đề án thành lập Quỹ hỗ trợ"));
  // Aligned with the API (one WorkArea answers both): an unknown unit is 404, a bad status or
  // document filter 400 (they were ignored), a bad year 400 as before.
  EXPECT_EQ(b.get("/work/tasks?unit=LMHTX-99").status, 404);
  EXPECT_EQ(b.get("/work/tasks?status=finished").status, 400);
  EXPECT_EQ(b.get("/work/tasks?document=abc").status, 400);
  EXPECT_EQ(b.get("/work/tasks?year=20x").status, 400);
}

TEST_F(webappWork, ProvincialUsersStayInTheirProvince) {
  Browser b = signed_in("hanoi");
  auto list = b.get("/work/tasks");
  ASSERT_EQ(list.status, 200);
  EXPECT_FALSE(list.has("Tổng kết HTX Đà Nẵng")) << "another province's task is not listed";
  EXPECT_EQ(b.get("/work/tasks/" + std::to_string(danang_task)).status, 403);
  std::string csrf = Browser::csrf_of(list.body);
  auto before = audit_count();
  auto r = b.post("/work/tasks/" + std::to_string(danang_task) + "/progress",
                  {{"csrf", csrf}, {"on", "01/02/2021"}, {"text", "x"}});
  EXPECT_EQ(r.status, 403);
  // Assigning a task to another province's unit: refused on the field, nothing written.
  auto tasks = task_count();
  auto bad = b.post("/work/tasks", {{"csrf", csrf},
                                    {"title", "Việc của Đà Nẵng"},
                                    {"lead_unit_id", std::to_string(danang_unit)},
                                    {"start_on", "01/02/2021"},
                                    {"due_on", "01/03/2021"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.has("ngoài tỉnh, thành phố của bạn")) << bad.body;
  EXPECT_EQ(task_count(), tasks);
  EXPECT_EQ(audit_count(), before);
  // Its own unit is fine, and the form offers only that unit.
  auto form = b.get("/work/tasks/new");
  EXPECT_TRUE(form.has("Liên minh HTX thành phố Hà Nội"));
  EXPECT_FALSE(form.has("Liên minh HTX thành phố Đà Nẵng"));
  auto ok = b.post("/work/tasks", {{"csrf", csrf},
                                   {"title", "Việc của Hà Nội"},
                                   {"lead_unit_id", std::to_string(hanoi_unit)},
                                   {"start_on", "01/02/2021"},
                                   {"due_on", "01/03/2021"}});
  EXPECT_EQ(ok.status, 303) << ok.body;
}

TEST_F(webappWork, TheReviewsRegistryFiguresFollowTheUsersProvinces) {
  // Two cooperatives founded in February 2021: one in Hà Nội, one in Đà Nẵng.
  auto hn = f.sample("0101000001");
  hn.founded_on = *Date::from_ymd(2021, 2, 10);
  ASSERT_TRUE(f.service.create(hn, "test"));
  auto dn = f.sample("0401000001");
  dn.province_id = "48-2008";
  dn.address = "Hòa Vang, Đà Nẵng";
  dn.founded_on = *Date::from_ymd(2021, 2, 12);
  ASSERT_TRUE(f.service.create(dn, "test"));

  auto admin_review = json::parse(api("GET", "/api/v1/reviews/2021-02", admin_token).body);
  EXPECT_EQ(admin_review["registry"]["founded"]["HTX"], 2);
  EXPECT_TRUE(admin_review["registry"]["area"].is_null()) << "national figures";
  EXPECT_NE(admin_review["report"]["text"].get<std::string>().find("cả nước thành lập mới 2 HTX"),
            std::string::npos);

  // The Hà Nội officer's review counts Hà Nội only, says so, and shows no regions.
  auto hanoi_review = json::parse(api("GET", "/api/v1/reviews/2021-02", hanoi_token).body);
  EXPECT_EQ(hanoi_review["registry"]["founded"]["HTX"], 1);
  EXPECT_EQ(hanoi_review["registry"]["closing"]["HTX"], 1);
  EXPECT_EQ(hanoi_review["registry"]["area"], "Hà Nội");
  EXPECT_TRUE(hanoi_review["registry"]["regions"].empty());
  auto text = hanoi_review["report"]["text"].get<std::string>();
  EXPECT_NE(text.find("trên địa bàn Hà Nội thành lập mới 1 HTX"), std::string::npos) << text;
  EXPECT_EQ(text.find("cả nước"), std::string::npos) << text;

  Browser b = signed_in("hanoi");
  auto page = b.get("/work/review?period=2021-02");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("trên địa bàn Hà Nội thành lập mới 1 HTX")) << page.body;
}

TEST_F(webappWork, ABlockerIsResolvedAndATaskCancelledThroughThePages) {
  Browser b = signed_in("hanoi");
  auto list = b.get("/work/tasks");
  std::string csrf = Browser::csrf_of(list.body);
  auto made = b.post("/work/tasks", {{"csrf", csrf},
                                     {"title", "Tập huấn cán bộ HTX"},
                                     {"lead_unit_id", std::to_string(hanoi_unit)},
                                     {"start_on", "01/03/2021"},
                                     {"due_on", "30/04/2021"}});
  ASSERT_EQ(made.status, 303) << made.body;
  std::string href = made.header("Location");
  ASSERT_EQ(
      b.post(href + "/block", {{"csrf", csrf}, {"on", "05/03/2021"}, {"text", "Thiếu giảng viên"}})
          .status,
      303);
  auto page = b.get(href);
  ASSERT_TRUE(page.has("id=\"form-resolve\"")) << page.body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex("<option value=\"([0-9]+)\"")));
  std::string note = m[1];

  // Resolved before it was raised: refused beside the date, nothing changes.
  auto before = audit_count();
  auto early = b.post(href + "/resolve", {{"csrf", csrf}, {"note", note}, {"on", "01/03/2021"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(early.has("error-resolve-on")) << early.body;
  auto wrong =
      b.post(href + "/resolve", {{"csrf", csrf}, {"note", "999999"}, {"on", "10/03/2021"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(wrong.has("error-resolve-note")) << wrong.body;
  EXPECT_EQ(audit_count(), before);

  auto ok = b.post(href + "/resolve", {{"csrf", csrf}, {"note", note}, {"on", "10/03/2021"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  page = b.get(href);
  EXPECT_FALSE(page.has("id=\"form-resolve\"")) << "no open blocker left";
  EXPECT_TRUE(page.has("10/03/2021"));
  EXPECT_FALSE(b.get("/work/blockers").has("Thiếu giảng viên"));

  // Cancelled: the forms go, the status says so; another province's task cannot be cancelled.
  EXPECT_EQ(b.post("/work/tasks/" + std::to_string(danang_task) + "/cancel",
                   {{"csrf", csrf}, {"on", "15/03/2021"}})
                .status,
            403);
  auto cancelled = b.post(href + "/cancel", {{"csrf", csrf}, {"on", "15/03/2021"}});
  ASSERT_EQ(cancelled.status, 303) << cancelled.body;
  page = b.get(href);
  EXPECT_FALSE(page.has("id=\"form-cancel\""));
  EXPECT_TRUE(page.has("Đã hủy")) << page.body;
}

TEST_F(webappWork, ADraftMovesOnFromTheDocumentsPage) {
  work::WorkService w(f.db->work(), f.db->audit(), *f.db, f.clock);
  work::Document d;
  d.kind = work::DocumentKind::kRegulation;
  d.number = 8;
  d.issuer_symbol = "LMHTXVN";
  d.issuer_unit_id = national;
  d.issued_on = *Date::from_ymd(2021, 3, 2);
  d.title = "Dự thảo Quy chế làm việc của Ban Chấp hành";
  d.status = work::DraftStatus::kDraft;
  std::string id = std::to_string(w.add_document(d, "test", ProvinceScope::all())->id);
  std::string action = "/work/documents/" + id + "/advance";

  // A provincial user sees no button for a national draft and is refused if they post anyway.
  Browser hanoi = signed_in("hanoi");
  auto hl = hanoi.get("/work/documents?year=2021");
  EXPECT_FALSE(hl.has(action));
  EXPECT_EQ(
      hanoi.post(action, {{"csrf", Browser::csrf_of(hl.body)}, {"to", "consultation"}}).status,
      403);

  Browser admin = signed_in("admin");
  auto list = admin.get("/work/documents?year=2021");
  ASSERT_TRUE(list.has(action)) << list.body;
  std::string csrf = Browser::csrf_of(list.body);
  ASSERT_EQ(admin.post(action, {{"csrf", csrf}, {"to", "consultation"}}).status, 303);
  EXPECT_EQ(f.db->work().find_document(std::stoll(id))->status, work::DraftStatus::kConsultation);
  // Back to a draft: refused, nothing changes.
  auto back = admin.post(action, {{"csrf", csrf}, {"to", "draft"}});
  EXPECT_EQ(back.status, 409);
  EXPECT_TRUE(back.has("không chuyển về")) << back.body;
  EXPECT_EQ(admin.post(action, {{"csrf", csrf}, {"to", "xong"}}).status, 422);
  ASSERT_EQ(admin.post(action, {{"csrf", csrf}, {"to", "adopted"}}).status, 303);
  EXPECT_EQ(f.db->work().find_document(std::stoll(id))->status, work::DraftStatus::kAdopted);
  EXPECT_FALSE(admin.get("/work/documents?year=2021").has(action)) << "adopted: no more steps";
}

TEST_F(webappWork, UnitsAreListedAndAddedByNationalStaff) {
  Browser hanoi = signed_in("hanoi");
  auto read = hanoi.get("/work/units");
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(read.has("Liên minh HTX thành phố Đà Nẵng")) << "every unit is listed";
  EXPECT_FALSE(read.has("id=\"form-unit\"")) << "a provincial user does not add units";
  EXPECT_EQ(hanoi
                .post("/work/units", {{"csrf", Browser::csrf_of(read.body)},
                                      {"code", "X"},
                                      {"name", "X"},
                                      {"kind", "department"}})
                .status,
            403);

  Browser admin = signed_in("admin");
  auto page = admin.get("/work/units");
  ASSERT_TRUE(page.has("id=\"form-unit\"")) << page.body;
  std::string csrf = Browser::csrf_of(page.body);
  auto before = audit_count();
  // A used code, a provincial alliance without its province: refused beside the fields.
  auto used =
      admin.post("/work/units",
                 {{"csrf", csrf}, {"code", "VP"}, {"name", "Văn phòng 2"}, {"kind", "department"}});
  EXPECT_EQ(used.status, 422);
  EXPECT_TRUE(used.has("error-code")) << used.body;
  EXPECT_TRUE(used.has("mã đơn vị VP đã có"));
  auto no_province = admin.post("/work/units", {{"csrf", csrf},
                                                {"code", "LMHTX-24"},
                                                {"name", "Liên minh HTX tỉnh Bắc Giang"},
                                                {"kind", "provincial"},
                                                {"established_on", "32/01/2010"}});
  EXPECT_EQ(no_province.status, 422);
  EXPECT_TRUE(no_province.has("error-established_on")) << no_province.body;
  EXPECT_TRUE(no_province.has("value=\"Liên minh HTX tỉnh Bắc Giang\"")) << "values kept";
  EXPECT_EQ(audit_count(), before);

  auto ok = admin.post("/work/units", {{"csrf", csrf},
                                       {"code", "LMHTX-24"},
                                       {"name", "Liên minh HTX tỉnh Bắc Ninh"},
                                       {"kind", "provincial"},
                                       {"province_id", "24-2025"},
                                       {"established_on", "01/07/2025"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto listed = admin.get("/work/units");
  EXPECT_TRUE(listed.has("Liên minh HTX tỉnh Bắc Ninh"));
  EXPECT_TRUE(listed.has("01/07/2025"));
  auto unit = f.db->work().find_unit_by_code("LMHTX-24");
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->province_id, "24-2025");
  EXPECT_EQ(audit_count(), before + 1);
  auto units = api("GET", "/api/v1/units", hanoi_token);
  ASSERT_EQ(units.status, 200) << units.body;
  const json uj = json::parse(units.body);
  bool found = false;
  for (const auto& u : uj["items"])
    if (u["code"] == "LMHTX-24")
      found = u["province_id"] == "24-2025" && u["established_on"] == "2025-07-01";
  EXPECT_TRUE(found) << units.body;
  EXPECT_EQ(api("GET", "/api/v1/units", buyer_token).status, 403);
  EXPECT_EQ(api("GET", "/api/v1/units", "").status, 401);
}

TEST_F(webappWork, ADocumentsFileIsUploadedAndDownloaded) {
  Browser hanoi = signed_in("hanoi");
  std::string page_href = "/work/documents/" + std::to_string(notice);
  auto seen = hanoi.get(page_href);
  EXPECT_EQ(seen.status, 403) << "a national notice with no task of Hà Nội is not theirs to see";

  Browser admin = signed_in("admin");
  auto page = admin.get(page_href);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(page.has("64/TB-LMHTXVN"));
  EXPECT_TRUE(page.has("id=\"document-file-none\""));
  ASSERT_TRUE(page.has("enctype=\"multipart/form-data\""));
  std::string csrf = Browser::csrf_of(page.body);
  const std::string boundary = "----htxDocBoundary3";
  auto upload = [&](Browser& b, const std::string& name, const std::string& data,
                    const std::string& token) {
    return b.send("POST", page_href + "/file",
                  {{"Content-Type", "multipart/form-data; boundary=" + boundary}},
                  multipart(boundary, {{"csrf", "", token}, {"file", name, data}},
                            "application/octet-stream"));
  };
  auto before = audit_count();
  auto renamed = upload(admin, "thong-bao.pdf", "PK\x03\x04 a zip", csrf);
  EXPECT_EQ(renamed.status, 422);
  EXPECT_TRUE(renamed.has("error-file")) << renamed.body;
  EXPECT_TRUE(renamed.has("không phải là tệp PDF"));
  EXPECT_EQ(upload(admin, "virus.exe", "MZ", csrf).status, 422);
  EXPECT_EQ(upload(admin, "tb.pdf", "%PDF-1.4", "wrong-token").status, 403);
  EXPECT_EQ(audit_count(), before);

  const std::string pdf = std::string("%PDF-1.4\n", 9) + std::string("\0\x01\x02\xff", 4) + "end";
  auto ok = upload(admin, "Thông báo 64.pdf", pdf, csrf);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(audit_count(), before + 1);
  page = admin.get(page_href);
  EXPECT_TRUE(page.has("Thông báo 64.pdf")) << page.body;
  auto file = admin.get(page_href + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, pdf) << "the same bytes come back";
  EXPECT_EQ(file.header("Content-Type"), "application/pdf");
  EXPECT_NE(file.header("Content-Disposition").find("filename*=UTF-8''Th%C3%B4ng"),
            std::string::npos)
      << file.header("Content-Disposition");
  EXPECT_TRUE(admin.get("/work/documents?year=2021").has("có tệp đính kèm"));
  // A provincial user cannot upload to a national document.
  EXPECT_EQ(upload(hanoi, "tb.pdf", pdf, Browser::csrf_of(hanoi.get("/work/tasks").body)).status,
            403);
  EXPECT_EQ(admin.get("/work/documents/999999").status, 404);

  // The same through the API: the bytes as the body, the name in ?name=.
  std::string api_file = "/api/v1/documents/" + std::to_string(notice) + "/file";
  auto got = api("GET", api_file, admin_token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(
      got.header("Content-Disposition"),
      "attachment; filename=\"Th_ng b_o 64.pdf\"; filename*=UTF-8''Th%C3%B4ng%20b%C3%A1o%2064.pdf");
  EXPECT_EQ(api("GET", api_file, hanoi_token).status, 403);
  Browser raw = browser();
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
  auto put = [&](const std::string& target, const std::string& token, const std::string& body) {
    return raw.send("PUT", target,
                    {{"Authorization", "Bearer " + token},
                     {"Accept", "application/json"},
                     {"Content-Type", "application/octet-stream"}},
                    body);
  };
  auto no_name = put(api_file, admin_token, png);
  EXPECT_EQ(no_name.status, 422);
  EXPECT_EQ(json::parse(no_name.body)["error"]["fields"][0]["field"], "name");
  auto mismatch = put(api_file + "?name=anh.pdf", admin_token, png);
  EXPECT_EQ(mismatch.status, 422) << mismatch.body;
  EXPECT_EQ(put(api_file + "?name=anh.png", hanoi_token, png).status, 403);
  auto replaced = put(api_file + "?name=anh.png", admin_token, png);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(json::parse(replaced.body)["attachment"], "anh.png");
  auto again = api("GET", api_file, admin_token);
  EXPECT_EQ(again.body, png);
  EXPECT_EQ(again.header("Content-Type"), "image/png");
  EXPECT_EQ(api("GET", "/api/v1/documents/999999/file", admin_token).status, 404);
}

TEST_F(webappWork, AFormSentAfterTheSessionEndedComesBackToItsPage) {
  // Nobody signed in: the form's POST goes to the login, which returns to the page it was on.
  Browser anon = browser();
  auto csrf = Browser::csrf_of(anon.get("/login").body);
  auto expect_next = [&](const std::string& post, const std::string& page) {
    auto r = anon.post(post, {{"csrf", csrf}, {"on", "01/03/2021"}});
    EXPECT_EQ(r.status, 303) << post;
    EXPECT_EQ(r.header("Location"), "/login?next=" + url_encode(page)) << post;
  };
  expect_next("/work/tasks/" + std::to_string(carried) + "/cancel",
              "/work/tasks/" + std::to_string(carried));
  expect_next("/work/documents/" + std::to_string(notice) + "/advance",
              "/work/documents/" + std::to_string(notice));
  expect_next("/governance/meetings/5/items/2/close", "/governance/meetings/5");
  expect_next("/governance/admissions/3/review", "/governance/admissions");
  expect_next("/governance/members", "/governance/bodies");
  expect_next("/work/units", "/work/units");
}

TEST_F(webappWork, WhoMayComeIn) {
  Browser anon = browser();
  auto r = anon.get("/work/tasks");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/login?next=%2Fwork%2Ftasks");
  EXPECT_EQ(anon.get("/work/review?period=2021-02").status, 303);
  Browser buyer = signed_in("buyer");
  EXPECT_EQ(buyer.get("/work/tasks").status, 403);
  EXPECT_EQ(buyer.get("/work/blockers").status, 403);
  EXPECT_FALSE(buyer.get("/").has("href=\"/work/tasks\""));
  // The national leader reads, and writes nothing.
  Browser leader = signed_in("leader");
  auto list = leader.get("/work/tasks");
  EXPECT_EQ(list.status, 200);
  EXPECT_FALSE(list.has("href=\"/work/tasks/new\""));
  auto page = leader.get("/work/tasks/" + std::to_string(carried));
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.has("id=\"form-progress\""));
  EXPECT_EQ(leader.get("/work/tasks/new").status, 403);
  auto post =
      leader.post("/work/tasks/" + std::to_string(carried) + "/progress",
                  {{"csrf", Browser::csrf_of(list.body)}, {"on", "01/02/2021"}, {"text", "x"}});
  EXPECT_EQ(post.status, 403);
}

TEST_F(webappWork, CsrfIsRequired) {
  Browser b = signed_in("admin");
  auto before = audit_count();
  auto r = b.post("/work/tasks/" + std::to_string(carried) + "/progress",
                  {{"on", "01/02/2021"}, {"text", "Không có mã"}});
  EXPECT_EQ(r.status, 403);
  r = b.post("/work/tasks/" + std::to_string(carried) + "/block",
             {{"csrf", std::string(64, 'a')}, {"on", "01/02/2021"}, {"text", "Mã sai"}});
  EXPECT_EQ(r.status, 403);
  r = b.post("/work/documents", {{"kind", "plan"}, {"number", "1"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(audit_count(), before);
}

TEST_F(webappWork, TheJsonApi) {
  EXPECT_EQ(api("GET", "/api/v1/tasks", "").status, 401);
  EXPECT_EQ(api("GET", "/api/v1/tasks", buyer_token).status, 403);
  auto list = api("GET", "/api/v1/tasks?limit=1", admin_token);
  ASSERT_EQ(list.status, 200) << list.body;
  auto j = json::parse(list.body);
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["limit"], 1);
  EXPECT_EQ(j["items"].size(), 1u);
  auto carried_json =
      json::parse(api("GET", "/api/v1/tasks/" + std::to_string(carried), admin_token).body);
  EXPECT_EQ(carried_json["carried_from"], 2018);
  EXPECT_EQ(carried_json["lead_unit"]["code"], "VP");

  // Create, due before start, another province.
  json task = {{"title", "Báo cáo quý"}, {"lead_unit", "LMHTX-01"}, {"start_on", "2021-02-01"},
               {"due_on", "2021-01-31"}, {"document_id", notice},   {"key_task", true}};
  auto bad = api("POST", "/api/v1/tasks", hanoi_token, task);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json::parse(bad.body)["error"]["fields"][0]["field"], "due_on");
  task["due_on"] = "2021-02-25";
  task["lead_unit"] = "LMHTX-48";
  auto other = api("POST", "/api/v1/tasks", hanoi_token, task);
  EXPECT_EQ(other.status, 422) << "another province's unit is refused on its field, as in the form";
  EXPECT_EQ(json::parse(other.body)["error"]["fields"][0]["field"], "lead_unit");
  EXPECT_NE(other.body.find("ngoài tỉnh, thành phố của bạn"), std::string::npos) << other.body;
  task["lead_unit"] = "LMHTX-01";
  auto made = api("POST", "/api/v1/tasks", hanoi_token, task);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string id = std::to_string(json::parse(made.body)["id"].get<std::int64_t>());
  EXPECT_EQ(made.header("Location"), "/api/v1/tasks/" + id);
  auto prog = api("POST", "/api/v1/tasks/" + id + "/progress", hanoi_token,
                  {{"on", "2021-02-10"}, {"text", "Đã tổng hợp"}});
  EXPECT_EQ(prog.status, 201) << prog.body;
  auto blk = api("POST", "/api/v1/tasks/" + id + "/block", hanoi_token,
                 {{"on", "2021-02-12"}, {"text", "Thiếu số liệu huyện"}});
  EXPECT_EQ(blk.status, 201) << blk.body;
  EXPECT_EQ(json::parse(blk.body)["status"], "blocked");
  EXPECT_EQ(api("POST", "/api/v1/tasks/" + std::to_string(danang_task) + "/progress", hanoi_token,
                {{"on", "2021-02-10"}, {"text", "x"}})
                .status,
            403);
  auto done = api("POST", "/api/v1/tasks/" + id + "/done", hanoi_token, {{"on", "2021-02-20"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json::parse(done.body)["on_time"], true);
  EXPECT_EQ(
      api("POST", "/api/v1/tasks/" + id + "/done", hanoi_token, {{"on", "2021-02-21"}}).status,
      409);

  auto hanoi_list = json::parse(api("GET", "/api/v1/tasks", hanoi_token).body);
  EXPECT_EQ(hanoi_list["total"], 1) << "a provincial user sees their province's tasks";
  auto docs = api("GET", "/api/v1/documents?year=2021", admin_token);
  ASSERT_EQ(docs.status, 200);
  EXPECT_EQ(json::parse(docs.body)["items"][0]["number_symbol"], "64/TB-LMHTXVN");
  auto review = api("GET", "/api/v1/reviews/2021-02", admin_token);
  ASSERT_EQ(review.status, 200) << review.body;
  auto rj = json::parse(review.body);
  EXPECT_EQ(rj["period"], "2021-02");
  EXPECT_EQ(rj["done_on_time"].size(), 1u);
  EXPECT_EQ(rj["overdue"].size(), 2u)
      << "the Đà Nẵng task and the 2018 one are past their due dates";
  EXPECT_EQ(rj["carried_over"].size(), 1u);
  EXPECT_NE(rj["report"]["text"].get<std::string>().find("tháng 02"), std::string::npos);
  EXPECT_EQ(api("GET", "/api/v1/reviews/2021-13", admin_token).status, 400);

  // Aligned with the pages (one WorkArea answers both): an unknown unit is 404 (it was 400
  // bad_unit), a bad status, year or document 400 naming the parameter.
  auto unknown_unit = api("GET", "/api/v1/tasks?unit=LMHTX-99", admin_token);
  EXPECT_EQ(unknown_unit.status, 404);
  EXPECT_EQ(json::parse(unknown_unit.body)["error"]["code"], "not_found");
  for (auto [query, code] :
       {std::pair{"status=finished", "bad_status"}, std::pair{"document=abc", "bad_document"},
        std::pair{"year=20x", "bad_year"}}) {
    auto bad_filter = api("GET", std::string("/api/v1/tasks?") + query, admin_token);
    EXPECT_EQ(bad_filter.status, 400) << query;
    EXPECT_EQ(json::parse(bad_filter.body)["error"]["code"], code) << query;
    EXPECT_EQ(json::parse(bad_filter.body)["error"]["field"], std::string(code).substr(4)) << query;
  }
  EXPECT_EQ(api("GET", "/api/v1/tasks/999999", admin_token).status, 404);
}

TEST_F(webappWork, TheJsonApiCancelsResolvesAndMovesDraftsOn) {
  // A blocker raised through the API, resolved through the API: the task is in progress again.
  json task = {{"title", "Hội thảo HTX kiểu mới"},
               {"lead_unit", "LMHTX-01"},
               {"start_on", "2021-03-01"},
               {"due_on", "2021-04-30"}};
  auto made = api("POST", "/api/v1/tasks", hanoi_token, task);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string id = std::to_string(json::parse(made.body)["id"].get<std::int64_t>());
  auto blk = api("POST", "/api/v1/tasks/" + id + "/block", hanoi_token,
                 {{"on", "2021-03-10"}, {"text", "Chưa có địa điểm"}});
  ASSERT_EQ(blk.status, 201) << blk.body;
  std::string note;
  const json blocked = json::parse(blk.body);
  for (const auto& n : blocked["notes"])
    if (n["kind"] == "blocker") note = std::to_string(n["id"].get<std::int64_t>());
  ASSERT_FALSE(note.empty()) << "no blocker in: " << blk.body;
  std::string resolve = "/api/v1/tasks/" + id + "/blockers/" + note + "/resolve";
  auto early = api("POST", resolve, hanoi_token, {{"on", "2021-03-01"}});
  EXPECT_EQ(early.status, 422) << "resolved before it was raised";
  EXPECT_EQ(api("POST", "/api/v1/tasks/" + id + "/blockers/999999/resolve", hanoi_token,
                {{"on", "2021-03-12"}})
                .status,
            404);
  auto ok = api("POST", resolve, hanoi_token, {{"on", "2021-03-12"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["status"], "in_progress");
  EXPECT_EQ(api("POST", resolve, hanoi_token, {{"on", "2021-03-13"}}).status, 409);

  // Cancelled by its province; another province's task cannot be cancelled; closed is closed.
  EXPECT_EQ(api("POST", "/api/v1/tasks/" + std::to_string(danang_task) + "/cancel", hanoi_token,
                {{"on", "2021-03-15"}})
                .status,
            403);
  auto cancelled =
      api("POST", "/api/v1/tasks/" + id + "/cancel", hanoi_token, {{"on", "2021-03-15"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(json::parse(cancelled.body)["status"], "cancelled");
  EXPECT_EQ(
      api("POST", "/api/v1/tasks/" + id + "/cancel", hanoi_token, {{"on", "2021-03-16"}}).status,
      409);

  // A national draft: moved on by national staff, not by a provincial user, never back.
  work::WorkService w(f.db->work(), f.db->audit(), *f.db, f.clock);
  work::Document d;
  d.kind = work::DocumentKind::kRegulation;
  d.number = 7;
  d.issuer_symbol = "LMHTXVN";
  d.issuer_unit_id = national;
  d.issued_on = *Date::from_ymd(2021, 3, 1);
  d.title = "Dự thảo Quy chế làm việc";
  d.status = work::DraftStatus::kDraft;
  std::string doc = std::to_string(w.add_document(d, "test", ProvinceScope::all())->id);
  std::string advance = "/api/v1/documents/" + doc + "/advance";
  EXPECT_EQ(api("POST", advance, hanoi_token, {{"to", "consultation"}}).status, 403);
  auto bad = api("POST", advance, admin_token, {{"to", "xong"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json::parse(bad.body)["error"]["fields"][0]["field"], "to");
  auto consult = api("POST", advance, admin_token, {{"to", "consultation"}});
  ASSERT_EQ(consult.status, 200) << consult.body;
  EXPECT_EQ(json::parse(consult.body)["status"], "consultation");
  EXPECT_EQ(api("POST", advance, admin_token, {{"to", "draft"}}).status, 409);
  EXPECT_EQ(json::parse(api("POST", advance, admin_token, {{"to", "adopted"}}).body)["status"],
            "adopted");
  EXPECT_EQ(
      api("POST", "/api/v1/documents/999999/advance", admin_token, {{"to", "adopted"}}).status,
      404);
}

}  // namespace
}  // namespace htx::webapp
