#include "mainwindow/MainWindow.h"

#include "core/base/error.h"
#include "core/io/fasta.h"
#include "core/io/structure_files.h"
#include "core/pipeline/versions.h"
#include "core/pipeline/model_folder.h"
#include "document/Document.h"
#include "core/base/atomic_file.h"
#include "core/io/pae_json.h"
#include "core/pipeline/score_csv.h"
#include "folds/FoldsPanel.h"
#include "hub/ModelsDialog.h"
#include "jobs/FoldService.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStatusWidget.h"
#include "jobs/ScoreService.h"
#include "plots/FigureExport.h"
#include "plots/HeatmapPanel.h"
#include "plots/PlotsPanel.h"
#include "report/Report.h"
#include "session/SessionFile.h"
#include "mainwindow/RecentFilesMenu.h"
#include "mainwindow/StartPanel.h"
#include "sequence/SequencePanel.h"
#include "settings/Settings.h"
#include "structure/StructureView.h"
#include "structure/StructureViewMenu.h"
#include "plots/PlddtPlot.h"
#include "plots/MatrixPlot.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QCloseEvent>
#include <QDir>
#include <QScopeGuard>
#include <QDockWidget>
#include <QStandardPaths>
#include <QTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolTip>

#include <csignal>
#include <sstream>
#include <vtkVersion.h>

namespace esmui {
namespace {

const QString kStructureFilter = QObject::tr("Structures (*.pdb *.ent *.cif *.mmcif *.pdb.gz *.ent.gz *.cif.gz)");
const QString kFastaFilter = QObject::tr("Sequences (*.fasta *.fa *.faa *.fas)");

bool isFastaPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "fasta" || suffix == "fa" || suffix == "faa" || suffix == "fas";
}

QString describe(const esm::Structure& s) {
    int chains = 0, residues = 0;
    const auto range = s.modelChains(0);
    for (int c = range.begin; c < range.end; ++c) {
        const int n = static_cast<int>(s.polymerResidues(c).size());
        chains += n > 0;
        residues += n;
    }
    return QObject::tr("%1: %2 chain(s), %3 residues, %4 atoms%5")
        .arg(QString::fromStdString(s.name))
        .arg(chains)
        .arg(residues)
        .arg(s.atomCount())
        .arg(s.confidence == esm::Confidence::PLDDT ? QObject::tr(", pLDDT") : QString());
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_jobs(new JobRunner(this)),
      m_scores(new ScoreService(m_document, m_jobs, this)), m_foldService(new FoldService(m_document, m_jobs, this)),
      m_sequencePanel(new SequencePanel(m_document)), m_heatmapPanel(new HeatmapPanel(m_document, m_scores)),
      m_foldsPanel(new FoldsPanel(m_document, m_foldService)),
      m_plotsPanel(new PlotsPanel(m_document, m_scores, m_foldsPanel)),
      m_modelLabel(new QLabel), m_startPanel(new StartPanel), m_central(new QStackedWidget),
      m_structureView(new StructureView),
      m_noStructure(new QLabel(tr("No structure yet: fold the sequence to see it in 3D."))) {
    setObjectName("mainWindow");
    setWindowTitle(tr("ESM Explorer"));
    m_noStructure->setAlignment(Qt::AlignCenter);
    m_central->addWidget(m_startPanel);
    m_central->addWidget(m_structureView);
    m_central->addWidget(m_noStructure);
    setCentralWidget(m_central);

    addDock(tr("Sequence"), "sequenceDock", m_sequencePanel, Qt::LeftDockWidgetArea);
    QDockWidget* heatmapDock = addDock(tr("Heatmap"), "heatmapDock", m_heatmapPanel, Qt::BottomDockWidgetArea);
    addDock(tr("Folds"), "foldsDock", m_foldsPanel, Qt::RightDockWidgetArea);
    addDock(tr("Plots"), "plotsDock", m_plotsPanel, Qt::RightDockWidgetArea);
    connect(m_foldsPanel, &FoldsPanel::comparisonChanged, this, &MainWindow::applyComparisonColouring);
    statusBar()->addPermanentWidget(new JobStatusWidget(m_jobs));
    m_modelLabel->setObjectName("modelsInUse");
    statusBar()->addPermanentWidget(m_modelLabel);
    connect(m_heatmapPanel, &HeatmapPanel::getModelRequested, this,
            [this] { showModelsDialog("facebook/esm2_t6_8M_UR50D", true); });
    connect(m_foldsPanel, &FoldsPanel::getModelRequested, this, [this] { showModelsDialog("facebook/esmfold_v1", false); });

    buildMenus();
    connect(m_document, &Document::changed, this, [this](Document::Changes changes) { onDocumentChanged(int(changes)); });
    connect(m_startPanel, &StartPanel::openExampleStructure, this, &MainWindow::openExampleStructure);
    connect(m_startPanel, &StartPanel::useExampleSequence, this, &MainWindow::useExampleSequence);
    connect(m_startPanel, &StartPanel::openFileRequested, this, &MainWindow::showOpenDialog);
    connect(m_structureView, &StructureView::residueClicked, this, &MainWindow::onResidueClicked);
    connect(m_structureView, &StructureView::residueHovered, this, &MainWindow::onResidueHovered);
    connect(m_document->selection(), &ResidueSelection::changed, this, &MainWindow::onSelectionChanged);

    resize(1280, 860);
    resizeDocks({heatmapDock}, {360}, Qt::Vertical);
    restoreGeometry(Settings::windowGeometry());
    restoreState(Settings::windowState());
    const QString model = Settings::languageModelFolder();
    if (!model.isEmpty() && QFileInfo(model).isDir())
        m_scores->setModelFolder(model);
    const QString foldModel = Settings::foldingModelFolder();
    if (!foldModel.isEmpty() && QFileInfo(foldModel).isDir())
        m_foldService->setModelFolder(foldModel);
    // Autosave every three minutes; a lock file that outlives its process means that run crashed.
    auto* autosaveTimer = new QTimer(this);
    connect(autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    autosaveTimer->start(3 * 60 * 1000);
    const QString lock = QFileInfo(autosavePath()).absolutePath() + "/running.lock";
    QFile lockFile(lock);
    if (lockFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = lockFile.readAll().trimmed().toLongLong();
        if ((pid <= 0 || ::kill(pid_t(pid), 0) != 0) && QFileInfo::exists(autosavePath()))
            m_recoverable = autosavePath();
        lockFile.close();
    }
    QDir().mkpath(QFileInfo(lock).absolutePath());
    esm::writeFileAtomically(lock.toStdString(), std::to_string(QCoreApplication::applicationPid()));
    if (!m_recoverable.isEmpty())
        QTimer::singleShot(0, this, &MainWindow::offerRecovery);
    connect(m_jobs, &JobRunner::failed, this, [this](int, const QString& message) { statusBar()->showMessage(message); });
    showModelsInUse();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() {
    // A clean shutdown: the lock goes, so the next start offers no recovery.
    QFile::remove(QFileInfo(autosavePath()).absolutePath() + "/running.lock");
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog);
    auto* recent = new RecentFilesMenu(file);
    connect(recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    file->addMenu(recent);
    file->addAction(tr("Open &Model Folder…"), this, &MainWindow::showOpenModelDialog);
    file->addAction(tr("&Models (download, manage)…"), this, [this] { showModelsDialog(); });
    file->addAction(tr("&Save Session"), QKeySequence::Save, this, [this] {
        if (m_sessionPath.isEmpty())
            showSaveSessionDialog();
        else
            saveSession(m_sessionPath);
    });
    file->addAction(tr("Save Session &As…"), QKeySequence::SaveAs, this, &MainWindow::showSaveSessionDialog);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Structure (PDB or mmCIF)…"), this, &MainWindow::exportStructure);
    exportMenu->addAction(tr("Structure &Image (PNG)…"), this, &MainWindow::exportStructureImage);
    exportMenu->addAction(tr("&PAE (AlphaFold DB JSON)…"), this, [this] {
        exportWithDialog(tr("Export PAE"), tr("JSON (*.json)"), [this](const QString& p) { return exportPaeJson(p); });
    });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("&Heatmap Figure (SVG, PDF, PNG)…"), this, &MainWindow::exportHeatmap);
    const QString figures = tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)");
    exportMenu->addAction(tr("p&LDDT Plot (SVG, PDF, PNG)…"), this, [this, figures] {
        exportWithDialog(tr("Export pLDDT Plot"), figures, [this](const QString& p) {
            m_plotsPanel->exportPlddt(p);
            return QString();
        });
    });
    exportMenu->addAction(tr("PA&E Plot (SVG, PDF, PNG)…"), this, [this, figures] {
        exportWithDialog(tr("Export PAE Plot"), figures, [this](const QString& p) {
            m_plotsPanel->exportPae(p);
            return QString();
        });
    });
    exportMenu->addAction(tr("&Report (PDF)…"), this, [this] {
        exportWithDialog(tr("Export Report"), tr("PDF (*.pdf)"), [this](const QString& p) { return exportReport(p); });
    });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("&Scores (CSV)…"), this, &MainWindow::exportScores);
    exportMenu->addAction(tr("Per-&Residue Table (CSV)…"), this, [this] {
        exportWithDialog(tr("Export Per-Residue Table"), tr("CSV (*.csv)"),
                         [this](const QString& p) { return exportResidueTable(p); });
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(findChild<QDockWidget*>("sequenceDock")->toggleViewAction());
    view->addAction(findChild<QDockWidget*>("heatmapDock")->toggleViewAction());
    view->addAction(findChild<QDockWidget*>("foldsDock")->toggleViewAction());
    view->addAction(findChild<QDockWidget*>("plotsDock")->toggleViewAction());
    QMenu* fold = menuBar()->addMenu(tr("F&old"));
    fold->addAction(tr("&Fold / Refold"), QKeySequence(Qt::CTRL | Qt::Key_R), m_foldService, &FoldService::fold);
    fold->addAction(tr("&Cancel Computation"), QKeySequence(Qt::Key_Escape), this,
                    [this] { m_jobs->cancel(m_jobs->runningJob()); });
    view->addAction(tr("&Start Page"), this, [this] { m_central->setCurrentWidget(m_startPanel); });
    auto* structureMenu = new StructureViewMenu(m_structureView, this);
    connect(structureMenu, &StructureViewMenu::centreOnSelectionRequested, this, [this] {
        std::vector<int> residues;
        for (int p : m_document->selection()->positions())
            residues.push_back(m_document->residueAt(p));
        m_structureView->centreOn(residues);
    });
    menuBar()->insertMenu(menuBar()->actions().last(), structureMenu);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ESM Explorer"), this,
                    [this] { QMessageBox::about(this, tr("About ESM Explorer"), aboutText()); });
}

QString MainWindow::aboutText() {
    return tr("<h3>ESM Explorer %1</h3><p>ESM-2 and ESMFold on the desktop.</p>"
              "<p>Qt %2<br>VTK %3<br>LibTorch %4</p>")
        .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
             QString::fromLatin1(vtkVersion::GetVTKVersion()), QString::fromStdString(esm::libtorchVersion()));
}

bool MainWindow::openFile(const QString& path) {
    if (QFileInfo(path).suffix().toLower() == "esmx")
        return openSession(path);
    try {
        if (isFastaPath(path)) {
            const auto records = esm::readFastaFile(path.toStdString());
            m_document->setSequence(QString::fromStdString(records.front().sequence.text()),
                                    QFileInfo(path).absoluteFilePath());
            statusBar()->showMessage(tr("Opened %1: %2 (%3 record(s))")
                                         .arg(QFileInfo(path).fileName(), QString::fromStdString(records.front().id))
                                         .arg(records.size()));
        } else {
            m_document->openStructureFile(path);
            statusBar()->showMessage(describe(m_document->structure()));
        }
    } catch (const esm::Error& e) {
        reportError(tr("Cannot open file"), QString::fromStdString(e.what()));
        return false;
    }
    Settings::addRecentFile(path);
    Settings::setLastOpenFolder(QFileInfo(path).absolutePath());
    return true;
}

void MainWindow::openExampleStructure() {
    QFile file(":/examples/1ubq.pdb");
    file.open(QIODevice::ReadOnly);
    m_document->setStructure(esm::readStructureText(file.readAll().toStdString(), esm::StructureFormat::Pdb,
                                                    "example 1ubq.pdb", "1UBQ"),
                             tr("example: ubiquitin (1UBQ)"));
    statusBar()->showMessage(describe(m_document->structure()));
}

void MainWindow::useExampleSequence() {
    QFile file(":/examples/ubiquitin.fasta");
    file.open(QIODevice::ReadOnly);
    std::istringstream in(file.readAll().toStdString());
    const auto records = esm::readFasta(in, "example ubiquitin.fasta");
    m_document->setSequence(QString::fromStdString(records.front().sequence.text()), tr("example: human ubiquitin"));
}

void MainWindow::showOpenDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open"), Settings::lastOpenFolder(),
                                                      kStructureFilter + ";;" + kFastaFilter + ";;" + tr("All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::exportStructure() {
    if (!m_document->hasStructure()) {
        reportError(tr("Nothing to export"), tr("Open or fold a structure first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Structure"), Settings::lastOpenFolder(),
                                                      tr("PDB (*.pdb);;mmCIF (*.cif)"));
    if (path.isEmpty())
        return;
    try {
        esm::writeStructureFile(path.toStdString(), m_document->structure());
        statusBar()->showMessage(tr("Exported %1").arg(path));
    } catch (const esm::Error& e) {
        reportError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::onDocumentChanged(int changes) {
    const QString origin = m_document->origin();
    setWindowTitle(origin.isEmpty() ? tr("ESM Explorer") : tr("%1 — ESM Explorer").arg(QFileInfo(origin).fileName()));
    onSelectionChanged(); // the sequence-to-structure mapping may have changed
    if (!(changes & Document::StructureChanged))
        return;
    if (m_document->hasStructure()) {
        m_central->setCurrentWidget(m_structureView);
        DisplaySettings settings = m_structureView->displaySettings();
        settings.colorScheme.reset(); // each structure opens in its own default colouring
        m_structureView->showStructure(m_document->sharedStructure(), settings, true);
    } else {
        m_central->setCurrentWidget(m_noStructure);
    }
}

bool MainWindow::openModel(const QString& folder) {
    esm::ModelFolderInfo info;
    try {
        info = esm::inspectModelFolder(folder.toStdString());
        if (!info.problems.empty())
            throw esm::Error(folder.toStdString() + " is incomplete: " + info.problems);
        if (info.kind == esm::ModelKind::LanguageModel && info.architecture != "EsmForMaskedLM")
            throw esm::Error(folder.toStdString() + " holds an " + info.architecture +
                             "; the heatmap needs a masked language model (EsmForMaskedLM: ESM-2, ESM-1b, ESM-1v) and "
                             "folding needs ESMFold (EsmForProteinFolding)");
        if (!info.hasVocabulary)
            throw esm::Error(folder.toStdString() + " has no vocab.txt");
    } catch (const esm::Error& e) {
        reportError(tr("Not a usable model"), QString::fromStdString(e.what()));
        return false;
    }
    const auto shown = qScopeGuard([this] { showModelsInUse(); });
    if (info.kind == esm::ModelKind::Folding) {
        Settings::setFoldingModelFolder(folder);
        m_foldService->setModelFolder(folder);
        statusBar()->showMessage(tr("Folding model: %1").arg(QFileInfo(folder).fileName()));
    } else {
        Settings::setLanguageModelFolder(folder);
        m_scores->setModelFolder(folder);
        statusBar()->showMessage(tr("Language model: %1").arg(QFileInfo(folder).fileName()));
    }
    return true;
}

void MainWindow::showOpenModelDialog() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open Model (a HuggingFace folder: ESM-2 or ESMFold)"), Settings::languageModelFolder());
    if (!folder.isEmpty())
        openModel(folder);
}

void MainWindow::exportHeatmap() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Heatmap"), Settings::lastOpenFolder(),
                                                      tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
    if (path.isEmpty())
        return;
    try {
        m_heatmapPanel->exportFigure(path);
        statusBar()->showMessage(tr("Exported %1").arg(path));
    } catch (const esm::Error& e) {
        reportError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportScores() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Scores"), Settings::lastOpenFolder(), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        m_heatmapPanel->exportCsv(path);
        statusBar()->showMessage(tr("Exported %1").arg(path));
    } catch (const esm::Error& e) {
        reportError(tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::onResidueClicked(int residue, Qt::KeyboardModifiers modifiers) {
    ResidueSelection* selection = m_document->selection();
    const int position = m_document->positionOf(residue);
    if (position < 0) {
        if (!(modifiers & (Qt::ShiftModifier | Qt::ControlModifier)))
            selection->clear();
        return;
    }
    if (modifiers & Qt::ShiftModifier)
        selection->extendTo(position);
    else if (modifiers & Qt::ControlModifier)
        selection->toggle(position);
    else
        selection->selectOnly(position);
}

void MainWindow::onResidueHovered(int residue) {
    if (residue < 0 || !m_document->hasStructure()) {
        QToolTip::hideText();
        return;
    }
    const esm::Structure& s = m_document->structure();
    QString text = tr("%1 %2%3 chain %4")
                       .arg(QString::fromStdString(s.residueName(residue)))
                       .arg(s.residueNumber(residue))
                       .arg(s.insertionCode(residue) == ' ' ? QString() : QString(QChar(s.insertionCode(residue))))
                       .arg(QString::fromStdString(s.chainId(s.residueChain(residue))));
    if (s.confidence == esm::Confidence::PLDDT)
        text += tr(", pLDDT %1").arg(s.residueConfidence(residue), 0, 'f', 1);
    statusBar()->showMessage(text);
    QToolTip::showText(QCursor::pos(), text, m_structureView);
}

void MainWindow::onSelectionChanged() {
    std::vector<int> residues;
    for (int p : m_document->selection()->positions())
        if (const int r = m_document->residueAt(p); r >= 0)
            residues.push_back(r);
    m_structureView->setHighlightedResidues(residues);
}

bool MainWindow::isStartPanelShown() const { return m_central->currentWidget() == m_startPanel; }

void MainWindow::reportError(const QString& title, const QString& message) {
    statusBar()->showMessage(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorMessage");
    box->open();
}

namespace {
QString savePng(const QImage& image, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}
} // namespace

QString MainWindow::saveStructureImage(const QString& path, const QSize& size, bool transparentBackground) {
    if (!m_document->hasStructure())
        return tr("no structure to draw");
    show();
    QApplication::processEvents();
    return savePng(m_structureView->renderImage(size, transparentBackground), path);
}

void MainWindow::exportStructureImage() {
    if (!m_document->hasStructure()) {
        reportError(tr("Nothing to export"), tr("Open or fold a structure first."));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export Image"));
    auto* width = new QSpinBox, *height = new QSpinBox;
    for (auto* box : {width, height})
        box->setRange(16, 16000);
    width->setValue(3000);
    height->setValue(2000);
    auto* transparent = new QCheckBox(tr("Transparent background"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Width (pixels)"), width);
    form->addRow(tr("Height (pixels)"), height);
    form->addRow(transparent);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Image"), Settings::lastOpenFolder(), tr("PNG (*.png)"));
    if (path.isEmpty())
        return;
    const QString error = saveStructureImage(path, {width->value(), height->value()}, transparent->isChecked());
    if (error.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(path));
    else
        reportError(tr("Export failed"), error);
}

bool MainWindow::waitUntilIdle(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (m_scores->isBusy() || !m_jobs->isIdle()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

QString MainWindow::saveScreenshot(const QString& path, const QSize& size) {
    resize(size);
    show();
    QApplication::processEvents();
    return savePng(grab().toImage(), path);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    autosave(); // unsaved work stays on disk
    Settings::setWindowGeometry(saveGeometry());
    Settings::setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

QString MainWindow::autosavePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave.esmx";
}

void MainWindow::autosave() {
    if (m_document->sequence().isEmpty() && m_document->folds().empty())
        return;
    QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
    const QString session = m_sessionPath;
    saveSession(autosavePath());
    m_sessionPath = session; // autosaving does not change where Save writes
}

void MainWindow::offerRecovery() {
    auto* box = new QMessageBox(QMessageBox::Question, tr("Recover Session"),
                                tr("ESM Explorer did not close properly last time. Recover the work it autosaved?"),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName("recoveryQuestion");
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            openSession(m_recoverable);
        m_recoverable.clear();
    });
    box->open();
}

bool MainWindow::saveSession(const QString& path) {
    Session session;
    Document::Saved& d = session.document;
    d.sequence = m_document->sequence();
    d.origin = m_document->origin();
    d.structure = m_document->sharedStructure();
    d.folds = m_document->folds();
    d.currentFold = m_document->currentFold();
    d.undo = m_document->undoHistory();
    d.undoIndex = m_document->undoStack()->index();
    session.selection = m_document->selection()->positions();
    session.languageModel = m_scores->modelFolder();
    session.foldingModel = m_foldService->modelFolder();
    session.scoreMode = m_scores->mode();
    if (m_scores->isCurrent())
        session.scores = m_scores->result();
    const DisplaySettings& view = m_structureView->displaySettings();
    session.style = styleName(view.style);
    session.colour = view.colorScheme ? colorSchemeName(*view.colorScheme) : QString();
    session.camera = m_structureView->cameraState();
    try {
        writeSession(path, session);
    } catch (const esm::Error& e) {
        reportError(tr("Cannot save the session"), QString::fromStdString(e.what()));
        return false;
    }
    m_sessionPath = path;
    statusBar()->showMessage(tr("Saved %1").arg(path));
    return true;
}

bool MainWindow::openSession(const QString& path) {
    Session session;
    try {
        session = readSession(path);
    } catch (const esm::Error& e) {
        reportError(tr("Cannot open the session"), QString::fromStdString(e.what()));
        return false;
    }
    if (!session.languageModel.isEmpty())
        m_scores->setModelFolder(session.languageModel);
    if (!session.foldingModel.isEmpty())
        m_foldService->setModelFolder(session.foldingModel);
    m_scores->setMode(session.scoreMode);
    if (session.scores)
        m_scores->remember(session.document.sequence, session.scoreMode, session.scores);
    m_document->restore(std::move(session.document));
    m_document->selection()->select(session.selection);
    DisplaySettings view = m_structureView->displaySettings();
    if (const auto style = parseStyle(session.style))
        view.style = *style;
    view.colorScheme = parseColorScheme(session.colour);
    m_structureView->setDisplaySettings(view);
    m_structureView->setCameraState(session.camera);
    m_sessionPath = path == autosavePath() ? QString() : path;
    if (path != autosavePath())
        Settings::addRecentFile(path);
    statusBar()->showMessage(tr("Opened session %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::showSaveSessionDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), Settings::lastOpenFolder(),
                                                tr("ESM Explorer session (*.esmx)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += ".esmx";
    saveSession(path);
}

void MainWindow::exportWithDialog(const QString& title, const QString& filter,
                                  const std::function<QString(const QString&)>& write) {
    const QString path = QFileDialog::getSaveFileName(this, title, Settings::lastOpenFolder(), filter);
    if (path.isEmpty())
        return;
    QString error;
    try {
        error = write(path);
    } catch (const esm::Error& e) {
        error = QString::fromStdString(e.what());
    }
    if (error.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(path));
    else
        reportError(tr("Export failed"), error);
}

QString MainWindow::exportPaeJson(const QString& path) {
    const FoldRecord* fold = m_document->currentFoldRecord();
    if (!fold)
        return tr("no fold on show: PAE comes with a fold");
    try {
        esm::writeFileAtomically(path.toStdString(), esm::paeJson({fold->residues, fold->pae, fold->maxPae}));
    } catch (const esm::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString MainWindow::exportResidueTable(const QString& path) {
    const FoldRecord* fold = m_document->currentFoldRecord();
    const auto scores = m_scores->isCurrent() ? m_scores->scores() : nullptr;
    const std::string residues = m_document->residues().toStdString();
    try {
        esm::writeFileAtomically(path.toStdString(), [&](std::ostream& out) {
            esm::writeResidueTable(out, residues, fold && fold->sequence == m_document->sequence() ? fold->plddt
                                                                                               : std::vector<float>(),
                                   scores.get());
        });
    } catch (const esm::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& name, QWidget* panel, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name); // the key saveState() and the View menu find it by
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

QString MainWindow::exportReport(const QString& path) {
    const FoldRecord* fold = m_document->currentFoldRecord();
    if (!fold)
        return tr("no fold on show: the report describes a fold");
    ReportContent c;
    c.title = tr("ESM Explorer report — fold #%1 (%2)").arg(m_document->currentFold() + 1).arg(fold->mutations);
    c.facts << tr("Mean pLDDT %1 · pTM %2").arg(fold->meanPlddt, 0, 'f', 1).arg(fold->ptm, 0, 'f', 3)
            << tr("%1 residues, %2 chain(s)").arg(fold->residues).arg(fold->sequence.count(':') + 1)
            << tr("Folded with %1 on %2 in %3 s").arg(fold->model, fold->time.toString(Qt::ISODate)).arg(fold->seconds, 0, 'f', 1);
    if (m_foldsPanel->comparison())
        c.facts << m_foldsPanel->comparisonText();
    const auto scores = m_scores->isCurrent() ? m_scores->scores() : nullptr;
    if (scores && scores->residues == QString(fold->sequence).remove(':').toStdString()) {
        c.scores = scores;
        c.facts << tr("Language model %1 (%2)").arg(QFileInfo(m_scores->modelFolder()).fileName(),
                                                    QString::fromStdString(esm::scoreModeName(scores->mode)));
        if (scores->mode == esm::ScoreMode::MaskedMarginal)
            c.facts << tr("Pseudo-log-likelihood %1, pseudo-perplexity %2")
                           .arg(scores->pseudoLogLikelihood(), 0, 'f', 2)
                           .arg(scores->pseudoPerplexity(), 0, 'f', 2);
    }
    c.facts << tr("ESM Explorer %1 · LibTorch %2 · Qt %3")
                   .arg(QApplication::applicationVersion(), QString::fromStdString(esm::libtorchVersion()), qVersion());
    c.sequence = fold->sequence;
    c.plddt = m_plotsPanel->plddtPlot()->data();
    c.plddt.selected.clear();
    c.pae = m_plotsPanel->paeView()->data();
    show();
    QApplication::processEvents();
    c.structure = m_structureView->renderImage(QSize(1600, 1200), false);
    try {
        writeReport(path, c);
    } catch (const esm::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void MainWindow::applyComparisonColouring() {
    DisplaySettings view = m_structureView->displaySettings();
    const auto& comparison = m_foldsPanel->comparison();
    const FoldRecord* fold = m_document->currentFoldRecord();
    if (comparison && fold && comparison->shown == m_document->currentFold()) {
        view.colorScheme = ColorScheme::Values;
        view.residueValues.assign(std::size_t(fold->structure->residueCount()), std::nan(""));
        for (std::size_t p = 0; p < comparison->otherPlddt.size() && p < view.residueValues.size(); ++p)
            view.residueValues[p] = fold->plddt[p] - comparison->otherPlddt[p];
    } else if (view.colorScheme == ColorScheme::Values) {
        view.colorScheme.reset();
        view.residueValues.clear();
    }
    m_structureView->setDisplaySettings(view);
}

void MainWindow::showModelsDialog(const QString& repo, bool download) {
    if (!m_modelsDialog) {
        m_modelsDialog = new ModelsDialog(this);
        connect(m_modelsDialog, &ModelsDialog::modelChosen, this, [this](const QString& folder) {
            if (openModel(folder))
                m_modelsDialog->refresh();
        });
    }
    m_modelsDialog->refresh();
    m_modelsDialog->show();
    m_modelsDialog->raise();
    if (!repo.isEmpty())
        m_modelsDialog->select(repo, download);
}

void MainWindow::showModelsInUse() {
    auto name = [](const QString& folder) {
        if (folder.isEmpty())
            return tr("none");
        // A cache snapshot is named after its repository, a plain folder after itself.
        const int snapshots = folder.indexOf("/snapshots/");
        return snapshots > 0 ? QFileInfo(folder.left(snapshots)).fileName().section("--", 2) : QFileInfo(folder).fileName();
    };
    m_modelLabel->setText(tr("Language model: %1 · Folding: %2").arg(name(m_scores->modelFolder()), name(m_foldService->modelFolder())));
}

} // namespace esmui
