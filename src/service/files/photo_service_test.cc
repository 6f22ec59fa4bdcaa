#include "service/files/photo_service.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <thread>

#include "domain/core/error.h"
#include "domain/files/test_images.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

namespace fs = std::filesystem;
using store::TestDatabase;

class PhotoServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    dir_ = platform::FileStore::temporary_directory();
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_, AuthPolicy{}, dir_);
    Principal cli = Principal::cli();
    s_->units.create_root(cli, {"C", "市", "City", UnitType::city, "", 1000, 0});
    s_->users.add(cli, {"insp", "insp", "C", {Role::inspector}, std::string("Civic@2026x")});
    s_->users.add(cli, {"aud", "aud", "C", {Role::audit_admin}, std::string("Civic@2026x")});
    inspector_ = s_->auth.login("insp", "Civic@2026x", "10.0.0.1").principal;
    auditor_ = s_->auth.login("aud", "Civic@2026x", "10.0.0.2").principal;
  }
  void TearDown() override {
    s_.reset();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  std::string field_of_refusal(std::string_view bytes) {
    try {
      s_->photos.add_photo(inspector_, bytes);
    } catch (const Error& e) {
      return e.field();
    }
    return "<stored>";
  }

  ManualClock clock_{1'772'323'200'000};
  fs::path dir_;
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
  Principal inspector_, auditor_;
};
CIVIC_INSTANTIATE_BACKENDS(PhotoServiceTest);

TEST_P(PhotoServiceTest, StoresOnceByContentHashWithExifFacts) {
  std::string jpeg = testing::tiny_jpeg();
  StoredFile first = s_->photos.add_photo(inspector_, jpeg);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.id, platform::FileStore::sha256_hex(jpeg));
  EXPECT_EQ(first.mime, "image/jpeg");
  EXPECT_EQ(first.size, static_cast<long long>(jpeg.size()));
  EXPECT_EQ(first.width, 64);
  EXPECT_EQ(first.height, 48);
  ASSERT_TRUE(first.taken_at);
  EXPECT_EQ(*first.taken_at, 1'773'538'200'000);  // 2026-03-15T01:30:00Z: 09:30 in UTC+8
  ASSERT_TRUE(first.lat);
  EXPECT_NEAR(*first.lat, 31.5, 1e-9);

  fs::path blob = dir_ / first.id.substr(0, 2) / first.id.substr(2);
  EXPECT_TRUE(fs::is_regular_file(blob));
  EXPECT_EQ(s_->files.read(first.id), jpeg);

  StoredFile again = s_->photos.add_photo(inspector_, jpeg);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.id, first.id);
  size_t blobs = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_)) blobs += e.is_regular_file();
  EXPECT_EQ(blobs, 1u);  // one file, no temporaries left

  auto [meta, bytes] = s_->photos.content(inspector_, first.id, "photo");
  EXPECT_EQ(bytes, jpeg);
  EXPECT_EQ(meta.mime, "image/jpeg");
}

TEST_P(PhotoServiceTest, TypeComesFromTheBytes) {
  EXPECT_EQ(field_of_refusal(testing::elf_executable()), "file");
  EXPECT_EQ(field_of_refusal(testing::pe_executable()), "file");
  EXPECT_EQ(field_of_refusal("%PDF-1.4 a document, not a photo"), "file");
  EXPECT_EQ(field_of_refusal(""), "file");
  EXPECT_EQ(field_of_refusal("\xFF\xD8\xFF garbage"), "file");  // JPEG magic, no frame
  StoredFile png = s_->photos.add_photo(inspector_, testing::tiny_png(5, 7));
  EXPECT_EQ(png.mime, "image/png");
  EXPECT_EQ(png.width, 5);
  EXPECT_FALSE(png.taken_at);
  EXPECT_THROW(s_->photos.add_photo(inspector_, std::string(kMaxPhotoBytes + 1, 'x')), TooLarge);
  EXPECT_THROW(s_->photos.add_photo(auditor_, testing::tiny_png()), Forbidden);
}

TEST_P(PhotoServiceTest, FilesAcceptDocumentsAndRefuseExecutables) {
  StoredFile pdf = s_->photos.add_file(inspector_, "%PDF-1.7\nreport", "整改报告.pdf");
  EXPECT_EQ(pdf.kind, "file");
  EXPECT_EQ(pdf.mime, "application/pdf");
  EXPECT_EQ(pdf.name, "整改报告.pdf");
  EXPECT_FALSE(pdf.width);
  EXPECT_THROW(s_->photos.add_file(inspector_, testing::elf_executable(), "report.pdf"), InvalidInput);
  EXPECT_THROW(s_->photos.add_file(inspector_, std::string("PK\x03\x04", 4) + "evil.exe", "a.docx"),
               InvalidInput);
  EXPECT_THROW(s_->photos.add_file(inspector_, "%PDF-", "../../etc/passwd"), InvalidInput);
}

TEST_P(PhotoServiceTest, RequireExistingNamesTheFirstUnknownId) {
  StoredFile a = s_->photos.add_photo(inspector_, testing::tiny_png());
  EXPECT_NO_THROW(s_->photos.require_existing({a.id}, "photos"));
  try {
    s_->photos.require_existing({a.id, std::string(64, 'a'), "x"}, "results[2].photos");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "results[2].photos[1]");
  }
  EXPECT_THROW(s_->photos.require_existing({"../../x"}, "photos"), InvalidInput);
}

TEST_P(PhotoServiceTest, PublicPhotosOnlyWhenMarked) {
  StoredFile p = s_->photos.add_public_photo("203.0.113.9", testing::tiny_jpeg());
  EXPECT_TRUE(p.created);
  EXPECT_FALSE(p.is_public);
  EXPECT_THROW(s_->photos.public_content(p.id), NotFound);
  t_->db().transact([&](soci::session& sql) { s_->photos.mark_public(sql, {p.id}, "photos"); });
  EXPECT_EQ(s_->photos.public_content(p.id).second, testing::tiny_jpeg());
  EXPECT_THROW(s_->photos.public_content("zz"), NotFound);
}

TEST_P(PhotoServiceTest, ConcurrentUploadsOfTheSameBytesGiveOneRow) {
  std::string jpeg = testing::tiny_jpeg({.filler = "concurrent"});
  std::vector<std::thread> threads;
  std::vector<StoredFile> results(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] { results[i] = s_->photos.add_photo(inspector_, jpeg); });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (const auto& r : results) {
    EXPECT_EQ(r.id, results[0].id);
    created += r.created;
  }
  EXPECT_EQ(created, 1);
}

}  // namespace
}  // namespace civic::service
