// Photos and files over HTTP: content decides the type, 413 above the limits, same bytes → same id (200),
// bytes served with caching headers, file names without controls or bidirectional overrides, public photos
// only when marked, anonymous uploads rate-limited.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "domain/files/test_images.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;

class PhotoApi : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(PhotoApi);

Reply upload(const ApiCity& city, const std::string& user, const std::string& target,
             const std::string& bytes, const std::string& content_type) {
  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", content_type}};
  if (!user.empty()) headers.emplace_back("Authorization", "Bearer " + city.token(user));
  return http::testing::fetch(city.port(), "POST", target, bytes, headers);
}

TEST_P(PhotoApi, UploadThenFetchByContentHash) {
  ApiCity city(GetParam());
  std::string jpeg = civic::testing::tiny_jpeg();
  Reply first = upload(city, "inspector", "/api/photos", jpeg, "image/jpeg");
  ASSERT_EQ(first.status, 201) << first.body;
  auto meta = ApiCity::parse(first);
  std::string id(meta.at("id").as_string());
  EXPECT_EQ(id.size(), 64u);
  EXPECT_EQ(meta.at("mime"), "image/jpeg");
  EXPECT_EQ(meta.at("width").as_int64(), 64);
  EXPECT_EQ(std::string(meta.at("taken_at").as_string()),
            format_rfc3339(1'773'538'200'000));  // 09:30 at UTC+8
  EXPECT_NEAR(meta.at("lat").as_double(), 31.5, 1e-9);

  // The header lies; the bytes decide. Same bytes again: 200, same id.
  Reply again = upload(city, "office", "/api/photos", jpeg, "application/octet-stream");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(ApiCity::parse(again).at("id").as_string(), id);

  Reply got = city.as("leader", "GET", "/api/photos/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, jpeg);
  EXPECT_EQ(got.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(got.header("Cache-Control"), "private, max-age=31536000, immutable");
  EXPECT_EQ(city.as("", "GET", "/api/photos/" + id).status, 401);
  EXPECT_EQ(city.as("leader", "GET", "/api/photos/" + std::string(64, '0')).status, 404);
  EXPECT_EQ(city.as("leader", "GET", "/api/photos/..%2F..%2Fetc%2Fpasswd").status, 404);
}

TEST_P(PhotoApi, RefusesExecutablesAndOversizedBodies) {
  ApiCity city(GetParam());
  Reply elf = upload(city, "inspector", "/api/photos", civic::testing::elf_executable(), "image/jpeg");
  EXPECT_EQ(elf.status, 400);
  EXPECT_EQ(ApiCity::error_field(elf), "file");
  Reply pe = upload(city, "inspector", "/api/files?name=report.pdf", civic::testing::pe_executable(),
                    "application/pdf");
  EXPECT_EQ(pe.status, 400);
  Reply big = upload(city, "inspector", "/api/photos", std::string((8u << 20) + 1, 'x'), "image/jpeg");
  EXPECT_EQ(big.status, 413);
  // A 9 MiB document is fine as a file (≤ 20 MiB).
  Reply doc = upload(city, "inspector", "/api/files?name=" + std::string("%E6%8A%A5%E5%91%8A.pdf"),
                     "%PDF-1.7\n" + std::string(9u << 20, ' '), "application/pdf");
  ASSERT_EQ(doc.status, 201) << doc.body.substr(0, 200);
  auto meta = ApiCity::parse(doc);
  EXPECT_EQ(meta.at("name"), "报告.pdf");
  EXPECT_TRUE(meta.at("width").is_null());
  Reply got = city.as("office", "GET", "/api/files/" + std::string(meta.at("id").as_string()));
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "%PDF-1.7\n" + std::string(9u << 20, ' '));  // the very bytes uploaded
  EXPECT_EQ(got.header("Content-Type"), "application/pdf");
  EXPECT_EQ(got.header("Content-Disposition"), "attachment");
}

TEST_P(PhotoApi, FileMetadataNamesTheFileWithoutItsBytes) {
  ApiCity city(GetParam());
  Reply doc = upload(city, "inspector", "/api/files?name=%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf",
                     "%PDF-1.7 整改报告", "application/pdf");
  ASSERT_EQ(doc.status, 201) << doc.body;
  std::string id(ApiCity::parse(doc).at("id").as_string());
  Reply meta = city.as("leader", "GET", "/api/files/" + id + "/meta");
  ASSERT_EQ(meta.status, 200) << meta.body;
  auto m = ApiCity::parse(meta);
  EXPECT_EQ(m.at("id").as_string(), id);
  EXPECT_EQ(m.at("name"), "整改报告.pdf");
  EXPECT_EQ(m.at("mime"), "application/pdf");
  EXPECT_EQ(m.at("size").to_number<long long>(),
            static_cast<long long>(std::string("%PDF-1.7 整改报告").size()));
  EXPECT_EQ(meta.body.find("PDF-1.7"), std::string::npos);  // no bytes
  EXPECT_EQ(city.as("office", "GET", "/api/files/" + std::string(64, 'a') + "/meta").status, 404);
  EXPECT_EQ(city.as("office", "GET", "/api/files/nothex/meta").status, 404);
  EXPECT_EQ(city.as("audit_admin", "GET", "/api/files/" + id + "/meta").status, 403);
}

TEST_P(PhotoApi, FileNamesWithControlsOrBidiOverridesAreRefused) {
  ApiCity city(GetParam());
  std::string pdf = "%PDF-1.7\n%%EOF\n";
  // U+202E RIGHT-TO-LEFT OVERRIDE between "report" and "fdp.exe" makes it read as "reportexe.pdf".
  Reply bidi = upload(city, "inspector", "/api/files?name=report%E2%80%AEfdp.exe", pdf, "application/pdf");
  ASSERT_EQ(bidi.status, 400) << bidi.body;
  EXPECT_EQ(ApiCity::error_field(bidi), "name");
  EXPECT_EQ(ApiCity::parse(bidi).at("error").at("key"), "file.name.bidi_control");
  Reply control = upload(city, "inspector", "/api/files?name=a%01b.pdf", pdf, "application/pdf");
  ASSERT_EQ(control.status, 400);
  EXPECT_EQ(ApiCity::parse(control).at("error").at("key"), "file.name.control_character");
  Reply slash = upload(city, "inspector", "/api/files?name=..%2Fa.pdf", pdf, "application/pdf");
  EXPECT_EQ(ApiCity::parse(slash).at("error").at("key"), "file.name.slash");
  Reply fine = upload(city, "inspector", "/api/files?name=%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.pdf", pdf,
                      "application/pdf");
  EXPECT_EQ(fine.status, 201) << fine.body;
  // A role that may not upload gets 403 before the name or the body is looked at.
  Reply leader = upload(city, "leader", "/api/files?name=a%01b.pdf", "", "application/pdf");
  EXPECT_EQ(leader.status, 403);
}

TEST_P(PhotoApi, PublicPhotosAreAnonymousRateLimitedAndServedOnlyWhenMarked) {
  ApiCity city(GetParam());
  Reply up = upload(city, "", "/api/public/photos", civic::testing::tiny_png(9, 9), "image/png");
  ASSERT_EQ(up.status, 201) << up.body;
  std::string id(ApiCity::parse(up).at("id").as_string());
  EXPECT_EQ(city.as("", "GET", "/api/public/photos/" + id).status, 404);  // not attached to a public report
  city.services().db.transact(
      [&](soci::session& sql) { city.services().photos.mark_public(sql, {id}, "photos"); });
  Reply got = city.as("", "GET", "/api/public/photos/" + id);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body, civic::testing::tiny_png(9, 9));
  EXPECT_EQ(got.header("Content-Type"), "image/png");
  // The bucket holds 30; within this test the same address soon gets 429.
  int limited = 0;
  for (int i = 0; i < 40 && !limited; ++i) {
    Reply r = upload(city, "", "/api/public/photos", civic::testing::tiny_png(100 + i, 1), "image/png");
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(ApiCity::parse(r).at("error").at("code"), "rate_limited");
    } else {
      EXPECT_EQ(r.status, 201);
    }
  }
  EXPECT_EQ(limited, 1);
}

}  // namespace
}  // namespace civic::api
