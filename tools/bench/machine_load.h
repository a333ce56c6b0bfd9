// What a benchmark measures against: this machine's own matmul rate, and a competing program.
#pragma once

#include "core/nn/torch_includes.h"

#include <sys/types.h>
#include <vector>

namespace esm {

// Dense matmul rate of this machine for `type` on the current threads: a 2048^3 product, median of
// five, in GFLOP/s.
double matmulGflops(at::ScalarType type);

// `processes` child processes that each keep one core busy (a stand-in for a build or a browser)
// until destroyed.
class BackgroundLoad {
  public:
    explicit BackgroundLoad(int processes);
    ~BackgroundLoad();
    BackgroundLoad(const BackgroundLoad&) = delete;
    BackgroundLoad& operator=(const BackgroundLoad&) = delete;

  private:
    std::vector<pid_t> children_;
};

} // namespace esm
