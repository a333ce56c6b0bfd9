// Sessions (.esmx): File > Save Session (to the session's file, or asking for one the first time)
// and Save Session As; opening goes through File > Open. Everything is restored without
// recomputing: the document, the models and scores, the selection and the 3D view.
#pragma once

#include "ui/widgets/actions/Reaction.h"
#include "ui/widgets/workspace/Workspace.h"

namespace esmui {

// A session the user saves or opens becomes the document's file (Save writes there, it joins the
// recent files); a backup (the autosave, a recovery) leaves both as they were.
enum class SessionUse { AsDocument, Backup };

// Errors are shown; false returned.
bool saveSessionFile(const Workspace& workspace, const QString& path, SessionUse use);
bool openSessionFile(const Workspace& workspace, const QString& path, SessionUse use);

class SaveSessionReaction : public Reaction {
    Q_OBJECT
  public:
    // `askForPath`: Save As; otherwise Save, which asks only while the session has no file.
    SaveSessionReaction(QAction* action, Workspace workspace, bool askForPath);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
    bool m_askForPath;
};

} // namespace esmui
