#include "core/process_env.hpp"

#include <omp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace berkas {

void ensure_single_threaded_openmp(char** argv) {
  const char* current = std::getenv("OMP_THREAD_LIMIT");
  if (current != nullptr && std::string_view(current) == "1") return;
  if (setenv("OMP_THREAD_LIMIT", "1", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // exec failed (no /proc?): go on, slower but correct.
  std::fprintf(stderr, "berkas: warning: could not restart with OMP_THREAD_LIMIT=1 (%s); OCR will be slow\n",
               std::strerror(errno));
}

int effective_openmp_thread_limit() { return omp_get_thread_limit(); }

}  // namespace berkas
