#include "structure/StructureScene.h"

#include "core/structure/bonds.h"
#include "core/structure/residue_names.h"
#include "core/structure/secondary_structure.h"

#include <vtkCellArray.h>
#include <vtkLegendBoxActor.h>
#include <vtkPoints.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

namespace esmui {
namespace {

constexpr Rgb kHighlight{124, 252, 0};

vtkSmartPointer<vtkPolyData> squareSymbol() {
    auto points = vtkSmartPointer<vtkPoints>::New();
    for (auto [x, y] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {1.0, 1.0}, {0.0, 1.0}})
        points->InsertNextPoint(x, y, 0);
    auto polys = vtkSmartPointer<vtkCellArray>::New();
    const vtkIdType ids[4] = {0, 1, 2, 3};
    polys->InsertNextCell(4, ids);
    auto square = vtkSmartPointer<vtkPolyData>::New();
    square->SetPoints(points);
    square->SetPolys(polys);
    return square;
}

} // namespace

StructureScene::StructureScene(vtkRenderer* renderer) : renderer_(renderer) {}

StructureScene::~StructureScene() { clear(); }

void StructureScene::clear() {
    for (auto& actor : actors_)
        renderer_->RemoveActor(actor);
    actors_.clear();
    if (highlight_)
        renderer_->RemoveActor(highlight_);
    highlight_ = nullptr;
    if (legend_)
        renderer_->RemoveActor2D(legend_);
    legend_ = nullptr;
}

ColorScheme StructureScene::effectiveScheme() const {
    return settings_.colorScheme.value_or(structure_ ? defaultScheme(*structure_) : ColorScheme::Chain);
}

void StructureScene::addActor(vtkSmartPointer<vtkPolyData> mesh, double opacity) {
    if (mesh->GetNumberOfPoints() == 0)
        return;
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(mesh);
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetInterpolationToPhong();
    actor->GetProperty()->SetSpecular(0.25);
    actor->GetProperty()->SetSpecularPower(30);
    actor->GetProperty()->SetOpacity(opacity);
    renderer_->AddActor(actor);
    actors_.push_back(actor);
}

void StructureScene::show(std::shared_ptr<const esm::Structure> structure, const DisplaySettings& settings) {
    clear();
    const bool newStructure = structure != structure_;
    structure_ = std::move(structure);
    settings_ = settings;
    if (!structure_)
        return;
    const esm::Structure& s = *structure_;
    if (newStructure) {
        secondaryStructure_ = esm::assignSecondaryStructure(s);
        bonds_ = esm::guessBonds(s);
    }
    // The first model only, as viewers show ensembles by default.
    const auto firstModel = s.modelChains(0);
    ResidueMask polymer(std::size_t(s.residueCount()), false), ligands = polymer, waters = polymer;
    int polymerResidues = 0;
    for (int c = firstModel.begin; c < firstModel.end; ++c) {
        const auto residues = s.chainResidues(c);
        for (int r = residues.begin; r < residues.end; ++r) {
            const bool isPolymer = s.isPolymerResidue(r);
            polymerResidues += isPolymer;
            (isPolymer ? polymer : esm::isWaterName(s.residueName(r)) ? waters : ligands)[std::size_t(r)] = true;
        }
    }
    const ColourContext context{s, secondaryStructure_, effectiveScheme(), settings.singleColour};
    const auto residueColourList = residueColours(context);
    const auto atomColourList = atomColours(context, residueColourList);
    // Fewer spline samples for big structures keep the view interactive.
    const GeometryInput input{s, secondaryStructure_, residueColourList, atomColourList, bonds_,
                              polymerResidues > 3000 ? 3 : polymerResidues > 1000 ? 5 : 8};
    switch (settings.style) {
    case Style::Cartoon: addActor(cartoonGeometry(input, polymer, settings.helixStyle)); break;
    case Style::Trace: addActor(traceGeometry(input, polymer)); break;
    default: addActor(atomGeometry(input, polymer, settings.style));
    }
    if (settings.showLigands)
        addActor(atomGeometry(input, ligands, Style::BallAndStick));
    if (settings.showWaters)
        addActor(atomGeometry(input, waters, Style::BallAndStick));
    for (const auto& [style, residues] : settings.extraLayers) {
        ResidueMask extra(std::size_t(s.residueCount()), false);
        for (int r : residues)
            if (r >= 0 && r < s.residueCount())
                extra[std::size_t(r)] = true;
        addActor(style == Style::Cartoon ? cartoonGeometry(input, extra, settings.helixStyle)
                 : style == Style::Trace ? traceGeometry(input, extra)
                                         : atomGeometry(input, extra, style));
    }
    drawnResidues_ = polymer;
    for (std::size_t r = 0; r < drawnResidues_.size(); ++r)
        drawnResidues_[r] = polymer[r] || (settings.showLigands && ligands[r]) || (settings.showWaters && waters[r]);
    updateLegend();
}

void StructureScene::updateLegend() {
    const ColorScheme scheme = effectiveScheme();
    if (scheme != ColorScheme::Plddt && scheme != ColorScheme::PlddtContinuous)
        return;
    legend_ = vtkSmartPointer<vtkLegendBoxActor>::New();
    const std::pair<double, const char*> bands[] = {
        {95, "Very high (pLDDT > 90)"}, {80, "Confident (90 > pLDDT > 70)"}, {60, "Low (70 > pLDDT > 50)"}, {25, "Very low (pLDDT < 50)"}};
    legend_->SetNumberOfEntries(4);
    const auto symbol = squareSymbol();
    for (int i = 0; i < 4; ++i) {
        const Rgb c = plddtBandColour(bands[i].first);
        double colour[3] = {c[0] / 255.0, c[1] / 255.0, c[2] / 255.0};
        legend_->SetEntry(i, symbol, bands[i].second, colour);
    }
    legend_->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    legend_->GetPositionCoordinate()->SetValue(0.01, 0.01);
    legend_->GetPosition2Coordinate()->SetValue(0.3, 0.16);
    legend_->BorderOff();
    legend_->UseBackgroundOn();
    legend_->SetBackgroundColor(1, 1, 1);
    legend_->SetBackgroundOpacity(0.75);
    legend_->GetEntryTextProperty()->SetColor(0.1, 0.1, 0.1);
    legend_->GetEntryTextProperty()->SetFontSize(14);
    renderer_->AddActor2D(legend_);
}

void StructureScene::setHighlighted(const std::vector<int>& residues) {
    if (highlight_)
        renderer_->RemoveActor(highlight_);
    highlight_ = nullptr;
    if (!structure_ || residues.empty())
        return;
    const esm::Structure& s = *structure_;
    ResidueMask mask(std::size_t(s.residueCount()), false);
    for (int r : residues)
        if (r >= 0 && r < s.residueCount())
            mask[std::size_t(r)] = true;
    const std::vector<Rgb> residueColourList(std::size_t(s.residueCount()), kHighlight);
    const std::vector<Rgb> atomColourList(std::size_t(s.atomCount()), kHighlight);
    const GeometryInput input{s, secondaryStructure_, residueColourList, atomColourList, bonds_, 6};
    auto mesh = atomGeometry(input, mask, Style::Sticks);
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(mesh);
    mapper->SetColorModeToDirectScalars();
    highlight_ = vtkSmartPointer<vtkActor>::New();
    highlight_->SetMapper(mapper);
    highlight_->GetProperty()->SetAmbient(0.4);
    renderer_->AddActor(highlight_);
}

int StructureScene::residueNear(const Eigen::Vector3d& point, double maxDistance) const {
    if (!structure_)
        return -1;
    const esm::Structure& s = *structure_;
    int best = -1;
    double bestDistance = maxDistance * maxDistance;
    for (int a = 0; a < s.atomCount(); ++a) {
        const int r = s.atomResidue(a);
        if (!drawnResidues_[std::size_t(r)])
            continue;
        const double d = (s.position(a) - point).squaredNorm();
        if (d < bestDistance) {
            bestDistance = d;
            best = r;
        }
    }
    return best;
}

std::array<double, 6> StructureScene::bounds(const std::vector<int>& residues) const {
    std::array<double, 6> b{1e300, -1e300, 1e300, -1e300, 1e300, -1e300};
    if (!structure_)
        return {-1, 1, -1, 1, -1, 1};
    const esm::Structure& s = *structure_;
    std::vector<bool> wanted = drawnResidues_;
    if (!residues.empty()) {
        wanted.assign(std::size_t(s.residueCount()), false);
        for (int r : residues)
            if (r >= 0 && r < s.residueCount())
                wanted[std::size_t(r)] = true;
    }
    for (int a = 0; a < s.atomCount(); ++a)
        if (wanted[std::size_t(s.atomResidue(a))])
            for (int k = 0; k < 3; ++k) {
                b[2 * k] = std::min(b[2 * k], s.position(a)[k]);
                b[2 * k + 1] = std::max(b[2 * k + 1], s.position(a)[k]);
            }
    if (b[0] > b[1])
        return {-1, 1, -1, 1, -1, 1};
    return b;
}

} // namespace esmui
