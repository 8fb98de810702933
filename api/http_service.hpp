// `berkas serve`: the HTTP API for scanner stations, verifiers, approvers,
// archivists and admins (cpp-httplib, JSON; TLS when a certificate is
// configured). Every endpoint states which roles may call it (see
// docs/api.md); only /health, /verify/{id} and, when so configured,
// /metrics are public. Uploads are streamed to disk and stored in the
// database before they are acknowledged; reading happens in `berkas work`.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace berkas {

struct ServiceOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                          // 0: any free port
  std::filesystem::path tls_cert, tls_key;  // both set: HTTPS only
  uint64_t max_request_bytes = 1ull << 30;  // a whole upload
  int max_files_per_batch = 2000;
  int timeout_seconds = 120;  // reading or writing one request
  int threads = 16;           // requests served at once
  bool public_metrics = false;
  int session_hours = 10;        // a browser login
  int station_token_days = 365;  // a scanner station's token
};

// Serves until `stop` becomes true. Calls `on_listening` with the bound
// port once it accepts connections. Throws berkas::Error when it cannot
// bind or load the certificate.
void run_service(const ServiceOptions& options, const std::atomic<bool>& stop, std::ostream& log,
                 const std::function<void(int port)>& on_listening);

}  // namespace berkas
