// Cartoon and trace: a Catmull-Rom spline through the Cα atoms, oriented by the carbonyl
// directions as PyMOL and ChimeraX orient it; helices as ribbons (or cylinders), strands as arrows,
// loops as tubes.
#include "ui/view3d/representations/Representations.h"

#include <Eigen/Geometry>

#include <cmath>

namespace esmui {
namespace {

using Vec = Eigen::Vector3d;

enum class Kind { Loop, Helix, Strand };

Kind kindOf(char ss) {
    switch (ss) {
    case 'H':
    case 'G':
    case 'I':
        return Kind::Helix;
    case 'E':
        return Kind::Strand;
    default:
        return Kind::Loop;
    }
}

constexpr double kMaxCaGap = 4.3; // Å between consecutive Cα of one chain
constexpr double kTubeRadius = 0.3;
constexpr double kTraceRadius = 0.35;

// Runs of drawable residues: polymer residues with a Cα, consecutive and not broken.
std::vector<std::vector<int>> backboneSegments(const esm::Structure& s, const ResidueMask& mask) {
    std::vector<std::vector<int>> segments;
    for (int c = 0; c < s.chainCount(); ++c) {
        std::vector<int> current;
        int previousCa = -1;
        for (int r : s.polymerResidues(c)) {
            const int ca = s.findAtom(r, "CA");
            const bool drawn = ca >= 0 && mask[std::size_t(r)];
            const bool joined =
                drawn && previousCa >= 0 && (s.position(ca) - s.position(previousCa)).norm() < kMaxCaGap;
            if (!joined && !current.empty()) {
                segments.push_back(current);
                current.clear();
            }
            if (drawn)
                current.push_back(r);
            previousCa = drawn ? ca : -1;
        }
        if (!current.empty())
            segments.push_back(current);
    }
    return segments;
}

struct Sample {
    Vec position, tangent, guide;
    double u; // position along the segment in residues (0 = first Cα)
};

Vec catmullRom(const Vec& p0, const Vec& p1, const Vec& p2, const Vec& p3, double t) {
    const double t2 = t * t, t3 = t2 * t;
    return 0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 +
                  (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
}

class BackboneBuilder {
  public:
    BackboneBuilder(const GeometryInput& in, const std::vector<int>& residues, bool trace)
        : in_(in), residues_(residues), trace_(trace) {
        const auto& s = in.structure;
        for (std::size_t i = 0; i < residues.size(); ++i) {
            const int r = residues[i];
            kinds_.push_back(trace ? Kind::Loop : kindOf(in.secondaryStructure[std::size_t(r)]));
            points_.push_back(s.position(s.findAtom(r, "CA")));
            const int c = s.findAtom(r, "C"), o = s.findAtom(r, "O");
            Vec guide = c >= 0 && o >= 0 ? Vec(s.position(o) - s.position(c)) : Vec::UnitZ();
            if (!guides_.empty() && guide.dot(guides_.back()) < 0)
                guide = -guide; // carbonyls alternate along strands; keep the ribbon from twisting
            guides_.push_back(guide.normalized());
        }
        smoothStrands();
    }

    void build(MeshBuilder& mesh, HelixStyle helices) {
        const std::vector<Sample> samples = sampleSpline();
        std::vector<SweepFrame> frames;
        auto flush = [&] {
            mesh.addSweep(frames, in_.detail == Detail::Interactive ? 6 : trace_ ? 10 : 14);
            frames.clear();
        };
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const Sample& sample = samples[k];
            const int index = std::clamp(int(std::lround(sample.u)), 0, int(residues_.size()) - 1);
            if (helices == HelixStyle::Cylinder && inCylinder(index)) {
                if (!frames.empty()) {
                    frames.push_back(frame(sample, index));
                    flush();
                }
                continue;
            }
            if (frames.empty() && k > 0 && helices == HelixStyle::Cylinder)
                frames.push_back(frame(samples[k - 1], index));
            addFrames(frames, sample, index);
        }
        flush();
        if (helices == HelixStyle::Cylinder)
            addHelixCylinders(mesh);
    }

  private:
    // Strand Cα zig-zag (the pleat) smoothed out, as cartoons draw it.
    void smoothStrands() {
        std::vector<Vec> smoothed = points_;
        for (std::size_t i = 1; i + 1 < points_.size(); ++i)
            if (kinds_[i] == Kind::Strand && kinds_[i - 1] == Kind::Strand && kinds_[i + 1] == Kind::Strand)
                smoothed[i] = (points_[i - 1] + 2 * points_[i] + points_[i + 1]) / 4;
        points_ = smoothed;
    }

    std::vector<Sample> sampleSpline() const {
        const int n = int(points_.size());
        auto point = [&](int i) -> Vec {
            if (i < 0)
                return n > 1 ? Vec(2 * points_[0] - points_[1]) : points_[0];
            if (i >= n)
                return n > 1 ? Vec(2 * points_[n - 1] - points_[n - 2]) : points_[n - 1];
            return points_[std::size_t(i)];
        };
        std::vector<Sample> samples;
        // Fewer spline samples for big structures keep the view interactive.
        const int residueCount = int(in_.secondaryStructure.size());
        const int perResidue = in_.detail == Detail::Interactive ? 3
                               : residueCount > 3000             ? 3
                               : residueCount > 1000             ? 5
                                                                 : 8;
        for (int i = 0; i + 1 < n; ++i)
            for (int k = 0; k < perResidue; ++k) {
                const double t = double(k) / perResidue;
                const Vec guide = ((1 - t) * guides_[std::size_t(i)] + t * guides_[std::size_t(i + 1)]);
                samples.push_back({catmullRom(point(i - 1), point(i), point(i + 1), point(i + 2), t),
                                   Vec::Zero(), guide, i + t});
            }
        samples.push_back({points_.back(), Vec::Zero(), guides_.back(), double(n - 1)});
        if (samples.size() == 1) // a lone residue: a short stub along its guide
            samples.push_back({points_.back() + 0.5 * guides_.back().cross(Vec::UnitX()).normalized(),
                               Vec::Zero(), guides_.back(), double(n - 1)});
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const Vec ahead = samples[std::min(k + 1, samples.size() - 1)].position;
            const Vec behind = samples[k > 0 ? k - 1 : 0].position;
            samples[k].tangent = (ahead - behind).normalized();
        }
        return samples;
    }

    // Width and thickness of a residue's cross-section.
    SweepFrame frame(const Sample& sample, int index) const {
        SweepFrame f;
        f.centre = sample.position;
        Vec width = sample.guide - sample.guide.dot(sample.tangent) * sample.tangent;
        if (width.norm() < 1e-6)
            width = sample.tangent.cross(Vec::UnitZ());
        f.widthAxis = width.normalized();
        f.thicknessAxis = sample.tangent.cross(f.widthAxis).normalized();
        const int r = residues_[std::size_t(index)];
        f.colour = in_.residueColours[std::size_t(r)];
        f.residue = r;
        switch (kinds_[std::size_t(index)]) {
        case Kind::Loop:
            f.width = f.thickness = 2 * (trace_ ? kTraceRadius : kTubeRadius);
            break;
        case Kind::Helix:
            f.width = 1.8;
            f.thickness = 0.35;
            break;
        case Kind::Strand:
            f.width = 1.6;
            f.thickness = 0.45;
            f.squareness = 6;
            break;
        }
        return f;
    }

    bool strandEnds(int index) const {
        return kinds_[std::size_t(index)] == Kind::Strand &&
               (index + 1 == int(kinds_.size()) || kinds_[std::size_t(index + 1)] != Kind::Strand);
    }

    // The frame of a sample, with an arrowhead over a strand's last residue and short blends where
    // the kind of secondary structure changes.
    void addFrames(std::vector<SweepFrame>& frames, const Sample& sample, int index) const {
        SweepFrame f = frame(sample, index);
        const double fromBoundary = sample.u - (index - 0.5);
        if (strandEnds(index) && fromBoundary >= 0) {
            if (!frames.empty() && frames.back().width < 2.0 && frames.back().squareness == f.squareness &&
                frame(sample, std::max(0, index - 1)).squareness == f.squareness) {
                SweepFrame base = f; // the arrow's back face
                base.width = frames.back().width;
                frames.push_back(base);
            }
            f.width = std::max(0.2, 2.6 * (1.0 - fromBoundary));
        } else if (index > 0 && fromBoundary < 0.3 &&
                   kinds_[std::size_t(index - 1)] != kinds_[std::size_t(index)] && !strandEnds(index - 1)) {
            const SweepFrame before = frame(sample, index - 1);
            const double t = 0.5 + fromBoundary / 0.6; // 0.5 at the boundary, 1 after 0.3 residues
            f.width = before.width + (f.width - before.width) * t;
            f.thickness = before.thickness + (f.thickness - before.thickness) * t;
        }
        frames.push_back(f);
    }

    // Helix runs of at least four residues are drawn as cylinders in cylinder mode.
    std::vector<std::pair<int, int>> helixRuns() const {
        std::vector<std::pair<int, int>> runs;
        for (int i = 0; i < int(kinds_.size());) {
            int j = i;
            while (j < int(kinds_.size()) && kinds_[std::size_t(j)] == Kind::Helix)
                ++j;
            if (j - i >= 4)
                runs.emplace_back(i, j - 1);
            i = std::max(j, i + 1);
        }
        return runs;
    }

    bool inCylinder(int index) const {
        for (auto [first, last] : helixRuns())
            if (index > first && index < last)
                return true;
        return false;
    }

    void addHelixCylinders(MeshBuilder& mesh) const {
        for (auto [first, last] : helixRuns()) {
            // The axis through the centres of successive helical turns (four Cα at a time).
            std::vector<Vec> centres;
            for (int i = first; i + 3 <= last; ++i)
                centres.push_back((points_[std::size_t(i)] + points_[std::size_t(i + 1)] +
                                   points_[std::size_t(i + 2)] + points_[std::size_t(i + 3)]) /
                                  4);
            const Vec axis = (centres.back() - centres.front()).normalized();
            const Vec start = centres.front() - 1.5 * axis, end = centres.back() + 1.5 * axis;
            const int middle = residues_[std::size_t((first + last) / 2)];
            mesh.addCylinder(start, end, 2.2, in_.residueColours[std::size_t(middle)], middle, 24, true);
        }
    }

    const GeometryInput& in_;
    const std::vector<int>& residues_;
    bool trace_;
    std::vector<Kind> kinds_;
    std::vector<Vec> points_, guides_;
};

vtkSmartPointer<vtkPolyData> backbone(const GeometryInput& input, const ResidueMask& residues, bool trace,
                                      HelixStyle helices) {
    MeshBuilder mesh;
    for (const auto& segment : backboneSegments(input.structure, residues))
        BackboneBuilder(input, segment, trace).build(mesh, trace ? HelixStyle::Ribbon : helices);
    return mesh.build();
}

} // namespace

vtkSmartPointer<vtkPolyData> cartoonGeometry(const GeometryInput& input, const ResidueMask& residues,
                                             HelixStyle helices) {
    return backbone(input, residues, false, helices);
}

vtkSmartPointer<vtkPolyData> traceGeometry(const GeometryInput& input, const ResidueMask& residues) {
    return backbone(input, residues, true, HelixStyle::Ribbon);
}

} // namespace esmui
