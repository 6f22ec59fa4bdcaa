#include "platform/sealed_box.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "platform/secret.h"

namespace civic::platform {

namespace {

std::string to_hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.resize(n * 2);
  return out;
}

}  // namespace

std::string seal(std::string_view key, std::string_view plain) {
  ensure_sodium();
  if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    throw std::runtime_error("sealed box: bad key");
  std::vector<unsigned char> buf(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(buf.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
                                             reinterpret_cast<const unsigned char*>(plain.data()),
                                             plain.size(), nullptr, 0, nullptr, nonce,
                                             reinterpret_cast<const unsigned char*>(key.data()));
  return to_hex(buf.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + clen);
}

std::string open_sealed(std::string_view key, std::string_view sealed) {
  ensure_sodium();
  if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    throw std::runtime_error("sealed box: bad key");
  std::vector<unsigned char> bin(sealed.size() / 2 + 1);
  size_t n = 0;
  if (sodium_hex2bin(bin.data(), bin.size(), sealed.data(), sealed.size(), nullptr, &n, nullptr) != 0 ||
      n < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    throw std::runtime_error("sealed box: malformed");
  }
  std::string plain(n, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
          bin.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, nullptr, 0, bin.data(),
          reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    throw std::runtime_error("sealed box: does not authenticate (wrong key?)");
  }
  plain.resize(plen);
  return plain;
}

std::string base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string hmac_sha256_raw(std::string_view key, std::string_view data) {
  ensure_sodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace civic::platform
