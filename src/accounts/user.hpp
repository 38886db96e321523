// Accounts: who may sign in, with which role, over which provinces or entity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace htx::accounts {

// The roles of DOMAIN.md. The public has no account (no User at all).
enum class Role {
  kAdmin,            // everything, users, audit log
  kNationalLeader,   // national leadership: reads everything, approves
  kNationalStaff,    // national staff: reads and edits everything (not users)
  kProvincialStaff,  // reads and edits the registry of their province(s) only
  kCooperative,      // a cooperative's own account: its entity only
  kBuyer,            // a buyer: published statistics and the directory (trade later)
  // The support fund (issue 12): its staff enter applications and movements, its approvers
  // also decide and approve (never what they entered themselves). With provinces: a provincial
  // fund's; without: the central fund's, national.
  kFundStaff,
  kFundApprover,
};

std::string_view to_code(Role role);  // "admin", "national_leader", "national_staff",
                                      // "provincial_staff", "cooperative", "buyer",
                                      // "fund_staff", "fund_approver"
std::optional<Role> role_from_code(std::string_view code);  // an assignable role
std::vector<Role> all_roles();                              // the roles an account may be given

struct User {
  std::int64_t id = 0;
  std::string username;      // unique, lower-case ASCII letters, digits, '.', '_', '-'
  std::string display_name;  // "Nguyễn Văn A"
  Role role = Role::kNationalStaff;
  std::vector<std::string> province_ids;  // kProvincialStaff: e.g. {"01-2025"}; a fund role:
                                          // its provincial fund's, or empty; else empty
  std::string entity_code;                // kCooperative: its registration code; else empty
  std::string password_hash;              // argon2id, libsodium's crypto_pwhash_str format
  bool disabled = false;
  std::string created_at;  // ISO timestamp, UTC
};

// A signed-in browser session. The cookie holds a random token; only its hash is stored.
struct Session {
  std::string token_hash;  // hex of BLAKE2b-256 of the token
  std::int64_t user_id = 0;
  std::string csrf_token;  // random, hex; sent back in every state-changing request
  std::string created_at;  // ISO timestamp, UTC
  std::string expires_at;  // ISO timestamp, UTC (idle expiry, pushed forward on use)
};

// An API token for /api/v1 (Authorization: Bearer <token>). Only its hash is stored.
struct ApiToken {
  std::int64_t id = 0;
  std::string token_hash;  // hex of BLAKE2b-256 of the token
  std::int64_t user_id = 0;
  std::string name;  // what the user called it: "Excel sync"
  std::string created_at;
  bool revoked = false;
};

}  // namespace htx::accounts
