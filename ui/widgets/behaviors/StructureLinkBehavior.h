// What the 3D view shows follows the document: its structure, the structures beside it, the
// selection highlighted (green) and residues the edits changed marked (magenta), a fold comparison
// colouring the shown fold by ΔpLDDT, and the document's view state (representation, colour scheme,
// camera), which the view writes back as the user changes it. While a fold runs, its preview is on
// show instead (the camera frames the first and then stays where the user turns it); a cancelled
// or failed fold puts the document's structure back. Picking and the context menu are behaviours
// of their own (StructurePickingBehavior, StructureContextMenuBehavior).
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

#include <memory>

namespace esm {
class Structure;
}

namespace esmui {

class StructureLinkBehavior : public QObject {
    Q_OBJECT
  public:
    StructureLinkBehavior(Workspace workspace, QObject* parent);

  private:
    void onDocumentChanged(int changes);
    // The document's structure or the fold preview, whichever is due.
    void showStructureOnShow(int changes);
    // In its own default colouring (pLDDT for predictions).
    void showStructure(std::shared_ptr<const esm::Structure> structure, bool resetCamera);
    // The document's representation, colour scheme and camera, in the view.
    void applyViewState();
    // What the view shows now, into the document (it records what the user turns or chooses).
    void recordViewState();
    // Structures beside the main one move off the colours it is drawn in (sky blue was pLDDT's "Confident").
    void avoidPaletteInUse();
    // What the pLDDT key says it colours: the opened file, a fold by its mutations, a preview.
    QString keySubject() const;
    void applyComparisonColouring();
    void showMarks();
    // The visible ExtraStructures, as placed (superposed or not), beside the document's structure.
    void showOtherStructures();

    Workspace m_workspace;
    bool m_previewShown = false;
    bool m_pushing = false; // into the view: what it reports back is the document's already
};

} // namespace esmui
