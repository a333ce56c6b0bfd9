// Crash recovery, as ParaView's pqCrashRecoveryBehavior: a lock file holds the running process's
// id and goes when the application closes cleanly. A lock whose process is gone means the last
// run crashed: its autosave is offered back once the window is up.
#pragma once

#include "ui/widgets/workspace/Workspace.h"

#include <QObject>

namespace esmui {

class CrashRecoveryBehavior : public QObject {
    Q_OBJECT
  public:
    CrashRecoveryBehavior(Workspace workspace, QObject* parent);
    ~CrashRecoveryBehavior() override;

    // The autosave a crashed earlier run left behind, until offered; empty when there is none.
    const QString& recoverableSession() const { return m_recoverable; }

  private:
    static QString lockPath();
    void offerRecovery();

    Workspace m_workspace;
    QString m_recoverable;
};

} // namespace esmui
