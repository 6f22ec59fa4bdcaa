#include "store/evaluation/framework_draft_repository.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT id, code, base_version, document, version, state, published_version, created_by, created_at, "
    "updated_at FROM framework_drafts ";

struct DraftInto {
  FrameworkDraftRow row;
  int published = 0;
  soci::indicator published_ind = soci::i_null;
  FrameworkDraftRow finish() const {
    FrameworkDraftRow out = row;
    if (published_ind == soci::i_ok) out.published_version = published;
    return out;
  }
};

}  // namespace

long long FrameworkDraftRepository::insert(const FrameworkDraftRow& row) {
  sql_ << "INSERT INTO framework_drafts (code, base_version, document, version, state, created_by, "
          "created_at, "
          "updated_at) VALUES (:code, :base, :document, 1, 'draft', :by, :created, :updated)",
      soci::use(row.code), soci::use(row.base_version), soci::use(row.document), soci::use(row.created_by),
      soci::use(row.created_at), soci::use(row.updated_at);
  long long id = 0;
  sql_ << "SELECT MAX(id) FROM framework_drafts WHERE code = :code", soci::use(row.code), soci::into(id);
  return id;
}

std::optional<FrameworkDraftRow> FrameworkDraftRepository::find(long long id) {
  DraftInto d;
  sql_ << std::string(kColumns) + "WHERE id = :id", soci::use(id), soci::into(d.row.id),
      soci::into(d.row.code), soci::into(d.row.base_version), soci::into(d.row.document),
      soci::into(d.row.version), soci::into(d.row.state), soci::into(d.published, d.published_ind),
      soci::into(d.row.created_by), soci::into(d.row.created_at), soci::into(d.row.updated_at);
  if (!sql_.got_data()) return std::nullopt;
  return d.finish();
}

std::vector<FrameworkDraftRow> FrameworkDraftRepository::list() {
  std::vector<FrameworkDraftRow> out;
  DraftInto d;
  soci::statement st =
      (sql_.prepare << "SELECT id, code, base_version, version, state, published_version, created_by, "
                       "created_at, updated_at FROM framework_drafts ORDER BY id DESC",
       soci::into(d.row.id), soci::into(d.row.code), soci::into(d.row.base_version),
       soci::into(d.row.version), soci::into(d.row.state), soci::into(d.published, d.published_ind),
       soci::into(d.row.created_by), soci::into(d.row.created_at), soci::into(d.row.updated_at));
  if (st.execute(true)) {
    do {
      out.push_back(d.finish());
    } while (st.fetch());
  }
  return out;
}

bool FrameworkDraftRepository::update_document(long long id, const std::string& document,
                                               long long expected_version, TimeMs now) {
  soci::statement st =
      (sql_.prepare << "UPDATE framework_drafts SET document = :document, version = version + 1, "
                       "updated_at = :now WHERE id = :id AND version = :version AND state = 'draft'",
       soci::use(document), soci::use(now), soci::use(id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void FrameworkDraftRepository::mark_published(long long id, int published_version, TimeMs now) {
  sql_ << "UPDATE framework_drafts SET state = 'published', published_version = :v, version = version + 1, "
          "updated_at = :now WHERE id = :id",
      soci::use(published_version), soci::use(now), soci::use(id);
}

}  // namespace civic::store
