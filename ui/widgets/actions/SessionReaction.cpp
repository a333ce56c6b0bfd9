#include "ui/widgets/actions/SessionReaction.h"

#include "ui/widgets/actions/SavePaths.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"

#include "core/base/error.h"
#include "ui/services/document/Document.h"
#include "ui/services/session/SessionFile.h"
#include "ui/services/settings/Settings.h"

#include <QFileInfo>

namespace esmui {

bool saveSessionFile(const Workspace& workspace, const QString& path, SessionUse use) {
    try {
        writeSession(path, workspace.document->saved());
    } catch (const std::exception& e) {
        workspace.reportError(QObject::tr("Cannot save the session"), describeFailure(e));
        return false;
    }
    if (use == SessionUse::AsDocument) {
        workspace.document->setSessionPath(path);
        workspace.document->markSaved();
        workspace.showStatus(QObject::tr("Saved %1").arg(path));
    }
    return true;
}

bool openSessionFile(const Workspace& workspace, const QString& path, SessionUse use) {
    Document::Saved session;
    try {
        session = readSession(path);
    } catch (const std::exception& e) {
        workspace.reportError(QObject::tr("Cannot open the session"), describeFailure(e));
        return false;
    }
    workspace.document->restore(std::move(session));
    if (use == SessionUse::AsDocument) {
        workspace.document->setSessionPath(path);
        workspace.document->markSaved();
        Settings::addRecentFile(path);
    }
    workspace.showStatus(QObject::tr("Opened session %1").arg(QFileInfo(path).fileName()));
    return true;
}

SaveSessionReaction::SaveSessionReaction(QAction* action, Workspace workspace, bool askForPath)
    : Reaction(action), m_workspace(workspace), m_askForPath(askForPath) {}

void SaveSessionReaction::onTriggered() {
    QString path = m_workspace.document->sessionPath();
    if (m_askForPath || path.isEmpty())
        path = askSavePath(m_workspace, tr("Save Session"), {}, tr("ESM Explorer session (*.esmx)"));
    if (!path.isEmpty())
        saveSessionFile(m_workspace, path, SessionUse::AsDocument);
}

} // namespace esmui
