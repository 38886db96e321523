#pragma once
#include <string_view>

namespace htx::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Numbered, append-only: never edit a migration that has shipped; add the next one.
// CHECKs are written with OR, not IN (...): SQLite builds an ephemeral table for an IN list on
// every insert, which tripled the cost of an import.
inline constexpr Migration kMigrations[] = {
    {1, "registry", R"sql(
CREATE TABLE entity (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  search_key     TEXT NOT NULL,
  type            TEXT NOT NULL CHECK (type = 'HTX' OR type = 'LHHTX' OR type = 'THT'),
  sector_id       TEXT NOT NULL,
  province_id     TEXT NOT NULL,
  address         TEXT NOT NULL DEFAULT '',
  founded_on      TEXT NOT NULL,
  dissolved_on    TEXT,
  status          TEXT NOT NULL
                  CHECK (status = 'active' OR status = 'suspended' OR status = 'dissolved'),
  members         INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
  employees       INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
  charter_capital INTEGER NOT NULL DEFAULT 0 CHECK (charter_capital >= 0),
  revenue         INTEGER NOT NULL DEFAULT 0,
  new_type        INTEGER NOT NULL DEFAULT 0,
  ocop_products   TEXT NOT NULL DEFAULT '',
  alliance_member INTEGER NOT NULL DEFAULT 0,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_province ON entity (province_id);
CREATE TABLE entity_event (
  id           INTEGER PRIMARY KEY,
  entity_id    INTEGER NOT NULL REFERENCES entity (id),
  kind         TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  actor        TEXT NOT NULL,
  changes      TEXT NOT NULL DEFAULT '{}',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_event_entity ON entity_event (entity_id, effective_on);
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
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
  entities    INTEGER NOT NULL DEFAULT 0,
  members     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, province_id, type, sector_id, kind)
) WITHOUT ROWID;
CREATE TABLE stat_flow_year (
  year        TEXT NOT NULL,
  province_id TEXT NOT NULL,
  type        TEXT NOT NULL,
  sector_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  entities    INTEGER NOT NULL DEFAULT 0,
  members     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, province_id, type, sector_id, kind)
) WITHOUT ROWID;
CREATE TABLE plan_target (
  year      INTEGER NOT NULL,
  unit_id   TEXT NOT NULL,
  indicator TEXT NOT NULL,
  value     INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (year, unit_id, indicator)
);
)sql"},
    // Accounts: users (province ids as a JSON array), sessions and API tokens stored by the
    // hash of their token, failed sign-ins for throttling.
    {3, "accounts", R"sql(
CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL
                CHECK (role = 'admin' OR role = 'national_leader' OR role = 'national_staff' OR
                       role = 'provincial_staff' OR role = 'cooperative' OR role = 'buyer'),
  province_ids  TEXT NOT NULL DEFAULT '[]',
  entity_code   TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES app_user (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at);
CREATE TABLE api_token (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES app_user (id),
  name       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_token_user ON api_token (user_id);
CREATE TABLE failed_login (
  id       INTEGER PRIMARY KEY,
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
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind = 'national' OR kind = 'department' OR
                                   kind = 'affiliated' OR kind = 'provincial'),
  province_id TEXT NOT NULL DEFAULT '',
  parent_id   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE work_document (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL,
  number         INTEGER NOT NULL CHECK (number > 0),
  issuer_symbol  TEXT NOT NULL,
  issued_on      TEXT NOT NULL,
  issued_year    INTEGER NOT NULL,
  issuer_unit_id INTEGER NOT NULL REFERENCES work_unit (id),
  signer         TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL DEFAULT '',
  summary        TEXT NOT NULL DEFAULT '',
  attachment     TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL
                 CHECK (status = 'draft' OR status = 'consultation' OR status = 'adopted'),
  meeting_id     INTEGER,
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (issuer_unit_id, kind, issued_year, number)
);
CREATE TABLE work_task (
  id                   INTEGER PRIMARY KEY,
  title                TEXT NOT NULL,
  document_id          INTEGER REFERENCES work_document (id),
  meeting_id           INTEGER,
  lead_unit_id         INTEGER NOT NULL REFERENCES work_unit (id),
  cooperating_unit_ids TEXT NOT NULL DEFAULT '[]',
  owner                TEXT NOT NULL DEFAULT '',
  start_on             TEXT NOT NULL,
  due_on               TEXT NOT NULL CHECK (due_on >= start_on),
  key_task             INTEGER NOT NULL DEFAULT 0,
  status               TEXT NOT NULL
                       CHECK (status = 'not_started' OR status = 'in_progress' OR
                              status = 'blocked' OR status = 'done' OR status = 'cancelled'),
  completed_on         TEXT,
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_task_lead ON work_task (lead_unit_id);
CREATE TABLE work_task_note (
  id          INTEGER PRIMARY KEY,
  task_id     INTEGER NOT NULL REFERENCES work_task (id),
  kind        TEXT NOT NULL CHECK (kind = 'progress' OR kind = 'blocker'),
  noted_on    TEXT NOT NULL,
  text        TEXT NOT NULL,
  author      TEXT NOT NULL DEFAULT '',
  resolved_on TEXT
);
CREATE INDEX work_task_note_task ON work_task_note (task_id, noted_on);
)sql"},
    // Governance: bodies and terms of the national and provincial alliances (work_unit), members,
    // numbered meetings with agenda items and votes, admission applications in batches,
    // memberships with their history, and emulation awards granted by a decision (work_document).
    {5, "governance", R"sql(
CREATE TABLE gov_body (
  id      INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES work_unit (id),
  kind    TEXT NOT NULL CHECK (kind = 'congress' OR kind = 'executive' OR kind = 'standing' OR
                               kind = 'leadership' OR kind = 'inspection'),
  UNIQUE (unit_id, kind)
);
CREATE TABLE gov_term (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES work_unit (id),
  number     INTEGER NOT NULL CHECK (number > 0),
  start_year INTEGER NOT NULL,
  end_year   INTEGER NOT NULL CHECK (end_year >= start_year),
  UNIQUE (unit_id, number)
);
CREATE TABLE gov_member (
  id         INTEGER PRIMARY KEY,
  body_id    INTEGER NOT NULL REFERENCES gov_body (id),
  term_id    INTEGER NOT NULL REFERENCES gov_term (id),
  person     TEXT NOT NULL,
  position   TEXT NOT NULL,
  started_on TEXT NOT NULL,
  ended_on   TEXT CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX gov_member_body ON gov_member (body_id, term_id);
CREATE TABLE gov_meeting (
  id             INTEGER PRIMARY KEY,
  body_id        INTEGER NOT NULL REFERENCES gov_body (id),
  term_id        INTEGER NOT NULL REFERENCES gov_term (id),
  number         INTEGER NOT NULL CHECK (number > 0),
  held_on        TEXT NOT NULL,
  mode           TEXT NOT NULL CHECK (mode = 'in_person' OR mode = 'online'),
  chair          TEXT NOT NULL DEFAULT '',
  attendee_count INTEGER NOT NULL CHECK (attendee_count > 0),
  attendees      TEXT NOT NULL DEFAULT '[]',
  minutes        TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (body_id, term_id, number)
);
CREATE TABLE gov_agenda_item (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES gov_meeting (id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind = 'report_approval' OR kind = 'draft' OR
                                     kind = 'admission' OR kind = 'election_approval' OR
                                     kind = 'other'),
  title         TEXT NOT NULL,
  document_id   INTEGER REFERENCES work_document (id),
  outcome       TEXT NOT NULL CHECK (outcome = 'open' OR outcome = 'approved' OR
                                     outcome = 'rejected' OR outcome = 'deferred'),
  votes_for     INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
  votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
  votes_abstain INTEGER NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_agenda_item_meeting ON gov_agenda_item (meeting_id, position);
CREATE TABLE gov_application (
  id               INTEGER PRIMARY KEY,
  unit_id          INTEGER NOT NULL REFERENCES work_unit (id),
  entity_code      TEXT NOT NULL,
  entity_name      TEXT NOT NULL DEFAULT '',
  applied_on       TEXT NOT NULL,
  batch_number     INTEGER NOT NULL CHECK (batch_number > 0),
  batch_year       INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'submitted' OR status = 'under_review' OR
                                        status = 'admitted' OR status = 'rejected'),
  decision_item_id INTEGER REFERENCES gov_agenda_item (id),
  decided_on       TEXT,
  note             TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT '',
  recorded_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_application_batch ON gov_application (batch_year, batch_number, entity_code);
CREATE INDEX gov_application_entity ON gov_application (entity_code);
CREATE TABLE gov_membership (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES work_unit (id),
  entity_code    TEXT NOT NULL,
  entity_name    TEXT NOT NULL DEFAULT '',
  since_on       TEXT NOT NULL,
  until_on       TEXT CHECK (until_on IS NULL OR until_on >= since_on),
  application_id INTEGER REFERENCES gov_application (id),
  end_reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_membership_entity ON gov_membership (entity_code, unit_id);
CREATE UNIQUE INDEX gov_membership_current ON gov_membership (unit_id, entity_code)
  WHERE until_on IS NULL;
CREATE TABLE gov_award (
  id                   INTEGER PRIMARY KEY,
  year                 INTEGER NOT NULL,
  granting_unit_id     INTEGER NOT NULL REFERENCES work_unit (id),
  recipient_kind       TEXT NOT NULL CHECK (recipient_kind = 'collective' OR
                                            recipient_kind = 'individual'),
  title                TEXT NOT NULL,
  with_certificate     INTEGER NOT NULL DEFAULT 0,
  recipient            TEXT NOT NULL,
  recipient_unit       TEXT NOT NULL DEFAULT '',
  decision_document_id INTEGER NOT NULL REFERENCES work_document (id),
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_award_year ON gov_award (year, recipient_kind);
)sql"},
    // The reporting regime: report forms (who submits, the deadline rule, the indicators) and
    // the units' submissions, one per form, unit and period; units may carry the day they were
    // established (reports of earlier periods are not expected from them).
    {6, "reporting", R"sql(
ALTER TABLE work_unit ADD COLUMN established_on TEXT;
CREATE TABLE rep_form (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  frequency       TEXT NOT NULL CHECK (frequency = 'monthly' OR frequency = 'quarterly'),
  unit_kind       TEXT NOT NULL DEFAULT '',
  unit_ids        TEXT NOT NULL DEFAULT '[]',
  deadline_months INTEGER NOT NULL CHECK (deadline_months >= 0 AND deadline_months <= 12),
  deadline_day    INTEGER NOT NULL CHECK (deadline_day >= 1 AND deadline_day <= 31),
  indicators      TEXT NOT NULL DEFAULT '[]',
  active_from     TEXT NOT NULL,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE rep_submission (
  id               INTEGER PRIMARY KEY,
  form_id          INTEGER NOT NULL REFERENCES rep_form (id),
  unit_id          INTEGER NOT NULL REFERENCES work_unit (id),
  period           TEXT NOT NULL,
  submitted_on     TEXT NOT NULL,
  submitted_by     TEXT NOT NULL DEFAULT '',
  indicator_values TEXT NOT NULL DEFAULT '{}',
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
  document_id  INTEGER PRIMARY KEY REFERENCES work_document (id),
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size > 0),
  content      TEXT NOT NULL,
  recorded_by  TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL DEFAULT ''
);
)sql"},
};

}  // namespace htx::store::sqlite
