// Training in the JSON API through a real server on a loopback port: the Bắc Giang alliance
// (LMHTX-24) under the VCA, tokens of an administrator, Hà Nội's and Bắc Giang's staff, a
// cooperative's account and a buyer. A course of five sessions, two people enrolled and marked,
// the one who came to four of five certified and the other not; the public verification of the
// certificate without a token; the report's unique persons and person-times counted here from the
// marks; the plan against actual. Every bad input of issue 13 for training refused with its field
// and nothing written; a provincial user's scope; every answer matches web/openapi.json.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "support/prerequisite.hpp"

namespace htx::api {
namespace {

using nlohmann::json;

class TrainingApiTest : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    auto e = f.sample("2400000001");
    e.name = "HTX Vải thiều Lục Ngạn";
    e.province_id = "24-2008";
    ASSERT_TRUE(f.service.create(e, "test"));
    work::Unit vca;
    vca.code = "LMHTXVN";
    vca.name = "Liên minh Hợp tác xã Việt Nam";
    vca.kind = work::UnitKind::kNational;
    f.db->work().insert_unit(vca);
    work::Unit bg_unit;
    bg_unit.code = "LMHTX-24";
    bg_unit.name = "Liên minh Hợp tác xã tỉnh Bắc Giang";
    bg_unit.kind = work::UnitKind::kProvincial;
    bg_unit.province_id = "24-2008";
    f.db->work().insert_unit(bg_unit);
    admin = token_for("admin", accounts::Role::kAdmin);
    hn = token_for("hanoi", accounts::Role::kProvincialStaff, {"01-2008"});
    bg = token_for("bacgiang", accounts::Role::kProvincialStaff, {"24-2008"});
    coop = token_for("htx", accounts::Role::kCooperative, {}, "2400000001");
    buyer = token_for("buyer", accounts::Role::kBuyer);
  }
  // Five sessions, 16–20/11/2026 (the fixture's today is 29/11/2026).
  static json course(const std::string& code = "BG-2026-01") {
    return {{"code", code},
            {"unit", "LMHTX-24"},
            {"kind", "boi_duong"},
            {"topic", "Quản trị hợp tác xã kiểu mới"},
            {"audience", "Cán bộ quản lý HTX"},
            {"province", "24-2008"},
            {"place", "Hội trường Liên minh HTX tỉnh"},
            {"lecturers", json::array({"TS. Nguyễn Văn An", "ThS. Trần Thị Bình"})},
            {"funding_source", "Ngân sách tỉnh"},
            {"starts_on", "2026-11-16"},
            {"ends_on", "2026-11-20"},
            {"sessions",
             json::array({"2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"})}};
  }
  static json person(const std::string& name, const std::string& sex = "female", int born = 1980,
                     const std::string& ethnicity = "01") {
    return {{"full_name", name},      {"sex", sex},       {"birth_year", born},
            {"ethnicity", ethnicity}, {"role", "member"}, {"entity", "2400000001"}};
  }
  static json with(json j, const std::string& k, json v) {
    if (v.is_null())
      j.erase(k);
    else
      j[k] = std::move(v);
    return j;
  }
  static std::string field_of(const testing::HttpReply& r) {
    auto j = r.json();
    if (!j.contains("error")) return "(none) " + r.body;
    if (j["error"].contains("fields")) return j["error"]["fields"][0].value("field", "");
    return j["error"].value("field", "(no field) " + r.body);
  }
  std::int64_t add_person(const json& p) {
    auto r = call("POST", "/api/v1/training/trainees", admin, p);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  void enrol(const std::string& course, std::int64_t id, const std::string& on = "2026-11-16") {
    auto r = call("POST", "/api/v1/training/courses/" + course + "/enrolments", admin,
                  {{"trainee", id}, {"enrolled_on", on}});
    EXPECT_EQ(r.status, 201) << r.body;
  }
  testing::HttpReply mark(const std::string& course, int session, const json& marks,
                          const std::string& token = "") {
    return call("POST", "/api/v1/training/courses/" + course + "/attendance",
                token.empty() ? admin : token, {{"session", session}, {"marks", marks}});
  }
  std::size_t courses() {
    return call("GET", "/api/v1/training/courses", admin).json()["items"].size();
  }
  std::size_t trainees() {
    return call("GET", "/api/v1/training/trainees", admin).json()["items"].size();
  }

  std::string admin, hn, bg, coop, buyer;
};

TEST_F(TrainingApiTest, ACourseFromEnrolmentToAVerifiedCertificate) {
  auto made = call("POST", "/api/v1/training/courses", bg, course());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["sessions"].size(), 5u);
  EXPECT_EQ(made.json()["unit"], "LMHTX-24");
  const auto hoa = add_person(person("Nguyễn Thị Hoa"));
  const auto nam = add_person(person("Hoàng Văn Nam", "male", 1978, "02"));
  enrol("BG-2026-01", hoa);
  enrol("BG-2026-01", nam);
  // Hoa: present, present, late, excused, present = 4 of 5 attended (80 %): completed.
  // Nam: present, absent, absent, present, present = 3 of 5 (60 %): not completed.
  const char* hoa_marks[] = {"present", "present", "late", "excused", "present"};
  const char* nam_marks[] = {"present", "absent", "absent", "present", "present"};
  int expected_hoa = 0, expected_nam = 0;
  for (int s = 1; s <= 5; ++s) {
    auto r = mark(
        "BG-2026-01", s,
        {{std::to_string(hoa), hoa_marks[s - 1]}, {std::to_string(nam), nam_marks[s - 1]}}, bg);
    ASSERT_EQ(r.status, 200) << r.body;
    expected_hoa +=
        std::string(hoa_marks[s - 1]) == "present" || std::string(hoa_marks[s - 1]) == "late";
    expected_nam +=
        std::string(nam_marks[s - 1]) == "present" || std::string(nam_marks[s - 1]) == "late";
  }
  auto view = call("GET", "/api/v1/training/courses/BG-2026-01", bg).json();
  ASSERT_EQ(view["participants"].size(), 2u);
  for (const auto& p : view["participants"]) {
    const bool is_hoa = p["trainee"]["id"] == hoa;
    EXPECT_EQ(p["sessions_counted"], 5);
    EXPECT_EQ(p["sessions_attended"], is_hoa ? expected_hoa : expected_nam);
    EXPECT_EQ(p["marks"]["3"], is_hoa ? "late" : "absent");
  }
  // A certificate for Nam, who did not complete, is refused; "all" certifies Hoa only.
  auto refused =
      call("POST", "/api/v1/training/courses/BG-2026-01/certificates", bg, {{"trainee", nam}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(field_of(refused), "trainee");
  auto certified =
      call("POST", "/api/v1/training/courses/BG-2026-01/certificates", bg, {{"all", true}});
  ASSERT_EQ(certified.status, 201) << certified.body;
  ASSERT_EQ(certified.json()["items"].size(), 1u);
  const auto cert = certified.json()["items"][0];
  EXPECT_EQ(cert["holder"], "Nguyễn Thị Hoa");
  EXPECT_EQ(cert["sessions"], 5);
  EXPECT_EQ(cert["sessions_attended"], expected_hoa);
  // Anyone verifies it without a token; a made-up code is not found.
  auto verified =
      call("GET", "/api/v1/training/certificates/" + cert["code"].get<std::string>(), "");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json()["holder"], "Nguyễn Thị Hoa");
  EXPECT_EQ(verified.json()["course"], "BG-2026-01");
  EXPECT_EQ(call("GET", "/api/v1/training/certificates/KHONGCO123", "").status, 404);

  // The report of 2026: two persons, two person-times, one completed, counted from the rows.
  auto report = call("GET", "/api/v1/training/report?year=2026&by=sex", bg);
  ASSERT_EQ(report.status, 200) << report.body;
  auto r = report.json();
  EXPECT_EQ(r["total"]["persons"], 2);
  EXPECT_EQ(r["total"]["person_times"], 2);
  EXPECT_EQ(r["total"]["completed_persons"], 1);
  std::map<std::string, std::int64_t> by_sex;
  for (const auto& c : r["cells"]) by_sex[c["key"].dump()] += c["persons"].get<std::int64_t>();
  std::int64_t sum = 0;
  for (const auto& [k, v] : by_sex) sum += v;
  EXPECT_EQ(sum, 2) << r["cells"].dump();
  EXPECT_EQ(r["cells"].size(), 2u) << r["cells"].dump();
  // The same cells as CSV: a header line and a line per cell; an unknown sheet is refused.
  auto csv = call("GET", "/api/v1/training/report.csv?year=2026&by=sex", bg);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  std::size_t lines = 0;
  for (std::size_t at = 0; at < csv.body.size();) {
    auto end = csv.body.find('\n', at);
    if (end == std::string::npos) end = csv.body.size();
    if (csv.body.find_first_not_of("\r", at) < end) ++lines;
    at = end + 1;
  }
  EXPECT_EQ(lines, 1 + r["cells"].size()) << csv.body;
  EXPECT_EQ(call("GET", "/api/v1/training/report.csv?year=2026&sheet=x", bg).status, 400);
}

TEST_F(TrainingApiTest, APersonCountsOnceAcrossTwoCoursesAndThePlanIsMet) {
  ASSERT_EQ(call("POST", "/api/v1/training/courses", bg, course("BG-2026-01")).status, 201);
  ASSERT_EQ(call("POST", "/api/v1/training/courses", bg,
                 with(with(with(course("BG-2026-02"), "starts_on", "2026-11-23"), "ends_on",
                           "2026-11-23"),
                      "sessions", json::array({"2026-11-23"})))
                .status,
            201);
  const auto hoa = add_person(person("Nguyễn Thị Hoa"));
  enrol("BG-2026-01", hoa);
  enrol("BG-2026-02", hoa, "2026-11-23");
  auto plan =
      call("POST", "/api/v1/training/plans", bg,
           {{"unit", "LMHTX-24"},
            {"year", 2026},
            {"targets", json::array({{{"kind", "boi_duong"}, {"trainees", 1}, {"courses", 2}}})}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto r = call("GET", "/api/v1/training/report?year=2026&unit=LMHTX-24", bg).json();
  EXPECT_EQ(r["total"]["persons"], 1) << r.dump();
  EXPECT_EQ(r["total"]["person_times"], 2) << r.dump();
  ASSERT_FALSE(r["plan"].empty()) << r.dump();
  const auto& line = r["plan"][0];
  EXPECT_EQ(line["target"]["trainees"], 1);
  EXPECT_EQ(line["target"]["courses"], 2);
  EXPECT_EQ(line["courses"], 2);
  EXPECT_EQ(line["persons"], 1);
  EXPECT_EQ(line["person_times"], 2);
}

TEST_F(TrainingApiTest, BadInputRefusedByFieldNothingWritten) {
  ASSERT_EQ(call("POST", "/api/v1/training/courses", admin, course()).status, 201);
  // A session on 10/12/2026 is not held yet (today is 29/11/2026).
  ASSERT_EQ(call("POST", "/api/v1/training/courses", admin,
                 with(with(course("BG-2026-LATER"), "ends_on", "2026-12-10"), "sessions",
                      json::array({"2026-11-16", "2026-12-10"})))
                .status,
            201);
  const auto hoa = add_person(person("Nguyễn Thị Hoa"));
  const auto lan = add_person(person("Lục Thị Lan", "female", 1990, "13"));
  enrol("BG-2026-01", hoa);
  enrol("BG-2026-LATER", hoa);
  const auto n_courses = courses(), n_trainees = trainees();
  struct Case {
    const char* what;
    const char* target;
    json body;
    const char* field;
  };
  const std::string c = "/api/v1/training/courses";
  const Case cases[] = {
      {"a course that ends before it starts", "/api/v1/training/courses",
       with(course("BG-X1"), "ends_on", "2026-11-10"), "ends_on"},
      {"a course of an unknown unit", "/api/v1/training/courses",
       with(course("BG-X2"), "unit", "LMHTX-99"), "unit"},
      {"a course of an unknown kind", "/api/v1/training/courses",
       with(course("BG-X3"), "kind", "du_lich"), "kind"},
      {"a course with an unknown member", "/api/v1/training/courses",
       with(course("BG-X4"), "colour", "đỏ"), "colour"},
      {"a year of birth in the future", "/api/v1/training/trainees",
       person("Người Tương Lai", "male", 2030), "birth_year"},
      {"an unknown ethnicity", "/api/v1/training/trainees", person("Người Lạ", "male", 1980, "77"),
       "ethnicity"},
      {"an unknown sex", "/api/v1/training/trainees", with(person("Ai Đó"), "sex", "x"), "sex"},
  };
  for (const auto& k : cases) {
    auto r = call("POST", k.target, admin, k.body);
    EXPECT_EQ(r.status, 422) << k.what << "\n" << r.body;
    EXPECT_EQ(field_of(r), k.field) << k.what;
  }
  // The same person enrolled twice in a course.
  auto twice = call("POST", c + "/BG-2026-01/enrolments", admin,
                    {{"trainee", hoa}, {"enrolled_on", "2026-11-16"}});
  EXPECT_TRUE(twice.status == 409 || twice.status == 422) << twice.body;
  EXPECT_EQ(field_of(twice), "trainee");
  // Attendance for a person not enrolled, and for a session not held yet.
  auto not_enrolled = mark("BG-2026-01", 1, {{std::to_string(lan), "present"}});
  EXPECT_EQ(not_enrolled.status, 422) << not_enrolled.body;
  EXPECT_EQ(field_of(not_enrolled), "trainee");
  auto not_held = mark("BG-2026-LATER", 2, {{std::to_string(hoa), "present"}});
  EXPECT_EQ(not_held.status, 422) << not_held.body;
  EXPECT_EQ(field_of(not_held), "session");
  auto bad_mark = mark("BG-2026-01", 1, {{std::to_string(hoa), "ngủ gật"}});
  EXPECT_EQ(bad_mark.status, 422) << bad_mark.body;
  // A certificate for someone who has not completed (nothing marked yet).
  auto early = call("POST", c + "/BG-2026-01/certificates", admin, {{"trainee", hoa}});
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(field_of(early), "trainee");
  // A report grouped by a dimension that does not exist.
  EXPECT_EQ(call("GET", "/api/v1/training/report?by=colour", admin).status, 400);
  EXPECT_EQ(call("GET", c + "/KHONG-CO", admin).status, 404);
  // Nothing was written.
  EXPECT_EQ(courses(), n_courses);
  EXPECT_EQ(trainees(), n_trainees);
  auto view = call("GET", c + "/BG-2026-01", admin).json();
  ASSERT_EQ(view["participants"].size(), 1u);
  EXPECT_TRUE(view["participants"][0]["marks"].empty()) << view.dump();
  EXPECT_FALSE(view["participants"][0]["completed"].get<bool>());
}

TEST_F(TrainingApiTest, ScopeAndRoles) {
  EXPECT_EQ(call("POST", "/api/v1/training/courses", hn, course()).status, 403);
  ASSERT_EQ(call("POST", "/api/v1/training/courses", bg, course()).status, 201);
  EXPECT_EQ(call("GET", "/api/v1/training/courses/BG-2026-01", hn).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/training/courses", hn).json()["items"].size(), 0u);
  EXPECT_EQ(call("GET", "/api/v1/training/courses", bg).json()["items"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/training/courses", buyer).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/training/courses", coop, course("BG-C")).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/training/courses", "").status, 401);
  EXPECT_EQ(call("POST", "/api/v1/training/plans", hn,
                 {{"unit", "LMHTX-24"},
                  {"year", 2026},
                  {"targets", json::array({{{"kind", "boi_duong"}, {"trainees", 30}}})}})
                .status,
            403);
}

TEST_F(TrainingApiTest, TheAnswersMatchTheOpenApiDocument) {
  HTX_REQUIRE_OPENAPI_VALIDATOR();
  const std::string b = "/api/v1/training";
  keep("POST", b + "/courses", b + "/courses", admin, course());
  keep("POST", b + "/courses", b + "/courses", admin, with(course("X"), "ends_on", "2026-11-01"));
  keep("POST", b + "/courses", b + "/courses", hn, course("Y"));
  auto t = keep("POST", b + "/trainees", b + "/trainees", admin, person("Nguyễn Thị Hoa"));
  keep("POST", b + "/trainees", b + "/trainees", admin, person("Tương Lai", "male", 2031));
  const auto id = t.json().value("id", std::int64_t{0});
  keep("POST", b + "/courses/{code}/enrolments", b + "/courses/BG-2026-01/enrolments", admin,
       {{"trainee", id}, {"enrolled_on", "2026-11-16"}});
  for (int s = 1; s <= 5; ++s)
    keep("POST", b + "/courses/{code}/attendance", b + "/courses/BG-2026-01/attendance", admin,
         {{"session", s}, {"marks", {{std::to_string(id), "present"}}}});
  auto certs = keep("POST", b + "/courses/{code}/certificates",
                    b + "/courses/BG-2026-01/certificates", admin, {{"all", true}});
  keep("POST", b + "/plans", b + "/plans", admin,
       {{"unit", "LMHTX-24"},
        {"year", 2026},
        {"targets", json::array({{{"kind", "boi_duong"}, {"trainees", 30}}})}});
  keep("GET", b + "/plans", b + "/plans?year=2026", admin);
  keep("GET", b + "/courses", b + "/courses?year=2026", admin);
  keep("GET", b + "/courses/{code}", b + "/courses/BG-2026-01", admin);
  keep("GET", b + "/courses/{code}", b + "/courses/NONE", admin);
  keep("GET", b + "/trainees", b + "/trainees", admin);
  keep("GET", b + "/report", b + "/report?year=2026&by=province,sex,ethnicity,kind", admin);
  keep("GET", b + "/report", b + "/report?by=colour", admin);
  std::string code = "NONE";
  if (certs.status == 201 && !certs.json()["items"].empty())
    code = certs.json()["items"][0]["code"].get<std::string>();
  keep("GET", b + "/certificates/{code}", b + "/certificates/" + code, "");
  keep("GET", b + "/certificates/{code}", b + "/certificates/NONE", "");
  EXPECT_EQ(certs.status, 201) << certs.body;
  expect_answers_match_openapi(answers_);
}

}  // namespace
}  // namespace htx::api
