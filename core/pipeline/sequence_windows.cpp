#include "core/pipeline/sequence_windows.h"

#include "core/base/error.h"

#include <algorithm>
#include <cmath>

namespace esm {
namespace {

constexpr double kRampSharpness = 16; // residues; esm-variants' s

double sigmoid(double x) {
    return 1 / (1 + std::exp(-x));
}

std::vector<std::pair<int, int>> windowRanges(int length, int window, int minOverlap) {
    std::vector<std::pair<int, int>> ranges;
    int lo = 0, hi = length;
    while (hi - lo > window) {
        ranges.emplace_back(lo, lo + window);
        ranges.emplace_back(hi - window, hi);
        lo += window - minOverlap;
        hi -= window - minOverlap;
    }
    const auto& left = ranges[ranges.size() - 2];
    const auto& right = ranges.back();
    if ((left.second - 1) - right.first < minOverlap) {
        const int middle = lo + (hi - lo) / 2;
        ranges.emplace_back(middle - window / 2, middle + window / 2);
    }
    std::sort(ranges.begin(), ranges.end());
    return ranges;
}

} // namespace

std::vector<SequenceWindow> tileSequence(int length, int window, int minOverlap) {
    if (window < 2 || minOverlap < 0 || minOverlap >= window)
        throw Error("sequence windows need 0 <= overlap < window, got window " + std::to_string(window) +
                    " and overlap " + std::to_string(minOverlap));
    if (length <= window)
        return {{0, length, std::vector<double>(std::size_t(length), 1.0)}};
    const auto ranges = windowRanges(length, window, minOverlap);
    const int ramp = int(std::lround(minOverlap / 2.0));
    std::vector<SequenceWindow> windows;
    std::vector<double> total(std::size_t(length), 0.0);
    for (const auto& [begin, end] : ranges) {
        SequenceWindow w{begin, end, std::vector<double>(std::size_t(end - begin), 1.0)};
        const int n = end - begin;
        for (int k = 0; k < std::min(ramp, n); ++k) {
            const double rise = sigmoid((k - ramp / 2.0) / kRampSharpness);
            if (begin > 0) // no ramp at the sequence's own ends
                w.weights[std::size_t(k)] *= rise;
            if (end < length)
                w.weights[std::size_t(n - ramp + k)] *= 1 - rise;
        }
        for (int k = 0; k < n; ++k)
            total[std::size_t(begin + k)] += w.weights[std::size_t(k)];
        windows.push_back(std::move(w));
    }
    for (auto& w : windows)
        for (int k = 0; k < w.end - w.begin; ++k)
            w.weights[std::size_t(k)] /= total[std::size_t(w.begin + k)];
    return windows;
}

} // namespace esm
