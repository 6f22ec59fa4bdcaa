#include "store/files/file_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

struct FileBinding {
  FileRow row;
  long long width = 0, height = 0, taken = 0, is_public = 0;
  double lat = 0, lon = 0;
  soci::indicator w_ind = soci::i_null, h_ind = soci::i_null, t_ind = soci::i_null, lat_ind = soci::i_null,
                  lon_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(row.sha256));
    st.exchange(soci::into(row.kind));
    st.exchange(soci::into(row.mime));
    st.exchange(soci::into(row.size));
    st.exchange(soci::into(width, w_ind));
    st.exchange(soci::into(height, h_ind));
    st.exchange(soci::into(taken, t_ind));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(is_public));
    st.exchange(soci::into(row.uploaded_by));
    st.exchange(soci::into(row.uploader_ip));
    st.exchange(soci::into(row.created_at));
  }
  FileRow take() const {
    FileRow out = row;
    if (w_ind == soci::i_ok) out.width = width;
    if (h_ind == soci::i_ok) out.height = height;
    if (t_ind == soci::i_ok) out.taken_at = taken;
    if (lat_ind == soci::i_ok) out.lat = lat;
    if (lon_ind == soci::i_ok) out.lon = lon;
    out.is_public = is_public != 0;
    return out;
  }
};

}  // namespace

std::optional<FileRow> FileRepository::find(const std::string& sha256) {
  SqlParams params;
  std::string query =
      "SELECT sha256, kind, mime, size, width, height, taken_at, lat, lon, name, is_public, uploaded_by,"
      " uploader_ip, created_at FROM stored_files WHERE sha256 = " +
      params.text(sha256);
  return fetch_row<FileBinding>(sql_, query, params);
}

bool FileRepository::insert(const FileRow& row) {
  if (find(row.sha256)) return false;
  long long width = row.width.value_or(0), height = row.height.value_or(0), taken = row.taken_at.value_or(0);
  double lat = row.lat.value_or(0), lon = row.lon.value_or(0);
  soci::indicator w_ind = row.width ? soci::i_ok : soci::i_null,
                  h_ind = row.height ? soci::i_ok : soci::i_null,
                  t_ind = row.taken_at ? soci::i_ok : soci::i_null,
                  lat_ind = row.lat ? soci::i_ok : soci::i_null,
                  lon_ind = row.lon ? soci::i_ok : soci::i_null;
  long long is_public = row.is_public ? 1 : 0;
  sql_ << "INSERT INTO stored_files (sha256, kind, mime, size, width, height, taken_at, lat, lon, name,"
          " is_public, uploaded_by, uploader_ip, created_at) VALUES (:sha, :kind, :mime, :size, :w, :h, :t,"
          " :lat, :lon, :name, :pub, :by, :ip, :at)",
      soci::use(row.sha256), soci::use(row.kind), soci::use(row.mime), soci::use(row.size),
      soci::use(width, w_ind), soci::use(height, h_ind), soci::use(taken, t_ind), soci::use(lat, lat_ind),
      soci::use(lon, lon_ind), soci::use(row.name), soci::use(is_public), soci::use(row.uploaded_by),
      soci::use(row.uploader_ip), soci::use(row.created_at);
  return true;
}

void FileRepository::set_public(const std::string& sha256) {
  sql_ << "UPDATE stored_files SET is_public = 1 WHERE sha256 = :s", soci::use(sha256);
}

}  // namespace civic::store
