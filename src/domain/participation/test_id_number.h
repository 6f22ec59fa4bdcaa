// For tests: a valid resident ID number — 110101 (a real region code), born 1990-01-01, serial 100 + n % 900,
// and its check character (volunteer.h) — so a registration passes the check and numbers differ by `n`.
#pragma once

#include <string>

#include "domain/participation/volunteer.h"

namespace civic {

inline std::string test_id_number(int n) {
  std::string first17 = "11010119900101" + std::to_string(100 + n % 900);
  return first17 + id_number_check_character(first17);
}

}  // namespace civic
