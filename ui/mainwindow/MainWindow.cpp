#include "mainwindow/MainWindow.h"

#include "core/base/error.h"
#include "core/io/fasta.h"
#include "core/io/structure_files.h"
#include "core/pipeline/versions.h"
#include "document/Document.h"
#include "mainwindow/RecentFilesMenu.h"
#include "mainwindow/StartPanel.h"
#include "sequence/SequencePanel.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>

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
    : QMainWindow(parent), m_document(new Document(this)), m_sequencePanel(new SequencePanel(m_document)),
      m_startPanel(new StartPanel), m_central(new QStackedWidget), m_structureArea(new QLabel) {
    setObjectName("mainWindow");
    setWindowTitle(tr("ESM Explorer"));
    m_structureArea->setAlignment(Qt::AlignCenter);
    m_central->addWidget(m_startPanel);
    m_central->addWidget(m_structureArea);
    setCentralWidget(m_central);

    auto* dock = new QDockWidget(tr("Sequence"), this);
    dock->setObjectName("sequenceDock");
    dock->setWidget(m_sequencePanel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    buildMenus();
    connect(m_document, &Document::changed, this, &MainWindow::onDocumentChanged);
    connect(m_startPanel, &StartPanel::openExampleStructure, this, &MainWindow::openExampleStructure);
    connect(m_startPanel, &StartPanel::useExampleSequence, this, &MainWindow::useExampleSequence);
    connect(m_startPanel, &StartPanel::openFileRequested, this, &MainWindow::showOpenDialog);

    resize(1280, 800);
    restoreGeometry(Settings::windowGeometry());
    restoreState(Settings::windowState());
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog);
    auto* recent = new RecentFilesMenu(file);
    connect(recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    file->addMenu(recent);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Structure (PDB or mmCIF)…"), this, &MainWindow::exportStructure);
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
    view->addAction(tr("&Start Page"), this, [this] { m_central->setCurrentWidget(m_startPanel); });

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

void MainWindow::onDocumentChanged() {
    const QString origin = m_document->origin();
    setWindowTitle(origin.isEmpty() ? tr("ESM Explorer") : tr("%1 — ESM Explorer").arg(QFileInfo(origin).fileName()));
    if (m_document->hasStructure())
        m_structureArea->setText(describe(m_document->structure()));
    else
        m_structureArea->setText(tr("No structure yet: fold the sequence to see it in 3D."));
    m_central->setCurrentWidget(m_structureArea);
}

bool MainWindow::isStartPanelShown() const { return m_central->currentWidget() == m_startPanel; }

void MainWindow::reportError(const QString& title, const QString& message) {
    statusBar()->showMessage(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorMessage");
    box->open();
}

QString MainWindow::saveScreenshot(const QString& path, const QSize& size) {
    resize(size);
    show();
    QApplication::processEvents();
    const QImage image = grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

void MainWindow::closeEvent(QCloseEvent* event) {
    Settings::setWindowGeometry(saveGeometry());
    Settings::setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

} // namespace esmui
