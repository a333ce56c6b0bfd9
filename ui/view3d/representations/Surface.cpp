// A molecular surface as ChimeraX and VMD's QuickSurf draw it quickly: the level set of a smooth sum
// of atom densities, each reaching 1 at the atom's van der Waals radius, so that the surface hugs
// the atoms and fills the crevices between them. Vertices take the colour of the nearest atom's
// residue (by the atom's radius), so the surface is coloured like the cartoon.
#include "ui/view3d/representations/Representations.h"

#include "core/structure/elements.h"

#include <vtkFloatArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkIntArray.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>

#include <cmath>
#include <unordered_map>

namespace esmui {
namespace {

constexpr double kSharpness = 2.0; // larger: closer to the spheres, smaller: smoother
constexpr double kReach = 2.2;     // in radii: beyond it an atom adds nothing visible

struct SurfaceAtom {
    Eigen::Vector3d centre;
    double radius;
    int index;
};

double density(const SurfaceAtom& atom, const Eigen::Vector3d& point) {
    return std::exp(-kSharpness * ((point - atom.centre).squaredNorm() / (atom.radius * atom.radius) - 1));
}

// Atoms bucketed in cubes of `size` Å, to find those near a point.
class AtomGrid {
  public:
    AtomGrid(const std::vector<SurfaceAtom>& atoms, double size) : size_(size) {
        for (std::size_t i = 0; i < atoms.size(); ++i)
            cells_[key(cellOf(atoms[i].centre))].push_back(int(i));
    }
    template <typename Visit> void near(const Eigen::Vector3d& point, Visit&& visit) const {
        const Eigen::Vector3i c = cellOf(point);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy)
                for (int dz = -1; dz <= 1; ++dz)
                    if (auto it = cells_.find(key(c + Eigen::Vector3i(dx, dy, dz))); it != cells_.end())
                        for (int i : it->second)
                            visit(i);
    }

  private:
    Eigen::Vector3i cellOf(const Eigen::Vector3d& p) const {
        return (p / size_).array().floor().cast<int>().matrix();
    }
    static long long key(const Eigen::Vector3i& c) {
        return ((long long)(c.x() + (1 << 20)) << 42) | ((long long)(c.y() + (1 << 20)) << 21) |
               (c.z() + (1 << 20));
    }
    double size_;
    std::unordered_map<long long, std::vector<int>> cells_;
};

} // namespace

vtkSmartPointer<vtkPolyData> surfaceGeometry(const GeometryInput& input, const ResidueMask& residues) {
    const esm::Structure& s = input.structure;
    std::vector<SurfaceAtom> atoms;
    Eigen::Vector3d low = Eigen::Vector3d::Constant(1e300), high = -low;
    double largest = 0;
    for (int a = 0; a < s.atomCount(); ++a) {
        if (!residues[std::size_t(s.atomResidue(a))] || s.element(a) == "H")
            continue;
        const double radius = esm::elementProperties(s.element(a)).vanDerWaalsRadius;
        atoms.push_back({s.position(a), radius, a});
        low = low.cwiseMin(s.position(a));
        high = high.cwiseMax(s.position(a));
        largest = std::max(largest, radius);
    }
    if (atoms.empty())
        return vtkSmartPointer<vtkPolyData>::New();
    const double spacing = input.detail == Detail::Full ? 0.6 : 1.2;
    const double pad = largest * kReach + spacing;
    low -= Eigen::Vector3d::Constant(pad);
    high += Eigen::Vector3d::Constant(pad);
    const Eigen::Vector3i size =
        ((high - low) / spacing).array().ceil().cast<int>().matrix() + Eigen::Vector3i::Ones();
    auto grid = vtkSmartPointer<vtkImageData>::New();
    grid->SetDimensions(size.x(), size.y(), size.z());
    grid->SetOrigin(low.x(), low.y(), low.z());
    grid->SetSpacing(spacing, spacing, spacing);
    auto values = vtkSmartPointer<vtkFloatArray>::New();
    values->SetNumberOfTuples(vtkIdType(size.x()) * size.y() * size.z());
    values->FillValue(0.f);
    float* field = values->GetPointer(0);
    for (const SurfaceAtom& atom : atoms) {
        const double reach = atom.radius * kReach;
        const Eigen::Vector3i from =
            ((atom.centre.array() - reach - low.array()) / spacing).floor().cast<int>().max(0);
        const Eigen::Vector3i to =
            ((atom.centre.array() + reach - low.array()) / spacing).ceil().cast<int>().min(size.array() - 1);
        for (int z = from.z(); z <= to.z(); ++z)
            for (int y = from.y(); y <= to.y(); ++y)
                for (int x = from.x(); x <= to.x(); ++x) {
                    const Eigen::Vector3d point = low + spacing * Eigen::Vector3d(x, y, z);
                    field[(vtkIdType(z) * size.y() + y) * size.x() + x] += float(density(atom, point));
                }
    }
    grid->GetPointData()->SetScalars(values);
    vtkNew<vtkFlyingEdges3D> contour;
    contour->SetInputData(grid);
    contour->SetValue(0, 1.0);
    contour->ComputeNormalsOff();
    contour->ComputeScalarsOff();
    contour->Update();
    vtkSmartPointer<vtkPolyData> mesh = contour->GetOutput();

    // Normals from the density's gradient (outwards), colour and residue from the nearest atom.
    const AtomGrid near(atoms, largest * kReach);
    const vtkIdType count = mesh->GetNumberOfPoints();
    auto normals = vtkSmartPointer<vtkFloatArray>::New();
    normals->SetName("Normals");
    normals->SetNumberOfComponents(3);
    normals->SetNumberOfTuples(count);
    auto colours = vtkSmartPointer<vtkUnsignedCharArray>::New();
    colours->SetName("colours");
    colours->SetNumberOfComponents(3);
    colours->SetNumberOfTuples(count);
    auto residueOf = vtkSmartPointer<vtkIntArray>::New();
    residueOf->SetName("residue");
    residueOf->SetNumberOfTuples(count);
    for (vtkIdType v = 0; v < count; ++v) {
        double p[3];
        mesh->GetPoint(v, p);
        const Eigen::Vector3d point(p[0], p[1], p[2]);
        Eigen::Vector3d gradient = Eigen::Vector3d::Zero();
        int nearest = -1;
        double nearestScore = 1e300;
        near.near(point, [&](int i) {
            const SurfaceAtom& atom = atoms[std::size_t(i)];
            const Eigen::Vector3d offset = point - atom.centre;
            gradient += density(atom, point) * (-2 * kSharpness / (atom.radius * atom.radius)) * offset;
            if (const double score = offset.norm() / atom.radius; score < nearestScore) {
                nearestScore = score;
                nearest = atom.index;
            }
        });
        const Eigen::Vector3d normal =
            gradient.norm() > 0 ? Eigen::Vector3d(-gradient.normalized()) : Eigen::Vector3d::UnitZ();
        normals->SetTuple3(v, normal.x(), normal.y(), normal.z());
        // Residue colours, as the cartoon: a surface by chain or pLDDT shows no element patches.
        const Rgb colour =
            nearest >= 0 ? input.residueColours[std::size_t(s.atomResidue(nearest))] : Rgb{200, 200, 200};
        colours->SetTuple3(v, colour[0], colour[1], colour[2]);
        residueOf->SetValue(v, nearest >= 0 ? s.atomResidue(nearest) : -1);
    }
    mesh->GetPointData()->SetNormals(normals);
    mesh->GetPointData()->SetScalars(colours);
    mesh->GetPointData()->AddArray(residueOf);
    return mesh;
}

} // namespace esmui
