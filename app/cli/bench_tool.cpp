// esmx bench: the benchmarks are a separate program (tools/bench, which links the models and the
// 3D view that esmx does without); esmx runs it in its place with the same arguments.
#include "commands.h"

#include "core/base/error.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace cli {
namespace {

namespace fs = std::filesystem;

// Beside esmx in the build tree, in libexec in an installation.
fs::path benchTool() {
    std::error_code error;
    const fs::path bin = fs::read_symlink("/proc/self/exe", error).parent_path();
    for (const fs::path& candidate :
         {bin / "esmx-bench", bin / ".." / "libexec" / "esm-explorer" / "esmx-bench"})
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    throw esm::Error("esmx bench runs esmx-bench, which is neither beside " + bin.string() +
                     "/esmx nor in ../libexec/esm-explorer: build the esmx-bench target or reinstall");
}

} // namespace

int runBench(const Arguments& arguments) {
    const fs::path tool = benchTool();
    std::vector<std::string> words{tool.string()};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    std::fflush(nullptr);
    ::execv(tool.c_str(), argv.data());
    throw esm::Error("cannot run " + tool.string() + ": " + std::strerror(errno));
}

} // namespace cli
