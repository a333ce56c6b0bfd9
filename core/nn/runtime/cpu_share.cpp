#include "core/nn/runtime/cpu_share.h"

#include "core/nn/torch_includes.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace esm::nn {
namespace {

int coreCount() {
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// The aggregate "cpu" line of /proc/stat: total and busy clock ticks over all cores.
void readSystemTicks(std::uint64_t& total, std::uint64_t& busy) {
    std::ifstream stat("/proc/stat");
    std::string label;
    stat >> label;
    std::uint64_t value = 0, idle = 0;
    total = 0;
    for (int field = 0; field < 8 && stat >> value; ++field) {
        total += value;
        if (field == 3 || field == 4) // idle, iowait
            idle += value;
    }
    busy = total - std::min(total, idle);
}

// This process's user + system clock ticks (/proc/self/stat fields 14 and 15).
std::uint64_t readOwnTicks() {
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(line.substr(close + 2));
    std::string skip;
    for (int field = 3; field < 14; ++field)
        fields >> skip;
    std::uint64_t user = 0, system = 0;
    fields >> user >> system;
    return user + system;
}

} // namespace

CpuShare::CpuShare(int most) : most_(most > 0 ? most : coreCount()), cores_(coreCount()) {}

CpuShare::Sample CpuShare::sample() {
    Sample s;
    readSystemTicks(s.total, s.busy);
    s.own = readOwnTicks();
    return s;
}

int CpuShare::threads() {
    const Sample now = sample();
    if (current_ == 0) { // nothing measured yet
        last_ = now;
        return current_ = most_;
    }
    const std::uint64_t total = now.total - last_.total;
    // Too short an interval says nothing (ticks are 10 ms, summed over every core): keep the last
    // answer and go on measuring from the same start, so that calls between short steps (a trunk
    // block at 64 residues takes 30 ms) still add up to a measurement.
    if (total < std::uint64_t(10 * cores_))
        return current_;
    const double others =
        double(now.busy - last_.busy) - std::min(double(now.busy - last_.busy), double(now.own - last_.own));
    last_ = now;
    const double otherCores = others / double(total) * cores_;
    // A core counts as taken when another program used half of it or more: beside our threads the
    // scheduler gives a busy program only part of a core, 2/3 of one with 2 of ours on 2 cores.
    const int free = cores_ - static_cast<int>(std::floor(otherCores + 0.5));
    return current_ = std::clamp(free, 1, most_);
}

void adaptThreads(CpuShare& share) {
    const int wanted = share.threads();
    if (at::get_num_threads() != wanted)
        at::set_num_threads(wanted);
}

} // namespace esm::nn
