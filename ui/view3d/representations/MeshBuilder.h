// Triangle meshes for molecular geometry: vertices with normals, colours and the residue each
// belongs to (for picking), built from spheres, cylinders and swept cross-sections.
#pragma once

#include "ui/services/colouring/Colouring.h"

#include <Eigen/Core>

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <vector>

namespace esmui {

// A cross-section placed along a path: its centre, the directions of its width and thickness,
// its size, and what it shows.
struct SweepFrame {
    Eigen::Vector3d centre, widthAxis, thicknessAxis;
    double width = 0.6, thickness = 0.6;
    double squareness = 2; // superellipse exponent: 2 = ellipse, larger = boxier
    Rgb colour{200, 200, 200};
    int residue = -1;
};

class MeshBuilder {
  public:
    int addVertex(const Eigen::Vector3d& position, const Eigen::Vector3d& normal, const Rgb& colour,
                  int residue);
    void addTriangle(int a, int b, int c);

    void addSphere(const Eigen::Vector3d& centre, double radius, const Rgb& colour, int residue, int detail);
    void addCylinder(const Eigen::Vector3d& from, const Eigen::Vector3d& to, double radius, const Rgb& colour,
                     int residue, int sides, bool caps);
    // A closed tube through the frames, each cross-section with `sides` points.
    void addSweep(const std::vector<SweepFrame>& frames, int sides);

    std::size_t vertexCount() const { return positions_.size(); }
    // Point data: "Normals", "colours" (RGB) and "residue" (int, -1 for none).
    vtkSmartPointer<vtkPolyData> build() const;

  private:
    std::vector<Eigen::Vector3f> positions_, normals_;
    std::vector<Rgb> colours_;
    std::vector<int> residues_;
    std::vector<std::array<int, 3>> triangles_;
};

} // namespace esmui
