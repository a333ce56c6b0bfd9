#include "ui/view3d/representations/MeshBuilder.h"

#include <Eigen/Geometry>

#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkIntArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkUnsignedCharArray.h>

#include <cmath>

namespace esmui {
namespace {

// Two unit vectors perpendicular to `axis` and to each other.
std::pair<Eigen::Vector3d, Eigen::Vector3d> perpendiculars(const Eigen::Vector3d& axis) {
    const Eigen::Vector3d helper =
        std::abs(axis.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
    const Eigen::Vector3d u = axis.cross(helper).normalized();
    return {u, axis.cross(u).normalized()};
}

// Point and outward normal of a superellipse |x/a|^n + |y/b|^n = 1 at angle theta.
std::pair<Eigen::Vector2d, Eigen::Vector2d> profilePoint(double theta, double a, double b, double n) {
    const double c = std::cos(theta), s = std::sin(theta);
    auto signedPower = [](double v, double p) { return std::copysign(std::pow(std::abs(v), p), v); };
    const double e = 2.0 / n;
    const Eigen::Vector2d point(a * signedPower(c, e), b * signedPower(s, e));
    // Gradient of the implicit function gives the normal.
    Eigen::Vector2d normal(signedPower(point.x() / a, n - 1) / a, signedPower(point.y() / b, n - 1) / b);
    if (normal.norm() < 1e-12)
        normal = Eigen::Vector2d(c, s);
    return {point, normal.normalized()};
}

} // namespace

int MeshBuilder::addVertex(const Eigen::Vector3d& position, const Eigen::Vector3d& normal, const Rgb& colour,
                           int residue) {
    positions_.push_back(position.cast<float>());
    normals_.push_back(normal.cast<float>());
    colours_.push_back(colour);
    residues_.push_back(residue);
    return static_cast<int>(positions_.size()) - 1;
}

void MeshBuilder::addTriangle(int a, int b, int c) {
    triangles_.push_back({a, b, c});
}

void MeshBuilder::addSphere(const Eigen::Vector3d& centre, double radius, const Rgb& colour, int residue,
                            int detail) {
    const int rings = std::max(3, detail), segments = 2 * rings;
    const int first = static_cast<int>(positions_.size());
    for (int i = 0; i <= rings; ++i) {
        const double phi = M_PI * i / rings;
        for (int j = 0; j < segments; ++j) {
            const double theta = 2 * M_PI * j / segments;
            const Eigen::Vector3d n(std::sin(phi) * std::cos(theta), std::sin(phi) * std::sin(theta),
                                    std::cos(phi));
            addVertex(centre + radius * n, n, colour, residue);
        }
    }
    for (int i = 0; i < rings; ++i)
        for (int j = 0; j < segments; ++j) {
            const int a = first + i * segments + j, b = first + i * segments + (j + 1) % segments;
            const int c = a + segments, d = b + segments;
            if (i > 0)
                addTriangle(a, c, b);
            if (i + 1 < rings)
                addTriangle(b, c, d);
        }
}

void MeshBuilder::addCylinder(const Eigen::Vector3d& from, const Eigen::Vector3d& to, double radius,
                              const Rgb& colour, int residue, int sides, bool caps) {
    const Eigen::Vector3d axis = to - from;
    if (axis.norm() < 1e-9)
        return;
    const auto [u, v] = perpendiculars(axis.normalized());
    const int first = static_cast<int>(positions_.size());
    for (int j = 0; j < sides; ++j) {
        const double theta = 2 * M_PI * j / sides;
        const Eigen::Vector3d n = std::cos(theta) * u + std::sin(theta) * v;
        addVertex(from + radius * n, n, colour, residue);
        addVertex(to + radius * n, n, colour, residue);
    }
    for (int j = 0; j < sides; ++j) {
        const int a = first + 2 * j, b = first + 2 * ((j + 1) % sides);
        addTriangle(a, b, a + 1);
        addTriangle(b, b + 1, a + 1);
    }
    if (!caps)
        return;
    const Eigen::Vector3d direction = axis.normalized();
    for (const auto& [centre, normal] : {std::pair<Eigen::Vector3d, Eigen::Vector3d>{from, -direction},
                                         std::pair<Eigen::Vector3d, Eigen::Vector3d>{to, direction}}) {
        const int hub = addVertex(centre, normal, colour, residue);
        const int ring = static_cast<int>(positions_.size());
        for (int j = 0; j < sides; ++j) {
            const double theta = 2 * M_PI * j / sides;
            addVertex(centre + radius * (std::cos(theta) * u + std::sin(theta) * v), normal, colour, residue);
        }
        for (int j = 0; j < sides; ++j)
            normal.dot(axis) > 0 ? addTriangle(hub, ring + j, ring + (j + 1) % sides)
                                 : addTriangle(hub, ring + (j + 1) % sides, ring + j);
    }
}

void MeshBuilder::addSweep(const std::vector<SweepFrame>& frames, int sides) {
    if (frames.size() < 2)
        return;
    std::vector<int> starts;
    for (const auto& f : frames) {
        starts.push_back(static_cast<int>(positions_.size()));
        for (int j = 0; j < sides; ++j) {
            const double theta = 2 * M_PI * j / sides;
            const auto [p, n] = profilePoint(theta, f.width / 2, f.thickness / 2, f.squareness);
            const Eigen::Vector3d position = f.centre + p.x() * f.widthAxis + p.y() * f.thicknessAxis;
            const Eigen::Vector3d normal = (n.x() * f.widthAxis + n.y() * f.thicknessAxis).normalized();
            addVertex(position, normal, f.colour, f.residue);
        }
    }
    for (std::size_t k = 0; k + 1 < frames.size(); ++k)
        for (int j = 0; j < sides; ++j) {
            const int a = starts[k] + j, b = starts[k] + (j + 1) % sides;
            const int c = starts[k + 1] + j, d = starts[k + 1] + (j + 1) % sides;
            addTriangle(a, b, c);
            addTriangle(b, d, c);
        }
    // Close both ends with flat caps.
    for (const bool atStart : {true, false}) {
        const SweepFrame& f = atStart ? frames.front() : frames.back();
        const Eigen::Vector3d normal =
            f.widthAxis.cross(f.thicknessAxis).normalized() * (atStart ? -1.0 : 1.0);
        const int hub = addVertex(f.centre, normal, f.colour, f.residue);
        const int ring = starts[atStart ? 0 : starts.size() - 1];
        const int capRing = static_cast<int>(positions_.size());
        for (int j = 0; j < sides; ++j)
            addVertex(positions_[std::size_t(ring + j)].cast<double>(), normal, f.colour, f.residue);
        for (int j = 0; j < sides; ++j)
            atStart ? addTriangle(hub, capRing + (j + 1) % sides, capRing + j)
                    : addTriangle(hub, capRing + j, capRing + (j + 1) % sides);
    }
}

vtkSmartPointer<vtkPolyData> MeshBuilder::build() const {
    auto points = vtkSmartPointer<vtkPoints>::New();
    points->SetDataTypeToFloat();
    points->SetNumberOfPoints(static_cast<vtkIdType>(positions_.size()));
    auto normals = vtkSmartPointer<vtkFloatArray>::New();
    normals->SetName("Normals");
    normals->SetNumberOfComponents(3);
    normals->SetNumberOfTuples(static_cast<vtkIdType>(positions_.size()));
    auto colours = vtkSmartPointer<vtkUnsignedCharArray>::New();
    colours->SetName("colours");
    colours->SetNumberOfComponents(3);
    colours->SetNumberOfTuples(static_cast<vtkIdType>(positions_.size()));
    auto residues = vtkSmartPointer<vtkIntArray>::New();
    residues->SetName("residue");
    residues->SetNumberOfTuples(static_cast<vtkIdType>(positions_.size()));
    for (std::size_t i = 0; i < positions_.size(); ++i) {
        const auto id = static_cast<vtkIdType>(i);
        points->SetPoint(id, positions_[i].x(), positions_[i].y(), positions_[i].z());
        normals->SetTuple3(id, normals_[i].x(), normals_[i].y(), normals_[i].z());
        colours->SetTuple3(id, colours_[i][0], colours_[i][1], colours_[i][2]);
        residues->SetValue(id, residues_[i]);
    }
    auto cells = vtkSmartPointer<vtkCellArray>::New();
    cells->AllocateExact(static_cast<vtkIdType>(triangles_.size()),
                         static_cast<vtkIdType>(3 * triangles_.size()));
    for (const auto& t : triangles_) {
        const vtkIdType ids[3] = {t[0], t[1], t[2]};
        cells->InsertNextCell(3, ids);
    }
    auto polydata = vtkSmartPointer<vtkPolyData>::New();
    polydata->SetPoints(points);
    polydata->SetPolys(cells);
    polydata->GetPointData()->SetNormals(normals);
    polydata->GetPointData()->SetScalars(colours);
    polydata->GetPointData()->AddArray(residues);
    return polydata;
}

} // namespace esmui
