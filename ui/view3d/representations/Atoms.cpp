// Atom representations: sticks (bonds split at the middle, each half in its atom's colour),
// ball-and-stick, and van der Waals spheres.
#include "ui/view3d/representations/Representations.h"

#include "core/structure/elements.h"

namespace esmui {
namespace {

constexpr double kStickRadius = 0.2;
constexpr double kThinStickRadius = 0.12;
constexpr double kBallScale = 0.25; // of the van der Waals radius

} // namespace

vtkSmartPointer<vtkPolyData> atomGeometry(const GeometryInput& in, const ResidueMask& residues, Style style) {
    const esm::Structure& s = in.structure;
    MeshBuilder mesh;
    // Fewer facets for big selections keep the view interactive.
    int drawn = 0;
    for (int a = 0; a < s.atomCount(); ++a)
        drawn += residues[std::size_t(s.atomResidue(a))];
    const int detail = in.detail == Detail::Interactive ? 3 : drawn > 20000 ? 4 : drawn > 5000 ? 6 : 8;
    const int sides = in.detail == Detail::Interactive ? 4 : detail + 2;

    auto shown = [&](int atom) { return residues[std::size_t(s.atomResidue(atom))]; };
    for (int a = 0; a < s.atomCount(); ++a) {
        if (!shown(a))
            continue;
        const auto& colour = in.atomColours[std::size_t(a)];
        const int residue = s.atomResidue(a);
        const double vdw = esm::elementProperties(s.element(a)).vanDerWaalsRadius;
        if (style == Style::Spheres)
            mesh.addSphere(s.position(a), vdw, colour, residue, detail);
        else if (style == Style::BallAndStick)
            mesh.addSphere(s.position(a), kBallScale * vdw, colour, residue, detail);
        else // round joints between stick segments
            mesh.addSphere(s.position(a), kStickRadius, colour, residue, std::max(3, detail / 2));
    }
    if (style == Style::Spheres)
        return mesh.build();
    const double radius = style == Style::Sticks ? kStickRadius : kThinStickRadius;
    for (const auto& [a, b] : in.bonds) {
        if (!shown(a) || !shown(b))
            continue;
        const Eigen::Vector3d middle = (s.position(a) + s.position(b)) / 2;
        mesh.addCylinder(s.position(a), middle, radius, in.atomColours[std::size_t(a)], s.atomResidue(a),
                         sides, false);
        mesh.addCylinder(middle, s.position(b), radius, in.atomColours[std::size_t(b)], s.atomResidue(b),
                         sides, false);
    }
    return mesh.build();
}

} // namespace esmui
