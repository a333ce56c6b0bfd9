#include "machine_load.h"

#include "bench_table.h"

#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

namespace esm {

double matmulGflops(at::ScalarType type) {
    using Clock = std::chrono::steady_clock;
    const at::Tensor a = at::randn({2048, 2048}).to(type), b = at::randn({2048, 2048}).to(type);
    at::mm(a, b);
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        at::mm(a, b);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    return 2.0 * 2048.0 * 2048.0 * 2048.0 / summarize(times).median / 1e9;
}

BackgroundLoad::BackgroundLoad(int processes) {
    for (int i = 0; i < processes; ++i) {
        const pid_t child = ::fork();
        if (child == 0) {
            // Only arithmetic in the child: no allocation, no locks the parent's threads may hold.
            volatile double x = 1;
            for (;;)
                x = x * 1.0000001 + 1e-9;
        }
        if (child > 0)
            children_.push_back(child);
    }
}

BackgroundLoad::~BackgroundLoad() {
    for (pid_t child : children_) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }
}

} // namespace esm
