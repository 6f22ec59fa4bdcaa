// FrameworkDraftService: the framework editor (测评体系管理, evidence.md "Framework drafts"). The office
// (manage_framework) opens a draft from a stored version (or the shipped framework), saves the whole document
// as often as it likes (a save carries the version it read; stale: Conflict), and sees each save's problems:
// the bundle.md framework rules (the bundle reader's, reused whole) plus the editor's: the code stays, points
// add up to `max_total` when stated, checks deduct > 0, negative-list codes are unique. The diff against the
// base lists added, removed, changed aspects, indicators, items, checks and negative-list types by code, and
// the framework's own members (grades …) as one "framework" entry. Publishing stores the next version (never
// changed after), refusing a draft with problems (InvalidInput naming the JSON path) or equal to its base.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct DraftProblem {
  std::string path;  // JSON path, e.g. "framework.aspects[0].indicators[1].items[2].max_score"
  std::string message;
  std::string key;  // message key
};

struct FrameworkDraft {
  long long id = 0;
  std::string code;
  int base_version = 0;  // 0: the shipped framework
  long long version = 1;
  std::string state = "draft";  // "draft" | "published"
  std::optional<int> published_version;
  std::string document;  // JSON text (empty in lists)
  std::string created_by;
  TimeMs created_at = 0, updated_at = 0;
  std::vector<DraftProblem> problems;  // of `document` (not filled in lists)
};

struct DiffEntry {
  std::string code;
  std::string kind;  // "framework" | "aspect" | "indicator" | "item" | "check" | "negative"
  std::string name;
};
struct DiffChange {
  std::string code;
  std::string kind;
  std::map<std::string, std::pair<boost::json::value, boost::json::value>> fields;  // field → [old, new]
};
struct DraftDiff {
  std::vector<DiffEntry> added, removed;
  std::vector<DiffChange> changed;
};

struct PublishedVersion {
  std::string code;
  int version = 0;
};

class FrameworkDraftService {
 public:
  FrameworkDraftService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // `from_version`: a stored version of `code`; nullopt: its newest (the shipped framework when none is
  // stored); 0: the shipped framework (when `code` is its code).
  FrameworkDraft create(const Principal& who, const std::string& code, std::optional<int> from_version);
  FrameworkDraft get(const Principal& who, long long id);
  std::vector<FrameworkDraft> list(const Principal& who);
  // Stores `document` (JSON text, valid or not) and answers its problems.
  FrameworkDraft update(const Principal& who, long long id, const std::string& document, long long version);
  DraftDiff diff(const Principal& who, long long id);
  PublishedVersion publish(const Principal& who, long long id);

  // The problems of a framework document as a draft of `code`.
  static std::vector<DraftProblem> problems_of(const std::string& code, const std::string& document);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
