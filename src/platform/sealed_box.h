// Sealed boxes: secrets the database must hold but not show (push channel secrets, SMTP passwords),
// encrypted with XChaCha20-Poly1305 (libsodium) under a 32-byte key that lives in the data directory
// (<data dir>/channels.key, platform/key_file.h), never in the database. Stored form: hex(nonce ‖
// ciphertext).
#pragma once

#include <string>
#include <string_view>

namespace civic::platform {

// Encrypts `plain` under `key` (32 bytes) with a fresh random nonce.
std::string seal(std::string_view key, std::string_view plain);
// The plaintext of `sealed`; throws std::runtime_error when it is malformed or does not authenticate.
std::string open_sealed(std::string_view key, std::string_view sealed);
// Standard base64 (with padding) of raw bytes.
std::string base64(std::string_view bytes);
// HMAC-SHA256 of `data` under `key`, raw 32 bytes.
std::string hmac_sha256_raw(std::string_view key, std::string_view data);

}  // namespace civic::platform
