#include "ui/widgets/behaviors/ShownResidues.h"

#include "ui/services/document/Document.h"
#include "ui/view3d/StructureView.h"

namespace esmui {

bool showsDocument(const Workspace& workspace) {
    const Document& document = *workspace.document;
    return document.hasStructure() && workspace.view->scene().structure() == document.sharedStructure().get();
}

std::vector<int> shownResidues(const Workspace& workspace, const std::set<int>& positions) {
    std::vector<int> residues;
    if (!showsDocument(workspace))
        return residues;
    const Document& document = *workspace.document;
    const int conformer = workspace.view->displaySettings().conformer;
    for (int p : positions)
        if (const int r = document.residueAt(p); r >= 0) {
            const int shown =
                conformer == 0 ? r : esm::residueInConformer(document.structure(), r, conformer);
            if (shown >= 0)
                residues.push_back(shown);
        }
    return residues;
}

std::vector<int> selectedShownResidues(const Workspace& workspace) {
    return shownResidues(workspace, workspace.document->selection()->positions());
}

int positionOfShown(const Workspace& workspace, int residue) {
    const Document& document = *workspace.document;
    if (residue < 0 || !showsDocument(workspace))
        return -1;
    return document.positionOf(esm::residueInConformer(document.structure(), residue, 0));
}

void pickShownResidue(const Workspace& workspace, int residue, Qt::KeyboardModifiers modifiers) {
    ResidueSelection* selection = workspace.document->selection();
    const int position = positionOfShown(workspace, residue);
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

} // namespace esmui
