// Guarantees about the process environment that must hold before any
// library is loaded.
#pragma once

namespace berkas {

// Debian's libtesseract is built with OpenMP, which on a 2-core machine makes
// recognition 5-6x slower; libgomp reads OMP_THREAD_LIMIT only when it is
// loaded, so setting it from main() is too late. If the variable is not "1",
// this sets it and re-executes the current program (once). Returns only when
// the environment is right. Parallelism comes from our own worker threads,
// one Tesseract engine each.
void ensure_single_threaded_openmp(char** argv);

// The thread limit the OpenMP runtime in this process actually uses.
int effective_openmp_thread_limit();

}  // namespace berkas
