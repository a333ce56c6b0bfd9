#include "ui/widgets/mainwindow/MainWindow.h"

#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/services/jobs/TaskModelService.h"
#include "ui/services/settings/Settings.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/actions/AddStructureReaction.h"
#include "ui/widgets/actions/ModelReactions.h"
#include "ui/widgets/actions/OpenFileReaction.h"
#include "ui/widgets/behaviors/AutosaveBehavior.h"
#include "ui/widgets/behaviors/CrashRecoveryBehavior.h"
#include "ui/widgets/behaviors/StructureContextMenuBehavior.h"
#include "ui/widgets/behaviors/StructureLinkBehavior.h"
#include "ui/widgets/behaviors/StructurePickingBehavior.h"
#include "ui/widgets/behaviors/TaskColouringBehavior.h"
#include "ui/widgets/folds/FoldsPanel.h"
#include "ui/widgets/jobs/JobStatusWidget.h"
#include "ui/widgets/mainwindow/ModelsInUseLabel.h"
#include "ui/widgets/mainwindow/RecentFilesMenu.h"
#include "ui/widgets/mainwindow/StaleStructureBanner.h"
#include "ui/widgets/mainwindow/StartPanel.h"
#include "ui/widgets/plots/HeatmapPanel.h"
#include "ui/widgets/plots/PlotsPanel.h"
#include "ui/widgets/sequence/SequencePanel.h"
#include "ui/widgets/structures/StructuresPanel.h"
#include "ui/widgets/taskmodel/TaskModelPanel.h"
#include "ui/widgets/training/TrainDialog.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace esmui {

// Saved dock layouts of another version are not restored: version 0 put the plots under the folds.
constexpr int kDockLayoutVersion = 1;

namespace {

Workspace makeWorkspace(QMainWindow* window) {
    Workspace w;
    w.window = window;
    w.document = new Document(window);
    w.jobs = new JobRunner(window); // before the services that submit to it, so it is destroyed first
    w.scores = new ScoreService(w.document, w.jobs, window);
    w.folds = new FoldService(w.document, w.jobs, window);
    w.view = new StructureView;
    w.heatmap = new HeatmapPanel(w.document, w.scores);
    w.tasks = new TaskModelService(w.document, w.jobs, window);
    return w;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_workspace(makeWorkspace(this)), m_sequencePanel(new SequencePanel(document())),
      m_foldsPanel(new FoldsPanel(document(), foldService())), m_plotsPanel(new PlotsPanel(document())),
      m_startPanel(new StartPanel), m_central(new QStackedWidget),
      m_noStructure(new QLabel(tr("No structure yet: fold the sequence to see it in 3D."))),
      m_autosave(new AutosaveBehavior(m_workspace, this)),
      m_crashRecovery(new CrashRecoveryBehavior(m_workspace, this)),
      m_structureContextMenu(new StructureContextMenuBehavior(m_workspace, this)) {
    setObjectName("mainWindow");
    // Standing behaviours around the 3D view, one concern each; the window owns them.
    new StructureLinkBehavior(m_workspace, this);
    new StructurePickingBehavior(m_workspace, this);
    setWindowTitle(tr("ESM Explorer"));
    m_noStructure->setAlignment(Qt::AlignCenter);
    m_central->addWidget(m_startPanel);
    m_central->addWidget(structureView());
    m_central->addWidget(m_noStructure);
    auto* banner = new StaleStructureBanner(document());
    connect(banner, &StaleStructureBanner::refoldRequested, foldService(), &FoldService::fold);
    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(banner);
    centreLayout->addWidget(m_central, 1);
    setCentralWidget(centre);

    QDockWidget* sequenceDock =
        addDock(tr("Sequence"), "sequenceDock", m_sequencePanel, Qt::LeftDockWidgetArea);
    QDockWidget* heatmapDock =
        addDock(tr("Heatmap"), "heatmapDock", heatmapPanel(), Qt::BottomDockWidgetArea);
    QDockWidget* foldsDock = addDock(tr("Folds"), "foldsDock", m_foldsPanel, Qt::RightDockWidgetArea);
    // Beside the heatmap, not under the folds: the bottom row has the height a PAE matrix and a
    // pLDDT curve need to be read (the right column left them ~40 px at 1280 x 860).
    m_plotsPanel->setMinimumWidth(230); // a PAE matrix with its axes and colour bar, at 800 x 560
    QDockWidget* plotsDock = addDock(tr("Plots"), "plotsDock", m_plotsPanel, Qt::BottomDockWidgetArea);
    splitDockWidget(heatmapDock, plotsDock, Qt::Horizontal);
    // A tab beside the sequence: the right column has no height to spare on laptop screens.
    auto* structuresPanel = new StructuresPanel(document());
    QDockWidget* structuresDock =
        addDock(tr("Structures"), "structuresDock", structuresPanel, Qt::LeftDockWidgetArea);
    tabifyDockWidget(sequenceDock, structuresDock);
    sequenceDock->raise();
    // A tab beside the heatmap, hidden until a task model is applied: a second tab would take the
    // heatmap's height on laptop screens.
    m_taskPanel = new TaskModelPanel(document(), m_workspace.tasks);
    m_taskDock = addDock(tr("Task Model"), "taskModelDock", m_taskPanel, Qt::BottomDockWidgetArea);
    tabifyDockWidget(heatmapDock, m_taskDock);
    m_taskDock->hide();
    heatmapDock->raise();
    connect(document(), &Document::changed, this, [this](Document::Changes changes) {
        if ((changes & Document::ModelsChanged) && !document()->taskModel().isEmpty())
            showTaskModelDock();
    });
    new TaskColouringBehavior(m_workspace, m_taskPanel, this);
    statusBar()->addPermanentWidget(new JobStatusWidget(jobs()));
    statusBar()->addPermanentWidget(new ModelsInUseLabel(document()));
    m_menus = buildMainMenus(menuBar(), m_workspace,
                             {sequenceDock, heatmapDock, foldsDock, plotsDock, structuresDock, m_taskDock});
    connect(m_menus.recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    connect(m_menus.startPage, &QAction::triggered, this, &MainWindow::showStartPanel);
    connect(m_menus.train, &QAction::triggered, this, &MainWindow::showTrainDialog);
    connect(m_menus.applyTaskModel, &QAction::triggered, this, &MainWindow::chooseTaskModel);
    connect(m_taskPanel, &TaskModelPanel::applyRequested, this, &MainWindow::chooseTaskModel);
    connect(structuresPanel, &StructuresPanel::addRequested, m_menus.addStructure, &QAction::trigger);
    // An unsuperposed structure goes back where its file has it, maybe far off: frame everything again.
    connect(structuresPanel, &StructuresPanel::structureMoved, structureView(), &StructureView::resetView);

    connect(heatmapPanel(), &HeatmapPanel::getModelRequested, this,
            [this] { m_menus.modelsDialog->showDialog("facebook/esm2_t6_8M_UR50D", true); });
    connect(m_foldsPanel, &FoldsPanel::getModelRequested, this,
            [this] { m_menus.modelsDialog->showDialog("facebook/esmfold_v1", false); });
    connect(document(), &Document::changed, this,
            [this](Document::Changes changes) { showDocumentState(int(changes)); });
    connect(m_startPanel, &StartPanel::openExampleStructure, this,
            [this] { openExampleStructure(m_workspace); });
    connect(m_startPanel, &StartPanel::useExampleSequence, this, [this] { useExampleSequence(m_workspace); });
    connect(m_startPanel, &StartPanel::openFileRequested, m_menus.open, &QAction::trigger);
    connect(jobs(), &JobRunner::failed, this,
            [this](int, const QString& message) { m_workspace.showStatus(message); });

    resize(1280, 860);
    // The heatmap's rows and axes whole at the default size (it scrolls, rather than squashes, below).
    resizeDocks({heatmapDock}, {400}, Qt::Vertical);
    resizeDocks({heatmapDock, plotsDock}, {760, 520}, Qt::Horizontal);
    restoreFromSettings();
    m_workspace.showStatus(tr("Ready"));
}

TrainDialog* MainWindow::showTrainDialog() {
    if (!m_trainDialog) {
        m_trainDialog = new TrainDialog(jobs(), document()->languageModel(), this);
        connect(m_trainDialog, &TrainDialog::trained, this,
                [this](const QString& folder, esm::TrainingTask task) {
                    Settings::addLocalModelFolder(folder);
                    if (task == esm::TrainingTask::MaskedLM)
                        useModelFolder(m_workspace, folder);
                    else
                        applyTaskModel(folder);
                });
    }
    m_trainDialog->show();
    m_trainDialog->raise();
    return m_trainDialog;
}

void MainWindow::chooseTaskModel() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Apply a Trained Model"), Settings::lastOpenFolder());
    if (!folder.isEmpty())
        applyTaskModel(folder);
}

void MainWindow::applyTaskModel(const QString& folder) {
    document()->setTaskModel(folder);
    showTaskModelDock();
}

void MainWindow::showTaskModelDock() {
    m_taskDock->show();
    m_taskDock->raise();
}

void MainWindow::showStartPanel() {
    m_central->setCurrentWidget(m_startPanel);
}

void MainWindow::restoreFromSettings() {
    restoreGeometry(Settings::windowGeometry());
    restoreState(Settings::windowState(), kDockLayoutVersion);
    if (const QString model = Settings::languageModelFolder(); !model.isEmpty() && QFileInfo(model).isDir())
        document()->setLanguageModel(model);
    if (const QString model = Settings::foldingModelFolder(); !model.isEmpty() && QFileInfo(model).isDir())
        document()->setFoldingModel(model);
}

bool MainWindow::addStructure(const QString& path) {
    return addStructurePath(m_workspace, path);
}

bool MainWindow::openFile(const QString& path) {
    return openPath(m_workspace, path);
}

bool MainWindow::openModel(const QString& folder) {
    return useModelFolder(m_workspace, folder);
}

void MainWindow::showDocumentState(int changes) {
    const QString origin = document()->origin();
    setWindowTitle(origin.isEmpty() ? tr("ESM Explorer")
                                    : tr("%1 — ESM Explorer").arg(QFileInfo(origin).fileName()));
    // A fold's preview is on show in 3D before the document has any structure.
    if (changes & (Document::StructureChanged | Document::PreviewChanged))
        m_central->setCurrentWidget(document()->hasStructure() || document()->foldPreview()
                                        ? static_cast<QWidget*>(structureView())
                                        : m_noStructure);
}

ExtraStructures* MainWindow::extraStructures() const {
    return document()->extraStructures();
}

bool MainWindow::isStartPanelShown() const {
    return m_central->currentWidget() == m_startPanel;
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& name, QWidget* panel,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name); // the key saveState() keeps its place by
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

bool MainWindow::confirmClose() {
    if (!document()->hasUnsavedWork())
        return true;
    QMessageBox question(
        QMessageBox::Question, tr("Quit ESM Explorer"),
        tr("The edits and folds of this document are not saved in a session. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    question.setObjectName("unsavedWorkQuestion");
    question.setDefaultButton(QMessageBox::Save);
    const int answer = question.exec();
    if (answer == QMessageBox::Save)
        m_menus.save->trigger();
    return answer == QMessageBox::Discard || (answer == QMessageBox::Save && !document()->hasUnsavedWork());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmClose()) {
        event->ignore();
        return;
    }
    m_autosave->autosave(); // unsaved work stays on disk
    Settings::setWindowGeometry(saveGeometry());
    Settings::setWindowState(saveState(kDockLayoutVersion));
    QMainWindow::closeEvent(event);
}

} // namespace esmui
