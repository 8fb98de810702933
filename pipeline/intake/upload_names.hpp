// The name a scanner station gave an uploaded file (a multipart filename or
// a ZIP entry's path), checked and normalised into the name berkas stores.
//
// The result is ONLY a label for the database (and for case assignment by
// folder): it is never used as a path on disk. Uploaded bytes are spooled
// under generated names (see zip_upload.hpp). The checks below still refuse
// anything that would be dangerous if someone did join it onto a folder, so
// that a label never looks like an escape.
#pragma once

#include <string>
#include <string_view>

namespace berkas {

// Longest accepted name, in bytes, as given (before normalisation).
inline constexpr std::size_t kMaxUploadNameBytes = 255;

// Normalises `name`:
//   - backslashes become '/';
//   - "." components and empty components are dropped ("./a//b/" -> "a/b"),
//     so a leading "./" disappears; folders are otherwise kept as given.
// Throws berkas::Error(InvalidArgument), with a message quoting the name
// (non-printable bytes escaped as \xNN), when the name is:
//   - empty, or names nothing once normalised ("." , "./");
//   - longer than kMaxUploadNameBytes bytes;
//   - not valid UTF-8 (overlong forms, surrogates and code points beyond
//     U+10FFFF included);
//   - carrying NUL or another control character (U+0000-U+001F, U+007F,
//     U+0080-U+009F) or a bidirectional override/isolate (U+202A-U+202E,
//     U+2066-U+2069), which would make a label display as something else;
//   - absolute: starting with '/' (or '\'), or with a drive letter ("C:");
//   - carrying a ".." component anywhere.
std::string checked_upload_name(std::string_view name);

}  // namespace berkas
