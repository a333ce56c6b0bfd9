#include "ui/widgets/behaviors/CrashRecoveryBehavior.h"

#include "core/base/atomic_file.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/behaviors/AutosaveBehavior.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <csignal>

namespace esmui {
namespace {

bool isProcessAlive(qint64 pid) {
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

} // namespace

CrashRecoveryBehavior::CrashRecoveryBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    if (QFile lock(lockPath()); lock.open(QIODevice::ReadOnly)) {
        if (!isProcessAlive(lock.readAll().trimmed().toLongLong()) &&
            QFileInfo::exists(AutosaveBehavior::path()))
            m_recoverable = AutosaveBehavior::path();
    }
    QDir().mkpath(QFileInfo(lockPath()).absolutePath());
    esm::writeFileAtomically(lockPath().toStdString(), std::to_string(QCoreApplication::applicationPid()));
    if (!m_recoverable.isEmpty())
        QTimer::singleShot(0, this, &CrashRecoveryBehavior::offerRecovery);
}

CrashRecoveryBehavior::~CrashRecoveryBehavior() {
    QFile::remove(lockPath()); // a clean shutdown: the next start offers no recovery
}

QString CrashRecoveryBehavior::lockPath() {
    return QFileInfo(AutosaveBehavior::path()).absolutePath() + "/running.lock";
}

void CrashRecoveryBehavior::offerRecovery() {
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Recover Session"),
                        tr("ESM Explorer did not close properly last time. Recover the work it autosaved?"),
                        QMessageBox::Yes | QMessageBox::No, m_workspace.window);
    box->setObjectName("recoveryQuestion");
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            openSessionFile(m_workspace, m_recoverable, SessionUse::Backup);
        m_recoverable.clear();
    });
    box->open();
}

} // namespace esmui
