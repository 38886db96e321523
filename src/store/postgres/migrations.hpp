// Schema of the PostgreSQL backend: the same tables and columns as src/store/sqlite/migrations.hpp,
// in PostgreSQL types. Dates are DATE (read back as ISO yyyy-mm-dd: the connection sets
// DateStyle ISO), amounts BIGINT, flags BOOLEAN, event changes JSONB.
#pragma once
#include <string_view>

namespace htx::store::postgres {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Applied at open, each in the one transaction that holds the migration lock
// (see postgres_database.cpp). Numbered, append-only: never edit a migration that has shipped;
// add the next one, and keep the numbering in step with the SQLite backend.
inline constexpr Migration kMigrations[] = {
    {1, "registry", R"sql(
CREATE TABLE entity (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  search_key     TEXT NOT NULL,
  type            TEXT NOT NULL CHECK (type IN ('HTX', 'LHHTX', 'THT')),
  sector_id       TEXT NOT NULL,
  province_id     TEXT NOT NULL,
  address         TEXT NOT NULL DEFAULT '',
  founded_on      DATE NOT NULL,
  dissolved_on    DATE,
  status          TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'dissolved')),
  members         BIGINT NOT NULL DEFAULT 0 CHECK (members >= 0),
  employees       BIGINT NOT NULL DEFAULT 0 CHECK (employees >= 0),
  charter_capital BIGINT NOT NULL DEFAULT 0 CHECK (charter_capital >= 0),
  revenue         BIGINT NOT NULL DEFAULT 0,
  new_type        BOOLEAN NOT NULL DEFAULT false,
  ocop_products   TEXT NOT NULL DEFAULT '',
  alliance_member BOOLEAN NOT NULL DEFAULT false,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_province ON entity (province_id);
CREATE INDEX entity_name_vi ON entity (name COLLATE "vi-x-icu", code);
CREATE TABLE entity_event (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity_id    BIGINT NOT NULL REFERENCES entity (id),
  kind         TEXT NOT NULL,
  effective_on DATE NOT NULL,
  recorded_at  TEXT NOT NULL,
  actor        TEXT NOT NULL,
  changes      JSONB NOT NULL DEFAULT '{}',
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entity_event_entity ON entity_event (entity_id, effective_on);
CREATE TABLE audit_log (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  entities    BIGINT NOT NULL DEFAULT 0,
  members     BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, province_id, type, sector_id, kind)
);
CREATE TABLE stat_flow_year (
  year        TEXT NOT NULL,
  province_id TEXT NOT NULL,
  type        TEXT NOT NULL,
  sector_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  entities    BIGINT NOT NULL DEFAULT 0,
  members     BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (year, province_id, type, sector_id, kind)
);
CREATE TABLE plan_target (
  year      INTEGER NOT NULL,
  unit_id   TEXT NOT NULL,
  indicator TEXT NOT NULL,
  value     BIGINT NOT NULL CHECK (value >= 0),
  PRIMARY KEY (year, unit_id, indicator)
);
)sql"},
    // Accounts: users (province ids as a JSON array), sessions and API tokens stored by the
    // hash of their token, failed sign-ins for throttling.
    {3, "accounts", R"sql(
CREATE TABLE app_user (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('admin', 'national_leader', 'national_staff',
                                              'provincial_staff', 'cooperative', 'buyer')),
  province_ids  JSONB NOT NULL DEFAULT '[]',
  entity_code   TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    TEXT NOT NULL
);
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES app_user (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at);
CREATE TABLE api_token (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    BIGINT NOT NULL REFERENCES app_user (id),
  name       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked    BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX api_token_user ON api_token (user_id);
CREATE TABLE failed_login (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('national', 'department', 'affiliated', 'provincial')),
  province_id TEXT NOT NULL DEFAULT '',
  parent_id   BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE work_document (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           TEXT NOT NULL,
  number         INTEGER NOT NULL CHECK (number > 0),
  issuer_symbol  TEXT NOT NULL,
  issued_on      DATE NOT NULL,
  issued_year    INTEGER NOT NULL,
  issuer_unit_id BIGINT NOT NULL REFERENCES work_unit (id),
  signer         TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL DEFAULT '',
  summary        TEXT NOT NULL DEFAULT '',
  attachment     TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('draft', 'consultation', 'adopted')),
  meeting_id     BIGINT,
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (issuer_unit_id, kind, issued_year, number)
);
CREATE TABLE work_task (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title                TEXT NOT NULL,
  document_id          BIGINT REFERENCES work_document (id),
  meeting_id           BIGINT,
  lead_unit_id         BIGINT NOT NULL REFERENCES work_unit (id),
  cooperating_unit_ids JSONB NOT NULL DEFAULT '[]',
  owner                TEXT NOT NULL DEFAULT '',
  start_on             DATE NOT NULL,
  due_on               DATE NOT NULL CHECK (due_on >= start_on),
  key_task             BOOLEAN NOT NULL DEFAULT false,
  status               TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'blocked',
                                                       'done', 'cancelled')),
  completed_on         DATE,
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_task_lead ON work_task (lead_unit_id);
CREATE TABLE work_task_note (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     BIGINT NOT NULL REFERENCES work_task (id),
  kind        TEXT NOT NULL CHECK (kind IN ('progress', 'blocker')),
  noted_on    DATE NOT NULL,
  text        TEXT NOT NULL,
  author      TEXT NOT NULL DEFAULT '',
  resolved_on DATE
);
CREATE INDEX work_task_note_task ON work_task_note (task_id, noted_on);
)sql"},
    // Governance: bodies and terms of the national and provincial alliances (work_unit), members,
    // numbered meetings with agenda items and votes, admission applications in batches,
    // memberships with their history, and emulation awards granted by a decision (work_document).
    {5, "governance", R"sql(
CREATE TABLE gov_body (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES work_unit (id),
  kind    TEXT NOT NULL CHECK (kind = 'congress' OR kind = 'executive' OR kind = 'standing' OR
                               kind = 'leadership' OR kind = 'inspection'),
  UNIQUE (unit_id, kind)
);
CREATE TABLE gov_term (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id    BIGINT NOT NULL REFERENCES work_unit (id),
  number     INTEGER NOT NULL CHECK (number > 0),
  start_year INTEGER NOT NULL,
  end_year   INTEGER NOT NULL CHECK (end_year >= start_year),
  UNIQUE (unit_id, number)
);
CREATE TABLE gov_member (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id    BIGINT NOT NULL REFERENCES gov_body (id),
  term_id    BIGINT NOT NULL REFERENCES gov_term (id),
  person     TEXT NOT NULL,
  position   TEXT NOT NULL,
  started_on DATE NOT NULL,
  ended_on   DATE CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX gov_member_body ON gov_member (body_id, term_id);
CREATE TABLE gov_meeting (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id        BIGINT NOT NULL REFERENCES gov_body (id),
  term_id        BIGINT NOT NULL REFERENCES gov_term (id),
  number         INTEGER NOT NULL CHECK (number > 0),
  held_on        DATE NOT NULL,
  mode           TEXT NOT NULL CHECK (mode = 'in_person' OR mode = 'online'),
  chair          TEXT NOT NULL DEFAULT '',
  attendee_count INTEGER NOT NULL CHECK (attendee_count > 0),
  attendees      JSONB NOT NULL DEFAULT '[]',
  minutes        TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL DEFAULT '',
  recorded_at    TEXT NOT NULL DEFAULT '',
  UNIQUE (body_id, term_id, number)
);
CREATE TABLE gov_agenda_item (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id    BIGINT NOT NULL REFERENCES gov_meeting (id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind = 'report_approval' OR kind = 'draft' OR
                                     kind = 'admission' OR kind = 'election_approval' OR
                                     kind = 'other'),
  title         TEXT NOT NULL,
  document_id   BIGINT REFERENCES work_document (id),
  outcome       TEXT NOT NULL CHECK (outcome = 'open' OR outcome = 'approved' OR
                                     outcome = 'rejected' OR outcome = 'deferred'),
  votes_for     INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
  votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
  votes_abstain INTEGER NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_agenda_item_meeting ON gov_agenda_item (meeting_id, position);
CREATE TABLE gov_application (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id          BIGINT NOT NULL REFERENCES work_unit (id),
  entity_code      TEXT NOT NULL,
  entity_name      TEXT NOT NULL DEFAULT '',
  applied_on       DATE NOT NULL,
  batch_number     INTEGER NOT NULL CHECK (batch_number > 0),
  batch_year       INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'submitted' OR status = 'under_review' OR
                                        status = 'admitted' OR status = 'rejected'),
  decision_item_id BIGINT REFERENCES gov_agenda_item (id),
  decided_on       DATE,
  note             TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL DEFAULT '',
  recorded_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_application_batch ON gov_application (batch_year, batch_number, entity_code);
CREATE INDEX gov_application_entity ON gov_application (entity_code);
CREATE TABLE gov_membership (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id        BIGINT NOT NULL REFERENCES work_unit (id),
  entity_code    TEXT NOT NULL,
  entity_name    TEXT NOT NULL DEFAULT '',
  since_on       DATE NOT NULL,
  until_on       DATE CHECK (until_on IS NULL OR until_on >= since_on),
  application_id BIGINT REFERENCES gov_application (id),
  end_reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_membership_entity ON gov_membership (entity_code, unit_id);
CREATE UNIQUE INDEX gov_membership_current ON gov_membership (unit_id, entity_code)
  WHERE until_on IS NULL;
CREATE TABLE gov_award (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  year                 INTEGER NOT NULL,
  granting_unit_id     BIGINT NOT NULL REFERENCES work_unit (id),
  recipient_kind       TEXT NOT NULL CHECK (recipient_kind = 'collective' OR
                                            recipient_kind = 'individual'),
  title                TEXT NOT NULL,
  with_certificate     BOOLEAN NOT NULL DEFAULT false,
  recipient            TEXT NOT NULL,
  recipient_unit       TEXT NOT NULL DEFAULT '',
  decision_document_id BIGINT NOT NULL REFERENCES work_document (id),
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gov_award_year ON gov_award (year, recipient_kind);
)sql"},
    // The reporting regime: report forms (who submits, the deadline rule, the indicators) and
    // the units' submissions, one per form, unit and period; units may carry the day they were
    // established (reports of earlier periods are not expected from them).
    {6, "reporting", R"sql(
ALTER TABLE work_unit ADD COLUMN established_on DATE;
CREATE TABLE rep_form (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  frequency       TEXT NOT NULL CHECK (frequency = 'monthly' OR frequency = 'quarterly'),
  unit_kind       TEXT NOT NULL DEFAULT '',
  unit_ids        JSONB NOT NULL DEFAULT '[]',
  deadline_months INTEGER NOT NULL CHECK (deadline_months >= 0 AND deadline_months <= 12),
  deadline_day    INTEGER NOT NULL CHECK (deadline_day >= 1 AND deadline_day <= 31),
  indicators      JSONB NOT NULL DEFAULT '[]',
  active_from     DATE NOT NULL,
  recorded_by     TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE rep_submission (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  form_id          BIGINT NOT NULL REFERENCES rep_form (id),
  unit_id          BIGINT NOT NULL REFERENCES work_unit (id),
  period           TEXT NOT NULL,
  submitted_on     DATE NOT NULL,
  submitted_by     TEXT NOT NULL DEFAULT '',
  indicator_values JSONB NOT NULL DEFAULT '{}',
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
  document_id  BIGINT PRIMARY KEY REFERENCES work_document (id),
  file_name    TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL CHECK (size > 0),
  content      TEXT NOT NULL,
  recorded_by  TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL DEFAULT ''
);
)sql"},
};

}  // namespace htx::store::postgres
