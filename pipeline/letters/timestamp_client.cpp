#include "letters/timestamp_client.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include <cstdlib>
#include <ctime>
#include <regex>

#include "core/error.hpp"

namespace berkas {
namespace {

std::string der_of_request(TS_REQ* req) {
  unsigned char* der = nullptr;
  const int n = i2d_TS_REQ(req, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(std::max(n, 0)));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::string configured_timestamp_authority() {
  const char* url = std::getenv("BERKAS_TSA_URL");
  return url != nullptr ? url : "";
}

std::string fetch_timestamp_token(const std::string& url, const std::string& signature_value) {
  static const std::regex kUrl(R"(^(https?://[^/]+)(/.*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl))
    throw Error(ErrorCode::InvalidArgument, "timestamp authority '" + url + "' is not an http(s) URL");
  const std::string base = m[1], path = m[2].matched ? m[2].str() : "/";

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned digest_len = 0;
  EVP_Digest(signature_value.data(), signature_value.size(), digest, &digest_len, EVP_sha256(), nullptr);
  TS_REQ* req = TS_REQ_new();
  TS_MSG_IMPRINT* imprint = TS_MSG_IMPRINT_new();
  X509_ALGOR* alg = X509_ALGOR_new();
  X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  TS_MSG_IMPRINT_set_algo(imprint, alg);
  TS_MSG_IMPRINT_set_msg(imprint, digest, static_cast<int>(digest_len));
  TS_REQ_set_version(req, 1);
  TS_REQ_set_msg_imprint(req, imprint);
  TS_REQ_set_cert_req(req, 1);
  unsigned char nonce_bytes[8];
  RAND_bytes(nonce_bytes, sizeof nonce_bytes);
  nonce_bytes[0] &= 0x7f;
  ASN1_INTEGER* nonce = ASN1_INTEGER_new();
  BIGNUM* bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
  BN_to_ASN1_INTEGER(bn, nonce);
  BN_free(bn);
  TS_REQ_set_nonce(req, nonce);
  ASN1_INTEGER_free(nonce);
  X509_ALGOR_free(alg);
  TS_MSG_IMPRINT_free(imprint);
  const std::string body = der_of_request(req);

  httplib::Client client(base);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  auto reply = client.Post(path, body, "application/timestamp-query");
  if (!reply || reply->status != 200) {
    TS_REQ_free(req);
    throw Error(ErrorCode::Io, "timestamp authority " + url + " did not answer" +
                                   (reply ? " (HTTP " + std::to_string(reply->status) + ")" : ""));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(reply->body.data());
  TS_RESP* resp = d2i_TS_RESP(nullptr, &p, static_cast<long>(reply->body.size()));
  // The answer must be granted, for this hash and this nonce.
  TS_VERIFY_CTX* ctx = resp != nullptr ? TS_REQ_to_TS_VERIFY_CTX(req, nullptr) : nullptr;
  bool ok = false;
  if (ctx != nullptr) {
    TS_VERIFY_CTX_set_flags(ctx, TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    ok = TS_RESP_verify_response(ctx, resp) == 1;
  }
  std::string token;
  if (ok) {
    unsigned char* der = nullptr;
    const int n = i2d_PKCS7(TS_RESP_get_token(resp), &der);
    if (n > 0) token.assign(reinterpret_cast<char*>(der), static_cast<size_t>(n));
    OPENSSL_free(der);
  }
  TS_VERIFY_CTX_free(ctx);
  TS_RESP_free(resp);
  TS_REQ_free(req);
  ERR_clear_error();
  if (token.empty()) throw Error(ErrorCode::CorruptInput, "timestamp authority " + url + " answered wrongly");
  return token;
}

std::string timestamp_token_time(const std::string& token_der) {
  const auto* p = reinterpret_cast<const unsigned char*>(token_der.data());
  PKCS7* token = d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size()));
  if (token == nullptr) return "";
  TS_TST_INFO* info = PKCS7_to_TS_TST_INFO(token);
  std::string out;
  std::tm tm{};
  if (info != nullptr && ASN1_TIME_to_tm(TS_TST_INFO_get_time(info), &tm) == 1) {
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    out = buf;
  }
  TS_TST_INFO_free(info);
  PKCS7_free(token);
  return out;
}

}  // namespace berkas
