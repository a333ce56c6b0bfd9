// File > Open: structures (PDB/mmCIF, .gz), sequences (FASTA), sessions (.esmx) and PAE files
// (.json) for the prediction on show, and the examples of the start page.
#pragma once

#include "ui/widgets/actions/Reaction.h"
#include "ui/widgets/workspace/Workspace.h"

namespace esmui {

// The file name patterns of the structure files the readers take, for file dialogs.
inline constexpr const char* kStructureFilePatterns = "*.pdb *.ent *.cif *.mmcif *.pdb.gz *.ent.gz *.cif.gz";

// Opens `path` by its kind. On failure the reason is shown (status bar and a non-blocking
// message box) and false is returned; the open document is kept.
bool openPath(const Workspace& workspace, const QString& path);
void openExampleStructure(const Workspace& workspace);
void useExampleSequence(const Workspace& workspace);

class OpenFileReaction : public Reaction {
    Q_OBJECT
  public:
    OpenFileReaction(QAction* action, Workspace workspace);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
};

} // namespace esmui
