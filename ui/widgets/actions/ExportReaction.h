// File > Export entries: a save dialog suggesting a name in the last folder saved to, then one of
// the Exports writers; the result goes to the status bar, a failure also to a message box.
#pragma once

#include "ui/widgets/actions/Reaction.h"
#include "ui/widgets/workspace/Workspace.h"

namespace esmui {

class ExportReaction : public Reaction {
    Q_OBJECT
  public:
    using Writer = QString (*)(const Workspace&, const QString& path);
    using Check = QString (*)(const Workspace&);
    // `kind` names the file ("heatmap": 1ubq-heatmap.svg); `filter` is the save dialog's, e.g.
    // "SVG (*.svg);;PDF (*.pdf)". `ready`, when given, says why there is nothing to export yet
    // (checked before asking for a path).
    ExportReaction(QAction* action, Workspace workspace, QString kind, QString filter, Writer write,
                   Check ready = nullptr);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
    QString m_kind, m_filter;
    Writer m_write;
    Check m_ready;
};

// File > Export > Structure Image: asks for the size and background first.
class ExportImageReaction : public Reaction {
    Q_OBJECT
  public:
    ExportImageReaction(QAction* action, Workspace workspace);

  protected:
    void onTriggered() override;

  private:
    Workspace m_workspace;
};

} // namespace esmui
