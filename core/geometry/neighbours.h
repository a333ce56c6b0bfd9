// Pairs of points closer than a distance, found through a grid of cells that wide: linear in the
// number of points at the densities of proteins, where comparing every pair is quadratic.
#pragma once

#include "core/geometry/superpose.h"

#include <functional>

namespace esm {

// Calls `pair(i, j)` (i < j) once for every two points closer than `distance` (> 0). Points that
// are not usable positions (NaN for a residue without the atom) take part in no pair.
void forEachPairCloserThan(const Points& points, double distance, const std::function<void(int, int)>& pair);

} // namespace esm
