#include "domain/participation/volunteer.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(VolunteerStars, BoundariesOfEachLevel) {
  EXPECT_EQ(volunteer_stars(0), 0);
  EXPECT_EQ(volunteer_stars(99.5), 0);
  EXPECT_EQ(volunteer_stars(100), 1);
  EXPECT_EQ(volunteer_stars(299.5), 1);
  EXPECT_EQ(volunteer_stars(300), 2);
  EXPECT_EQ(volunteer_stars(599.5), 2);
  EXPECT_EQ(volunteer_stars(600), 3);
  EXPECT_EQ(volunteer_stars(999.5), 3);
  EXPECT_EQ(volunteer_stars(1000), 4);
  EXPECT_EQ(volunteer_stars(1499.5), 4);
  EXPECT_EQ(volunteer_stars(1500), 5);
  EXPECT_EQ(volunteer_stars(20000), 5);
}

TEST(VolunteerPhone, ElevenDigitsStartingWithOne) {
  EXPECT_TRUE(valid_mainland_phone("13812341234"));
  EXPECT_FALSE(valid_mainland_phone("23812341234"));
  EXPECT_FALSE(valid_mainland_phone("1381234123"));
  EXPECT_FALSE(valid_mainland_phone("138123412345"));
  EXPECT_FALSE(valid_mainland_phone("1381234123a"));
  EXPECT_FALSE(valid_mainland_phone(""));
}

TEST(VolunteerIdNumber, CheckDigitAndBirthDate) {
  EXPECT_TRUE(valid_id_number("11010519491231002X"));  // the standard's example
  EXPECT_TRUE(valid_id_number("11010519491231002x"));
  EXPECT_EQ(canonical_id_number("11010519491231002x"), "11010519491231002X");
  EXPECT_TRUE(valid_id_number("440524188001010014"));
  EXPECT_FALSE(valid_id_number("110105194912310021"));  // wrong check character
  EXPECT_FALSE(valid_id_number("11010519491231002"));   // 17 characters
  EXPECT_FALSE(valid_id_number("1101051949123100X2"));
  EXPECT_FALSE(valid_id_number("110105194913310021"));  // month 13, its check digit right
  EXPECT_FALSE(valid_id_number(""));
}

TEST(VolunteerMasks, PhoneIdAndName) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110***********002X");
  EXPECT_EQ(mask_name("张三明"), "张*明");
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳小明"), "欧**明");
  EXPECT_EQ(mask_name("张"), "张");
  EXPECT_EQ(mask_phone("123"), "***");
}

}  // namespace
}  // namespace civic
