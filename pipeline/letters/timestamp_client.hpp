// RFC 3161 timestamps for signatures (PAdES B-T): asks a timestamp
// authority over HTTP to sign the hash of a signature value, and checks that
// the answer is for that hash and that request.
#pragma once

#include <string>

namespace berkas {

// The DER TimeStampToken for `signature_value` from the authority at `url`
// (http://host:port/path). Throws berkas::Error naming the authority and
// the reason when it cannot be reached or answers wrongly.
std::string fetch_timestamp_token(const std::string& url, const std::string& signature_value);

// The time a DER TimeStampToken states, UTC "YYYY-MM-DD HH:MM:SS", or ""
// when it cannot be read.
std::string timestamp_token_time(const std::string& token_der);

// $BERKAS_TSA_URL, or "" when letters are not to be timestamped.
std::string configured_timestamp_authority();

}  // namespace berkas
