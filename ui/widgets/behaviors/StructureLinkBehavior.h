// Keeps the 3D view and the document's sequence together: the structure on show follows the
// document, the selection is highlighted in the view (green) and residues the edits changed are
// marked (magenta), a right click offers a context menu, picking a residue in the view selects its
// position (Shift extends, Ctrl toggles), hovering names it, and a fold comparison colours the
// shown fold by ΔpLDDT. While a fold runs, the structure after each trunk pass is on show instead
// (the camera frames the first and then stays where the user turns it); a cancelled or failed fold
// puts the document's structure back.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

#include <memory>

#include <set>
#include <vector>

class QMenu;

namespace esm {
class Structure;
}

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
    // In its own default colouring (pLDDT for predictions).
    void showStructure(std::shared_ptr<const esm::Structure> structure, bool resetCamera);
    // Structures beside the main one move off the colours it is drawn in (sky blue was pLDDT's "Confident").
    void avoidPaletteInUse();
    // What the pLDDT key says it colours: the opened file, a fold by its mutations, a preview.
    QString keySubject() const;
    // Whether the view shows the document's structure (not a fold's preview).
    bool showsDocument() const;
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
