// FrameworkDraftRepository: rows of framework_drafts (migration 10), over one session, the caller's
// transaction. A draft is a framework document (JSON text, as the editor last saved it, valid or not) opened
// from a stored version (base_version; 0: the shipped framework) with an optimistic-locking `version`; a
// published draft names the framework version it became and never changes again. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct FrameworkDraftRow {
  long long id = 0;
  std::string code;
  int base_version = 0;
  std::string document;
  long long version = 1;
  std::string state = "draft";  // "draft" | "published"
  std::optional<int> published_version;
  std::string created_by;
  TimeMs created_at = 0, updated_at = 0;
};

class FrameworkDraftRepository {
 public:
  explicit FrameworkDraftRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const FrameworkDraftRow& row);
  std::optional<FrameworkDraftRow> find(long long id);
  // Every draft, newest first; `document` left empty.
  std::vector<FrameworkDraftRow> list();
  // Stores `document` when the row's version is `expected_version` (then version + 1); false otherwise.
  bool update_document(long long id, const std::string& document, long long expected_version, TimeMs now);
  void mark_published(long long id, int published_version, TimeMs now);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
