#include "schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "content/store.hpp"

namespace content {
namespace {

// Each entry takes the schema from version i to i + 1. Never edit a shipped
// migration; append a new one.
constexpr std::array<std::string_view, 4> kMigrations = {
    // 1: content, search index and metadata.
    R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- `serves` is a bit set of the languages a row is shown for: 1 = vi, 2 = en.
-- A row serves its own language, and the other one when the item has no row in it.
CREATE TABLE category(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  sort INTEGER NOT NULL,
  PRIMARY KEY(id, lang)
) WITHOUT ROWID;

-- Documents and FAQs: everything a visitor can search.
CREATE TABLE entry(
  rowid INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK(kind IN ('document', 'faq')),
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  category_id TEXT NOT NULL,
  title TEXT NOT NULL,
  number TEXT NOT NULL,
  number_key TEXT NOT NULL,
  audience TEXT NOT NULL,   -- "forvi", "foren" or both: `serves` as words the index can match
  issuer TEXT NOT NULL,
  issued TEXT NOT NULL,
  effective TEXT NOT NULL,
  expires TEXT NOT NULL,
  summary TEXT NOT NULL,
  source_url TEXT NOT NULL,
  tags TEXT NOT NULL,       -- one tag per line
  body TEXT NOT NULL,       -- Markdown
  UNIQUE(kind, id, lang)
);

-- What the full-text index reads: the body as plain text, made when read
-- (only snippets read it) instead of stored twice.
CREATE VIEW entry_search AS
  SELECT rowid AS row_id, title, number, tags, kiosk_plain_text(body) AS body_text,
         number_key, audience
  FROM entry;
CREATE INDEX entry_by_category ON entry(category_id, kind, serves);

-- Everything searchable. Folded words only: exact spellings (which rank
-- above folded ones) are indexed for titles, where they decide the ranking,
-- and left out here, where they would double the index.
CREATE VIRTUAL TABLE entry_fts USING fts5(
  title, number, tags, body_text, number_key, audience,
  content = 'entry_search', content_rowid = 'row_id',
  tokenize = 'kiosk folded', prefix = '1 2 3 4 5 6'
);

-- Titles alone: most searches are answered from titles, and this index's
-- short doclists make that cheap however long the bodies are.
CREATE VIRTUAL TABLE entry_title_fts USING fts5(
  title, number, tags, number_key, audience,
  content = 'entry', content_rowid = 'rowid',
  tokenize = 'kiosk', prefix = '1 2 3 4 5 6'
);

CREATE TABLE service(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  prefix TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  sort INTEGER NOT NULL,
  PRIMARY KEY(id, lang)
) WITHOUT ROWID;

CREATE TABLE announcement(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  starts TEXT NOT NULL,  -- YYYY-MM-DDTHH:MM local time
  ends TEXT NOT NULL,    -- inclusive
  PRIMARY KEY(id, lang)
) WITHOUT ROWID;

CREATE TABLE office(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  hours TEXT NOT NULL,  -- one line per line
  info TEXT NOT NULL,
  PRIMARY KEY(id, lang)
) WITHOUT ROWID;
)sql",
    // 2: what the kiosk itself records: queue tickets, the feedback outbox and
    // searches that found nothing. Written with synchronous=FULL; an import
    // never touches these tables.
    R"sql(
-- One row per ticket handed out; the primary key is what makes a number
-- impossible to issue twice. `day` is the office's local day.
CREATE TABLE ticket(
  service_id TEXT NOT NULL CHECK(length(service_id) BETWEEN 1 AND 64),
  day TEXT NOT NULL CHECK(day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  sequence INTEGER NOT NULL CHECK(sequence >= 1),
  prefix TEXT NOT NULL CHECK(prefix GLOB '[A-Z]' OR prefix GLOB '[A-Z][A-Z]'),
  issued_at TEXT NOT NULL CHECK(substr(issued_at, 1, 10) = day AND
      issued_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'),
  PRIMARY KEY(service_id, day, sequence)
) WITHOUT ROWID;

-- Feedback waiting for the server's acknowledgement, oldest first by `seq`.
-- `uuid` (v4, lower case) is the idempotency key the server deduplicates on.
CREATE TABLE feedback_outbox(
  seq INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE CHECK(uuid GLOB '????????-????-4???-[89ab]???-????????????' AND
                                  uuid NOT GLOB '*[^0-9a-f-]*'),
  rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 4),  -- 1 very satisfied .. 4 very unsatisfied
  service_id TEXT NOT NULL CHECK(length(service_id) <= 64),  -- empty: no service chosen
  comment TEXT NOT NULL CHECK(length(CAST(comment AS BLOB)) <= 1000),  -- NFC
  created_at TEXT NOT NULL CHECK(
      created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')
);

-- Searches that found nothing, counted per local day. `query` is folded,
-- whitespace-collapsed, digit-masked text (see search_misses.hpp); the checks
-- keep anything else out.
CREATE TABLE search_miss(
  day TEXT NOT NULL CHECK(day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  query TEXT NOT NULL CHECK(length(query) >= 3 AND length(CAST(query AS BLOB)) <= 64 AND
                            query NOT GLOB '*[0-9]*' AND query = trim(query)),
  count INTEGER NOT NULL CHECK(count >= 1),
  PRIMARY KEY(day, query)
) WITHOUT ROWID;
)sql",
    // 3: where installed content came from, so a sync fetches only what
    // changed. Written in the same transaction as the content.
    R"sql(
CREATE TABLE published_object(
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK(length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  length INTEGER NOT NULL CHECK(length > 0),
  PRIMARY KEY(type, id, lang)
) WITHOUT ROWID;
)sql",
    // 4: glossaries (abbreviations and synonyms) that widen a search; one
    // group of equivalent terms per line of `terms` (content/glossary.hpp).
    R"sql(
CREATE TABLE glossary(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  serves INTEGER NOT NULL,
  title TEXT NOT NULL,
  terms TEXT NOT NULL,
  PRIMARY KEY(id, lang)
) WITHOUT ROWID;
)sql",
};

}  // namespace

int current_schema_version() { return static_cast<int>(kMigrations.size()); }

int schema_version_of(const sql::Db& db) {
  auto stmt = sql::Stmt::prepare(db, "PRAGMA user_version");
  if (!stmt || !stmt->step()) return -1;
  return static_cast<int>(stmt->integer(0));
}

Status migrate(const sql::Db& db) {
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return s;
  const int from = schema_version_of(db);
  if (from < 0) return Error{"cannot read the schema version: " + db.last_error()};
  if (from > current_schema_version()) {
    return Error{"the cache has schema version " + std::to_string(from) +
                 ", newer than this program's " + std::to_string(current_schema_version())};
  }
  for (int v = from; v < current_schema_version(); ++v) {
    if (auto s = db.exec(kMigrations[static_cast<std::size_t>(v)]); !s) {
      return Error{"migration to schema version " + std::to_string(v + 1) +
                   " failed: " + s.error().message};
    }
  }
  if (from != current_schema_version()) {
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(current_schema_version())); !s) {
      return s;
    }
  }
  return tx.commit();
}

}  // namespace content
