// Autosave, as ParaView's pqAutoSaveBehavior: every three minutes, and when the window closes,
// the work in progress goes to one session file in the application's data folder. Autosaving
// never changes where File > Save writes.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

namespace esmui {

class AutosaveBehavior : public QObject {
    Q_OBJECT
  public:
    AutosaveBehavior(Workspace workspace, QObject* parent);

    static QString path();
    // Writes the autosave file now (nothing when there is no work: no sequence, no fold).
    void autosave();

  private:
    Workspace m_workspace;
};

} // namespace esmui
