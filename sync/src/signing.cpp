#include "sync/signing.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace published {
namespace {

constexpr std::string_view kEnvelopeMagic = "kiosk-signed-v1";
constexpr std::string_view kSecretMagic = "kiosk-signing-key-v1";
constexpr std::string_view kPublicMagic = "kiosk-public-key-v1";

content::Status ensure_sodium() {
  if (sodium_init() < 0) return content::Error{"libsodium failed to start"};
  return {};
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool from_base64(std::string_view text, unsigned char* out, std::size_t size) {
  std::size_t written = 0;
  return sodium_base642bin(out, size, text.data(), text.size(), nullptr, &written, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         written == size;
}

std::string key_id_of(const std::array<unsigned char, 32>& pk) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, pk.data(), pk.size());
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, hash, 8);
  return hex;
}

content::Result<std::string> read_small_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return content::Error{"cannot read " + file.string()};
  std::string text;
  text.resize(4096);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

content::Result<SigningKey> generate_key() {
  if (auto s = ensure_sodium(); !s) return s.error();
  SigningKey key;
  crypto_sign_keypair(key.public_key.bytes.data(), key.secret.data());
  key.public_key.id = key_id_of(key.public_key.bytes);
  return key;
}

std::string public_key_file_text(const PublicKey& key) {
  return std::string(kPublicMagic) + "\n" + key.id + " " +
         to_base64(key.bytes.data(), key.bytes.size()) + "\n";
}

content::Status write_key_files(const SigningKey& key, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return content::Error{"cannot create " + dir.string() + ": " + ec.message()};
  const auto secret_file = dir / "signing.key";
  const auto public_file = dir / "signing.pub";
  if (std::filesystem::exists(secret_file) || std::filesystem::exists(public_file)) {
    return content::Error{dir.string() + " already holds a key; refusing to overwrite it"};
  }
  {
    const mode_t old = umask(077);  // the secret key is never readable by others, not even briefly
    std::ofstream out(secret_file, std::ios::binary);
    umask(old);
    out << kSecretMagic << "\n" << to_base64(key.secret.data(), key.secret.size()) << "\n";
    if (!out) return content::Error{"cannot write " + secret_file.string()};
  }
  chmod(secret_file.c_str(), 0600);
  std::ofstream out(public_file, std::ios::binary);
  out << public_key_file_text(key.public_key);
  if (!out) return content::Error{"cannot write " + public_file.string()};
  return {};
}

content::Result<SigningKey> read_signing_key(const std::filesystem::path& file) {
  if (auto s = ensure_sodium(); !s) return s.error();
  auto text = read_small_file(file);
  if (!text) return text.error();
  const auto lines = lines_of(*text);
  SigningKey key;
  if (lines.size() < 2 || lines[0] != kSecretMagic ||
      !from_base64(lines[1], key.secret.data(), key.secret.size())) {
    return content::Error{file.string() +
                          " is not a kiosk signing key (kioskctl keygen makes one)"};
  }
  crypto_sign_ed25519_sk_to_pk(key.public_key.bytes.data(), key.secret.data());
  key.public_key.id = key_id_of(key.public_key.bytes);
  return key;
}

content::Result<PublicKey> read_public_key(const std::filesystem::path& file) {
  if (auto s = ensure_sodium(); !s) return s.error();
  auto text = read_small_file(file);
  if (!text) return text.error();
  const auto lines = lines_of(*text);
  PublicKey key;
  const auto space = lines.size() >= 2 ? lines[1].find(' ') : std::string::npos;
  if (lines.size() < 2 || lines[0] != kPublicMagic || space == std::string::npos ||
      !from_base64(std::string_view(lines[1]).substr(space + 1), key.bytes.data(),
                   key.bytes.size())) {
    return content::Error{file.string() + " is not a kiosk public key (signing.pub)"};
  }
  key.id = key_id_of(key.bytes);
  if (lines[1].substr(0, space) != key.id) {
    return content::Error{file.string() + ": the key id does not match the key"};
  }
  return key;
}

std::string envelope_key_id(std::string_view envelope) {
  const std::string prefix = std::string(kEnvelopeMagic) + "\nkey: ";
  if (envelope.substr(0, prefix.size()) != prefix) return {};
  const auto rest = envelope.substr(prefix.size(), 64);
  const auto end = rest.find('\n');
  if (end == std::string_view::npos || end == 0 || end > 32) return {};
  const auto id = rest.substr(0, end);
  if (id.find_first_not_of("0123456789abcdef") != std::string_view::npos) return {};
  return std::string(id);
}

std::string public_key_base64(const PublicKey& key) {
  return to_base64(key.bytes.data(), key.bytes.size());
}

content::Result<PublicKey> public_key_from_base64(std::string_view text) {
  if (auto s = ensure_sodium(); !s) return s.error();
  PublicKey key;
  if (!from_base64(text, key.bytes.data(), key.bytes.size())) {
    return content::Error{"not a public key"};
  }
  key.id = key_id_of(key.bytes);
  return key;
}

std::string seal_envelope(std::string_view body, const SigningKey& key) {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(body.data()),
                       body.size(), key.secret.data());
  std::string out(kEnvelopeMagic);
  out += "\nkey: " + key.public_key.id + "\nsignature: " + to_base64(signature, sizeof signature) +
         "\n\n";
  out += body;
  return out;
}

content::Result<std::string> open_envelope(std::string_view envelope,
                                           const std::vector<PublicKey>& trusted,
                                           std::size_t max_bytes) {
  if (auto s = ensure_sodium(); !s) return s.error();
  if (envelope.size() > max_bytes) return content::Error{"the signed file is too large"};
  // The header: three short lines and an empty one, read without trusting them.
  std::string_view rest = envelope;
  auto next_line = [&](std::string_view& line) {
    const auto end = rest.substr(0, 256).find('\n');
    if (end == std::string_view::npos) return false;
    line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return true;
  };
  std::string_view magic, key_line, sig_line, empty;
  if (!next_line(magic) || magic != kEnvelopeMagic || !next_line(key_line) ||
      key_line.substr(0, 5) != "key: " || !next_line(sig_line) ||
      sig_line.substr(0, 11) != "signature: " || !next_line(empty) || !empty.empty()) {
    return content::Error{"not a signed file (bad or missing signature header)"};
  }
  const std::string_view key_id = key_line.substr(5);
  const PublicKey* key = nullptr;
  for (const auto& k : trusted) {
    if (k.id == key_id) key = &k;
  }
  if (!key) {
    return content::Error{"signed by an unknown key " + std::string(key_id.substr(0, 32))};
  }
  unsigned char signature[crypto_sign_BYTES];
  if (!from_base64(sig_line.substr(11), signature, sizeof signature)) {
    return content::Error{"the signature is malformed"};
  }
  if (crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(rest.data()),
                                  rest.size(), key->bytes.data()) != 0) {
    return content::Error{"bad signature: the file is not what key " + key->id + " signed"};
  }
  return std::string(rest);
}

}  // namespace published
