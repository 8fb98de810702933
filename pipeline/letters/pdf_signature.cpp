#include "letters/pdf_signature.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <podofo/podofo.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/error.hpp"
#include "letters/timestamp_client.hpp"

namespace berkas {

using namespace PoDoFo;

namespace {

std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += (out.empty() ? "" : "; ") + std::string(buf);
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::string name_text(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The CMS signature over `data`, with the ESS signing-certificate-v2
// attribute PAdES asks for (CMS_add1_signing_cert_v2 only exists from
// OpenSSL 3.2). One SignerInfo: PARTIAL, add the signer once, final.
std::string cms_signature(const std::string& data, X509* cert, EVP_PKEY* key, STACK_OF(X509) * chain) {
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
  CMS_ContentInfo* cms = CMS_sign(nullptr, nullptr, chain, nullptr, flags);
  CMS_SignerInfo* si = cms != nullptr ? CMS_add1_signer(cms, cert, key, EVP_sha256(), flags) : nullptr;
  if (si == nullptr) {
    CMS_ContentInfo_free(cms);
    throw Error(ErrorCode::Internal, "signing failed: " + openssl_errors());
  }
  ESS_SIGNING_CERT_V2* sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), cert, nullptr, 0);
  unsigned char* der = nullptr;
  const int n = sc != nullptr ? i2d_ESS_SIGNING_CERT_V2(sc, &der) : -1;
  const bool attr_ok =
      n > 0 && CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, der, n) == 1;
  OPENSSL_free(der);
  ESS_SIGNING_CERT_V2_free(sc);
  BIO* in = BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
  const bool final_ok = attr_ok && CMS_final(cms, in, nullptr, flags) == 1;
  BIO_free(in);
  // PAdES B-T: a timestamp authority's token over the signature value, as an
  // unsigned attribute (it does not change what the signature covers).
  if (const std::string tsa = configured_timestamp_authority(); final_ok && !tsa.empty()) {
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
    std::string token;
    try {
      token = fetch_timestamp_token(tsa, std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                                                     static_cast<size_t>(ASN1_STRING_length(value))));
    } catch (...) {
      CMS_ContentInfo_free(cms);
      throw;
    }
    if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                      static_cast<int>(token.size())) != 1) {
      CMS_ContentInfo_free(cms);
      throw Error(ErrorCode::Internal, "adding the timestamp failed: " + openssl_errors());
    }
  }
  unsigned char* out = nullptr;
  const int len = final_ok ? i2d_CMS_ContentInfo(cms, &out) : -1;
  CMS_ContentInfo_free(cms);
  if (len <= 0) throw Error(ErrorCode::Internal, "signing failed: " + openssl_errors());
  std::string signature(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_free(out);
  return signature;
}

}  // namespace

struct SigningIdentity::Parts {
  std::string file;
  mutable std::mutex checked_mutex;     // the identity is shared between issuing threads
  mutable std::string checked_against;  // the CA file (and its time) the chain was verified against
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  STACK_OF(X509) * chain = nullptr;
  ~Parts() {
    X509_free(cert);
    EVP_PKEY_free(key);
    sk_X509_pop_free(chain, X509_free);
  }
};

SigningIdentity::SigningIdentity() : parts_(std::make_unique<Parts>()) {}
SigningIdentity::~SigningIdentity() = default;
SigningIdentity::SigningIdentity(SigningIdentity&&) noexcept = default;
SigningIdentity& SigningIdentity::operator=(SigningIdentity&&) noexcept = default;

SigningIdentity SigningIdentity::load_pkcs12(const std::filesystem::path& file, const std::string& password) {
  const std::string bytes = read_all(file);
  if (bytes.empty())
    throw Error(ErrorCode::NotFound, file.string() + ": the signer's certificate (PKCS#12) is missing or empty");
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size()));
  if (p12 == nullptr) throw Error(ErrorCode::CorruptInput, file.string() + ": not a PKCS#12 file");
  SigningIdentity id;
  const bool ok = PKCS12_parse(p12, password.c_str(), &id.parts_->key, &id.parts_->cert, &id.parts_->chain) == 1;
  PKCS12_free(p12);
  if (!ok || id.parts_->key == nullptr || id.parts_->cert == nullptr) {
    ERR_clear_error();
    throw Error(ErrorCode::InvalidArgument, file.string() + ": wrong password, or no key and certificate inside");
  }
  id.parts_->file = file.string();
  id.check_valid_now();
  if (X509_check_private_key(id.parts_->cert, id.parts_->key) != 1) {
    ERR_clear_error();
    throw Error(ErrorCode::InvalidArgument, file.string() + ": the key does not belong to the certificate");
  }
  return id;
}

void SigningIdentity::check_valid_now() const {
  if (X509_cmp_current_time(X509_get0_notAfter(parts_->cert)) < 0)
    throw Error(ErrorCode::InvalidArgument, parts_->file + ": the certificate has expired");
  if (X509_cmp_current_time(X509_get0_notBefore(parts_->cert)) > 0)
    throw Error(ErrorCode::InvalidArgument, parts_->file + ": the certificate is not valid yet");
}

std::shared_ptr<const SigningIdentity> SigningIdentity::open_cached(const std::filesystem::path& file,
                                                                    const std::string& password) {
  struct Entry {
    std::filesystem::file_time_type modified;
    uintmax_t size;
    std::string password;
    std::shared_ptr<const SigningIdentity> identity;
  };
  static std::mutex mutex;
  static std::map<std::string, Entry> cache;
  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(file, ec);
  const auto size = ec ? 0 : std::filesystem::file_size(file, ec);
  {
    std::lock_guard lock(mutex);
    auto it = cache.find(file.string());
    if (!ec && it != cache.end() && it->second.modified == modified && it->second.size == size &&
        it->second.password == password) {
      it->second.identity->check_valid_now();
      return it->second.identity;
    }
  }
  auto identity = std::make_shared<const SigningIdentity>(load_pkcs12(file, password));
  std::lock_guard lock(mutex);
  if (!ec) cache[file.string()] = {modified, size, password, identity};
  return identity;
}

void SigningIdentity::check_issued_by(const std::filesystem::path& ca_pem) const {
  // Checked once per identity and CA file (an identity is kept open per process).
  std::error_code ec;
  const auto stamp =
      ca_pem.string() + "@" + std::to_string(std::filesystem::last_write_time(ca_pem, ec).time_since_epoch().count());
  {
    std::lock_guard lock(parts_->checked_mutex);
    if (!ec && parts_->checked_against == stamp) return;
  }
  X509_STORE* store = X509_STORE_new();
  if (X509_STORE_load_file(store, ca_pem.c_str()) != 1) {
    X509_STORE_free(store);
    ERR_clear_error();
    throw Error(ErrorCode::NotFound, ca_pem.string() + ": the office's CA certificate cannot be read");
  }
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, parts_->cert, parts_->chain);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN);
  const bool ok = X509_verify_cert(ctx) == 1;
  const std::string why = ok ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  if (!ok)
    throw Error(ErrorCode::InvalidArgument,
                "the certificate of " + subject() + " is not one the office's CA issued for signing: " + why);
  if (!ec) {
    std::lock_guard lock(parts_->checked_mutex);
    parts_->checked_against = stamp;
  }
}

std::string SigningIdentity::subject() const { return name_text(X509_get_subject_name(parts_->cert)); }

std::string sign_pdf(const std::string& pdf, const SigningIdentity& signer, const std::string& reason,
                     const std::string& location, const std::function<void(PdfMemDocument&)>& edit) {
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), true);  // for an incremental update
    if (edit) edit(doc);
    PdfAcroForm* form = doc.GetAcroForm(ePdfCreateObject, ePdfAcroFormDefaultAppearance_None);
    form->GetObject()->GetDictionary().AddKey(PdfName("SigFlags"), PdfObject(static_cast<pdf_int64>(3)));
    if (form->GetNeedAppearances()) form->SetNeedAppearances(false);

    PdfRefCountedBuffer buffer;
    PdfOutputDevice out(&buffer);
    PdfSignOutputDevice device(&out);
    device.SetSignatureSize(8192);  // room for an RSA-4096 signature with its chain

    PdfPage* page = doc.GetPage(doc.GetPageCount() - 1);
    PdfAnnotation* widget = page->CreateAnnotation(ePdfAnnotation_Widget, PdfRect(0, 0, 0, 0));
    widget->SetFlags(ePdfAnnotationFlags_Invisible | ePdfAnnotationFlags_Hidden);
    PdfSignatureField field(widget, form, &doc);
    field.SetFieldName(PdfString("Tandatangan"));
    field.SetSignatureReason(PdfString(reinterpret_cast<const pdf_utf8*>(reason.c_str())));
    field.SetSignatureLocation(PdfString(reinterpret_cast<const pdf_utf8*>(location.c_str())));
    field.SetSignatureDate(PdfDate());
    // No key may sort between /ByteRange and /Contents: PoDoFo finds the
    // byte range a fixed distance before the signature's placeholder.
    field.GetSignatureObject()->GetDictionary().AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
    field.SetSignature(*device.GetSignatureBeacon());

    doc.WriteUpdate(&device, true);
    if (!device.HasSignaturePosition()) throw Error(ErrorCode::Internal, "the signature's place was not written");
    device.AdjustByteRange();
    device.Seek(0);
    std::string covered;
    char chunk[65536];
    for (size_t n; (n = device.ReadForSignature(chunk, sizeof chunk)) > 0;) covered.append(chunk, n);
    const std::string signature = cms_signature(covered, signer.parts_->cert, signer.parts_->key, signer.parts_->chain);
    if (signature.size() > device.GetSignatureSize())
      throw Error(ErrorCode::Internal, "the signature is larger than the room kept for it");
    device.SetSignature(PdfData(signature.data(), signature.size()));
    device.Flush();
    return std::string(buffer.GetBuffer(), std::min<size_t>(buffer.GetSize(), out.GetLength()));
  } catch (const PdfError& e) {
    throw Error(ErrorCode::Internal, std::string("signing the PDF failed: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

SignatureCheck verify_pdf_signature(const std::string& file, const std::filesystem::path& ca_pem) {
  SignatureCheck check;
  auto fail = [&](std::string why) {
    check.problem = std::move(why);
    return check;
  };
  // The last signature dictionary with a byte range, found in the bytes as
  // written (a modified file may not even parse).
  const size_t at = file.rfind("/ByteRange");
  if (at == std::string::npos) return fail("the file carries no signature");
  const size_t open = file.find('[', at), close = file.find(']', at);
  if (open == std::string::npos || close == std::string::npos || close > at + 200)
    return fail("the signature's byte range cannot be read");
  long long a = -1, b = -1, c = -1, d = -1;
  std::istringstream range(file.substr(open + 1, close - open - 1));
  if (!(range >> a >> b >> c >> d)) return fail("the signature's byte range cannot be read");
  const auto size = static_cast<long long>(file.size());
  if (a != 0 || b <= 0 || c <= b || d < 0 || c + d > size) return fail("the signature's byte range is invalid");
  if (c + d != size)
    return fail("the signature does not cover the whole file: " + std::to_string(size - c - d) +
                " bytes were added after signing");
  if (file[static_cast<size_t>(b)] != '<' || file[static_cast<size_t>(c - 1)] != '>')
    return fail("the signature's byte range does not leave out exactly the signature");
  std::string der;
  for (long long i = b + 1; i + 1 < c - 1; i += 2) {
    const char pair[3] = {file[static_cast<size_t>(i)], file[static_cast<size_t>(i + 1)], 0};
    der.push_back(static_cast<char>(std::strtol(pair, nullptr, 16)));
  }
  const std::string data = file.substr(0, static_cast<size_t>(b)) + file.substr(static_cast<size_t>(c));

  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size()));
  if (cms == nullptr) return fail("the signature is not a CMS signature");
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  if (sk_CMS_SignerInfo_num(infos) != 1) {
    CMS_ContentInfo_free(cms);
    return fail("the signature must have exactly one signer");
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  // The digest first: it tells "changed after signing" apart from a bad certificate.
  X509_ALGOR* digest_alg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, nullptr);
  const EVP_MD* md = EVP_get_digestbyobj(digest_alg->algorithm);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned hash_len = 0;
  auto* signed_digest = static_cast<ASN1_OCTET_STRING*>(
      CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (md == nullptr || EVP_Digest(data.data(), data.size(), hash, &hash_len, md, nullptr) != 1 ||
      signed_digest == nullptr || static_cast<unsigned>(ASN1_STRING_length(signed_digest)) != hash_len ||
      std::memcmp(ASN1_STRING_get0_data(signed_digest), hash, hash_len) != 0) {
    CMS_ContentInfo_free(cms);
    return fail("the file was changed after it was signed (digest mismatch)");
  }
  if (auto* t = static_cast<ASN1_TIME*>(
          CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_signingTime), -3, V_ASN1_UTCTIME))) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) == 1) {
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
      check.signing_time = buf;
    }
  }
  // A timestamp, when there is one, must be over this signature value.
  const int ts_at = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
  if (ts_at >= 0) {
    X509_ATTRIBUTE* attr = CMS_unsigned_get_attr(si, ts_at);
    ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
    const ASN1_OCTET_STRING* signature_value = CMS_SignerInfo_get0_signature(si);
    if (value != nullptr && value->type == V_ASN1_SEQUENCE) {
      const std::string token(reinterpret_cast<const char*>(value->value.sequence->data),
                              static_cast<size_t>(value->value.sequence->length));
      const auto* tp = reinterpret_cast<const unsigned char*>(token.data());
      PKCS7* p7 = d2i_PKCS7(nullptr, &tp, static_cast<long>(token.size()));
      unsigned char digest[EVP_MAX_MD_SIZE];
      unsigned digest_len = 0;
      EVP_Digest(ASN1_STRING_get0_data(signature_value), static_cast<size_t>(ASN1_STRING_length(signature_value)),
                 digest, &digest_len, EVP_sha256(), nullptr);
      TS_VERIFY_CTX* ts = TS_VERIFY_CTX_new();
      TS_VERIFY_CTX_set_flags(ts, TS_VFY_VERSION | TS_VFY_IMPRINT);
      auto* imprint = static_cast<unsigned char*>(OPENSSL_memdup(digest, digest_len));
      TS_VERIFY_CTX_set_imprint(ts, imprint, digest_len);
      const bool ts_ok = p7 != nullptr && TS_RESP_verify_token(ts, p7) == 1;
      TS_VERIFY_CTX_free(ts);
      PKCS7_free(p7);
      ERR_clear_error();
      if (!ts_ok) {
        CMS_ContentInfo_free(cms);
        return fail("the signature's timestamp is not for this signature");
      }
      check.timestamp = timestamp_token_time(token);
    }
  }
  X509_STORE* store = X509_STORE_new();
  const bool ca_loaded = X509_STORE_load_file(store, ca_pem.c_str()) == 1;
  BIO* content = BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
  const bool verified = ca_loaded && CMS_verify(cms, nullptr, store, content, nullptr, CMS_BINARY) == 1;
  const std::string errors = verified ? "" : openssl_errors();
  BIO_free(content);
  X509_STORE_free(store);
  if (STACK_OF(X509)* signers = CMS_get0_signers(cms); signers != nullptr && sk_X509_num(signers) > 0) {
    check.signer_subject = name_text(X509_get_subject_name(sk_X509_value(signers, 0)));
    sk_X509_free(signers);
  }
  CMS_ContentInfo_free(cms);
  if (!ca_loaded) return fail("the trusted CA certificate " + ca_pem.string() + " cannot be read");
  if (!verified) return fail("the signature or its certificate is not valid: " + errors);
  check.valid = true;
  return check;
}

}  // namespace berkas
