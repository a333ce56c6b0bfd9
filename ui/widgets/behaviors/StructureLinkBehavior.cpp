#include "ui/widgets/behaviors/StructureLinkBehavior.h"

#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/structures/StructureModels.h"
#include "ui/view3d/StructureView.h"

#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenu>
#include <QToolTip>

#include <algorithm>

#include <cmath>

namespace esmui {

StructureLinkBehavior::StructureLinkBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    Document* document = workspace.document;
    connect(document, &Document::changed, this,
            [this](Document::Changes changes) { onDocumentChanged(int(changes)); });
    connect(document->selection(), &ResidueSelection::changed, this,
            [this] { m_workspace.view->setHighlightedResidues(selectedResidues()); });
    connect(workspace.view, &StructureView::displaySettingsChanged, this, [this] {
        avoidPaletteInUse();
        showMarks();
    });
    connect(workspace.view, &StructureView::residueClicked, this, &StructureLinkBehavior::onResidueClicked);
    connect(workspace.view, &StructureView::residueHovered, this, &StructureLinkBehavior::onResidueHovered);
    connect(workspace.view, &StructureView::distanceMeasured, this, [this](int a, int b, double angstrom) {
        const esm::Structure& s = *m_workspace.view->scene().structure();
        auto name = [&](int atom) {
            const int r = s.atomResidue(atom);
            return tr("%1 %2 %3 %4")
                .arg(QString::fromStdString(s.atomName(atom)), QString::fromStdString(s.residueName(r)))
                .arg(s.residueNumber(r))
                .arg(QString::fromStdString(s.chainId(s.residueChain(r))));
        };
        m_workspace.showStatus(tr("Distance %1 — %2: %3 Å").arg(name(a), name(b)).arg(angstrom, 0, 'f', 2));
    });
    connect(workspace.view, &StructureView::contextMenuRequested, this,
            [this](int residue, const QPoint& at) { contextMenu(residue)->exec(at); });
    connect(workspace.models, &StructureModels::changed, this, &StructureLinkBehavior::showOtherModels);
    connect(workspace.folds, &FoldService::previewed, this,
            [this](int pass, int) { showStructure(m_workspace.folds->preview(), pass == 1); });
    connect(workspace.folds, &FoldService::previewAbandoned, this,
            [this] { onDocumentChanged(Document::StructureChanged | Document::ComparisonChanged); });
}

void StructureLinkBehavior::showStructure(std::shared_ptr<const esm::Structure> structure, bool resetCamera) {
    DisplaySettings settings = m_workspace.view->displaySettings();
    settings.colorScheme.reset();
    settings.residueValues.clear();
    settings.model = 0;
    m_workspace.view->showStructure(std::move(structure), settings, resetCamera);
    m_workspace.view->setKeySubject(keySubject());
    avoidPaletteInUse();
}

QString StructureLinkBehavior::keySubject() const {
    const Document& document = *m_workspace.document;
    if (!showsDocument())
        return tr("the fold in progress");
    if (const FoldRecord* fold = document.currentFoldRecord())
        return tr("fold #%1 (%2)").arg(document.currentFold() + 1).arg(fold->mutations);
    return QFileInfo(document.origin()).fileName();
}

void StructureLinkBehavior::avoidPaletteInUse() {
    m_workspace.models->setColoursToAvoid(m_workspace.view->scene().paletteInUse());
}

bool StructureLinkBehavior::showsDocument() const {
    const Document& document = *m_workspace.document;
    return document.hasStructure() &&
           m_workspace.view->scene().structure() == document.sharedStructure().get();
}

void StructureLinkBehavior::showOtherModels() {
    std::vector<OtherModel> shown;
    for (const ExtraModel& model : m_workspace.models->models())
        if (model.visible)
            shown.push_back({model.placed, model.colour, model.name});
    // One more model in view: frame them all, as ChimeraX does on open.
    const bool more = int(shown.size()) > m_workspace.view->otherModelCount();
    m_workspace.view->setOtherModels(std::move(shown));
    if (more)
        m_workspace.view->resetView();
}

std::vector<int> StructureLinkBehavior::shownResidues(const std::set<int>& positions) const {
    std::vector<int> residues;
    if (!showsDocument())
        return residues;
    const Document& document = *m_workspace.document;
    const int model = m_workspace.view->displaySettings().model;
    for (int p : positions)
        if (const int r = document.residueAt(p); r >= 0) {
            // The document pairs positions with the first model; the view may show another.
            const int shown = model == 0 ? r : esm::residueInModel(document.structure(), r, model);
            if (shown >= 0)
                residues.push_back(shown);
        }
    return residues;
}

std::vector<int> StructureLinkBehavior::selectedResidues() const {
    return shownResidues(m_workspace.document->selection()->positions());
}

int StructureLinkBehavior::positionOfShown(int residue) const {
    const Document& document = *m_workspace.document;
    if (residue < 0 || !showsDocument())
        return -1;
    return document.positionOf(esm::residueInModel(document.structure(), residue, 0));
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
    m_workspace.view->setHighlightedResidues(selectedResidues());
    m_workspace.view->setMarkedResidues(shownResidues(m_workspace.document->changedPositions()));
}

std::unique_ptr<QMenu> StructureLinkBehavior::contextMenu(int residue) {
    StructureView* view = m_workspace.view;
    auto menu = std::make_unique<QMenu>(view);
    std::vector<int> labels = view->scene().labelled();
    const bool labelled = std::find(labels.begin(), labels.end(), residue) != labels.end();
    if (residue >= 0 && view->scene().structure()) {
        const esm::Structure& s = *view->scene().structure();
        menu->addSection(tr("%1 %2 %3")
                             .arg(QString::fromStdString(s.residueName(residue)))
                             .arg(s.residueNumber(residue))
                             .arg(QString::fromStdString(s.chainId(s.residueChain(residue)))));
        menu->addAction(tr("&Select"), this, [this, residue] { onResidueClicked(residue, {}); });
        menu->addAction(tr("&Centre on It"), this, [view, residue] { view->centreOn({residue}); });
        menu->addAction(labelled ? tr("Remove Its &Label") : tr("&Label It"), this,
                        [view, labels, residue, labelled] {
                            std::vector<int> next = labels;
                            if (labelled)
                                next.erase(std::remove(next.begin(), next.end(), residue), next.end());
                            else
                                next.push_back(residue);
                            view->setLabelledResidues(next);
                        });
        menu->addSeparator();
    }
    QAction* labelSelection = menu->addAction(tr("Label the Selection"), this, [this, view] {
        std::vector<int> next = view->scene().labelled();
        for (int r : selectedResidues())
            if (std::find(next.begin(), next.end(), r) == next.end())
                next.push_back(r);
        view->setLabelledResidues(next);
    });
    labelSelection->setEnabled(!selectedResidues().empty());
    QAction* clear = menu->addAction(tr("Clear Labels"), this, [view] { view->setLabelledResidues({}); });
    clear->setEnabled(!labels.empty());
    menu->addSeparator();
    menu->addAction(tr("C&opy Image"), this, [view] {
        QGuiApplication::clipboard()->setImage(view->renderImage(view->size(), false));
    });
    menu->addAction(tr("&Reset View"), view, &StructureView::resetView);
    return menu;
}

void StructureLinkBehavior::onResidueClicked(int residue, Qt::KeyboardModifiers modifiers) {
    ResidueSelection* selection = m_workspace.document->selection();
    const int position = positionOfShown(residue);
    if (position < 0) {
        if (!(modifiers & (Qt::ShiftModifier | Qt::ControlModifier)))
            selection->clear();
        return;
    }
    if (modifiers & Qt::ShiftModifier)
        selection->extendTo(position);
    else if (modifiers & Qt::ControlModifier)
        selection->toggle(position);
    else
        selection->selectOnly(position);
}

void StructureLinkBehavior::onResidueHovered(int residue) {
    if (residue < 0 || !m_workspace.view->scene().structure()) {
        QToolTip::hideText();
        return;
    }
    const esm::Structure& s = *m_workspace.view->scene().structure(); // a fold's preview, too
    QString text =
        tr("%1 %2%3 chain %4")
            .arg(QString::fromStdString(s.residueName(residue)))
            .arg(s.residueNumber(residue))
            .arg(s.insertionCode(residue) == ' ' ? QString() : QString(QChar(s.insertionCode(residue))))
            .arg(QString::fromStdString(s.chainId(s.residueChain(residue))));
    if (s.modelCount() > 1)
        text += tr(", model %1 of %2")
                    .arg(s.modelNumber(s.chainModel(s.residueChain(residue))))
                    .arg(s.modelCount());
    if (s.confidence == esm::Confidence::PLDDT)
        text += tr(", pLDDT %1").arg(s.residueConfidence(residue), 0, 'f', 1);
    m_workspace.showStatus(text);
    QToolTip::showText(QCursor::pos(), text, m_workspace.view);
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
