// The schema of both backends, written once: numbered migrations in PostgreSQL's SQL with a few
// portable tokens that schema_sql() translates for each backend. Numbered, append-only: never
// edit a migration that has shipped; add the next one. An existing database upgrades from the
// newest migration it records (schema_migrations); tests/store/schema_contract_test.cpp compares
// the two live schemas.
//
//   @id                 INTEGER PRIMARY KEY (SQLite's rowid) | BIGINT GENERATED ALWAYS AS
//                       IDENTITY PRIMARY KEY
//   @bigint             INTEGER | BIGINT (ids, amounts)
//   @date               TEXT (ISO yyyy-mm-dd) | DATE (read back as ISO: the connection sets
//                       DateStyle ISO)
//   @bool, @false       INTEGER, 0 | BOOLEAN, false
//   @json               TEXT | JSONB
//   @timestamp, @now    TEXT, CURRENT_TIMESTAMP | TIMESTAMPTZ, now()
//   @one_of(c: 'a', 'b')  c = 'a' OR c = 'b' | c IN ('a', 'b'). SQLite builds an ephemeral table
//                       for an IN list on every insert, which tripled the cost of an import.
//   )@without_rowid     ) WITHOUT ROWID | )
//   @postgres(...)      nothing | the statements inside (PostgreSQL only), tokens translated
//   @sqlite(...)        the statements inside (SQLite only), tokens translated | nothing
#pragma once

#include <string>
#include <string_view>

#include "store/statement_runner.hpp"

namespace htx::store::sql {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // with the tokens above
};

// The text of a schema source (a migration, kMigrationsTable) for one backend. Throws
// InfrastructureError on an unknown token.
std::string schema_sql(std::string_view source, Dialect dialect);

// The table of applied migrations, created before the first one runs.
inline constexpr std::string_view kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at @timestamp NOT NULL DEFAULT @now)";

// Applied at open, in order (see each backend's migrate()).
inline constexpr Migration kMigrations[] = {
    {1, "registry", R"sql(
CREATE TABLE entity (
  id              @id,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  search_key     TEXT NOT NULL,
  type            TEXT NOT NULL CHECK (@one_of(type: 'HTX', 'LHHTX', 'THT')),
  sector_id       TEXT NOT NULL,
  province_id     TEXT NOT NULL,
  address         TEXT NOT NULL DEFAULT '',
  founded_on      @date NOT NULL,
  dissolved_on    @date,
  status          TEXT NOT NULL CHECK (@one_of(status: 'active', 'suspended', 'dissolved')),
  members         @bigint NOT NULL DEFAULT 0 CHECK (members >= 0),
  employees       @bigint NOT NULL DEFAULT 0 CHECK (employees >= 0),
  charter_capital @bigint NOT NULL DEFAULT 0 CHECK (charter_capital >= 0),
  revenue         @bigint NOT NULL DEFAULT 0,
  new_type        @bool NOT NULL DEFAULT @false,
  ocop_products   TEXT NOT NULL DEFAULT '',
  alliance_member @bool NOT NULL DEFAULT @false,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_province ON entity (province_id);
@postgres(CREATE INDEX entity_name_vi ON entity (name COLLATE "vi-x-icu", code);)
CREATE TABLE entity_event (
  id           @id,
  entity_id    @bigint NOT NULL REFERENCES entity (id),
  kind         TEXT NOT NULL,
  effective_on @date NOT NULL,
  recorded_at  TEXT NOT NULL,
  actor        TEXT NOT NULL,
  changes      @json NOT NULL DEFAULT '{}',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_event_entity ON entity_event (entity_id, effective_on);
CREATE TABLE audit_log (
  id          @id,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_key  TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log (object_key);
)sql"},
    // Statistics: flows of entities by month and by year (see registry/flows.hpp), kept in
    // the same transaction as every write, and the plan targets (chỉ tiêu).
    {2, "statistics", R"sql(
CREATE TABLE stat_flow_month (
  month       TEXT NOT NULL,
  province_id TEXT NOT NULL,
  type        TEXT NOT NULL,
  sector_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  entities    @bigint NOT NULL DEFAULT 0,
  members     @bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (month, province_id, type, sector_id, kind)
)@without_rowid;
CREATE TABLE stat_flow_year (
  year        TEXT NOT NULL,
  province_id TEXT NOT NULL,
  type        TEXT NOT NULL,
  sector_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  entities    @bigint NOT NULL DEFAULT 0,
  members     @bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (year, province_id, type, sector_id, kind)
)@without_rowid;
CREATE TABLE plan_target (
  year      INTEGER NOT NULL,
  unit_id   TEXT NOT NULL,
  indicator TEXT NOT NULL,
  value     @bigint NOT NULL CHECK (value >= 0),
  PRIMARY KEY (year, unit_id, indicator)
);
)sql"},
    // Accounts: users (province ids as a JSON array), sessions and API tokens stored by the
    // hash of their token, failed sign-ins for throttling.
    {3, "accounts", R"sql(
CREATE TABLE app_user (
  id            @id,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (@one_of(role: 'admin', 'national_leader', 'national_staff',
                                              'provincial_staff', 'cooperative', 'buyer')),
  province_ids  @json NOT NULL DEFAULT '[]',
  entity_code   TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      @bool NOT NULL DEFAULT @false,
  created_at    TEXT NOT NULL
);
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id    @bigint NOT NULL REFERENCES app_user (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
)@without_rowid;
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at);
CREATE TABLE api_token (
  id         @id,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    @bigint NOT NULL REFERENCES app_user (id),
  name       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked    @bool NOT NULL DEFAULT @false
);
CREATE INDEX api_token_user ON api_token (user_id);
CREATE TABLE failed_login (
  id       @id,
  username TEXT NOT NULL,
  remote   TEXT NOT NULL DEFAULT '',
  at       TEXT NOT NULL
);
CREATE INDEX failed_login_username ON failed_login (username, at);
)sql"},
    // Work programme: units (national alliance, departments, affiliated and provincial
    // alliances), documents numbered per issuer, kind and year, tasks with their cooperating
    // units (a JSON array of ids), and their dated progress notes and blockers.
    {4, "work", R"sql(
CREATE TABLE work_unit (
  id          @id,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (@one_of(kind: 'national', 'department', 'affiliated', 'provincial')),
  province_id TEXT NOT NULL DEFAULT '',
  parent_id   @bigint NOT NULL DEFAULT 0
);
CREATE TABLE work_document (
  id             @id,
  kind           TEXT NOT NULL,
  number         INTEGER NOT NULL CHECK (number > 0),
  issuer_symbol  TEXT NOT NULL,
  issued_on      @date NOT NULL,
  issued_year    INTEGER NOT NULL,
  issuer_unit_id @bigint NOT NULL REFERENCES work_unit (id),
  signer         TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL DEFAULT '',
  summary        TEXT NOT NULL DEFAULT '',
  attachment     TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (@one_of(status: 'draft', 'consultation', 'adopted')),
  meeting_id     @bigint,
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (issuer_unit_id, kind, issued_year, number)
);
CREATE TABLE work_task (
  id                   @id,
  title                TEXT NOT NULL,
  document_id          @bigint REFERENCES work_document (id),
  meeting_id           @bigint,
  lead_unit_id         @bigint NOT NULL REFERENCES work_unit (id),
  cooperating_unit_ids @json NOT NULL DEFAULT '[]',
  owner                TEXT NOT NULL DEFAULT '',
  start_on             @date NOT NULL,
  due_on               @date NOT NULL CHECK (due_on >= start_on),
  key_task             @bool NOT NULL DEFAULT @false,
  status               TEXT NOT NULL CHECK (@one_of(status: 'not_started', 'in_progress', 'blocked',
                                                       'done', 'cancelled')),
  completed_on         @date,
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_task_lead ON work_task (lead_unit_id);
CREATE TABLE work_task_note (
  id          @id,
  task_id     @bigint NOT NULL REFERENCES work_task (id),
  kind        TEXT NOT NULL CHECK (@one_of(kind: 'progress', 'blocker')),
  noted_on    @date NOT NULL,
  text        TEXT NOT NULL,
  author      TEXT NOT NULL DEFAULT '',
  resolved_on @date
);
CREATE INDEX work_task_note_task ON work_task_note (task_id, noted_on);
)sql"},
    // Governance: bodies and terms of the national and provincial alliances (work_unit), members,
    // numbered meetings with agenda items and votes, admission applications in batches,
    // memberships with their history, and emulation awards granted by a decision (work_document).
    {5, "governance", R"sql(
CREATE TABLE gov_body (
  id      @id,
  unit_id @bigint NOT NULL REFERENCES work_unit (id),
  kind    TEXT NOT NULL CHECK (kind = 'congress' OR kind = 'executive' OR kind = 'standing' OR
                               kind = 'leadership' OR kind = 'inspection'),
  UNIQUE (unit_id, kind)
);
CREATE TABLE gov_term (
  id         @id,
  unit_id    @bigint NOT NULL REFERENCES work_unit (id),
  number     INTEGER NOT NULL CHECK (number > 0),
  start_year INTEGER NOT NULL,
  end_year   INTEGER NOT NULL CHECK (end_year >= start_year),
  UNIQUE (unit_id, number)
);
CREATE TABLE gov_member (
  id         @id,
  body_id    @bigint NOT NULL REFERENCES gov_body (id),
  term_id    @bigint NOT NULL REFERENCES gov_term (id),
  person     TEXT NOT NULL,
  position   TEXT NOT NULL,
  started_on @date NOT NULL,
  ended_on   @date CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX gov_member_body ON gov_member (body_id, term_id);
CREATE TABLE gov_meeting (
  id             @id,
  body_id        @bigint NOT NULL REFERENCES gov_body (id),
  term_id        @bigint NOT NULL REFERENCES gov_term (id),
  number         INTEGER NOT NULL CHECK (number > 0),
  held_on        @date NOT NULL,
  mode           TEXT NOT NULL CHECK (mode = 'in_person' OR mode = 'online'),
  chair          TEXT NOT NULL DEFAULT '',
  attendee_count INTEGER NOT NULL CHECK (attendee_count > 0),
  attendees      @json NOT NULL DEFAULT '[]',
  minutes        TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (body_id, term_id, number)
);
CREATE TABLE gov_agenda_item (
  id            @id,
  meeting_id    @bigint NOT NULL REFERENCES gov_meeting (id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind = 'report_approval' OR kind = 'draft' OR
                                     kind = 'admission' OR kind = 'election_approval' OR
                                     kind = 'other'),
  title         TEXT NOT NULL,
  document_id   @bigint REFERENCES work_document (id),
  outcome       TEXT NOT NULL CHECK (outcome = 'open' OR outcome = 'approved' OR
                                     outcome = 'rejected' OR outcome = 'deferred'),
  votes_for     INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
  votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
  votes_abstain INTEGER NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_agenda_item_meeting ON gov_agenda_item (meeting_id, position);
CREATE TABLE gov_application (
  id               @id,
  unit_id          @bigint NOT NULL REFERENCES work_unit (id),
  entity_code      TEXT NOT NULL,
  entity_name      TEXT NOT NULL DEFAULT '',
  applied_on       @date NOT NULL,
  batch_number     INTEGER NOT NULL CHECK (batch_number > 0),
  batch_year       INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'submitted' OR status = 'under_review' OR
                                        status = 'admitted' OR status = 'rejected'),
  decision_item_id @bigint REFERENCES gov_agenda_item (id),
  decided_on       @date,
  note             TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT '',
  recorded_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_application_batch ON gov_application (batch_year, batch_number, entity_code);
CREATE INDEX gov_application_entity ON gov_application (entity_code);
CREATE TABLE gov_membership (
  id             @id,
  unit_id        @bigint NOT NULL REFERENCES work_unit (id),
  entity_code    TEXT NOT NULL,
  entity_name    TEXT NOT NULL DEFAULT '',
  since_on       @date NOT NULL,
  until_on       @date CHECK (until_on IS NULL OR until_on >= since_on),
  application_id @bigint REFERENCES gov_application (id),
  end_reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_membership_entity ON gov_membership (entity_code, unit_id);
CREATE UNIQUE INDEX gov_membership_current ON gov_membership (unit_id, entity_code)
  WHERE until_on IS NULL;
CREATE TABLE gov_award (
  id                   @id,
  year                 INTEGER NOT NULL,
  granting_unit_id     @bigint NOT NULL REFERENCES work_unit (id),
  recipient_kind       TEXT NOT NULL CHECK (recipient_kind = 'collective' OR
                                            recipient_kind = 'individual'),
  title                TEXT NOT NULL,
  with_certificate     @bool NOT NULL DEFAULT @false,
  recipient            TEXT NOT NULL,
  recipient_unit       TEXT NOT NULL DEFAULT '',
  decision_document_id @bigint NOT NULL REFERENCES work_document (id),
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_award_year ON gov_award (year, recipient_kind);
)sql"},
    // The reporting regime: report forms (who submits, the deadline rule, the indicators) and
    // the units' submissions, one per form, unit and period; units may carry the day they were
    // established (reports of earlier periods are not expected from them).
    {6, "reporting", R"sql(
ALTER TABLE work_unit ADD COLUMN established_on @date;
CREATE TABLE rep_form (
  id              @id,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  frequency       TEXT NOT NULL CHECK (frequency = 'monthly' OR frequency = 'quarterly'),
  unit_kind       TEXT NOT NULL DEFAULT '',
  unit_ids        @json NOT NULL DEFAULT '[]',
  deadline_months INTEGER NOT NULL CHECK (deadline_months >= 0 AND deadline_months <= 12),
  deadline_day    INTEGER NOT NULL CHECK (deadline_day >= 1 AND deadline_day <= 31),
  indicators      @json NOT NULL DEFAULT '[]',
  active_from     @date NOT NULL,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE rep_submission (
  id               @id,
  form_id          @bigint NOT NULL REFERENCES rep_form (id),
  unit_id          @bigint NOT NULL REFERENCES work_unit (id),
  period           TEXT NOT NULL,
  submitted_on     @date NOT NULL,
  submitted_by     TEXT NOT NULL DEFAULT '',
  indicator_values @json NOT NULL DEFAULT '{}',
  note             TEXT NOT NULL DEFAULT '',
  recorded_at      TEXT NOT NULL DEFAULT '',
  corrected_by     TEXT NOT NULL DEFAULT '',
  corrected_at     TEXT NOT NULL DEFAULT '',
  UNIQUE (form_id, unit_id, period)
);
CREATE INDEX rep_submission_period ON rep_submission (period, unit_id);
)sql"},
    // Documents' files (migration 7): one per document, base64 text in both backends.
    {7, "attachments", R"sql(
CREATE TABLE work_attachment (
  document_id  @bigint PRIMARY KEY REFERENCES work_document (id),
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         @bigint NOT NULL CHECK (size > 0),
  content      TEXT NOT NULL,
  recorded_by  TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL DEFAULT ''
);
)sql"},
    // The supply–demand exchange (migration 8): buyers and their outlets, campaigns, offers of
    // registry entities and buyers' demand (quantities in base units of the product's dimension,
    // committed never above listed), orders (confirmed allocations) and sales.
    {8, "market", R"sql(
CREATE TABLE market_buyer (
  id          @id,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (@one_of(kind: 'retail_chain', 'supermarket', 'alliance_point',
                                             'e_commerce', 'institution', 'wholesaler')),
  province_id TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE market_outlet (
  id          @id,
  buyer_id    @bigint NOT NULL REFERENCES market_buyer (id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  brand       TEXT NOT NULL DEFAULT '',
  province_id TEXT NOT NULL,
  address     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX market_outlet_buyer ON market_outlet (buyer_id);
CREATE TABLE market_campaign (
  id                    @id,
  code                  TEXT NOT NULL UNIQUE,
  name                  TEXT NOT NULL,
  directive_document_id @bigint REFERENCES work_document (id),
  organiser_unit_id     @bigint NOT NULL REFERENCES work_unit (id),
  partners              @json NOT NULL DEFAULT '[]',
  province_ids          @json NOT NULL DEFAULT '[]',
  starts_on             @date NOT NULL,
  ends_on               @date,
  origin_item_id        @bigint REFERENCES gov_agenda_item (id),
  origin_task_id        @bigint REFERENCES work_task (id),
  status                TEXT NOT NULL CHECK (@one_of(status: 'open', 'closed', 'published')),
  targets               @json NOT NULL DEFAULT '[]',
  recorded_by           TEXT NOT NULL DEFAULT '',
  recorded_at           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE market_offer (
  id             @id,
  entity_id      @bigint NOT NULL REFERENCES entity (id),
  product        TEXT NOT NULL,
  quantity       @bigint NOT NULL CHECK (quantity > 0),
  dimension      TEXT NOT NULL CHECK (@one_of(dimension: 'mass', 'count', 'volume')),
  unit           TEXT NOT NULL,
  standard       TEXT NOT NULL,
  ocop_stars     INTEGER NOT NULL DEFAULT 0,
  available_from @date NOT NULL,
  available_to   @date NOT NULL CHECK (available_to >= available_from),
  province_id    TEXT NOT NULL,
  place          TEXT NOT NULL DEFAULT '',
  min_lot        @bigint NOT NULL DEFAULT 0,
  floor_price    @bigint NOT NULL DEFAULT 0,
  price_unit     TEXT NOT NULL DEFAULT '',
  campaign_id    @bigint REFERENCES market_campaign (id),
  status         TEXT NOT NULL CHECK (@one_of(status: 'open', 'closed', 'withdrawn')),
  committed      @bigint NOT NULL DEFAULT 0 CHECK (committed >= 0 AND committed <= quantity),
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX market_offer_campaign ON market_offer (campaign_id, status);
CREATE INDEX market_offer_entity ON market_offer (entity_id);
CREATE TABLE market_demand (
  id            @id,
  buyer_id      @bigint NOT NULL REFERENCES market_buyer (id),
  outlet_id     @bigint REFERENCES market_outlet (id),
  product       TEXT NOT NULL,
  quantity      @bigint NOT NULL CHECK (quantity > 0),
  dimension     TEXT NOT NULL CHECK (@one_of(dimension: 'mass', 'count', 'volume')),
  unit          TEXT NOT NULL,
  wanted_from   @date NOT NULL,
  wanted_to     @date NOT NULL CHECK (wanted_to >= wanted_from),
  province_id   TEXT NOT NULL,
  place         TEXT NOT NULL DEFAULT '',
  ceiling_price @bigint NOT NULL DEFAULT 0,
  price_unit    TEXT NOT NULL DEFAULT '',
  campaign_id   @bigint REFERENCES market_campaign (id),
  status        TEXT NOT NULL CHECK (@one_of(status: 'open', 'closed', 'withdrawn')),
  committed     @bigint NOT NULL DEFAULT 0 CHECK (committed >= 0 AND committed <= quantity),
  recorded_by   TEXT NOT NULL DEFAULT '',
  recorded_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX market_demand_campaign ON market_demand (campaign_id, status);
CREATE INDEX market_demand_buyer ON market_demand (buyer_id);
CREATE TABLE market_order (
  id            @id,
  offer_id      @bigint NOT NULL REFERENCES market_offer (id),
  demand_id     @bigint NOT NULL REFERENCES market_demand (id),
  quantity      @bigint NOT NULL CHECK (quantity > 0),
  price_per_lot @bigint NOT NULL DEFAULT 0,
  campaign_id   @bigint REFERENCES market_campaign (id),
  status        TEXT NOT NULL CHECK (@one_of(status: 'confirmed', 'dispatched', 'received',
                                                 'cancelled')),
  dispatched    @bigint NOT NULL DEFAULT 0,
  received      @bigint NOT NULL DEFAULT 0 CHECK (received <= dispatched),
  lost          @bigint NOT NULL DEFAULT 0,
  dispatched_on @date,
  received_on   @date,
  confirmed_by  TEXT NOT NULL DEFAULT '',
  confirmed_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX market_order_campaign ON market_order (campaign_id);
CREATE TABLE market_sale (
  id          @id,
  order_id    @bigint REFERENCES market_order (id),
  offer_id    @bigint NOT NULL REFERENCES market_offer (id),
  outlet_id   @bigint NOT NULL REFERENCES market_outlet (id),
  product     TEXT NOT NULL,
  quantity    @bigint NOT NULL CHECK (quantity > 0),
  value_dong  @bigint NOT NULL DEFAULT 0 CHECK (value_dong >= 0),
  sold_on     @date NOT NULL,
  campaign_id @bigint REFERENCES market_campaign (id),
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX market_sale_campaign ON market_sale (campaign_id, sold_on);
CREATE INDEX market_sale_order ON market_sale (order_id);
)sql"},
    // The campaign results add the sales up by product and outlet (MarketRepository::
    // sale_totals): this index holds every column that query reads, in its grouping order, so
    // that it is one sequential read with no sort, whatever the filters.
    {9, "market sale totals", R"sql(
CREATE INDEX market_sale_totals ON market_sale
  (product, outlet_id, campaign_id, sold_on, offer_id, quantity, value_dong);
)sql"},
    // The support fund (issue 12): what a loan owes is replayed from its movements and
    // restructurings (src/fund/loan.hpp); fund_ledger holds the replay's entries as posted.
    {10, "fund", R"sql(
CREATE TABLE fund_fund (
  id              @id,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  level           TEXT NOT NULL CHECK (@one_of(level: 'central', 'provincial')),
  province_id     TEXT NOT NULL DEFAULT '',
  unit_id         @bigint REFERENCES work_unit (id),
  channel         TEXT NOT NULL CHECK (@one_of(channel: 'direct', 'entrusted')),
  entrusted_to    TEXT NOT NULL DEFAULT '',
  charter_capital @bigint NOT NULL DEFAULT 0 CHECK (charter_capital >= 0),
  capital_sources @json NOT NULL DEFAULT '[]'
);
CREATE TABLE fund_product (
  id                     @id,
  fund_id                @bigint NOT NULL REFERENCES fund_fund (id),
  code                   TEXT NOT NULL,
  name                   TEXT NOT NULL,
  purpose                TEXT NOT NULL DEFAULT '',
  max_amount             @bigint NOT NULL CHECK (max_amount > 0),
  max_term_months        @bigint NOT NULL CHECK (max_term_months > 0),
  min_own_percent        @bigint NOT NULL DEFAULT 0,
  method                 TEXT NOT NULL,
  rate                   TEXT NOT NULL,
  day_count              TEXT NOT NULL,
  principal_grace_months @bigint NOT NULL DEFAULT 0,
  interest_grace_months  @bigint NOT NULL DEFAULT 0,
  rounding               TEXT NOT NULL,
  multiple               @bigint NOT NULL DEFAULT 1,
  overdue_percent        @bigint NOT NULL,
  late_rate              TEXT NOT NULL,
  repayment_order        @json NOT NULL DEFAULT '[]',
  deadline_terms         @json NOT NULL DEFAULT '[]',
  deadline_days          @json NOT NULL DEFAULT '[]',
  active                 @bool NOT NULL DEFAULT @false,
  UNIQUE (fund_id, code)
);
CREATE TABLE fund_application (
  id                 @id,
  fund_id            @bigint NOT NULL REFERENCES fund_fund (id),
  product_id         @bigint NOT NULL REFERENCES fund_product (id),
  borrower_code      TEXT NOT NULL,
  borrower_name      TEXT NOT NULL DEFAULT '',
  province_id        TEXT NOT NULL,
  sector_id          TEXT NOT NULL DEFAULT '',
  amount             @bigint NOT NULL CHECK (amount > 0),
  term_months        @bigint NOT NULL CHECK (term_months > 0),
  purpose            TEXT NOT NULL DEFAULT '',
  total_investment   @bigint NOT NULL DEFAULT 0,
  own_contribution   @bigint NOT NULL DEFAULT 0,
  collateral         @json NOT NULL DEFAULT '[]',
  guarantee          TEXT NOT NULL DEFAULT '',
  received_on        @date NOT NULL,
  status             TEXT NOT NULL CHECK (@one_of(status: 'received', 'appraised', 'approved',
                                                  'rejected', 'contracted', 'withdrawn')),
  appraised_on       @date,
  appraised_by       TEXT NOT NULL DEFAULT '',
  appraisal_opinion  TEXT NOT NULL DEFAULT '',
  recommended_amount @bigint NOT NULL DEFAULT 0,
  decision_number    TEXT NOT NULL DEFAULT '',
  decided_on         @date,
  council_members    @json NOT NULL DEFAULT '[]',
  votes_for          @bigint NOT NULL DEFAULT 0,
  votes_against      @bigint NOT NULL DEFAULT 0,
  approved_amount    @bigint NOT NULL DEFAULT 0,
  council_note       TEXT NOT NULL DEFAULT '',
  contract_number    TEXT NOT NULL DEFAULT '',
  contract_on        @date,
  loan_id            @bigint,
  entered_by         TEXT NOT NULL DEFAULT '',
  entered_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fund_application_fund ON fund_application (fund_id, status, received_on);
CREATE TABLE fund_loan (
  id                     @id,
  fund_id                @bigint NOT NULL REFERENCES fund_fund (id),
  product_id             @bigint NOT NULL REFERENCES fund_product (id),
  application_id         @bigint NOT NULL REFERENCES fund_application (id),
  contract_number        TEXT NOT NULL,
  contract_on            @date NOT NULL,
  borrower_code          TEXT NOT NULL,
  borrower_name          TEXT NOT NULL DEFAULT '',
  province_id            TEXT NOT NULL,
  sector_id              TEXT NOT NULL DEFAULT '',
  purpose                TEXT NOT NULL DEFAULT '',
  approved_amount        @bigint NOT NULL CHECK (approved_amount > 0),
  method                 TEXT NOT NULL,
  rate                   TEXT NOT NULL,
  day_count              TEXT NOT NULL,
  term_months            @bigint NOT NULL,
  principal_grace_months @bigint NOT NULL DEFAULT 0,
  interest_grace_months  @bigint NOT NULL DEFAULT 0,
  rounding               TEXT NOT NULL,
  multiple               @bigint NOT NULL DEFAULT 1,
  payment_day            @bigint NOT NULL DEFAULT 0,
  overdue_percent        @bigint NOT NULL,
  late_rate              TEXT NOT NULL,
  repayment_order        @json NOT NULL DEFAULT '[]',
  discounted_collateral  @bigint NOT NULL DEFAULT 0,
  state                  TEXT NOT NULL CHECK (@one_of(state: 'active', 'closed', 'written_off')),
  UNIQUE (fund_id, contract_number)
);
CREATE INDEX fund_loan_borrower ON fund_loan (borrower_code);
CREATE INDEX fund_loan_province ON fund_loan (province_id);
CREATE TABLE fund_movement (
  id          @id,
  loan_id     @bigint NOT NULL REFERENCES fund_loan (id),
  kind        TEXT NOT NULL CHECK (@one_of(kind: 'disbursement', 'repayment', 'write_off')),
  on_date     @date NOT NULL,
  amount      @bigint NOT NULL CHECK (amount >= 0),
  state       TEXT NOT NULL CHECK (@one_of(state: 'pending', 'approved', 'rejected')),
  note        TEXT NOT NULL DEFAULT '',
  entered_by  TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT NOT NULL DEFAULT '',
  CHECK (approved_by = '' OR approved_by <> entered_by OR kind = 'repayment')
);
CREATE INDEX fund_movement_loan ON fund_movement (loan_id, on_date);
CREATE TABLE fund_restructuring (
  id                     @id,
  loan_id                @bigint NOT NULL REFERENCES fund_loan (id),
  version                @bigint NOT NULL,
  on_date                @date NOT NULL,
  method                 TEXT NOT NULL,
  rate                   TEXT NOT NULL,
  day_count              TEXT NOT NULL,
  term_months            @bigint NOT NULL,
  principal_grace_months @bigint NOT NULL DEFAULT 0,
  interest_grace_months  @bigint NOT NULL DEFAULT 0,
  rounding               TEXT NOT NULL,
  multiple               @bigint NOT NULL DEFAULT 1,
  interest_waived        @bigint NOT NULL DEFAULT 0 CHECK (interest_waived >= 0),
  covid_relief           @bool NOT NULL DEFAULT @false,
  reason                 TEXT NOT NULL,
  legal_basis            TEXT NOT NULL,
  entered_by             TEXT NOT NULL,
  entered_at             TEXT NOT NULL,
  UNIQUE (loan_id, version)
);
CREATE TABLE fund_ledger (
  id      @id,
  fund_id @bigint NOT NULL REFERENCES fund_fund (id),
  loan_id @bigint NOT NULL REFERENCES fund_loan (id),
  on_date @date NOT NULL,
  debit   TEXT NOT NULL,
  credit  TEXT NOT NULL,
  amount  @bigint NOT NULL CHECK (amount > 0),
  memo    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fund_ledger_loan ON fund_ledger (loan_id, on_date);
CREATE INDEX fund_ledger_fund ON fund_ledger (fund_id, on_date);
)sql"},
    // Accounts: the support funds' roles become assignable (issue 12). SQLite cannot alter a
    // CHECK, so app_user is rebuilt with its rows and ids (SQLite's documented procedure: new
    // table, copy, drop, rename; migrations run with foreign keys off and checked at the end);
    // sessions and tokens refer to it by id and by name, both unchanged.
    {11, "fund roles", R"sql(
@sqlite(CREATE TABLE app_user_rebuilt (
  id            @id,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (@one_of(role: 'admin', 'national_leader', 'national_staff',
                                              'provincial_staff', 'cooperative', 'buyer',
                                              'fund_staff', 'fund_approver')),
  province_ids  @json NOT NULL DEFAULT '[]',
  entity_code   TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      @bool NOT NULL DEFAULT @false,
  created_at    TEXT NOT NULL
);
INSERT INTO app_user_rebuilt (id, username, display_name, role, province_ids, entity_code,
                              password_hash, disabled, created_at)
  SELECT id, username, display_name, role, province_ids, entity_code, password_hash, disabled,
         created_at FROM app_user;
DROP TABLE app_user;
ALTER TABLE app_user_rebuilt RENAME TO app_user;)
@postgres(ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
  CHECK (@one_of(role: 'admin', 'national_leader', 'national_staff', 'provincial_staff',
                 'cooperative', 'buyer', 'fund_staff', 'fund_approver'));)
)sql"},
    // OCOP products as records (issue 13, item 4): certificates of a producer's product with the
    // scores of parts A, B, C (tenths of a point; NULL for a record read from the registry's free
    // text), the stars, the certifying level and decision, valid through valid_until; a renewal
    // names the certificate it renews.
    {12, "ocop certificates", R"sql(
CREATE TABLE ocop_certificate (
  id              @id,
  product         TEXT NOT NULL,
  product_key     TEXT NOT NULL,
  product_group   TEXT NOT NULL,
  subgroup        TEXT NOT NULL,
  producer_code   TEXT NOT NULL,
  producer_name   TEXT NOT NULL,
  province_id     TEXT NOT NULL,
  score_a         @bigint,
  score_b         @bigint,
  score_c         @bigint,
  stars           @bigint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  level           TEXT NOT NULL CHECK (@one_of(level: 'province', 'central')),
  decision_number TEXT NOT NULL DEFAULT '',
  decided_on      @date,
  valid_until     @date,
  renews_id       @bigint REFERENCES ocop_certificate (id),
  origin          TEXT NOT NULL CHECK (@one_of(origin: 'decision', 'import', 'free_text')),
  source_text     TEXT NOT NULL DEFAULT '',
  entered_by      TEXT NOT NULL,
  entered_at      TEXT NOT NULL
);
CREATE INDEX ocop_certificate_producer ON ocop_certificate (producer_code, product_key);
CREATE INDEX ocop_certificate_province ON ocop_certificate (province_id, stars);
CREATE INDEX ocop_certificate_renews ON ocop_certificate (renews_id);
)sql"},
    // Training (issue 13): plans per organiser and year, courses with their sessions and cost
    // items (JSON), the people trained, one enrolment per person and course, a mark per person
    // and session, certificates' codes unique.
    {13, "training", R"sql(
CREATE TABLE training_plan (
  id          @id,
  unit_id     @bigint NOT NULL REFERENCES work_unit (id),
  province_id TEXT NOT NULL DEFAULT '',
  year        @bigint NOT NULL,
  targets     @json NOT NULL DEFAULT '[]',
  note        TEXT NOT NULL DEFAULT '',
  entered_by  TEXT NOT NULL DEFAULT '',
  entered_at  TEXT NOT NULL DEFAULT '',
  UNIQUE (unit_id, year)
);
CREATE TABLE training_course (
  id             @id,
  code           TEXT NOT NULL UNIQUE,
  unit_id        @bigint NOT NULL REFERENCES work_unit (id),
  kind           TEXT NOT NULL,
  topic          TEXT NOT NULL,
  audience       TEXT NOT NULL DEFAULT '',
  province_id    TEXT NOT NULL,
  place          TEXT NOT NULL DEFAULT '',
  lecturers      @json NOT NULL DEFAULT '[]',
  funding_source TEXT NOT NULL DEFAULT '',
  starts_on      @date NOT NULL,
  ends_on        @date NOT NULL,
  year           @bigint NOT NULL,
  costs          @json NOT NULL DEFAULT '[]',
  entered_by     TEXT NOT NULL DEFAULT '',
  entered_at     TEXT NOT NULL DEFAULT '',
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_course_unit ON training_course (unit_id, year);
CREATE INDEX training_course_year ON training_course (year, province_id);
CREATE TABLE training_session (
  id        @id,
  course_id @bigint NOT NULL REFERENCES training_course (id),
  number    @bigint NOT NULL,
  held_on   @date NOT NULL,
  topic     TEXT NOT NULL DEFAULT '',
  UNIQUE (course_id, number)
);
CREATE TABLE training_trainee (
  id          @id,
  full_name   TEXT NOT NULL,
  sex         TEXT NOT NULL CHECK (@one_of(sex: 'male', 'female')),
  birth_year  @bigint NOT NULL,
  ethnicity   TEXT NOT NULL,
  role        TEXT NOT NULL,
  entity_code TEXT NOT NULL DEFAULT '',
  province_id TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  entered_by  TEXT NOT NULL DEFAULT '',
  entered_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_trainee_entity ON training_trainee (entity_code);
CREATE TABLE training_enrolment (
  id               @id,
  course_id        @bigint NOT NULL REFERENCES training_course (id),
  trainee_id       @bigint NOT NULL REFERENCES training_trainee (id),
  enrolled_on      @date NOT NULL,
  completed        @bool NOT NULL DEFAULT @false,
  certificate_code TEXT NOT NULL DEFAULT '',
  certified_on     @date,
  entered_by       TEXT NOT NULL DEFAULT '',
  entered_at       TEXT NOT NULL DEFAULT '',
  UNIQUE (course_id, trainee_id)
);
CREATE INDEX training_enrolment_trainee ON training_enrolment (trainee_id);
CREATE INDEX training_enrolment_certificate ON training_enrolment (certificate_code);
CREATE TABLE training_attendance (
  session_id   @bigint NOT NULL REFERENCES training_session (id),
  enrolment_id @bigint NOT NULL REFERENCES training_enrolment (id),
  mark         TEXT NOT NULL CHECK (@one_of(mark: 'present', 'late', 'excused', 'absent')),
  marked_by    TEXT NOT NULL DEFAULT '',
  marked_at    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (session_id, enrolment_id)
);
)sql"},
    // Advisory cases (tư vấn thành lập, issue 13 item 2): an alliance's advice to a founding
    // group, closed with the registry entity it became or dropped with a reason.
    {14, "advisory cases", R"sql(
CREATE TABLE advisory_case (
  id           @id,
  unit_id      @bigint NOT NULL REFERENCES work_unit (id),
  province_id  TEXT NOT NULL,
  group_name   TEXT NOT NULL,
  contact      TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  planned_type TEXT NOT NULL CHECK (@one_of(planned_type: 'HTX', 'LHHTX', 'THT')),
  opened_on    @date NOT NULL,
  adviser      TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL CHECK (@one_of(status: 'open', 'closed', 'dropped')),
  closed_on    @date,
  entity_code  TEXT NOT NULL DEFAULT '',
  entity_name  TEXT NOT NULL DEFAULT '',
  drop_reason  TEXT NOT NULL DEFAULT '',
  entered_by   TEXT NOT NULL DEFAULT '',
  entered_at   TEXT NOT NULL DEFAULT '',
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX advisory_case_province ON advisory_case (province_id, opened_on);
CREATE INDEX advisory_case_closed ON advisory_case (closed_on);
CREATE INDEX advisory_case_entity ON advisory_case (entity_code);
)sql"},
    {15, "registry change requests", R"sql(
CREATE TABLE entity_change_request (
  id          @id,
  entity_code TEXT NOT NULL,
  entity_name TEXT NOT NULL DEFAULT '',
  province_id TEXT NOT NULL,
  changes     @json NOT NULL DEFAULT '{}',
  note        TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL CHECK (@one_of(status: 'pending', 'approved', 'rejected')),
  proposed_by TEXT NOT NULL,
  proposed_at TEXT NOT NULL,
  decided_by  TEXT NOT NULL DEFAULT '',
  decided_at  TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_change_request_entity ON entity_change_request (entity_code, status);
CREATE INDEX entity_change_request_province ON entity_change_request (province_id, status);
)sql"},
};

}  // namespace htx::store::sql
