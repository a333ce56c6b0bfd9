// Choosing models: File > Open Model Folder (any HuggingFace folder) and File > Models (the
// dialog that lists, downloads and converts them). A masked language model feeds the heatmap,
// ESMFold folds; the choice is remembered for the next start.
#pragma once

#include "ui/widgets/actions/Reaction.h"
#include "ui/widgets/workspace/Workspace.h"

#include <QPointer>

namespace esmui {

class ModelsDialog;

// Uses the model in `folder`. On a folder that is neither kind, or is incomplete, says why and
// returns false.
bool useModelFolder(const Workspace& workspace, const QString& folder);

class OpenModelReaction : public Reaction {
    Q_OBJECT
  public:
    OpenModelReaction(QAction* action, Workspace workspace);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
};

class ModelsDialogReaction : public Reaction {
    Q_OBJECT
  public:
    ModelsDialogReaction(QAction* action, Workspace workspace);
    // The dialog, with `repo` selected (and downloading, then used, when `download`).
    void showDialog(const QString& repo = {}, bool download = false);

  protected:
    void onTriggered() override { showDialog(); }

  private:
    // The dialog's list read again, with the folders the document uses marked.
    void showFoldersInUse();

    Workspace m_workspace;
    QPointer<ModelsDialog> m_dialog;
};

} // namespace esmui
