// Keeps the 3D view and the document's sequence together: the structure on show follows the
// document, the selection is highlighted in the view (green) and residues the edits changed are
// marked (magenta), a right click offers a context menu, picking a residue in the view selects its
// position (Shift extends, Ctrl toggles), hovering names it, and a fold comparison colours the
// shown fold by ΔpLDDT.
#pragma once

#include "workspace/Workspace.h"

#include <QObject>

#include <memory>

#include <set>
#include <vector>

class QMenu;

namespace esmui {

class StructureLinkBehavior : public QObject {
    Q_OBJECT
  public:
    StructureLinkBehavior(Workspace workspace, QObject* parent);

    // The view's residues of the selected positions (those the structure has, in the model shown).
    std::vector<int> selectedResidues() const;
    // The 3D view's context menu for `residue` (-1: none under the mouse): select, centre, label,
    // copy the picture. Owned by the caller.
    std::unique_ptr<QMenu> contextMenu(int residue);

  private:
    void onDocumentChanged(int changes);
    void onResidueClicked(int residue, Qt::KeyboardModifiers modifiers);
    void onResidueHovered(int residue);
    void applyComparisonColouring();
    void showMarks();
    // The visible StructureModels, as placed (superposed or not), beside the document's structure.
    void showOtherModels();
    std::vector<int> shownResidues(const std::set<int>& positions) const;
    // The sequence position of a residue of the model shown, or -1.
    int positionOfShown(int residue) const;

    Workspace m_workspace;
};

} // namespace esmui
