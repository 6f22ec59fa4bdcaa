// Volunteers (participation.md "Volunteers"): the rules that need no database — a Chinese mainland mobile
// number, an 18-character resident ID number with its check digit (GB 11643, ISO 7064 MOD 11-2), the masks
// officers see by default, and the star level from approved service hours.
#pragma once

#include <string>
#include <string_view>

namespace civic {

// Whether `phone` is 11 ASCII digits beginning with 1.
bool valid_mainland_phone(std::string_view phone);
// The check character (0-9 or X) of the 17 leading digits of an ID number (ISO 7064 MOD 11-2).
char id_number_check_character(std::string_view first17);
// Whether `id` is 17 digits and a check character (0-9 or X, upper or lower case) that matches them, and
// the birth date it holds (characters 7-14) is a plausible calendar date.
bool valid_id_number(std::string_view id);
// The ID number in canonical form (a trailing x upper-cased), for hashing and storing.
std::string canonical_id_number(std::string_view id);

// 13812341234 → 138****1234 (the first 3 and last 4 characters kept; shorter texts: every character *).
std::string mask_phone(std::string_view phone);
// 110101199001011234 → 110***********1234 (the first 3 and last 4 kept).
std::string mask_id_number(std::string_view id);
// 张三明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明 (UTF-8 characters: the first kept, the last kept when there
// are three or more, the rest *).
std::string mask_name(std::string_view name);

// The star level (0..5) of `hours` approved service hours: none < 100 ≤ ★ < 300 ≤ ★★ < 600 ≤ ★★★ < 1000 ≤
// ★★★★ < 1500 ≤ ★★★★★.
int volunteer_stars(double hours);

// Volunteer states: "pending" (registered by the public), "confirmed", "rejected".
bool valid_volunteer_state(std::string_view state);

}  // namespace civic
