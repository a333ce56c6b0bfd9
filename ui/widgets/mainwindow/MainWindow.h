// The main window: places the panels and the 3D view, has its menus built (MainMenus) and starts
// the standing behaviours in ui/widgets/behaviors. Wiring only: what an action
// does lives in its reaction, shared state in the Document.
#pragma once

#include "ui/widgets/mainwindow/MainMenus.h"
#include "ui/widgets/workspace/Workspace.h"

#include <QMainWindow>

class QDockWidget;
class QStackedWidget;
class QLabel;

namespace esmui {

class AutosaveBehavior;
class CrashRecoveryBehavior;
class FoldsPanel;
class PlotsPanel;
class SequencePanel;
class StartPanel;
class ExtraStructures;
class StructureContextMenuBehavior;
class TaskModelPanel;
class TrainDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Opens a structure, FASTA or session file (see openPath); false with the reason shown.
    bool openFile(const QString& path);
    // Shows a structure file beside the document's (see addStructurePath); false with the reason shown.
    bool addStructure(const QString& path);
    // Uses a model folder (see useModelFolder); false with the reason shown.
    bool openModel(const QString& folder);
    // Tools > Train…: the training dialog (one, kept while the window lives).
    TrainDialog* showTrainDialog();
    // Shows a trained model's predictions for the edited sequence (the Task Model panel).
    void applyTaskModel(const QString& folder);
    TaskModelPanel* taskModelPanel() const { return m_taskPanel; }

    const Workspace& workspace() const { return m_workspace; }
    Document* document() const { return m_workspace.document; }
    JobRunner* jobs() const { return m_workspace.jobs; }
    ScoreService* scoreService() const { return m_workspace.scores; }
    FoldService* foldService() const { return m_workspace.folds; }
    StructureView* structureView() const { return m_workspace.view; }
    ExtraStructures* extraStructures() const;
    HeatmapPanel* heatmapPanel() const { return m_workspace.heatmap; }
    SequencePanel* sequencePanel() const { return m_sequencePanel; }
    FoldsPanel* foldsPanel() const { return m_foldsPanel; }
    PlotsPanel* plotsPanel() const { return m_plotsPanel; }
    AutosaveBehavior* autosave() const { return m_autosave; }
    CrashRecoveryBehavior* crashRecovery() const { return m_crashRecovery; }
    StructureContextMenuBehavior* structureContextMenu() const { return m_structureContextMenu; }
    bool isStartPanelShown() const;

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    QDockWidget* addDock(const QString& title, const QString& name, QWidget* panel, Qt::DockWidgetArea area);
    void chooseTaskModel();
    void showTaskModelDock();
    void showStartPanel();
    void restoreFromSettings();
    void showDocumentState(int changes);
    // Asks what to do with unsaved work (save, discard, or stay); true when the window may close.
    bool confirmClose();

    Workspace m_workspace;
    SequencePanel* m_sequencePanel;
    FoldsPanel* m_foldsPanel;
    PlotsPanel* m_plotsPanel;
    StartPanel* m_startPanel;
    QStackedWidget* m_central;
    QLabel* m_noStructure;
    MainMenus m_menus;
    AutosaveBehavior* m_autosave;
    CrashRecoveryBehavior* m_crashRecovery;
    StructureContextMenuBehavior* m_structureContextMenu;
    TaskModelPanel* m_taskPanel = nullptr;
    QDockWidget* m_taskDock = nullptr;
    TrainDialog* m_trainDialog = nullptr;
};

} // namespace esmui
