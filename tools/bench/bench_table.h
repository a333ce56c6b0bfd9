// A benchmark's results as text cells, printed by the CLI as a markdown table.
#pragma once

#include <string>
#include <vector>

namespace esm {

struct BenchTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> notes; // printed under the table

    std::string markdown() const;
};

// Median and sample standard deviation of timings, in the timings' unit.
struct TimingSummary {
    double median = 0, stddev = 0;
};
TimingSummary summarize(std::vector<double> samples);

std::string formatNumber(double value, int decimals);

} // namespace esm
