#include "ui/widgets/actions/SessionReaction.h"

#include "ui/widgets/actions/SavePaths.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"

#include "core/base/error.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/services/session/SessionFile.h"
#include "ui/services/settings/Settings.h"
#include "ui/services/structures/ExtraStructures.h"
#include "ui/view3d/StructureView.h"

#include <QFileInfo>

namespace esmui {
namespace {

Session captureSession(const Workspace& workspace) {
    const Document& document = *workspace.document;
    Session session;
    Document::Saved& d = session.document;
    d.sequence = document.sequence();
    d.origin = document.origin();
    d.structure = document.sharedStructure();
    d.folds = document.folds();
    d.currentFold = document.currentFold();
    d.undo = document.undoHistory();
    d.undoIndex = workspace.document->undoStack()->index();
    session.selection = workspace.document->selection()->positions();
    session.languageModel = document.languageModel();
    session.foldingModel = document.foldingModel();
    session.taskModel = document.taskModel();
    session.scoreMode = workspace.scores->mode();
    if (workspace.scores->isCurrent())
        session.scores = workspace.scores->result();
    const DisplaySettings& view = workspace.view->displaySettings();
    session.style = styleName(view.style);
    session.colour = view.colorScheme ? colorSchemeName(*view.colorScheme) : QString();
    session.camera = workspace.view->cameraState();
    for (const ExtraStructure& m : workspace.structures->structures())
        session.structures.push_back({m.name, m.structure, m.visible, m.superposed, m.colour});
    return session;
}

void restoreSession(const Workspace& workspace, Session session) {
    Document& document = *workspace.document;
    if (!session.languageModel.isEmpty())
        document.setLanguageModel(session.languageModel);
    if (!session.foldingModel.isEmpty())
        document.setFoldingModel(session.foldingModel);
    document.setTaskModel(session.taskModel);
    workspace.scores->setMode(session.scoreMode);
    if (session.scores)
        workspace.scores->remember(session.document.sequence, session.scoreMode, session.scores);
    workspace.structures->clear(); // before the document, which would move them onto its structure
    document.restore(std::move(session.document));
    document.selection()->select(session.selection);
    for (const SessionStructure& m : session.structures) {
        const int index = workspace.structures->add(m.structure, m.name);
        workspace.structures->setColour(index, m.colour);
        workspace.structures->setVisible(index, m.visible);
        if (m.superposed)
            workspace.structures->superpose(index);
    }
    DisplaySettings view = workspace.view->displaySettings();
    if (const auto style = parseStyle(session.style))
        view.style = *style;
    view.colorScheme = parseColorScheme(session.colour);
    workspace.view->setDisplaySettings(view);
    workspace.view->setCameraState(session.camera);
}

} // namespace

bool saveSessionFile(const Workspace& workspace, const QString& path, SessionUse use) {
    try {
        writeSession(path, captureSession(workspace));
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
    Session session;
    try {
        session = readSession(path);
    } catch (const std::exception& e) {
        workspace.reportError(QObject::tr("Cannot open the session"), describeFailure(e));
        return false;
    }
    restoreSession(workspace, std::move(session));
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
