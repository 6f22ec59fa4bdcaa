// Secrets: random tokens and their stored form. A token is 32 random bytes as 64 hex characters; the
// database stores only its SHA-256 (hex), so a database leak does not leak usable tokens.
#pragma once

#include <string>
#include <string_view>

namespace civic::platform {

// Throws std::runtime_error if libsodium cannot initialise.
void ensure_sodium();
std::string random_token();
std::string sha256_hex(std::string_view data);

}  // namespace civic::platform
