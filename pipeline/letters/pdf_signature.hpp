// Digital signatures of letters: PAdES-style CMS detached signatures
// (SHA-256, ETSI.CAdES.detached with the signing-certificate-v2 attribute)
// over the whole PDF, made with the signer's PKCS#12 key and certificate;
// and their verification against a trusted CA.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace PoDoFo {
class PdfMemDocument;
}

namespace berkas {

// A signer's key and certificate (and the chain that came with them).
class SigningIdentity {
 public:
  // Refuses, naming the file, when it is missing, the password is wrong, or
  // the certificate is expired or not yet valid.
  static SigningIdentity load_pkcs12(const std::filesystem::path& file, const std::string& password);
  ~SigningIdentity();
  SigningIdentity(SigningIdentity&&) noexcept;
  SigningIdentity& operator=(SigningIdentity&&) noexcept;

  // The same, kept open per process while the file is unchanged (opening a
  // PKCS#12 costs milliseconds of key derivation); still refused once expired.
  static std::shared_ptr<const SigningIdentity> open_cached(const std::filesystem::path& file,
                                                            const std::string& password);
  void check_valid_now() const;  // throws when expired or not yet valid

  std::string subject() const;  // e.g. "CN=dr. HENDRA WIJAYA, M.Kes, O=..., C=ID"
  // Refuses a certificate the office's CA did not issue (or not for signing).
  void check_issued_by(const std::filesystem::path& ca_pem) const;

  struct Parts;

 private:
  SigningIdentity();
  std::unique_ptr<Parts> parts_;
  friend std::string sign_pdf(const std::string&, const SigningIdentity&, const std::string&, const std::string&,
                              const std::function<void(PoDoFo::PdfMemDocument&)>&);
};

// Signs a PDF made by berkas (one page or more, not yet signed) with an
// incremental update; the signature covers the whole file. With a timestamp
// authority configured ($BERKAS_TSA_URL), the signature gets its RFC 3161
// timestamp (PAdES B-T); an authority that cannot be reached is an error. `edit`, when
// given, changes the document in the same update before it is signed.
std::string sign_pdf(const std::string& pdf, const SigningIdentity& signer, const std::string& reason,
                     const std::string& location, const std::function<void(PoDoFo::PdfMemDocument&)>& edit = {});

struct SignatureCheck {
  bool valid = false;
  std::string problem;         // why not, in English, one line
  std::string signer_subject;  // of the signing certificate
  std::string signing_time;    // as signed, UTC, "2026-11-24 08:15:02"
  std::string timestamp;       // a timestamp authority's time (PAdES B-T), UTC; "" when none
};

// Verifies the file's signature: whole file covered, digest, CMS signature,
// and the certificate chain up to `ca_pem`.
SignatureCheck verify_pdf_signature(const std::string& pdf, const std::filesystem::path& ca_pem);

}  // namespace berkas
