#include "ui/widgets/mainwindow/MainMenus.h"

#include "core/pipeline/versions.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/view3d/StructureView.h"
#include "ui/view3d/StructureViewMenu.h"
#include "ui/widgets/actions/AddStructureReaction.h"
#include "ui/widgets/actions/ExportReaction.h"
#include "ui/widgets/actions/Exports.h"
#include "ui/widgets/actions/ModelReactions.h"
#include "ui/widgets/actions/OpenFileReaction.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/behaviors/ShownResidues.h"
#include "ui/widgets/mainwindow/ControlsHelp.h"
#include "ui/widgets/mainwindow/RecentFilesMenu.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QUndoStack>

#include <vtkVersion.h>

namespace esmui {
namespace {

QAction* namedAction(QMenu* menu, const QString& text, const char* name, QKeySequence shortcut = {}) {
    QAction* action = menu->addAction(text);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    return action;
}

void buildExportMenu(QMenu* file, const Workspace& workspace) {
    QMenu* menu = file->addMenu(QObject::tr("&Export"));
    const QString figures = QObject::tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)");
    auto add = [&](const QString& text, const QString& kind, const QString& filter,
                   ExportReaction::Writer write, ExportReaction::Check ready = nullptr) {
        new ExportReaction(menu->addAction(text), workspace, kind, filter, write, ready);
    };
    add(QObject::tr("Structure (PDB or mmCIF)…"), "model", QObject::tr("PDB (*.pdb);;mmCIF (*.cif)"),
        exportStructureFile, needsStructure);
    new ExportImageReaction(menu->addAction(QObject::tr("Structure &Image (PNG)…")), workspace);
    add(QObject::tr("&PAE (AlphaFold DB JSON)…"), "pae", QObject::tr("JSON (*.json)"), exportPaeJson);
    menu->addSeparator();
    add(QObject::tr("&Heatmap Figure (SVG, PDF, PNG)…"), "heatmap", figures, exportHeatmapFigure);
    add(QObject::tr("p&LDDT Plot (SVG, PDF, PNG)…"), "plddt", figures, exportPlddtFigure);
    add(QObject::tr("PA&E Plot (SVG, PDF, PNG)…"), "pae-plot", figures, exportPaeFigure);
    add(QObject::tr("&Report (PDF)…"), "report", QObject::tr("PDF (*.pdf)"), exportReport);
    menu->addSeparator();
    add(QObject::tr("&Scores (CSV)…"), "scores", QObject::tr("CSV (*.csv)"), exportScoresCsv);
    add(QObject::tr("Per-&Residue Table (CSV)…"), "residues", QObject::tr("CSV (*.csv)"), exportResidueTable);
}

void buildFileMenu(QMenuBar* bar, const Workspace& workspace, MainMenus& menus) {
    QMenu* file = bar->addMenu(QObject::tr("&File"));
    menus.open = namedAction(file, QObject::tr("&Open…"), "openAction", QKeySequence::Open);
    new OpenFileReaction(menus.open, workspace);
    menus.addStructure = file->addAction(QObject::tr("&Add Structure…"));
    new AddStructureReaction(menus.addStructure, workspace);
    menus.recent = new RecentFilesMenu(file);
    file->addMenu(menus.recent);
    new OpenModelReaction(file->addAction(QObject::tr("Open &Model Folder…")), workspace);
    menus.modelsDialog =
        new ModelsDialogReaction(file->addAction(QObject::tr("&Models (download, manage)…")), workspace);
    menus.save = namedAction(file, QObject::tr("&Save Session"), "saveAction", QKeySequence::Save);
    new SaveSessionReaction(menus.save, workspace, false);
    QAction* saveAs = file->addAction(QObject::tr("Save Session &As…"));
    saveAs->setShortcut(QKeySequence::SaveAs);
    new SaveSessionReaction(saveAs, workspace, true);
    buildExportMenu(file, workspace);
    file->addSeparator();
    file->addAction(QObject::tr("&Quit"), QKeySequence::Quit, workspace.window, &QWidget::close);
}

void buildEditMenu(QMenuBar* bar, const Workspace& workspace) {
    QMenu* edit = bar->addMenu(QObject::tr("&Edit"));
    QAction* undo = workspace.document->undoStack()->createUndoAction(bar, QObject::tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = workspace.document->undoStack()->createRedoAction(bar, QObject::tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
}

void buildViewMenu(QMenuBar* bar, const std::vector<QDockWidget*>& docks, MainMenus& menus) {
    QMenu* view = bar->addMenu(QObject::tr("&View"));
    for (QDockWidget* dock : docks)
        view->addAction(dock->toggleViewAction());
    menus.startPage = view->addAction(QObject::tr("&Start Page"));
}

void buildStructureMenu(QMenuBar* bar, const Workspace& workspace, MainMenus& menus) {
    menus.structure = new StructureViewMenu(workspace.view, bar);
    QObject::connect(menus.structure, &StructureViewMenu::centreOnSelectionRequested, workspace.view,
                     [workspace] { workspace.view->centreOn(selectedShownResidues(workspace)); });
    QObject::connect(menus.structure, &StructureViewMenu::statusMessage, workspace.window,
                     [workspace](const QString& message) { workspace.showStatus(message); });
    bar->addMenu(menus.structure);
}

void buildFoldMenu(QMenuBar* bar, const Workspace& workspace) {
    QMenu* fold = bar->addMenu(QObject::tr("F&old"));
    fold->addAction(QObject::tr("&Fold / Refold"), QKeySequence(Qt::CTRL | Qt::Key_R), workspace.folds,
                    &FoldService::fold);
    JobRunner* jobs = workspace.jobs;
    fold->addAction(QObject::tr("&Cancel Computation"), QKeySequence(Qt::Key_Escape), jobs,
                    [jobs] { jobs->cancel(jobs->runningJob()); });
}

void buildToolsMenu(QMenuBar* bar, MainMenus& menus) {
    QMenu* tools = bar->addMenu(QObject::tr("&Tools"));
    menus.train = namedAction(tools, QObject::tr("&Train…"), "trainAction");
    menus.applyTaskModel = namedAction(tools, QObject::tr("&Apply Task Model…"), "applyTaskModelAction");
}

void showControlsHelp(QMenuBar* bar, QWidget* parent) {
    auto* box = new QMessageBox(QMessageBox::NoIcon, QObject::tr("Mouse and Keys"), controlsHelpText(bar),
                                QMessageBox::Close, parent);
    box->setObjectName("controlsHelp");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void buildHelpMenu(QMenuBar* bar, QWidget* window) {
    QMenu* help = bar->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Mouse and Keys"), QKeySequence::HelpContents, window,
                    [bar, window] { showControlsHelp(bar, window); });
    help->addAction(QObject::tr("&About ESM Explorer"), window,
                    [window] { QMessageBox::about(window, QObject::tr("About ESM Explorer"), aboutText()); });
}

} // namespace

QString aboutText() {
    return QObject::tr("<h3>ESM Explorer %1</h3><p>ESM-2 and ESMFold on the desktop.</p>"
                       "<p>Qt %2<br>VTK %3<br>LibTorch %4</p>")
        .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
             QString::fromLatin1(vtkVersion::GetVTKVersion()),
             QString::fromStdString(esm::libtorchVersion()));
}

MainMenus buildMainMenus(QMenuBar* bar, const Workspace& workspace, const std::vector<QDockWidget*>& docks) {
    MainMenus menus;
    buildFileMenu(bar, workspace, menus);
    buildEditMenu(bar, workspace);
    buildViewMenu(bar, docks, menus);
    buildStructureMenu(bar, workspace, menus);
    buildFoldMenu(bar, workspace);
    buildToolsMenu(bar, menus);
    buildHelpMenu(bar, workspace.window);
    return menus;
}

} // namespace esmui
