// Molecular representations as functions from a structure to triangle meshes (Avogadro's idiom:
// no widget knowledge): cartoon, backbone trace, sticks, ball-and-stick, van der Waals spheres,
// molecular surface.
#pragma once

#include "ui/services/document/ViewState.h"
#include "ui/view3d/representations/MeshBuilder.h"

#include <utility>
#include <vector>

namespace esmui {

enum class HelixStyle { Ribbon, Cylinder };

// Full detail for still pictures and figures; a coarse mesh drawn only while the user turns a big
// structure, so that it keeps up with the mouse under software OpenGL.
enum class Detail { Full, Interactive };

// What every representation needs, computed once per structure and colouring.
struct GeometryInput {
    const esm::Structure& structure;
    const std::vector<char>& secondaryStructure; // per residue
    const std::vector<Rgb>& residueColours;      // per residue
    const std::vector<Rgb>& atomColours;         // per atom
    const std::vector<std::pair<int, int>>& bonds;
    Detail detail = Detail::Full;
};

// The residues a layer draws: one flag per residue of the structure.
using ResidueMask = std::vector<bool>;

vtkSmartPointer<vtkPolyData> cartoonGeometry(const GeometryInput& input, const ResidueMask& residues,
                                             HelixStyle helices);
vtkSmartPointer<vtkPolyData> traceGeometry(const GeometryInput& input, const ResidueMask& residues);
vtkSmartPointer<vtkPolyData> atomGeometry(const GeometryInput& input, const ResidueMask& residues,
                                          Style style);
// The molecular surface of the residues' atoms (Surface.cpp).
vtkSmartPointer<vtkPolyData> surfaceGeometry(const GeometryInput& input, const ResidueMask& residues);

} // namespace esmui
