#include "ui/view3d/StructureScene.h"

#include "core/structure/bonds.h"
#include "core/structure/residue_names.h"
#include "core/structure/secondary_structure.h"

#include <vtkCellArray.h>
#include <vtkGlyph3D.h>
#include <vtkImageData.h>
#include <vtkImageMapper.h>
#include <vtkLineSource.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <cstdio>
#include <cstring>
#include <set>

namespace esmui {
namespace {

// Where a residue's label or mark sits: its Cα, else its first atom (a ligand, a lone water).
int anchorAtom(const esm::Structure& s, int residue) {
    const int ca = s.findAtom(residue, "CA");
    return ca >= 0 ? ca : s.residueAtoms(residue).begin;
}

constexpr Rgb kHighlight{124, 252, 0};
constexpr Rgb kMarked{230, 0, 160};

} // namespace

StructureScene::StructureScene(vtkRenderer* renderer) : renderer_(renderer) {}

StructureScene::~StructureScene() {
    clear();
}

void StructureScene::clear() {
    for (auto* list : {&actors_, &coarseActors_}) {
        for (auto& actor : *list)
            renderer_->RemoveActor(actor);
        list->clear();
    }
    replaceActor(highlight_, nullptr);
    replaceActor(marks_, nullptr);
    removeProps(labels_);
    removeProps(distanceProps_);
    if (legend_)
        renderer_->RemoveActor2D(legend_);
    legend_ = nullptr;
}

ColorScheme StructureScene::effectiveScheme() const {
    return settings_.colorScheme.value_or(structure_ ? defaultScheme(*structure_) : ColorScheme::Chain);
}

long long StructureScene::triangleCount(bool interactive) const {
    long long triangles = 0;
    for (const auto& actor : interactive && !coarseActors_.empty() ? coarseActors_ : actors_)
        if (auto* mesh = vtkPolyData::SafeDownCast(actor->GetMapper()->GetInput()))
            triangles += mesh->GetNumberOfPolys() + mesh->GetNumberOfStrips();
    return triangles;
}

std::vector<vtkSmartPointer<vtkActor>> StructureScene::buildActors(const GeometryInput& input,
                                                                   const Layers& layers) {
    std::vector<vtkSmartPointer<vtkActor>> actors;
    auto add = [&](vtkSmartPointer<vtkPolyData> mesh) {
        if (mesh->GetNumberOfPoints() > 0)
            actors.push_back(addActor(mesh));
    };
    auto draw = [&](Style style, const ResidueMask& residues) {
        add(style == Style::Cartoon   ? cartoonGeometry(input, residues, settings_.helixStyle)
            : style == Style::Trace   ? traceGeometry(input, residues)
            : style == Style::Surface ? surfaceGeometry(input, residues)
                                      : atomGeometry(input, residues, style));
    };
    draw(settings_.style, layers.polymer);
    if (settings_.showLigands)
        draw(Style::BallAndStick, layers.ligands);
    if (settings_.showWaters)
        draw(Style::BallAndStick, layers.waters);
    const int residueCount = input.structure.residueCount();
    for (const auto& [style, residues] : settings_.extraLayers) {
        ResidueMask extra(std::size_t(residueCount), false);
        for (int r : residues)
            if (r >= 0 && r < residueCount)
                extra[std::size_t(r)] = true;
        draw(style, extra);
    }
    return actors;
}

void StructureScene::setInteractive(bool interactive) {
    if (coarseActors_.empty())
        return;
    for (auto& actor : actors_)
        actor->SetVisibility(!interactive);
    for (auto& actor : coarseActors_)
        actor->SetVisibility(interactive);
}

vtkSmartPointer<vtkActor> StructureScene::addActor(vtkSmartPointer<vtkPolyData> mesh) {
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(mesh);
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetInterpolationToPhong();
    actor->GetProperty()->SetSpecular(0.25);
    actor->GetProperty()->SetSpecularPower(30);
    renderer_->AddActor(actor);
    return actor;
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
    // One model of an ensemble, the first unless another is chosen, as viewers show them.
    const auto firstModel =
        s.conformerChains(std::clamp(settings.conformer, 0, std::max(0, s.conformerCount() - 1)));
    ResidueMask polymer(std::size_t(s.residueCount()), false), ligands = polymer, waters = polymer;
    int polymerResidues = 0;
    for (int c = firstModel.begin; c < firstModel.end; ++c) {
        const auto residues = s.chainResidues(c);
        for (int r = residues.begin; r < residues.end; ++r) {
            const bool isPolymer = s.isPolymerResidue(r);
            polymerResidues += isPolymer;
            (isPolymer                            ? polymer
             : esm::isWaterName(s.residueName(r)) ? waters
                                                  : ligands)[std::size_t(r)] = true;
        }
    }
    const ColourContext context{s,
                                secondaryStructure_,
                                effectiveScheme(),
                                settings.singleColour,
                                &settings.residueValues,
                                settings.valueLimit};
    const auto residueColourList = residueColours(context);
    const auto atomColourList = atomColours(context, residueColourList);
    std::set<Rgb> inUse;
    if (effectiveScheme() == ColorScheme::Plddt) // the key shows every band, used or not
        inUse.insert(plddtBandColours().begin(), plddtBandColours().end());
    for (std::size_t r = 0; r < residueColourList.size(); ++r)
        if (polymer[r])
            inUse.insert(residueColourList[r]);
    paletteInUse_.assign(inUse.begin(), inUse.end());
    const Layers layers{polymer, ligands, waters};
    actors_ = buildActors({s, secondaryStructure_, residueColourList, atomColourList, bonds_, Detail::Full},
                          layers);
    // A coarse copy to draw while the user turns a big structure.
    if (polymerResidues > 400 || s.atomCount() > 6000) {
        coarseActors_ = buildActors(
            {s, secondaryStructure_, residueColourList, atomColourList, bonds_, Detail::Interactive}, layers);
        for (auto& actor : coarseActors_)
            actor->VisibilityOff();
    }
    drawnResidues_ = polymer;
    for (std::size_t r = 0; r < drawnResidues_.size(); ++r)
        drawnResidues_[r] =
            polymer[r] || (settings.showLigands && ligands[r]) || (settings.showWaters && waters[r]);
    updateLegend();
    // The selection stays highlighted across style changes; a new structure starts without one.
    setHighlighted(newStructure ? std::vector<int>{} : std::vector<int>(highlighted_));
    setMarked(newStructure ? std::vector<int>{} : std::vector<int>(marked_));
    setLabelled(newStructure ? std::vector<int>{} : std::vector<int>(labelled_));
    setDistances(newStructure ? std::vector<std::pair<int, int>>{}
                              : std::vector<std::pair<int, int>>(distances_));
}

void StructureScene::updateLegend() {
    if (legend_)
        renderer_->RemoveActor2D(legend_);
    legend_ = nullptr;
    const ColorScheme scheme = effectiveScheme();
    if (!structure_ || !settings_.showLegend ||
        (scheme != ColorScheme::Plddt && scheme != ColorScheme::PlddtContinuous))
        return;
    const QImage key = plddtKeyImage(keyScale_, keyContents_).convertToFormat(QImage::Format_RGBA8888);
    auto pixels = vtkSmartPointer<vtkImageData>::New();
    pixels->SetDimensions(key.width(), key.height(), 1);
    pixels->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    // VTK images run bottom-up.
    for (int y = 0; y < key.height(); ++y)
        std::memcpy(pixels->GetScalarPointer(0, key.height() - 1 - y, 0), key.constScanLine(y),
                    std::size_t(key.width()) * 4);
    auto mapper = vtkSmartPointer<vtkImageMapper>::New();
    mapper->SetInputData(pixels);
    mapper->SetColorWindow(255);
    mapper->SetColorLevel(127.5);
    legend_ = vtkSmartPointer<vtkActor2D>::New();
    legend_->SetMapper(mapper);
    legend_->SetPosition(8 * keyScale_, 8 * keyScale_);
    renderer_->AddActor2D(legend_);
}

void StructureScene::setKeyContents(KeyContents contents) {
    if (contents == keyContents_)
        return;
    keyContents_ = std::move(contents);
    updateLegend();
}

void StructureScene::setKeyScale(double scale) {
    if (scale == keyScale_)
        return;
    keyScale_ = scale;
    updateLegend();
}

void StructureScene::removeProps(std::vector<vtkSmartPointer<vtkProp>>& props) {
    for (auto& prop : props)
        renderer_->RemoveActor(prop);
    props.clear();
}

void StructureScene::replaceActor(vtkSmartPointer<vtkActor>& actor, vtkSmartPointer<vtkActor> replacement) {
    if (actor)
        renderer_->RemoveActor(actor);
    actor = std::move(replacement);
    if (actor)
        renderer_->AddActor(actor);
}

vtkSmartPointer<vtkActor> StructureScene::residueSticks(const std::vector<int>& residues, Rgb colour) const {
    if (!structure_ || residues.empty())
        return nullptr;
    const esm::Structure& s = *structure_;
    ResidueMask mask(std::size_t(s.residueCount()), false);
    for (int r : residues)
        if (r >= 0 && r < s.residueCount())
            mask[std::size_t(r)] = true;
    const std::vector<Rgb> residueColourList(std::size_t(s.residueCount()), colour);
    const std::vector<Rgb> atomColourList(std::size_t(s.atomCount()), colour);
    const GeometryInput input{s,      secondaryStructure_, residueColourList, atomColourList,
                              bonds_, Detail::Interactive};
    auto mesh = atomGeometry(input, mask, Style::Sticks);
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(mesh);
    mapper->SetColorModeToDirectScalars();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetAmbient(0.4);
    return actor;
}

void StructureScene::setHighlighted(const std::vector<int>& residues) {
    highlighted_ = residues;
    replaceActor(highlight_, residueSticks(residues, kHighlight));
}

void StructureScene::setLabelled(const std::vector<int>& residues) {
    removeProps(labels_);
    labelled_ = residues;
    if (!structure_)
        return;
    const esm::Structure& s = *structure_;
    for (int r : residues) {
        if (r < 0 || r >= s.residueCount() || s.residueAtoms(r).size() == 0)
            continue;
        const int atom = anchorAtom(s, r);
        const char insertion = s.insertionCode(r);
        auto label = overlayLabel(s.position(atom),
                                  s.residueName(r) + " " + std::to_string(s.residueNumber(r)) +
                                      (insertion == ' ' ? "" : std::string(1, insertion)) + " " +
                                      s.chainId(s.residueChain(r)),
                                  {0.1, 0.1, 0.1});
        labels_.push_back(label);
    }
}

vtkSmartPointer<vtkTextActor> StructureScene::overlayLabel(const Eigen::Vector3d& at, const std::string& text,
                                                           const std::array<double, 3>& colour) const {
    // A 2D actor placed by world coordinates is drawn after the 3D pass, without depth testing: on
    // top of the molecule, as ChimeraX and PyMOL draw labels, and readable in figures.
    auto label = vtkSmartPointer<vtkTextActor>::New();
    label->SetInput(text.c_str());
    label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    label->GetPositionCoordinate()->SetValue(at.x(), at.y(), at.z());
    vtkTextProperty* style = label->GetTextProperty();
    style->SetFontSize(int(14 * keyScale_));
    style->SetColor(colour[0], colour[1], colour[2]);
    style->SetBackgroundColor(1, 1, 1);
    style->SetBackgroundOpacity(0.75);
    style->SetJustificationToCentered();
    style->SetVerticalJustificationToBottom(); // just above the atom, not over it
    renderer_->AddActor2D(label);
    return label;
}

vtkSmartPointer<vtkActor> StructureScene::residueMarkers(const std::vector<int>& residues, Rgb colour) const {
    if (!structure_ || residues.empty())
        return nullptr;
    const esm::Structure& s = *structure_;
    auto centres = vtkSmartPointer<vtkPoints>::New();
    for (int r : residues) {
        if (r < 0 || r >= s.residueCount() || s.residueAtoms(r).size() == 0)
            continue;
        const Eigen::Vector3d& at = s.position(anchorAtom(s, r));
        centres->InsertNextPoint(at.x(), at.y(), at.z());
    }
    auto points = vtkSmartPointer<vtkPolyData>::New();
    points->SetPoints(centres);
    // Wider than a cartoon tube and the selection's sticks: a glycine's mark (no side chain to draw)
    // stays in sight, and so does an edited residue that is also selected.
    auto sphere = vtkSmartPointer<vtkSphereSource>::New();
    sphere->SetRadius(1.3);
    sphere->SetThetaResolution(16);
    sphere->SetPhiResolution(12);
    auto glyphs = vtkSmartPointer<vtkGlyph3D>::New();
    glyphs->SetInputData(points);
    glyphs->SetSourceConnection(sphere->GetOutputPort());
    glyphs->ScalingOff();
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(glyphs->GetOutputPort());
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour[0] / 255.0, colour[1] / 255.0, colour[2] / 255.0);
    actor->GetProperty()->SetAmbient(0.4);
    return actor;
}

void StructureScene::setMarked(const std::vector<int>& residues) {
    marked_ = residues;
    replaceActor(marks_, residueMarkers(residues, kMarked));
}

int StructureScene::atomNear(const Eigen::Vector3d& point, double maxDistance) const {
    if (!structure_)
        return -1;
    const esm::Structure& s = *structure_;
    int best = -1;
    double bestDistance = maxDistance * maxDistance;
    for (int a = 0; a < s.atomCount(); ++a) {
        if (!drawnResidues_[std::size_t(s.atomResidue(a))])
            continue;
        const double d = (s.position(a) - point).squaredNorm();
        if (d < bestDistance) {
            bestDistance = d;
            best = a;
        }
    }
    return best;
}

void StructureScene::setDistances(const std::vector<std::pair<int, int>>& atomPairs) {
    removeProps(distanceProps_);
    distances_ = atomPairs;
    if (!structure_)
        return;
    const esm::Structure& s = *structure_;
    for (const auto& [a, b] : atomPairs) {
        if (a < 0 || b < 0 || a >= s.atomCount() || b >= s.atomCount())
            continue;
        const Eigen::Vector3d from = s.position(a), to = s.position(b), middle = (from + to) / 2;
        auto line = vtkSmartPointer<vtkLineSource>::New();
        line->SetPoint1(from.x(), from.y(), from.z());
        line->SetPoint2(to.x(), to.y(), to.z());
        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputConnection(line->GetOutputPort());
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->GetProperty()->SetColor(0.85, 0.6, 0.0);
        actor->GetProperty()->SetLineWidth(2.5);
        actor->GetProperty()->SetLighting(false);
        renderer_->AddActor(actor);
        distanceProps_.push_back(actor);
        char text[32];
        std::snprintf(text, sizeof text, "%.2f \xC3\x85", (to - from).norm()); // Å in UTF-8
        auto label = overlayLabel(middle, text, {0.55, 0.35, 0.0});
        distanceProps_.push_back(label);
    }
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

std::pair<Eigen::Vector3d, double> StructureScene::boundingSphere() const {
    std::vector<Eigen::Vector3d> points;
    if (structure_)
        for (int a = 0; a < structure_->atomCount(); ++a)
            if (drawnResidues_[std::size_t(structure_->atomResidue(a))])
                points.push_back(structure_->position(a));
    if (points.empty())
        return {Eigen::Vector3d::Zero(), 1.0};
    auto farthest = [&](const Eigen::Vector3d& from) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < points.size(); ++i)
            if ((points[i] - from).squaredNorm() > (points[best] - from).squaredNorm())
                best = i;
        return points[best];
    };
    // Badoiu and Clarkson's approximation of the smallest enclosing sphere: step the centre towards
    // the farthest point by shrinking amounts (within about 1 % after 100 steps). The box centre
    // would leave room for a protruding tail on every side.
    Eigen::Vector3d centre = points.front();
    for (int step = 1; step <= 100; ++step)
        centre += (farthest(centre) - centre) / double(step + 1);
    return {centre, std::max(1.0, (farthest(centre) - centre).norm())};
}

} // namespace esmui
