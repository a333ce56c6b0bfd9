// File > Add Structure: a PDB/mmCIF file shown beside the document's structure as one more model
// (ExtraStructures), superposed on it when there is one, instead of replacing the document.
#pragma once

#include "ui/widgets/actions/Reaction.h"
#include "ui/widgets/workspace/Workspace.h"

namespace esmui {

// Adds `path` as a model; on failure the reason is shown and false returned.
bool addStructurePath(const Workspace& workspace, const QString& path);

class AddStructureReaction : public Reaction {
    Q_OBJECT
  public:
    AddStructureReaction(QAction* action, Workspace workspace);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
};

} // namespace esmui
