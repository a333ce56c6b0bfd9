// How many cores other programs leave free, so a fold or a scoring run uses only those. OpenMP
// threads that wait for a core another program holds make every parallel region as slow as its
// slowest thread: beside a busy program, fewer threads finish sooner than all of them
// (docs/PERFORMANCE.md).
#pragma once

#include <cstdint>

namespace esm::nn {

class CpuShare {
  public:
    // Up to `most` threads (0: every core).
    explicit CpuShare(int most = 0);
    // Threads to use from now: the cores not used by other programs since the last measurement
    // (at least one, at most `most`). The first call, with nothing measured yet, gives `most`; a
    // call less than about 100 ms after the last measurement gives the last answer.
    int threads();

  private:
    struct Sample {
        std::uint64_t total = 0, busy = 0, own = 0;
    };
    static Sample sample();
    int most_, cores_;
    int current_ = 0; // the last answer; 0 before the first call
    Sample last_;
};

// Sets LibTorch's (and so OpenMP's and OpenBLAS's) thread count for the calling thread from `share`.
void adaptThreads(CpuShare& share);

} // namespace esm::nn
