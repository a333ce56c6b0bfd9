#include "ui/widgets/behaviors/StructureLinkBehavior.h"

#include "ui/services/document/Document.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/behaviors/ShownResidues.h"

#include <QFileInfo>

#include <cmath>
#include <utility>

namespace esmui {

StructureLinkBehavior::StructureLinkBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    connect(workspace.document, &Document::changed, this,
            [this](Document::Changes changes) { onDocumentChanged(int(changes)); });
    connect(workspace.view, &StructureView::displaySettingsChanged, this, [this] {
        avoidPaletteInUse();
        showMarks();
        recordViewState();
    });
    connect(workspace.view, &StructureView::cameraMoved, this, &StructureLinkBehavior::recordViewState);
}

void StructureLinkBehavior::onDocumentChanged(int changes) {
    // Showing may change the document again (the structures beside it move off the new palette):
    // only the outermost change records what the view shows then.
    const bool outermost = !m_pushing;
    m_pushing = true;
    showStructureOnShow(changes);
    // Before the camera: one more structure beside it frames them all.
    if (changes & Document::ExtraStructuresChanged)
        showOtherStructures();
    if (changes & Document::ViewChanged)
        applyViewState();
    // After the colour scheme: a comparison colours by ΔpLDDT over it.
    if (changes & (Document::ComparisonChanged | Document::FoldsChanged))
        applyComparisonColouring();
    showMarks();
    if (outermost) {
        m_pushing = false;
        recordViewState();
    }
}

void StructureLinkBehavior::showStructureOnShow(int changes) {
    const bool structureChanged = changes & Document::StructureChanged;
    const bool previewChanged = changes & Document::PreviewChanged;
    if (!structureChanged && !previewChanged)
        return;
    const Document& document = *m_workspace.document;
    const bool previewed = std::exchange(m_previewShown, false);
    if (previewChanged && document.foldPreview()) {
        showStructure(document.foldPreview(), !previewed);
        m_previewShown = true;
    } else if (document.hasStructure()) {
        // A fold that was previewed keeps the camera where the user turned its preview; a fold that
        // ended without a result (the preview gone, the structure not changed) shows the document's.
        showStructure(document.sharedStructure(), !(previewed && structureChanged));
    }
}

void StructureLinkBehavior::showStructure(std::shared_ptr<const esm::Structure> structure, bool resetCamera) {
    DisplaySettings settings = m_workspace.view->displaySettings();
    settings.colorScheme.reset();
    settings.residueValues.clear();
    settings.conformer = 0;
    m_workspace.view->showStructure(std::move(structure), settings, resetCamera);
    m_workspace.view->setKeySubject(keySubject());
    avoidPaletteInUse();
}

void StructureLinkBehavior::applyViewState() {
    const ViewState& state = m_workspace.document->viewState();
    StructureView* view = m_workspace.view;
    DisplaySettings settings = view->displaySettings();
    settings.style = state.style;
    if (settings.colorScheme != state.colorScheme) {
        settings.colorScheme = state.colorScheme;
        if (state.colorScheme != ColorScheme::Values)
            settings.residueValues.clear();
    }
    if (settings != view->displaySettings())
        view->setDisplaySettings(settings);
    if (!state.camera.empty() && state.camera != view->cameraState())
        view->setCameraState(state.camera);
}

void StructureLinkBehavior::recordViewState() {
    if (m_pushing)
        return;
    const StructureView& view = *m_workspace.view;
    ViewState state;
    state.style = view.displaySettings().style;
    state.colorScheme = view.displaySettings().colorScheme;
    state.camera = view.cameraState();
    m_workspace.document->setViewState(std::move(state));
}

QString StructureLinkBehavior::keySubject() const {
    const Document& document = *m_workspace.document;
    if (!showsDocument(m_workspace))
        return tr("the fold in progress");
    if (const FoldRecord* fold = document.currentFoldRecord())
        return tr("fold #%1 (%2)").arg(document.currentFold() + 1).arg(fold->mutations);
    return QFileInfo(document.origin()).fileName();
}

void StructureLinkBehavior::avoidPaletteInUse() {
    m_workspace.document->extraStructures()->setColoursToAvoid(m_workspace.view->scene().paletteInUse());
}

void StructureLinkBehavior::showOtherStructures() {
    std::vector<OtherStructure> shown;
    for (const ExtraStructure& other : m_workspace.document->extraStructures()->structures())
        if (other.visible)
            shown.push_back({other.placed, other.colour, other.name});
    // One more structure in view: frame them all, as ChimeraX does on open.
    const bool more = int(shown.size()) > m_workspace.view->otherStructureCount();
    m_workspace.view->setOtherStructures(std::move(shown));
    if (more)
        m_workspace.view->resetView();
}

void StructureLinkBehavior::showMarks() {
    // The position mapping may have changed: the selection and the edited residues follow it.
    m_workspace.view->setHighlightedResidues(selectedShownResidues(m_workspace));
    m_workspace.view->setMarkedResidues(shownResidues(m_workspace, m_workspace.document->changedPositions()));
}

void StructureLinkBehavior::applyComparisonColouring() {
    DisplaySettings view = m_workspace.view->displaySettings();
    const auto& comparison = m_workspace.document->comparison();
    const FoldRecord* fold = m_workspace.document->currentFoldRecord();
    if (comparison && fold && comparison->shown == m_workspace.document->currentFold()) {
        view.colorScheme = ColorScheme::Values;
        view.residueValues.assign(std::size_t(fold->structure->residueCount()), std::nan(""));
        for (std::size_t p = 0; p < comparison->otherPlddt.size() && p < view.residueValues.size(); ++p)
            view.residueValues[p] = fold->plddt[p] - comparison->otherPlddt[p];
    } else if (view.colorScheme == ColorScheme::Values) {
        view.colorScheme.reset();
        view.residueValues.clear();
    } else {
        return;
    }
    m_workspace.view->setDisplaySettings(view);
}

} // namespace esmui
