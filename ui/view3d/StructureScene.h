// The VTK scene of one structure: representation actors built from display settings, the
// selection highlight, and the pLDDT legend. Knows nothing of widgets.
#pragma once

#include "ui/services/colouring/Colouring.h"
#include "ui/view3d/PlddtKey.h"
#include "ui/view3d/representations/Representations.h"

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>

#include <memory>
#include <optional>
#include <vector>

namespace esmui {

struct DisplaySettings {
    Style style = Style::Cartoon;           // of the polymer
    int conformer = 0;                      // which conformer (NMR model) of an ensemble is drawn
    std::optional<ColorScheme> colorScheme; // default: by pLDDT for predictions, else by chain
    Rgb singleColour{200, 200, 200};
    HelixStyle helixStyle = HelixStyle::Ribbon;
    bool showLigands = true;
    bool showWaters = false;
    bool showLegend = true;            // the pLDDT key, when colouring by pLDDT
    std::vector<double> residueValues; // for ColorScheme::Values, per structure residue
    double valueLimit = 20;            // ColorScheme::Values: the colour scale's ends, ±
    // Further residues drawn in another style too, e.g. a selection as sticks over the cartoon.
    std::vector<std::pair<Style, std::vector<int>>> extraLayers;

    bool operator==(const DisplaySettings&) const = default;
};

class StructureScene {
  public:
    explicit StructureScene(vtkRenderer* renderer);
    ~StructureScene();

    // Rebuilds every actor; the structure is kept (shared) for picking and highlighting.
    void show(std::shared_ptr<const esm::Structure> structure, const DisplaySettings& settings);
    void clear();
    void setHighlighted(const std::vector<int>& residues);
    const std::vector<int>& highlighted() const { return highlighted_; }
    // Residues named in the view ("LYS 48 A"), at their Cα, facing the camera.
    void setLabelled(const std::vector<int>& residues);
    const std::vector<int>& labelled() const { return labelled_; }
    // Residues the edited sequence has changed (substituted), drawn as magenta sticks.
    void setMarked(const std::vector<int>& residues);
    const std::vector<int>& marked() const { return marked_; }
    // Draws the coarse meshes (big structures only) while the user turns the view.
    void setInteractive(bool interactive);
    // Size of the pLDDT key relative to the screen: figures at high resolution scale it up.
    void setKeyScale(double scale);
    // What the pLDDT key names: the structure it colours and those drawn beside it.
    void setKeyContents(KeyContents contents);
    const KeyContents& keyContents() const { return keyContents_; }

    const esm::Structure* structure() const { return structure_.get(); }
    const std::shared_ptr<const esm::Structure>& sharedStructure() const { return structure_; }
    const DisplaySettings& settings() const { return settings_; }
    ColorScheme effectiveScheme() const;
    // The distinct colours its polymer residues are drawn in (and every pLDDT band, which the key
    // shows): what other structures must not look like.
    const std::vector<Rgb>& paletteInUse() const { return paletteInUse_; }
    // Triangles in the representation actors (the coarse ones when `interactive`), for benchmarks.
    long long triangleCount(bool interactive) const;
    const std::vector<char>& secondaryStructure() const { return secondaryStructure_; }
    // The drawn atom nearest `point` within `maxDistance` Å, or -1.
    int atomNear(const Eigen::Vector3d& point, double maxDistance) const;
    // Measured distances between atom pairs: a line and its length in Å.
    void setDistances(const std::vector<std::pair<int, int>>& atomPairs);
    const std::vector<std::pair<int, int>>& distances() const { return distances_; }
    // Bounding box of the drawn atoms (or of `residues` when given): xmin, xmax, ymin, ...
    std::array<double, 6> bounds(const std::vector<int>& residues = {}) const;
    // A sphere holding every drawn atom: the centre of their box and the farthest atom's distance.
    std::pair<Eigen::Vector3d, double> boundingSphere() const;

  private:
    struct Layers {
        const ResidueMask &polymer, &ligands, &waters;
    };
    std::vector<vtkSmartPointer<vtkActor>> buildActors(const GeometryInput& input, const Layers& layers);
    vtkSmartPointer<vtkActor> addActor(vtkSmartPointer<vtkPolyData> mesh);
    void updateLegend();

    vtkRenderer* renderer_;
    std::shared_ptr<const esm::Structure> structure_;
    DisplaySettings settings_;
    std::vector<char> secondaryStructure_;
    std::vector<Rgb> paletteInUse_;
    std::vector<std::pair<int, int>> bonds_;
    std::vector<bool> drawnResidues_;
    std::vector<vtkSmartPointer<vtkActor>> actors_, coarseActors_;
    // Sticks over the residues of a selection or of the sequence's changes, in one colour.
    vtkSmartPointer<vtkActor> residueSticks(const std::vector<int>& residues, Rgb colour) const;
    // A sphere on each residue's Cα, for the residues the sequence changed.
    vtkSmartPointer<vtkActor> residueMarkers(const std::vector<int>& residues, Rgb colour) const;
    // Text at a point of the molecule, drawn over it; added to the renderer.
    vtkSmartPointer<vtkTextActor> overlayLabel(const Eigen::Vector3d& at, const std::string& text,
                                               const std::array<double, 3>& colour) const;
    void replaceActor(vtkSmartPointer<vtkActor>& actor, vtkSmartPointer<vtkActor> replacement);
    void removeProps(std::vector<vtkSmartPointer<vtkProp>>& props);

    vtkSmartPointer<vtkActor> highlight_, marks_;
    std::vector<int> highlighted_, marked_, labelled_;
    std::vector<vtkSmartPointer<vtkProp>> labels_, distanceProps_;
    std::vector<std::pair<int, int>> distances_;
    vtkSmartPointer<vtkActor2D> legend_;
    double keyScale_ = 1.0;
    KeyContents keyContents_;
};

} // namespace esmui
