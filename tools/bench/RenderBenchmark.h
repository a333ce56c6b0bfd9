// esmx bench render: how fast the 3D view builds and draws big structures with this machine's
// OpenGL (Mesa llvmpipe under Xvfb here), as a table of frames per second per representation.
#pragma once

#include "bench_table.h"

#include <QSize>

#include <vector>

namespace esmui {

struct RenderBenchOptions {
    std::vector<int> residues{1000}; // structure sizes, built from copies of a real protein
    std::vector<QString> styles{"cartoon"};
    int frames = 60; // frames drawn while turning the molecule
    QSize size{1280, 800};
};

// Needs a QApplication and a display (xvfb-run on a headless machine).
esm::BenchTable benchRender(const RenderBenchOptions& options);

} // namespace esmui
