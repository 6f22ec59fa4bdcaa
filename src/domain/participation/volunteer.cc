#include "domain/participation/volunteer.h"

#include <vector>

namespace civic {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int digits_value(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool plausible_date(int y, int m, int d) {
  if (y < 1800 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) days = 29;
  return d <= days;
}

// Splits UTF-8 text into its characters (each a byte sequence).
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = s.size() - i;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string keep_ends(std::string_view s, size_t head, size_t tail) {
  if (s.size() <= head + tail) return std::string(s.size(), '*');
  return std::string(s.substr(0, head)) + std::string(s.size() - head - tail, '*') +
         std::string(s.substr(s.size() - tail));
}

}  // namespace

bool valid_mainland_phone(std::string_view phone) {
  return phone.size() == 11 && phone[0] == '1' && all_digits(phone);
}

char id_number_check_character(std::string_view first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool valid_id_number(std::string_view id) {
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return false;
  char check = id[17] == 'x' ? 'X' : id[17];
  if (check != id_number_check_character(id.substr(0, 17))) return false;
  return plausible_date(digits_value(id.substr(6, 4)), digits_value(id.substr(10, 2)),
                        digits_value(id.substr(12, 2)));
}

std::string canonical_id_number(std::string_view id) {
  std::string out(id);
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

std::string mask_phone(std::string_view phone) {
  return keep_ends(phone, 3, 4);
}

std::string mask_id_number(std::string_view id) {
  return keep_ends(id, 3, 4);
}

std::string mask_name(std::string_view name) {
  auto chars = characters(name);
  if (chars.empty()) return "";
  std::string out(chars.front());
  if (chars.size() == 1) return out;
  size_t middle = chars.size() >= 3 ? chars.size() - 2 : 1;
  out += std::string(middle, '*');
  if (chars.size() >= 3) out += std::string(chars.back());
  return out;
}

int volunteer_stars(double hours) {
  if (hours >= 1500) return 5;
  if (hours >= 1000) return 4;
  if (hours >= 600) return 3;
  if (hours >= 300) return 2;
  if (hours >= 100) return 1;
  return 0;
}

bool valid_volunteer_state(std::string_view state) {
  return state == "pending" || state == "confirmed" || state == "rejected";
}

}  // namespace civic
