#include "ui/widgets/behaviors/AutosaveBehavior.h"

#include "ui/services/document/Document.h"
#include "ui/widgets/actions/SessionReaction.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

namespace esmui {

AutosaveBehavior::AutosaveBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &AutosaveBehavior::autosave);
    timer->start(3 * 60 * 1000);
}

QString AutosaveBehavior::path() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave.esmx";
}

void AutosaveBehavior::autosave() {
    if (m_workspace.document->sequence().isEmpty() && m_workspace.document->folds().empty())
        return;
    QDir().mkpath(QFileInfo(path()).absolutePath());
    saveSessionFile(m_workspace, path(), SessionUse::Backup);
}

} // namespace esmui
