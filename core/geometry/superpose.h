// Optimal rigid superposition of paired points (Kabsch 1976): the rotation and translation that
// move `mobile` onto `target` with the least root-mean-square deviation.
#pragma once

#include <Eigen/Core>

#include <vector>

namespace esm {

using Points = std::vector<Eigen::Vector3d>;

struct Superposition {
    Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
    Eigen::Vector3d translation = Eigen::Vector3d::Zero();

    Eigen::Vector3d apply(const Eigen::Vector3d& p) const { return rotation * p + translation; }
};

// False when a coordinate is NaN or infinite, or so large that a distance would overflow: the
// searches here need every distance to be a number.
bool usablePosition(const Eigen::Vector3d& p);

// Error naming `what` and the point when one is not a usable position.
void requireUsableCoordinates(const Points& points, const char* what);

// Over the pairs (mobile[i], target[i]); `use` (when given) picks which pairs count.
Superposition kabsch(const Points& mobile, const Points& target, const std::vector<int>& use = {});

// Root-mean-square distance after applying `s` to mobile.
double rmsd(const Points& mobile, const Points& target, const Superposition& s);

} // namespace esm
