#include "core/error.hpp"

namespace berkas {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid argument";
    case ErrorCode::NotFound:
      return "not found";
    case ErrorCode::Io:
      return "i/o error";
    case ErrorCode::CorruptInput:
      return "corrupt input";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::LimitExceeded:
      return "limit exceeded";
    case ErrorCode::Database:
      return "database error";
    case ErrorCode::Internal:
      return "internal error";
  }
  return "error";
}

Error Error::with_context(std::string_view context) const { return Error(code_, std::string(context) + ": " + what()); }

int exit_status(ErrorCode code) { return code == ErrorCode::InvalidArgument ? 2 : 1; }

}  // namespace berkas
