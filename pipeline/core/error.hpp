// The one error type of berkas: a small closed set of codes that map to CLI
// exit statuses (and later HTTP statuses), plus a message that gains context
// ("page 3 of scan.pdf: ...") as it travels up.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace berkas {

enum class ErrorCode {
  InvalidArgument,  // the caller asked for something malformed
  NotFound,         // a file, case or record that does not exist
  Io,               // reading or writing failed
  CorruptInput,     // the bytes are not what they claim to be
  Unsupported,      // a well-formed input we do not handle
  LimitExceeded,    // too large, too many pages, too long
  Database,         // the store refused or is unreachable
  Internal,         // a bug: should never reach a user
};

std::string_view to_string(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

  ErrorCode code() const { return code_; }

  // A copy of this error with "context: " put in front of the message.
  Error with_context(std::string_view context) const;

 private:
  ErrorCode code_;
};

// Exit status of the CLI for an error: 2 for a bad invocation, 1 otherwise.
int exit_status(ErrorCode code);

}  // namespace berkas
