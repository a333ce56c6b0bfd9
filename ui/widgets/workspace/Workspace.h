// What the application's actions and behaviours work on: the document, the services that compute
// for it, the views that only the window holds, and the window that shows their messages. The
// main window makes one and hands it out; nothing here owns anything.
#pragma once

#include <QMainWindow>
#include <QString>

namespace esmui {

class Document;
class FoldService;
class HeatmapPanel;
class JobRunner;
class ScoreService;
class StructureView;
class TaskModelService;

struct Workspace {
    QMainWindow* window = nullptr;
    Document* document = nullptr;
    JobRunner* jobs = nullptr;
    ScoreService* scores = nullptr;
    FoldService* folds = nullptr;
    StructureView* view = nullptr;
    HeatmapPanel* heatmap = nullptr;
    TaskModelService* tasks = nullptr; // a trained model's predictions for the edited sequence

    // In the status bar.
    void showStatus(const QString& message) const;
    // In the status bar and a non-blocking warning box (object name "errorMessage").
    void reportError(const QString& title, const QString& message) const;
    // Processes events until no computation is pending or running, or `timeoutMs` passes (false).
    bool waitUntilIdle(int timeoutMs) const;
};

} // namespace esmui
