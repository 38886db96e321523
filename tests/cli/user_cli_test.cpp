// `htx user ...` through the real binary: adding users (password on standard input, never
// asked for without a terminal), listing, disabling, enabling, resetting passwords, API tokens;
// what is stored is read back through the store and checked with the accounts module.
#include <gtest/gtest.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "accounts/account_service.hpp"
#include "store/database.hpp"
#include "support/python.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace {

using htx::testing::contains;
using htx::testing::Result;
using htx::testing::run_program;
using htx::testing::shell_quote;
using htx::testing::TempDir;

// Named in lower case so that `ctest -R "user|cli"` selects it.
class user_cli : public ::testing::Test {
 protected:
  TempDir dir;
  std::string db = dir.file("registry.db");

  // `htx --db DATABASE args...`, standard input /dev/null (not a terminal).
  Result on(const std::vector<std::string>& args) {
    std::vector<std::string> a = {"--db", db};
    a.insert(a.end(), args.begin(), args.end());
    return run_program(HTX_BINARY, a, dir.path().string());
  }
  // The same with `input` on standard input (through the shell: the harness gives /dev/null).
  Result with_input(const std::string& input, const std::vector<std::string>& args) {
    auto file = dir.write("stdin.txt", input);
    std::string cmd = "exec " + shell_quote(HTX_BINARY) + " --db " + shell_quote(db);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    cmd += " < " + shell_quote(file);
    return run_program("/bin/sh", {"-c", cmd}, dir.path().string());
  }
  Result add(const std::vector<std::string>& args, const std::string& password) {
    std::vector<std::string> a = {"user", "add"};
    a.insert(a.end(), args.begin(), args.end());
    a.push_back("--password-stdin");
    return with_input(password + "\n", a);
  }
  std::unique_ptr<htx::store::Database> open() { return htx::store::open_database(db); }
  std::optional<htx::accounts::User> stored(const std::string& username) {
    return open()->accounts().find_user_by_name(username);
  }
  std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
};

TEST_F(user_cli, AddWithPasswordOnStandardInputThenList) {
  auto r = add({"admin", "--role", "admin", "--name", "Quản trị viên"}, "mật khẩu quản trị");
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "Đã thêm người dùng admin (vai trò admin).")) << r;

  auto u = stored("admin");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, htx::accounts::Role::kAdmin);
  EXPECT_EQ(u->display_name, "Quản trị viên");
  EXPECT_FALSE(u->disabled);
  EXPECT_EQ(u->created_at, "2026-11-29T00:00:00Z");  // HTX_TODAY of the harness
  EXPECT_TRUE(htx::accounts::verify_password(u->password_hash, "mật khẩu quản trị"));
  EXPECT_FALSE(htx::accounts::verify_password(u->password_hash, "mật khẩu quản trị\n"));

  auto l = on({"user", "list"});
  ASSERT_EQ(l.code, 0) << l;
  auto ls = lines(l.out);
  ASSERT_EQ(ls.size(), 2u) << l;
  EXPECT_TRUE(contains(ls[0], "Tên đăng nhập")) << l;
  EXPECT_TRUE(contains(ls[0], "Vai trò")) << l;
  EXPECT_EQ(ls[1].rfind("admin ", 0), 0u) << l;
  EXPECT_TRUE(contains(ls[1], "Quản trị viên")) << l;
}

TEST_F(user_cli, AddIsAuditedAsTheOsUserWithoutTheHash) {
  ASSERT_EQ(add({"staff", "--role", "national_staff"}, "0123456789ab").code, 0);
  auto d = open();
  htx::audit::Filter f;
  f.object_key = "staff";
  auto entries = d->audit().list(f);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "user.add");
  EXPECT_EQ(entries[0].actor, "cli:tester");
  EXPECT_EQ(entries[0].object_type, "user");
  EXPECT_EQ(entries[0].after_json.find("argon2"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after_json)["role"], "national_staff");
}

TEST_F(user_cli, ProvincesAreGivenByCodeOrNameAndStoredAsIds) {
  auto r =
      add({"tinh.bn", "--role", "provincial_staff", "--province", "Bắc Ninh", "--province", "01"},
          "0123456789ab");
  ASSERT_EQ(r.code, 0) << r;
  auto u = stored("tinh.bn");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->province_ids, (std::vector<std::string>{"24-2025", "01-2025"}));
  auto l = on({"user", "list"});
  EXPECT_TRUE(contains(l.out, "Bắc Ninh (24-2025), Hà Nội (01-2025)")) << l;
}

TEST_F(user_cli, RefusesWithoutATerminalUnlessPasswordStdin) {
  auto r = on({"user", "add", "admin", "--role", "admin"});
  EXPECT_EQ(r.code, 2) << r;
  EXPECT_TRUE(contains(r.err, "--password-stdin")) << r;
  EXPECT_TRUE(contains(r.err, "không phải màn hình")) << r;
  EXPECT_FALSE(stored("admin"));
  auto reset = on({"user", "reset-password", "admin"});
  EXPECT_EQ(reset.code, 2) << reset;
  EXPECT_TRUE(contains(reset.err, "--password-stdin")) << reset;
}

TEST_F(user_cli, RefusedInputExitsOneAndChangesNothing) {
  auto weak = add({"staff", "--role", "national_staff"}, "ngắn");
  EXPECT_EQ(weak.code, 1) << weak;
  EXPECT_TRUE(contains(weak.err, "ít nhất 12 ký tự")) << weak;

  auto name = add({"Bad Name", "--role", "national_staff"}, "0123456789ab");
  EXPECT_EQ(name.code, 1) << name;
  EXPECT_TRUE(contains(name.err, "tên đăng nhập \"Bad Name\" không hợp lệ")) << name;

  auto no_province = add({"tinh", "--role", "provincial_staff"}, "0123456789ab");
  EXPECT_EQ(no_province.code, 1) << no_province;
  EXPECT_TRUE(contains(no_province.err, "ít nhất một tỉnh")) << no_province;

  auto no_entity = add({"coop", "--role", "cooperative"}, "0123456789ab");
  EXPECT_EQ(no_entity.code, 1) << no_entity;
  EXPECT_TRUE(contains(no_entity.err, "mã số đăng ký")) << no_entity;

  auto unknown_entity =
      add({"coop", "--role", "cooperative", "--entity", "0101999999"}, "0123456789ab");
  EXPECT_EQ(unknown_entity.code, 1) << unknown_entity;
  EXPECT_TRUE(contains(unknown_entity.err, "0101999999")) << unknown_entity;

  auto admin_with_province = add({"boss", "--role", "admin", "--province", "01"}, "0123456789ab");
  EXPECT_EQ(admin_with_province.code, 1) << admin_with_province;

  ASSERT_EQ(add({"staff", "--role", "national_staff"}, "0123456789ab").code, 0);
  auto taken = add({"staff", "--role", "buyer"}, "0123456789ab");
  EXPECT_EQ(taken.code, 1) << taken;
  EXPECT_TRUE(contains(taken.err, "đã có người dùng")) << taken;

  EXPECT_EQ(open()->accounts().count_users(), 1);
  EXPECT_EQ(stored("staff")->role, htx::accounts::Role::kNationalStaff);
}

TEST_F(user_cli, UsageErrorsExitTwo) {
  auto role = add({"x.y.z", "--role", "king"}, "0123456789ab");
  EXPECT_EQ(role.code, 2) << role;
  EXPECT_TRUE(contains(role.err, "vai trò \"king\" không hợp lệ")) << role;

  auto province =
      add({"tinh", "--role", "provincial_staff", "--province", "Sao Hỏa"}, "0123456789ab");
  EXPECT_EQ(province.code, 2) << province;
  EXPECT_TRUE(contains(province.err, "Sao Hỏa")) << province;

  EXPECT_EQ(on({"user"}).code, 2);
  EXPECT_EQ(on({"user", "add", "someone"}).code, 2);    // --role is required
  EXPECT_EQ(on({"user", "token", "someone"}).code, 2);  // --name is required
  EXPECT_EQ(on({"user", "frobnicate"}).code, 2);
  EXPECT_EQ(open()->accounts().count_users(), 0);
}

TEST_F(user_cli, CooperativeAccountForAnEntityOfTheRegistry) {
  auto csv = dir.write(
      "one.csv",
      "Mã số đăng ký,Tên,Loại hình,Ngành nghề,Tỉnh/thành phố,Ngày thành lập,Ngày giải thể,"
      "Trạng thái,Số thành viên\r\n"
      "0101000001,HTX Nông nghiệp Hà Nội,HTX,Nông nghiệp,Hà Nội,05/02/2021,,Đang hoạt động,"
      "120\r\n");
  auto imp = on({"import", csv});
  ASSERT_EQ(imp.code, 0) << imp;
  auto r = add({"htx.hanoi", "--role", "cooperative", "--entity", "0101000001"}, "0123456789ab");
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_EQ(stored("htx.hanoi")->entity_code, "0101000001");
  EXPECT_TRUE(contains(on({"user", "list"}).out, "0101000001"));
}

TEST_F(user_cli, DisableAndEnable) {
  ASSERT_EQ(add({"staff", "--role", "national_staff"}, "0123456789ab").code, 0);
  auto d = on({"user", "disable", "staff"});
  ASSERT_EQ(d.code, 0) << d;
  EXPECT_TRUE(contains(d.out, "Đã khóa tài khoản staff.")) << d;
  EXPECT_TRUE(stored("staff")->disabled);
  EXPECT_TRUE(contains(on({"user", "list"}).out, "đã khóa"));

  auto e = on({"user", "enable", "staff"});
  ASSERT_EQ(e.code, 0) << e;
  EXPECT_FALSE(stored("staff")->disabled);
  EXPECT_FALSE(contains(on({"user", "list"}).out, "đã khóa"));

  auto ghost = on({"user", "disable", "ghost"});
  EXPECT_EQ(ghost.code, 1) << ghost;
  EXPECT_TRUE(contains(ghost.err, "không có người dùng \"ghost\"")) << ghost;
  EXPECT_EQ(on({"user", "enable", "ghost"}).code, 1);

  htx::audit::Filter f;
  f.object_key = "staff";
  auto entries = open()->audit().list(f);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "user.enable");
  EXPECT_EQ(entries[1].action, "user.disable");
}

TEST_F(user_cli, ResetPasswordReplacesTheHash) {
  ASSERT_EQ(add({"staff", "--role", "national_staff"}, "mật khẩu cũ 123").code, 0);
  auto r =
      with_input("mật khẩu mới 456\n", {"user", "reset-password", "staff", "--password-stdin"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "Đã đặt lại mật khẩu của staff")) << r;
  auto u = stored("staff");
  EXPECT_TRUE(htx::accounts::verify_password(u->password_hash, "mật khẩu mới 456"));
  EXPECT_FALSE(htx::accounts::verify_password(u->password_hash, "mật khẩu cũ 123"));

  auto weak = with_input("ngắn\n", {"user", "reset-password", "staff", "--password-stdin"});
  EXPECT_EQ(weak.code, 1) << weak;
  auto ghost =
      with_input("0123456789ab\n", {"user", "reset-password", "ghost", "--password-stdin"});
  EXPECT_EQ(ghost.code, 1) << ghost;
  EXPECT_TRUE(htx::accounts::verify_password(stored("staff")->password_hash, "mật khẩu mới 456"));
}

TEST_F(user_cli, TokenIsPrintedOnceAndStoredByItsHash) {
  ASSERT_EQ(add({"sync", "--role", "national_staff"}, "0123456789ab").code, 0);
  auto r = on({"user", "token", "sync", "--name", "Đồng bộ Excel"});
  ASSERT_EQ(r.code, 0) << r;
  // The token alone on standard output (for scripts), the explanation on standard error.
  ASSERT_EQ(r.out.size(), 65u) << r;
  auto token = r.out.substr(0, 64);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_TRUE(contains(r.err, "Đồng bộ Excel")) << r;
  EXPECT_TRUE(contains(r.err, "chỉ hiện một lần")) << r;

  auto d = open();
  auto stored_token = d->accounts().find_token(htx::accounts::token_hash(token));
  ASSERT_TRUE(stored_token);
  EXPECT_EQ(stored_token->name, "Đồng bộ Excel");
  EXPECT_FALSE(d->accounts().find_token(token));  // never in clear

  auto again = on({"user", "token", "sync", "--name", "Đồng bộ Excel"});
  ASSERT_EQ(again.code, 0);
  EXPECT_NE(again.out, r.out);
  EXPECT_EQ(on({"user", "token", "ghost", "--name", "x"}).code, 1);
}

TEST_F(user_cli, SpeaksEnglishWithLangEn) {
  auto r = with_input("0123456789ab\n", {"--lang", "en", "user", "add", "staff", "--role",
                                         "national_staff", "--password-stdin"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "User staff added (role national_staff).")) << r;
  auto l =
      run_program(HTX_BINARY, {"--db", db, "--lang", "en", "user", "list"}, dir.path().string());
  EXPECT_TRUE(contains(l.out, "Username")) << l;
  auto refused =
      run_program(HTX_BINARY, {"--db", db, "--lang", "en", "user", "add", "x.y", "--role", "admin"},
                  dir.path().string());
  EXPECT_EQ(refused.code, 2);
  EXPECT_TRUE(contains(refused.err, "standard input is not a terminal")) << refused;
}

TEST_F(user_cli, ListOfNoUsersSaysHowToAddOne) {
  auto r = on({"user", "list"});
  ASSERT_EQ(r.code, 0) << r;
  EXPECT_TRUE(contains(r.out, "htx user add")) << r;
}

}  // namespace
