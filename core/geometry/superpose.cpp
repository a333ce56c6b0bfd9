#include "core/geometry/superpose.h"

#include "core/base/error.h"

#include <Eigen/LU>
#include <Eigen/SVD>

#include <cmath>

namespace esm {

bool usablePosition(const Eigen::Vector3d& p) {
    return std::isfinite(4 * p.squaredNorm());
}

void requireUsableCoordinates(const Points& points, const char* what) {
    for (std::size_t i = 0; i < points.size(); ++i)
        if (!usablePosition(points[i]))
            throw Error(std::string(what) + " point " + std::to_string(i + 1) +
                        " has a coordinate that is not a finite number of Å, or is too large to measure");
}

Superposition kabsch(const Points& mobile, const Points& target, const std::vector<int>& use) {
    if (mobile.size() != target.size())
        throw Error("superposition needs paired points (" + std::to_string(mobile.size()) + " against " +
                    std::to_string(target.size()) + ")");
    std::vector<int> all;
    const std::vector<int>* pairs = &use;
    if (use.empty()) {
        for (int i = 0; i < int(mobile.size()); ++i)
            all.push_back(i);
        pairs = &all;
    }
    if (pairs->empty())
        return {};
    Eigen::Vector3d cm = Eigen::Vector3d::Zero(), ct = Eigen::Vector3d::Zero();
    for (int i : *pairs) {
        cm += mobile[std::size_t(i)];
        ct += target[std::size_t(i)];
    }
    cm /= double(pairs->size());
    ct /= double(pairs->size());
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
    for (int i : *pairs)
        covariance += (mobile[std::size_t(i)] - cm) * (target[std::size_t(i)] - ct).transpose();
    const Eigen::JacobiSVD<Eigen::Matrix3d> svd(covariance, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
    // A reflection is not a rigid motion: flip the smallest axis instead.
    if ((svd.matrixV() * svd.matrixU().transpose()).determinant() < 0)
        d(2, 2) = -1;
    Superposition s;
    s.rotation = svd.matrixV() * d * svd.matrixU().transpose();
    s.translation = ct - s.rotation * cm;
    return s;
}

double rmsd(const Points& mobile, const Points& target, const Superposition& s) {
    if (mobile.empty())
        return 0;
    double sum = 0;
    for (std::size_t i = 0; i < mobile.size(); ++i)
        sum += (s.apply(mobile[i]) - target[i]).squaredNorm();
    return std::sqrt(sum / double(mobile.size()));
}

} // namespace esm
