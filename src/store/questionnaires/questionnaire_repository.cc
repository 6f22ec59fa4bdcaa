#include "store/questionnaires/questionnaire_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kQuestionnaireColumns =
    "SELECT id, code, state, draft, revision, published_version, created_by, created_at, updated_by, "
    "updated_at"
    " FROM questionnaires ";

struct QuestionnaireBinding {
  QuestionnaireRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.draft));
    st.exchange(soci::into(row.revision));
    st.exchange(soci::into(row.published_version));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.updated_by));
    st.exchange(soci::into(row.updated_at));
  }
  QuestionnaireRow take() const { return row; }
};

struct VersionBinding {
  QuestionnaireVersionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.questionnaire_id));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.definition));
    st.exchange(soci::into(row.published_by));
    st.exchange(soci::into(row.published_at));
    st.exchange(soci::into(row.responses));
  }
  QuestionnaireVersionRow take() const { return row; }
};

const char* kResponseColumns =
    "SELECT r.id, r.questionnaire_id, r.version, r.client_id, r.body_hash, r.unit_id, r.attributes, "
    "r.answers,"
    " r.status, r.flags, r.over_quota, r.quota_key, r.mode, r.interviewer, r.assignment_id, r.device_hash,"
    " r.started_at, r.submitted_at, r.received_at, r.duration_ms, r.lat, r.lon, r.evidence_code, u.code, "
    "u.name,"
    " u.path FROM questionnaire_responses r JOIN units u ON u.id = r.unit_id ";

struct ResponseBinding {
  QuestionnaireResponseRow row;
  int over_quota = 0;
  long long assignment = 0, started = 0, duration = 0;
  double lat = 0, lon = 0;
  soci::indicator assignment_ind = soci::i_null, started_ind = soci::i_null, duration_ind = soci::i_null,
                  lat_ind = soci::i_null, lon_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.questionnaire_id));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.client_id));
    st.exchange(soci::into(row.body_hash));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.attributes));
    st.exchange(soci::into(row.answers));
    st.exchange(soci::into(row.status));
    st.exchange(soci::into(row.flags));
    st.exchange(soci::into(over_quota));
    st.exchange(soci::into(row.quota_key));
    st.exchange(soci::into(row.mode));
    st.exchange(soci::into(row.interviewer));
    st.exchange(soci::into(assignment, assignment_ind));
    st.exchange(soci::into(row.device_hash));
    st.exchange(soci::into(started, started_ind));
    st.exchange(soci::into(row.submitted_at));
    st.exchange(soci::into(row.received_at));
    st.exchange(soci::into(duration, duration_ind));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(row.evidence_code));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
  }
  QuestionnaireResponseRow take() const {
    QuestionnaireResponseRow r = row;
    r.over_quota = over_quota != 0;
    r.assignment_id = assignment_ind == soci::i_ok ? std::optional<long long>(assignment) : std::nullopt;
    r.started_at = started_ind == soci::i_ok ? std::optional<TimeMs>(started) : std::nullopt;
    r.duration_ms = duration_ind == soci::i_ok ? std::optional<long long>(duration) : std::nullopt;
    r.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    r.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    return r;
  }
};

struct ReviewBinding {
  QuestionnaireReviewRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.response_id));
    st.exchange(soci::into(row.decision));
    st.exchange(soci::into(row.reason));
    st.exchange(soci::into(row.reviewed_by));
    st.exchange(soci::into(row.reviewed_at));
  }
  QuestionnaireReviewRow take() const { return row; }
};

const char* kAssignmentColumns =
    "SELECT a.id, a.questionnaire_id, a.interviewer_id, a.unit_id, a.target, a.mode, a.created_by, "
    "a.created_at,"
    " q.code, usr.username, u.code, u.name, u.path,"
    " (SELECT COUNT(*) FROM questionnaire_responses r WHERE r.assignment_id = a.id)"
    " FROM questionnaire_assignments a JOIN questionnaires q ON q.id = a.questionnaire_id"
    " JOIN users usr ON usr.id = a.interviewer_id JOIN units u ON u.id = a.unit_id ";

struct AssignmentBinding {
  QuestionnaireAssignmentRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.questionnaire_id));
    st.exchange(soci::into(row.interviewer_id));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.target));
    st.exchange(soci::into(row.mode));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.questionnaire_code));
    st.exchange(soci::into(row.interviewer));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.done));
  }
  QuestionnaireAssignmentRow take() const { return row; }
};

bool is_postgresql(soci::session& sql) {
  return sql.get_backend_name() == "postgresql";
}

}  // namespace

long long QuestionnaireRepository::insert(const QuestionnaireRow& r) {
  long long id = 0;
  long long created = r.created_at, updated = r.updated_at, revision = r.revision;
  int published = r.published_version;
  sql_ << "INSERT INTO questionnaires (code, state, draft, revision, published_version, created_by, "
          "created_at,"
          " updated_by, updated_at) VALUES (:c, :s, :d, :r, :p, :cb, :ca, :ub, :ua) RETURNING id",
      soci::use(r.code), soci::use(r.state), soci::use(r.draft), soci::use(revision), soci::use(published),
      soci::use(r.created_by), soci::use(created), soci::use(r.updated_by), soci::use(updated),
      soci::into(id);
  return id;
}

std::optional<QuestionnaireRow> QuestionnaireRepository::find(const std::string& code) {
  SqlParams p;
  return fetch_row<QuestionnaireBinding>(
      sql_, std::string(kQuestionnaireColumns) + "WHERE code = " + p.text(code), p);
}

std::optional<QuestionnaireRow> QuestionnaireRepository::find_by_id(long long id) {
  SqlParams p;
  return fetch_row<QuestionnaireBinding>(
      sql_, std::string(kQuestionnaireColumns) + "WHERE id = " + p.integer(id), p);
}

std::optional<QuestionnaireRow> QuestionnaireRepository::lock(const std::string& code) {
  SqlParams p;
  std::string q = std::string(kQuestionnaireColumns) + "WHERE code = " + p.text(code);
  if (is_postgresql(sql_)) q += " FOR UPDATE";
  return fetch_row<QuestionnaireBinding>(sql_, q, p);
}

std::vector<QuestionnaireRow> QuestionnaireRepository::list() {
  return fetch_rows<QuestionnaireBinding>(sql_, std::string(kQuestionnaireColumns) + "ORDER BY code");
}

void QuestionnaireRepository::update(const QuestionnaireRow& r) {
  long long updated = r.updated_at, revision = r.revision, id = r.id;
  int published = r.published_version;
  sql_ << "UPDATE questionnaires SET state = :s, draft = :d, revision = :r, published_version = :p,"
          " updated_by = :ub, updated_at = :ua WHERE id = :id",
      soci::use(r.state), soci::use(r.draft), soci::use(revision), soci::use(published),
      soci::use(r.updated_by), soci::use(updated), soci::use(id);
}

void QuestionnaireRepository::insert_version(const QuestionnaireVersionRow& r) {
  long long qid = r.questionnaire_id, at = r.published_at;
  int version = r.version;
  sql_ << "INSERT INTO questionnaire_versions (questionnaire_id, version, definition, published_by, "
          "published_at)"
          " VALUES (:q, :v, :d, :b, :t)",
      soci::use(qid), soci::use(version), soci::use(r.definition), soci::use(r.published_by), soci::use(at);
}

std::optional<QuestionnaireVersionRow> QuestionnaireRepository::version(long long qid, int version) {
  SqlParams p;
  std::string q =
      "SELECT v.questionnaire_id, v.version, v.definition, v.published_by, v.published_at, 0"
      " FROM questionnaire_versions v WHERE v.questionnaire_id = " +
      p.integer(qid) + " AND v.version = " + p.integer(version);
  return fetch_row<VersionBinding>(sql_, q, p);
}

std::vector<QuestionnaireVersionRow> QuestionnaireRepository::versions(long long qid) {
  SqlParams p;
  std::string q =
      "SELECT v.questionnaire_id, v.version, v.definition, v.published_by, v.published_at,"
      " (SELECT COUNT(*) FROM questionnaire_responses r WHERE r.questionnaire_id = v.questionnaire_id"
      " AND r.version = v.version) FROM questionnaire_versions v WHERE v.questionnaire_id = " +
      p.integer(qid) + " ORDER BY v.version";
  return fetch_rows<VersionBinding>(sql_, q, p);
}

std::optional<QuestionnaireResponseRow> QuestionnaireRepository::find_client_id(
    long long qid, const std::string& client_id) {
  SqlParams p;
  std::string q = std::string(kResponseColumns) + "WHERE r.questionnaire_id = " + p.integer(qid) +
                  " AND r.client_id = " + p.text(client_id);
  return fetch_row<ResponseBinding>(sql_, q, p);
}

std::optional<QuestionnaireResponseRow> QuestionnaireRepository::find_response(long long id) {
  SqlParams p;
  return fetch_row<ResponseBinding>(sql_, std::string(kResponseColumns) + "WHERE r.id = " + p.integer(id), p);
}

namespace {

struct ResponseValues {
  long long qid, unit, submitted, received, assignment, started, duration;
  int version, over_quota;
  double lat, lon;
  soci::indicator assignment_ind, started_ind, duration_ind, lat_ind, lon_ind;
  explicit ResponseValues(const QuestionnaireResponseRow& r)
      : qid(r.questionnaire_id),
        unit(r.unit_id),
        submitted(r.submitted_at),
        received(r.received_at),
        assignment(r.assignment_id.value_or(0)),
        started(r.started_at.value_or(0)),
        duration(r.duration_ms.value_or(0)),
        version(r.version),
        over_quota(r.over_quota ? 1 : 0),
        lat(r.lat.value_or(0)),
        lon(r.lon.value_or(0)),
        assignment_ind(r.assignment_id ? soci::i_ok : soci::i_null),
        started_ind(r.started_at ? soci::i_ok : soci::i_null),
        duration_ind(r.duration_ms ? soci::i_ok : soci::i_null),
        lat_ind(r.lat ? soci::i_ok : soci::i_null),
        lon_ind(r.lon ? soci::i_ok : soci::i_null) {}
};

const char* kInsertResponse =
    "INSERT INTO questionnaire_responses (questionnaire_id, version, client_id, body_hash, unit_id, "
    "attributes,"
    " answers, status, flags, over_quota, quota_key, mode, interviewer, assignment_id, device_hash, "
    "started_at,"
    " submitted_at, received_at, duration_ms, lat, lon, evidence_code) VALUES (:q, :v, :c, :h, :u, :at, :an, "
    ":s,"
    " :f, :o, :k, :m, :i, :a, :d, :st, :sb, :rc, :du, :la, :lo, :e)";

}  // namespace

long long QuestionnaireRepository::insert_response(const QuestionnaireResponseRow& r) {
  ResponseValues v(r);
  long long id = 0;
  sql_ << std::string(kInsertResponse) + " RETURNING id", soci::use(v.qid), soci::use(v.version),
      soci::use(r.client_id), soci::use(r.body_hash), soci::use(v.unit), soci::use(r.attributes),
      soci::use(r.answers), soci::use(r.status), soci::use(r.flags), soci::use(v.over_quota),
      soci::use(r.quota_key), soci::use(r.mode), soci::use(r.interviewer),
      soci::use(v.assignment, v.assignment_ind), soci::use(r.device_hash),
      soci::use(v.started, v.started_ind), soci::use(v.submitted), soci::use(v.received),
      soci::use(v.duration, v.duration_ind), soci::use(v.lat, v.lat_ind), soci::use(v.lon, v.lon_ind),
      soci::use(r.evidence_code), soci::into(id);
  return id;
}

void QuestionnaireRepository::set_status(long long id, const std::string& status,
                                         const std::string& evidence_code) {
  sql_ << "UPDATE questionnaire_responses SET status = :s, evidence_code = :e WHERE id = :id",
      soci::use(status), soci::use(evidence_code), soci::use(id);
}

std::vector<QuestionnaireResponseRow> QuestionnaireRepository::responses(long long qid,
                                                                         const ResponseFilter& f) {
  SqlParams p;
  std::string q = std::string(kResponseColumns) + "WHERE r.questionnaire_id = " + p.integer(qid);
  if (!f.status.empty()) q += " AND r.status = " + p.text(f.status);
  if (!f.flag.empty()) q += " AND (',' || r.flags || ',') LIKE " + p.text("%," + f.flag + ",%");
  if (f.unit_id) q += " AND r.unit_id = " + p.integer(*f.unit_id);
  q += " ORDER BY r.id";
  return fetch_rows<ResponseBinding>(sql_, q, p);
}

namespace {

struct CountBinding {
  std::string status;
  long long n = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(status));
    st.exchange(soci::into(n));
  }
  std::pair<std::string, long long> take() const { return {status, n}; }
};

}  // namespace

ResponseCounts QuestionnaireRepository::counts(long long qid) {
  ResponseCounts c;
  SqlParams p;
  auto rows = fetch_rows<CountBinding>(
      sql_,
      "SELECT status, COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = " + p.integer(qid) +
          " GROUP BY status",
      p);
  for (const auto& [status, n] : rows) {
    c.total += n;
    if (status == "counted") c.counted = n;
    if (status == "flagged") c.flagged = n;
    if (status == "over_quota") c.over_quota = n;
    if (status == "rejected") c.rejected = n;
  }
  return c;
}

bool QuestionnaireRepository::counted_device_exists(long long qid, const std::string& device_hash) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = :q AND device_hash = :d"
          " AND status = 'counted'",
      soci::use(qid), soci::use(device_hash), soci::into(n);
  return n > 0;
}

long long QuestionnaireRepository::counted_in_quota(long long qid, const std::string& quota_key) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = :q AND quota_key = :k"
          " AND status = 'counted'",
      soci::use(qid), soci::use(quota_key), soci::into(n);
  return n;
}

std::optional<double> QuestionnaireRepository::counted_median_duration(long long qid, long long min_count) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = :q AND status = 'counted'"
          " AND duration_ms IS NOT NULL",
      soci::use(qid), soci::into(n);
  if (n < min_count || n == 0) return std::nullopt;
  long long offset = (n - 1) / 2, take = n % 2 ? 1 : 2;
  soci::rowset<long long> rows =
      (sql_.prepare << "SELECT duration_ms FROM questionnaire_responses WHERE questionnaire_id = :q"
                       " AND status = 'counted' AND duration_ms IS NOT NULL ORDER BY duration_ms"
                       " LIMIT :n OFFSET :o",
       soci::use(qid), soci::use(take), soci::use(offset));
  double sum = 0;
  int got = 0;
  for (long long v : rows) {
    sum += static_cast<double>(v);
    ++got;
  }
  return got ? std::optional<double>(sum / got) : std::nullopt;
}

void QuestionnaireRepository::insert_review(const QuestionnaireReviewRow& r) {
  long long rid = r.response_id, at = r.reviewed_at;
  sql_ << "INSERT INTO questionnaire_reviews (response_id, decision, reason, reviewed_by, reviewed_at)"
          " VALUES (:r, :d, :re, :b, :t)",
      soci::use(rid), soci::use(r.decision), soci::use(r.reason), soci::use(r.reviewed_by), soci::use(at);
}

std::vector<QuestionnaireReviewRow> QuestionnaireRepository::latest_reviews(long long qid) {
  SqlParams p;
  std::string q =
      "SELECT v.id, v.response_id, v.decision, v.reason, v.reviewed_by, v.reviewed_at FROM "
      "questionnaire_reviews v"
      " JOIN questionnaire_responses r ON r.id = v.response_id WHERE r.questionnaire_id = " +
      p.integer(qid) + " ORDER BY v.response_id, v.id";
  auto all = fetch_rows<ReviewBinding>(sql_, q, p);
  std::vector<QuestionnaireReviewRow> out;
  for (auto& r : all) {
    if (!out.empty() && out.back().response_id == r.response_id)
      out.back() = std::move(r);
    else
      out.push_back(std::move(r));
  }
  return out;
}

std::optional<QuestionnaireReviewRow> QuestionnaireRepository::latest_review(long long response_id) {
  SqlParams p;
  std::string q =
      "SELECT id, response_id, decision, reason, reviewed_by, reviewed_at FROM questionnaire_reviews"
      " WHERE response_id = " +
      p.integer(response_id) + " ORDER BY id DESC LIMIT 1";
  return fetch_row<ReviewBinding>(sql_, q, p);
}

long long QuestionnaireRepository::insert_assignment(const QuestionnaireAssignmentRow& r) {
  long long id = 0, qid = r.questionnaire_id, iid = r.interviewer_id, uid = r.unit_id, at = r.created_at;
  int target = r.target;
  sql_ << "INSERT INTO questionnaire_assignments (questionnaire_id, interviewer_id, unit_id, target, mode,"
          " created_by, created_at) VALUES (:q, :i, :u, :t, :m, :b, :a) RETURNING id",
      soci::use(qid), soci::use(iid), soci::use(uid), soci::use(target), soci::use(r.mode),
      soci::use(r.created_by), soci::use(at), soci::into(id);
  return id;
}

std::optional<QuestionnaireAssignmentRow> QuestionnaireRepository::find_assignment(long long id) {
  SqlParams p;
  return fetch_row<AssignmentBinding>(sql_, std::string(kAssignmentColumns) + "WHERE a.id = " + p.integer(id),
                                      p);
}

std::vector<QuestionnaireAssignmentRow> QuestionnaireRepository::assignments(long long qid) {
  SqlParams p;
  return fetch_rows<AssignmentBinding>(
      sql_,
      std::string(kAssignmentColumns) + "WHERE a.questionnaire_id = " + p.integer(qid) + " ORDER BY a.id", p);
}

std::vector<QuestionnaireAssignmentRow> QuestionnaireRepository::assignments_of(long long interviewer_id) {
  SqlParams p;
  return fetch_rows<AssignmentBinding>(sql_,
                                       std::string(kAssignmentColumns) + "WHERE a.interviewer_id = " +
                                           p.integer(interviewer_id) + " ORDER BY a.id",
                                       p);
}

void QuestionnaireRepository::update_assignment(long long id, int target, const std::string& mode) {
  sql_ << "UPDATE questionnaire_assignments SET target = :t, mode = :m WHERE id = :id", soci::use(target),
      soci::use(mode), soci::use(id);
}

void QuestionnaireRepository::delete_assignment(long long id) {
  sql_ << "DELETE FROM questionnaire_assignments WHERE id = :id", soci::use(id);
}

}  // namespace civic::store
