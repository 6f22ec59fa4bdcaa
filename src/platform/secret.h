// Secrets: random tokens and their stored form. A token is 32 random bytes as 64 hex characters; the
// database stores only its SHA-256 (hex), so a database leak does not leak usable tokens. Keyed MACs (the
// audit log's, with the key of platform/key_file.h) use HMAC-SHA256 from the same library.
#pragma once

#include <string>
#include <string_view>

namespace civic::platform {

// Throws std::runtime_error if libsodium cannot initialise.
void ensure_sodium();
std::string random_token();
std::string sha256_hex(std::string_view data);
// HMAC-SHA256 of `data` under `key` (any length), as 64 hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// a == b in time that depends only on the lengths (for comparing MACs).
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace civic::platform
