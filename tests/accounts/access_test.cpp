// Who may do what: the role and province rules of AccessPolicy, on the real geography (the 63
// provinces merged into 34 units on 2025-07-01) and on a small made-up one with longer chains.
#include "accounts/access.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace htx::accounts {
namespace {

using Ids = std::vector<std::string>;

Principal principal(Role role, Ids provinces = {}, std::string entity = {}) {
  User u;
  u.id = 1;
  u.username = "u";
  u.role = role;
  u.province_ids = std::move(provinces);
  u.entity_code = std::move(entity);
  return Principal{u};
}

class AccountsAccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    geo_ = new geo::Geography(geo::Geography::load(HTX_SOURCE_DATA_DIR));
  }
  static void TearDownTestSuite() {
    delete geo_;
    geo_ = nullptr;
  }
  static geo::Geography* geo_;
  AccessPolicy policy{*geo_};
};
geo::Geography* AccountsAccessTest::geo_ = nullptr;

TEST_F(AccountsAccessTest, AdminAndNationalRolesSeeEveryProvince) {
  for (auto r : {Role::kAdmin, Role::kNationalLeader, Role::kNationalStaff}) {
    auto p = principal(r);
    EXPECT_TRUE(policy.province_scope(p).is_all());
    EXPECT_TRUE(policy.in_scope(p, "79-2008"));
    EXPECT_TRUE(policy.can_view_entity(p, "79-2008", "7901000004"));
    EXPECT_TRUE(policy.can_use_registry(p));
  }
}

TEST_F(AccountsAccessTest, NationalLeaderOnlyReads) {
  auto p = principal(Role::kNationalLeader);
  EXPECT_TRUE(policy.can_view_entity(p, "01-2025", "X"));
  EXPECT_FALSE(policy.can_edit_entity(p, "01-2025", "X"));
  EXPECT_FALSE(policy.can_create_entity(p, "01-2025"));
  EXPECT_FALSE(policy.can_dissolve_entity(p, "01-2025"));
  EXPECT_FALSE(policy.can_import(p));
  EXPECT_FALSE(policy.can_manage_users(p));
  EXPECT_FALSE(policy.can_view_audit(p));
}

TEST_F(AccountsAccessTest, NationalStaffEditsAnywhereButDoesNotManageUsers) {
  auto p = principal(Role::kNationalStaff);
  EXPECT_TRUE(policy.can_edit_entity(p, "96-2008", "X"));
  EXPECT_TRUE(policy.can_create_entity(p, "01-2025"));
  EXPECT_TRUE(policy.can_dissolve_entity(p, "01-2025"));
  EXPECT_TRUE(policy.can_import(p));
  EXPECT_FALSE(policy.can_manage_users(p));
  EXPECT_FALSE(policy.can_view_audit(p));
}

TEST_F(AccountsAccessTest, OnlyAdminManagesUsersAndSeesTheAuditLog) {
  for (auto r : all_roles()) {
    auto p = principal(r, r == Role::kProvincialStaff ? Ids{"01-2025"} : Ids{}, "X");
    EXPECT_EQ(policy.can_manage_users(p), r == Role::kAdmin) << to_code(r);
    EXPECT_EQ(policy.can_view_audit(p), r == Role::kAdmin) << to_code(r);
  }
}

TEST_F(AccountsAccessTest, ProvincialScopeOfANewUnitTakesInTheProvincesMergedIntoIt) {
  // Bắc Ninh (24-2025) = old Bắc Giang (24-2008) + old Bắc Ninh (27-2008).
  auto p = principal(Role::kProvincialStaff, {"24-2025"});
  EXPECT_EQ(policy.province_scope(p).filter(), (Ids{"24-2008", "24-2025", "27-2008"}));
  EXPECT_TRUE(policy.in_scope(p, "27-2008"));
  EXPECT_FALSE(policy.in_scope(p, "01-2025"));
  EXPECT_FALSE(policy.in_scope(p, "01-2008"));
  EXPECT_TRUE(policy.can_view_entity(p, "24-2008", "X"));
  EXPECT_TRUE(policy.can_edit_entity(p, "27-2008", "X"));
  EXPECT_TRUE(policy.can_create_entity(p, "24-2025"));
  EXPECT_TRUE(policy.can_dissolve_entity(p, "24-2008"));
  EXPECT_FALSE(policy.can_view_entity(p, "01-2025", "X"));
  EXPECT_FALSE(policy.can_edit_entity(p, "01-2025", "X"));
  EXPECT_FALSE(policy.can_create_entity(p, "79-2025"));
  EXPECT_TRUE(policy.can_import(p));
  EXPECT_TRUE(policy.can_use_registry(p));
}

TEST_F(AccountsAccessTest, ProvincialScopeOfAnOldProvinceIsNotWidenedToItsSuccessor) {
  // A user of old Bắc Giang keeps it, but gets neither the new unit nor old Bắc Ninh.
  auto p = principal(Role::kProvincialStaff, {"24-2008"});
  EXPECT_EQ(policy.province_scope(p).filter(), Ids{"24-2008"});
  EXPECT_FALSE(policy.in_scope(p, "24-2025"));
  EXPECT_FALSE(policy.in_scope(p, "27-2008"));
}

TEST_F(AccountsAccessTest, ProvincialScopeOfSeveralUnitsIsTheirUnion) {
  auto p = principal(Role::kProvincialStaff, {"24-2025", "01-2025"});
  auto scope = policy.province_scope(p).provinces();
  for (const char* id : {"01-2008", "01-2025", "24-2008", "24-2025", "27-2008"})
    EXPECT_NE(std::find(scope.begin(), scope.end(), id), scope.end()) << id;
  EXPECT_EQ(std::find(scope.begin(), scope.end(), "79-2008"), scope.end());
}

TEST_F(AccountsAccessTest, CooperativeSeesAndEditsOnlyItsOwnEntity) {
  auto p = principal(Role::kCooperative, {}, "0101000001");
  EXPECT_EQ(policy.province_scope(p).filter(), Ids{});
  EXPECT_TRUE(policy.can_view_entity(p, "01-2008", "0101000001"));
  EXPECT_TRUE(policy.can_edit_entity(p, "01-2008", "0101000001"));
  EXPECT_FALSE(policy.can_view_entity(p, "01-2008", "0101000002"));
  EXPECT_FALSE(policy.can_edit_entity(p, "01-2008", "0101000002"));
  EXPECT_FALSE(policy.can_create_entity(p, "01-2008"));
  EXPECT_FALSE(policy.can_dissolve_entity(p, "01-2008"));
  EXPECT_FALSE(policy.can_import(p));
  EXPECT_TRUE(policy.can_use_registry(p));
  // A cooperative account without an entity code sees nothing.
  auto none = principal(Role::kCooperative);
  EXPECT_FALSE(policy.can_view_entity(none, "01-2008", ""));
}

TEST_F(AccountsAccessTest, BuyerAndThePublicHaveNoRegistry) {
  for (const auto& p : {principal(Role::kBuyer), Principal{}}) {
    EXPECT_FALSE(policy.can_use_registry(p));
    EXPECT_EQ(policy.province_scope(p).filter(), Ids{});
    EXPECT_FALSE(policy.in_scope(p, "01-2025"));
    EXPECT_FALSE(policy.can_view_entity(p, "01-2025", "X"));
    EXPECT_FALSE(policy.can_edit_entity(p, "01-2025", "X"));
    EXPECT_FALSE(policy.can_create_entity(p, "01-2025"));
    EXPECT_FALSE(policy.can_import(p));
    EXPECT_FALSE(policy.can_manage_users(p));
  }
  EXPECT_FALSE(Principal{}.signed_in());
}

TEST_F(AccountsAccessTest, ADisabledUserHasNoRights) {
  auto p = principal(Role::kAdmin);
  p.user->disabled = true;
  EXPECT_FALSE(policy.can_use_registry(p));
  EXPECT_FALSE(policy.can_manage_users(p));
  EXPECT_FALSE(policy.can_edit_entity(p, "01-2025", "X"));
  EXPECT_EQ(policy.province_scope(p).filter(), Ids{});
}

// Three generations: A1 and A2 merged into B1 in 2000, B1 and B2 into C1 in 2010.
TEST(AccountsAccessChains, ScopeFollowsSuccessorChainsAllTheWayBack) {
  auto dir = std::filesystem::temp_directory_path() / ("htx_access_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "geo");
  std::ofstream(dir / "geo" / "regions.csv") << "id,name,name_en,sort_order\nbac,Bắc,North,1\n";
  std::ofstream(dir / "geo" / "provinces.csv")
      << "id,code,name,region,valid_from,valid_to,successor_id\n"
         "A1-1990,A1,An,bac,1990-01-01,1999-12-31,B1-2000\n"
         "A2-1990,A2,Ba,bac,1990-01-01,1999-12-31,B1-2000\n"
         "A3-1990,A3,Ca,bac,1990-01-01,1999-12-31,B2-2000\n"
         "B1-2000,B1,Da,bac,2000-01-01,2009-12-31,C1-2010\n"
         "B2-2000,B2,Đa,bac,2000-01-01,2009-12-31,C1-2010\n"
         "B3-2000,B3,Ea,bac,2000-01-01,2009-12-31,C2-2010\n"
         "C1-2010,C1,Ga,bac,2010-01-01,,\n"
         "C2-2010,C2,Ha,bac,2010-01-01,,\n";
  auto g = geo::Geography::load(dir);
  std::filesystem::remove_all(dir);
  AccessPolicy policy(g);

  EXPECT_EQ(policy.province_scope(principal(Role::kProvincialStaff, {"C1-2010"})).filter(),
            (Ids{"A1-1990", "A2-1990", "A3-1990", "B1-2000", "B2-2000", "C1-2010"}));
  // B1's scope: its predecessors, not its successor C1 nor C1's other predecessors (B2, A3).
  EXPECT_EQ(policy.province_scope(principal(Role::kProvincialStaff, {"B1-2000"})).filter(),
            (Ids{"A1-1990", "A2-1990", "B1-2000"}));
  EXPECT_EQ(policy.province_scope(principal(Role::kProvincialStaff, {"C2-2010"})).filter(),
            (Ids{"B3-2000", "C2-2010"}));
  EXPECT_EQ(policy.province_scope(principal(Role::kProvincialStaff, {"A3-1990"})).filter(),
            Ids{"A3-1990"});
}

TEST_F(AccountsAccessTest, TheFundsRolesWriteTheFundAndOnlyApproversApprove) {
  // The central fund's staff are national; a provincial fund's keep to its province.
  auto central = principal(Role::kFundStaff);
  EXPECT_TRUE(policy.province_scope(central).is_all());
  auto provincial = principal(Role::kFundApprover, {"24-2025"});
  EXPECT_TRUE(policy.in_scope(provincial, "24-2008"));
  EXPECT_FALSE(policy.in_scope(provincial, "01-2025"));
  for (auto r : all_roles()) {
    auto p = principal(r, r == Role::kProvincialStaff ? Ids{"01-2025"} : Ids{}, "X");
    const bool fund = r == Role::kFundStaff || r == Role::kFundApprover;
    EXPECT_EQ(AccessPolicy::can_write_fund(p), fund || r == Role::kAdmin) << to_code(r);
    EXPECT_EQ(AccessPolicy::can_approve_fund(p), r == Role::kFundApprover || r == Role::kAdmin)
        << to_code(r);
    EXPECT_EQ(AccessPolicy::can_read_fund(p), r != Role::kCooperative && r != Role::kBuyer)
        << to_code(r);
    EXPECT_EQ(AccessPolicy::can_borrow(p), r == Role::kCooperative) << to_code(r);
    if (fund) {
      EXPECT_FALSE(AccessPolicy::can_write_work(p));
      EXPECT_FALSE(policy.can_create_entity(p, "01-2025"));
      EXPECT_TRUE(policy.can_use_registry(p));
    }
  }
  EXPECT_FALSE(AccessPolicy::can_read_fund(Principal{}));
}

}  // namespace
}  // namespace htx::accounts
