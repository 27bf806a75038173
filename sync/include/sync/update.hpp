// The content step of a sync: read the signed head of a repository, decide
// whether it may replace what is installed, and fetch exactly what changed.
//
// Refused, with the reason, and nothing to apply: a missing or bad
// signature; a key neither trusted nor introduced by a rotation record a
// trusted key signed; a version lower than the installed one, or the
// installed version with other content (rollback); a head that expired
// (freeze: time is the later of the clock and the newest head verified);
// an object whose hash or length is not what the head pins (mix and match),
// or more bytes than it announces; malformed JSON; inconsistent content.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "content/store.hpp"
#include "sync/failure.hpp"
#include "sync/manifest.hpp"
#include "sync/signing.hpp"
#include "sync/source.hpp"

namespace published {

// What a kiosk knows of its installed content (kept in the store's meta).
struct Installed {
  // The newest head ever installed (kept through a local import, so an
  // import neither uses up the department's version numbers nor lowers the
  // rollback and freeze guards).
  std::int64_t version = 0;
  std::string head_sha256;         // of that head's signed body
  std::string manifest_published;  // the newest `published` verified, UTC
  // The head the content now in the store came from; empty after an import.
  std::string manifest_sha256;
  std::string manifest_expires;
  std::string etag;                 // the server's ETag of that head
  std::vector<IndexEntry> sources;  // canonical order; empty after an import
};

// The keys a kiosk trusts: its anchor (the .pub file it was installed
// with) and keys introduced by rotation records, minus keys rotated away.
struct Trust {
  std::vector<PublicKey> keys;
  std::vector<std::string> retired;  // key ids
  std::vector<PublicKey> usable() const;
};

Installed installed_state(const content::ContentStore& store);
Trust trust_state(const content::ContentStore& store, const PublicKey& anchor);

struct Plan {
  bool unchanged = false;
  Head head;
  std::string etag;
  content::ContentUpdate update;  // when !unchanged: ready for apply_update
  std::size_t objects_fetched = 0;
  std::size_t changes_used = 0;  // change objects used instead of the index
  bool used_snapshot = false;    // items taken from the version's snapshot
};

struct PlanOptions {
  // Check the whole set for consistency as an import would (kioskctl
  // verify); a kiosk's store checks what an update touches instead.
  bool check_whole_set = false;
  // Fetch every item object on its own, never from the snapshot (kioskctl
  // verify: every object a kiosk may fetch must be there).
  bool fetch_each_object = false;
};

Attempt<Plan> plan_update(RepositorySource& source, const Installed& installed, const Trust& trust,
                          std::time_t now, PlanOptions options = {});

}  // namespace published
