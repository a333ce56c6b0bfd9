// Picking in the 3D view: clicking a residue selects its sequence position (Shift extends, Ctrl
// toggles), hovering names it in the status bar and a tooltip, and a measured distance is named
// in the status bar.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

namespace esmui {

class StructurePickingBehavior : public QObject {
    Q_OBJECT
  public:
    StructurePickingBehavior(Workspace workspace, QObject* parent);

  private:
    void onResidueHovered(int residue);
    void onDistanceMeasured(int atomA, int atomB, double angstrom);

    Workspace m_workspace;
};

} // namespace esmui
