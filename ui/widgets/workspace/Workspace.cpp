#include "ui/widgets/workspace/Workspace.h"

#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ScoreService.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace esmui {

void Workspace::showStatus(const QString& message) const {
    window->statusBar()->showMessage(message);
}

void Workspace::reportError(const QString& title, const QString& message) const {
    showStatus(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorMessage");
    box->open();
}

bool Workspace::waitUntilIdle(int timeoutMs) const {
    QElapsedTimer clock;
    clock.start();
    while (scores->isBusy() || !jobs->isIdle()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

} // namespace esmui
