#include "core/geometry/neighbours.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace esm {
namespace {

// Cell coordinates are clamped to 21 bits each so that a key is one 64-bit number; points beyond
// that (a million cells out) share edge cells, which costs time but never a pair.
constexpr std::int64_t kCellLimit = (1 << 20) - 1;

std::int64_t cellCoordinate(double x, double distance) {
    return std::clamp(std::int64_t(std::floor(std::clamp(x / distance, -1e9, 1e9))), -kCellLimit, kCellLimit);
}

std::uint64_t cellKey(std::int64_t x, std::int64_t y, std::int64_t z) {
    auto bits = [](std::int64_t c) { return std::uint64_t(c + kCellLimit + 1); };
    return bits(x) << 42 | bits(y) << 21 | bits(z);
}

} // namespace

void forEachPairCloserThan(const Points& points, double distance, const std::function<void(int, int)>& pair) {
    std::unordered_map<std::uint64_t, std::vector<int>> cells;
    std::vector<Eigen::Matrix<std::int64_t, 3, 1>> cellOf(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!usablePosition(points[i]))
            continue;
        for (int axis = 0; axis < 3; ++axis)
            cellOf[i][axis] = cellCoordinate(points[i][axis], distance);
        cells[cellKey(cellOf[i].x(), cellOf[i].y(), cellOf[i].z())].push_back(int(i));
    }
    const double squared = distance * distance;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!usablePosition(points[i]))
            continue;
        const auto& c = cellOf[i];
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy)
                for (std::int64_t dz = -1; dz <= 1; ++dz) {
                    const auto x = c.x() + dx, y = c.y() + dy, z = c.z() + dz;
                    if (std::max({std::abs(x), std::abs(y), std::abs(z)}) > kCellLimit)
                        continue;
                    const auto cell = cells.find(cellKey(x, y, z));
                    if (cell == cells.end())
                        continue;
                    for (int j : cell->second)
                        if (j > int(i) && (points[i] - points[std::size_t(j)]).squaredNorm() < squared)
                            pair(int(i), j);
                }
    }
}

} // namespace esm
