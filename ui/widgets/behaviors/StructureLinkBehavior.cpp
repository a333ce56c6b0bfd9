#include "ui/widgets/behaviors/StructureLinkBehavior.h"

#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/structures/ExtraStructures.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/behaviors/ShownResidues.h"

#include <QFileInfo>

#include <cmath>

namespace esmui {

StructureLinkBehavior::StructureLinkBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    Document* document = workspace.document;
    connect(document, &Document::changed, this,
            [this](Document::Changes changes) { onDocumentChanged(int(changes)); });
    connect(document->selection(), &ResidueSelection::changed, this,
            [this] { m_workspace.view->setHighlightedResidues(selectedShownResidues(m_workspace)); });
    connect(workspace.view, &StructureView::displaySettingsChanged, this, [this] {
        avoidPaletteInUse();
        showMarks();
    });
    connect(workspace.structures, &ExtraStructures::changed, this,
            &StructureLinkBehavior::showOtherStructures);
    connect(workspace.folds, &FoldService::previewed, this,
            [this](int pass, int) { showStructure(m_workspace.folds->preview(), pass == 1); });
    connect(workspace.folds, &FoldService::previewAbandoned, this,
            [this] { onDocumentChanged(Document::StructureChanged | Document::ComparisonChanged); });
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

QString StructureLinkBehavior::keySubject() const {
    const Document& document = *m_workspace.document;
    if (!showsDocument(m_workspace))
        return tr("the fold in progress");
    if (const FoldRecord* fold = document.currentFoldRecord())
        return tr("fold #%1 (%2)").arg(document.currentFold() + 1).arg(fold->mutations);
    return QFileInfo(document.origin()).fileName();
}

void StructureLinkBehavior::avoidPaletteInUse() {
    m_workspace.structures->setColoursToAvoid(m_workspace.view->scene().paletteInUse());
}

void StructureLinkBehavior::showOtherStructures() {
    std::vector<OtherStructure> shown;
    for (const ExtraStructure& other : m_workspace.structures->structures())
        if (other.visible)
            shown.push_back({other.placed, other.colour, other.name});
    // One more structure in view: frame them all, as ChimeraX does on open.
    const bool more = int(shown.size()) > m_workspace.view->otherStructureCount();
    m_workspace.view->setOtherStructures(std::move(shown));
    if (more)
        m_workspace.view->resetView();
}

void StructureLinkBehavior::onDocumentChanged(int changes) {
    const Document& document = *m_workspace.document;
    // A fold that was previewed keeps the camera where the user turned its preview.
    if ((changes & Document::StructureChanged) && document.hasStructure())
        showStructure(document.sharedStructure(), !m_workspace.folds->preview());
    if (changes & (Document::ComparisonChanged | Document::FoldsChanged))
        applyComparisonColouring();
    showMarks();
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
