#include "store/organisation/leadership_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kGroupColumns =
    "SELECT g.id, g.code, g.unit_id, g.kind, g.name, g.created_by, g.created_at, u.code, u.name, u.path"
    " FROM leadership_groups g JOIN units u ON u.id = g.unit_id ";

struct GroupBinding {
  LeadershipGroupRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.kind));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
  }
  LeadershipGroupRow take() const { return row; }
};

struct VersionBinding {
  LeadershipVersionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.group_id));
    st.exchange(soci::into(row.valid_from));
    st.exchange(soci::into(row.valid_to));
    st.exchange(soci::into(row.notice_number));
    st.exchange(soci::into(row.notice_title));
    st.exchange(soci::into(row.notice_file));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
  }
  LeadershipVersionRow take() const { return row; }
};

struct MemberBinding {
  long long version_id = 0;
  LeadershipMemberRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(version_id));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.position));
    st.exchange(soci::into(row.role));
    st.exchange(soci::into(row.duties));
    st.exchange(soci::into(row.sort_order));
  }
  std::pair<long long, LeadershipMemberRow> take() const { return {version_id, row}; }
};

struct ResponsibleBinding {
  ResponsiblePersonRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.kind));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.position));
    st.exchange(soci::into(row.phone_sealed));
    st.exchange(soci::into(row.valid_from));
    st.exchange(soci::into(row.valid_to));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
  }
  ResponsiblePersonRow take() const { return row; }
};

}  // namespace

long long LeadershipRepository::insert_group(const LeadershipGroupRow& r) {
  long long id = 0, unit = r.unit_id, at = r.created_at;
  sql_ << "INSERT INTO leadership_groups (code, unit_id, kind, name, created_by, created_at)"
          " VALUES (:c, :u, :k, :n, :b, :a) RETURNING id",
      soci::use(r.code), soci::use(unit), soci::use(r.kind), soci::use(r.name), soci::use(r.created_by),
      soci::use(at), soci::into(id);
  return id;
}

std::optional<LeadershipGroupRow> LeadershipRepository::find_group(const std::string& code) {
  SqlParams p;
  return fetch_row<GroupBinding>(sql_, std::string(kGroupColumns) + "WHERE g.code = " + p.text(code), p);
}

std::vector<LeadershipGroupRow> LeadershipRepository::groups_of_unit(long long unit_id) {
  SqlParams p;
  return fetch_rows<GroupBinding>(
      sql_, std::string(kGroupColumns) + "WHERE g.unit_id = " + p.integer(unit_id) + " ORDER BY g.code", p);
}

long long LeadershipRepository::insert_version(const LeadershipVersionRow& r) {
  long long id = 0, group = r.group_id, at = r.created_at;
  sql_
      << "INSERT INTO leadership_group_versions (group_id, valid_from, valid_to, notice_number, notice_title,"
         " notice_file, created_by, created_at) VALUES (:g, :f, :t, :nn, :nt, :nf, :b, :a) RETURNING id",
      soci::use(group), soci::use(r.valid_from), soci::use(r.valid_to), soci::use(r.notice_number),
      soci::use(r.notice_title), soci::use(r.notice_file), soci::use(r.created_by), soci::use(at),
      soci::into(id);
  for (const LeadershipMemberRow& m : r.members) {
    int order = m.sort_order;
    sql_ << "INSERT INTO leadership_group_members (version_id, name, position, role, duties, sort_order)"
            " VALUES (:v, :n, :p, :r, :d, :o)",
        soci::use(id), soci::use(m.name), soci::use(m.position), soci::use(m.role), soci::use(m.duties),
        soci::use(order);
  }
  return id;
}

void LeadershipRepository::close_version(long long version_id, const std::string& valid_to) {
  sql_ << "UPDATE leadership_group_versions SET valid_to = :t WHERE id = :id", soci::use(valid_to),
      soci::use(version_id);
}

std::vector<LeadershipVersionRow> LeadershipRepository::versions(long long group_id) {
  SqlParams p;
  std::string g = p.integer(group_id);
  auto rows = fetch_rows<VersionBinding>(
      sql_,
      "SELECT id, group_id, valid_from, valid_to, notice_number, notice_title, notice_file, created_by,"
      " created_at FROM leadership_group_versions WHERE group_id = " +
          g + " ORDER BY valid_from DESC",
      p);
  SqlParams q;
  auto members = fetch_rows<MemberBinding>(
      sql_,
      "SELECT m.version_id, m.name, m.position, m.role, m.duties, m.sort_order FROM leadership_group_members "
      "m"
      " JOIN leadership_group_versions v ON v.id = m.version_id WHERE v.group_id = " +
          q.integer(group_id) + " ORDER BY m.version_id, m.sort_order, m.id",
      q);
  for (auto& [version, member] : members) {
    for (auto& row : rows) {
      if (row.id == version) row.members.push_back(member);
    }
  }
  return rows;
}

bool LeadershipRepository::stored_file_exists(const std::string& sha256) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM stored_files WHERE sha256 = :s", soci::use(sha256), soci::into(n);
  return n > 0;
}

long long LeadershipRepository::insert_responsible(const ResponsiblePersonRow& r) {
  long long id = 0, unit = r.unit_id, at = r.created_at;
  sql_ << "INSERT INTO unit_responsible_persons (unit_id, kind, name, position, phone_sealed, valid_from,"
          " valid_to, created_by, created_at) VALUES (:u, :k, :n, :p, :ph, :f, :t, :b, :a) RETURNING id",
      soci::use(unit), soci::use(r.kind), soci::use(r.name), soci::use(r.position), soci::use(r.phone_sealed),
      soci::use(r.valid_from), soci::use(r.valid_to), soci::use(r.created_by), soci::use(at), soci::into(id);
  return id;
}

void LeadershipRepository::close_responsible(long long id, const std::string& valid_to) {
  sql_ << "UPDATE unit_responsible_persons SET valid_to = :t WHERE id = :id", soci::use(valid_to),
      soci::use(id);
}

std::vector<ResponsiblePersonRow> LeadershipRepository::responsible_of_unit(long long unit_id) {
  SqlParams p;
  return fetch_rows<ResponsibleBinding>(
      sql_,
      "SELECT id, unit_id, kind, name, position, phone_sealed, valid_from, valid_to, created_by, created_at"
      " FROM unit_responsible_persons WHERE unit_id = " +
          p.integer(unit_id) + " ORDER BY kind, valid_from DESC",
      p);
}

}  // namespace civic::store
