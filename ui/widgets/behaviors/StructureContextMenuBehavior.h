// The 3D view's context menu (a right click): select, centre on and label the residue under the
// mouse, label the selection, clear labels, copy the picture, reset the view.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

#include <memory>

class QMenu;

namespace esmui {

class StructureContextMenuBehavior : public QObject {
    Q_OBJECT
  public:
    StructureContextMenuBehavior(Workspace workspace, QObject* parent);

    // The menu for `residue` (-1: none under the mouse). Owned by the caller.
    std::unique_ptr<QMenu> contextMenu(int residue);

  private:
    Workspace m_workspace;
};

} // namespace esmui
