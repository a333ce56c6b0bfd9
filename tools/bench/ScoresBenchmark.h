// esmx bench scores: how long the heatmap takes to appear for a real model shape (random weights)
// through the same worker thread the GUI uses, and how long the UI thread's event loop stalls
// meanwhile (a 5 ms timer on the UI thread records the longest gap between its ticks).
#pragma once

#include "bench_table.h"

#include <string>
#include <vector>

namespace esmui {

struct ScoresBenchOptions {
    std::string config = "esm2_t33_650M"; // random weights of this shape, or:
    std::string modelFolder;              // a real model folder
    std::vector<int> lengths{300};
    std::vector<std::string> modes{"wt-marginal", "masked-marginal"};
    int batch = 8;              // masked copies per forward
    std::string dtype = "auto"; // as the GUI runs by default
    std::string scratch = "/tmp";
};

// Needs a QCoreApplication (no display).
esm::BenchTable benchScores(const ScoresBenchOptions& options);

} // namespace esmui
