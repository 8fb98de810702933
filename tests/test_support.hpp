// What the integration tests share: running the berkas binary, and a
// private BERKAS_HOME per test with its embedded server cleaned up after.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "store/embedded_postgres.hpp"

#ifndef BERKAS_BINARY
#error "BERKAS_BINARY must be defined by the build"
#endif

namespace berkas {

namespace fs = std::filesystem;

struct CliResult {
  int status = -1;
  std::string output;
};

// The binary and the temporary home have plain paths, so a quoted shell
// command is safe here.
// merge_stderr=false: the caller's `args` redirect stderr themselves.
inline CliResult run_cli(const std::string& args, bool merge_stderr = true) {
  CliResult result;
  std::string command = std::string("'") + BERKAS_BINARY + "' " + args + (merge_stderr ? " 2>&1" : "");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  int wstatus = pclose(pipe);
  result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return result;
}

// Processes whose working directory is inside dir: what a test must not leave behind.
inline std::vector<pid_t> processes_inside(const fs::path& dir) {
  std::vector<pid_t> pids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code link_ec;
    const std::string cwd = fs::read_symlink(entry.path() / "cwd", link_ec).string();
    if (!link_ec && cwd.rfind(dir.string() + "/", 0) == 0) pids.push_back(std::stoi(name));
  }
  return pids;
}

inline long long count(pqxx::connection& conn, const std::string& query) {
  pqxx::work tx(conn);
  return tx.exec(query)[0][0].as<long long>();
}

// Each test gets its own BERKAS_HOME (and so its own cluster), stopped and
// deleted afterwards; no server process may outlive it.
class TempHomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/bks-XXXXXX";  // short: the socket path limit is 107 bytes
    ASSERT_NE(mkdtemp(pattern), nullptr);
    home_ = pattern;
    // As root the server runs as postgres, which must be able to enter it.
    ASSERT_EQ(chmod(home_.c_str(), 0755), 0);
    setenv("BERKAS_HOME", home_.c_str(), 1);
    unsetenv("BERKAS_DATABASE_URL");
  }

  void TearDown() override {
    // These homes are open to the postgres user: the cluster must live inside.
    const fs::path data = EmbeddedPostgres(home_).data_dir();
    EXPECT_EQ(data.string().rfind(home_.string() + "/", 0), 0u) << "cluster outside the test home: " << data;
    try {
      EmbeddedPostgres(home_).stop();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "stop in TearDown: " << e.what();
    }
    // A failed stop must not leave a server running on a deleted directory.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::vector<pid_t> left;
    while (!(left = processes_inside(home_)).empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(left.empty()) << left.size() << " server processes outlived the test";
    for (pid_t pid : left) kill(pid, SIGKILL);
    std::error_code ec;
    fs::remove_all(home_, ec);
    EXPECT_FALSE(ec) << "removing " << home_ << ": " << ec.message();
    unsetenv("BERKAS_HOME");
  }

  fs::path home_;
};

}  // namespace berkas
