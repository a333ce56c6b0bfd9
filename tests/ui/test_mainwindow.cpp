#include "ui/services/document/Document.h"
#include "ui/services/figures/PlddtPainter.h"
#include "ui/services/figures/PlotTitle.h"
#include "ui/services/settings/Settings.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/plots/HeatmapView.h"
#include "ui/widgets/plots/MatrixPlot.h"
#include "ui/widgets/plots/PlddtPlot.h"
#include "ui/widgets/plots/PlotsPanel.h"
#include "ui/widgets/sequence/SequenceEditor.h"
#include "ui/widgets/sequence/SequencePanel.h"

#include "CliRunner.h"
#include "TestPaths.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>
#include <QtTest>

using esmui::MainWindow;

namespace {
QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_mainwindow");
    }
    void init() { QSettings().clear(); }

    void firstLaunchShowsTheStartPanel() {
        MainWindow window;
        QVERIFY(window.isStartPanelShown());
        QVERIFY(!window.document()->hasStructure());
        auto* button = window.findChild<QPushButton*>("exampleStructureButton");
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(window.document()->hasStructure());
        QVERIFY(!window.isStartPanelShown());
        QCOMPARE(window.sequencePanel()->chainSummaries(), QStringList{"A  76 residues"});
    }

    void exampleSequenceFillsTheSequencePanel() {
        MainWindow window;
        QTest::mouseClick(window.findChild<QPushButton*>("exampleSequenceButton"), Qt::LeftButton);
        QCOMPARE(window.document()->sequence().size(), 76);
        QVERIFY(window.sequencePanel()->editor()->toPlainText().startsWith("MQIFVKTLTGKTITLEVEPS"));
    }

    void openingAStructureShowsItsChains() {
        MainWindow window;
        QVERIFY(window.openFile(data("structures/1hpv.pdb")));
        QCOMPARE(window.sequencePanel()->chainSummaries(), (QStringList{"A  99 residues", "B  99 residues"}));
        QVERIFY(window.windowTitle().startsWith("1hpv.pdb"));
        QVERIFY(window.openFile(data("structures/4ZHL.cif.gz")));
        QCOMPARE(window.sequencePanel()->chainSummaries().size(), 2);
    }

    void openingAFastaShowsItsSequence() {
        QTemporaryDir dir;
        QVERIFY(testpaths::writeFile(dir.filePath("two.fasta"), ">first\nMKTAYIAK\nQRQ\n>second\nGSH\n"));
        MainWindow window;
        QVERIFY(window.openFile(dir.filePath("two.fasta")));
        QCOMPARE(window.document()->sequence(), QString("MKTAYIAKQRQ"));
        QVERIFY(!window.document()->hasStructure());
    }

    void aBadFileIsReportedAndKeepsTheDocument() {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.pdb");
        QVERIFY(testpaths::writeFile(bad, "ATOM      1  N   GLY A   1       x.000   2.000   3.000\n"));
        MainWindow window;
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        QVERIFY(!window.openFile(bad));
        QCOMPARE(QString::fromStdString(window.document()->structure().name), QString("1ubq"));
        auto* message = window.findChild<QMessageBox*>("errorMessage");
        QVERIFY(message);
        QVERIFY(message->text().contains("bad.pdb:1: bad x coordinate 'x.000'"));
    }

    // Defect: a PDB cut short inside its last line was refused whole; it opens with what was read,
    // and a warning says what was left out.
    void aTruncatedDownloadOpensWhatItHolds() {
        QFile original(data("structures/1ubq.pdb"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray text = original.readAll();
        const int cut = text.indexOf("ATOM    300 ") + 40; // inside atom 300's coordinates
        QTemporaryDir dir;
        const QString truncated = dir.filePath("1ubq_part.pdb");
        QVERIFY(testpaths::writeFile(truncated, text.left(cut)));
        MainWindow window;
        QVERIFY(window.openFile(truncated));
        QVERIFY(window.document()->hasStructure());
        QCOMPARE(window.document()->structure().atomCount(), 299);
        auto* message = window.findChild<QMessageBox*>("errorMessage");
        QVERIFY(message);
        QVERIFY2(message->text().contains("1ubq_part.pdb:") && message->text().contains("ends inside"),
                 qPrintable(message->text()));
    }

    // Defect: at 1024x640 the Plots panel covered the Compare button; at 800x560 panels overlapped.
    // The window takes laptop sizes, and every control stays whole inside its panel.
    void laptopSizesKeepEveryControlReachable() {
        for (const QSize size : {QSize(1024, 640), QSize(800, 560)}) {
            MainWindow window;
            QVERIFY(window.openFile(data("structures/1ubq.pdb")));
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            qInfo("%dx%d: minimum size hint %dx%d", size.width(), size.height(),
                  window.minimumSizeHint().width(), window.minimumSizeHint().height());
            for (auto* d : window.findChildren<QDockWidget*>())
                qInfo("  dock %s: min hint %dx%d, size %dx%d", qPrintable(d->objectName()),
                      d->minimumSizeHint().width(), d->minimumSizeHint().height(), d->width(), d->height());
            QTRY_COMPARE(window.size(), size);
            for (const char* name : {"foldButton", "compareButton", "chunkSize", "editSequenceButton",
                                     "sequenceEditor", "plotsPanel", "heatmapScroller"}) {
                auto* widget = window.findChild<QWidget*>(name);
                QVERIFY2(widget && widget->isVisible(), name);
                QWidget* dock = widget;
                while (dock && !qobject_cast<QDockWidget*>(dock))
                    dock = dock->parentWidget();
                QVERIFY2(dock, name);
                const QRect inDock(widget->mapTo(dock, QPoint(0, 0)), widget->size());
                qInfo("  %s: %dx%d at (%d, %d) in a dock of %dx%d", name, inDock.width(), inDock.height(),
                      inDock.x(), inDock.y(), dock->width(), dock->height());
                QVERIFY2(dock->rect().contains(inDock), name);
                QVERIFY2(inDock.height() >= widget->minimumSizeHint().height(), name);
            }
        }
    }

    // Issue 29: the pLDDT plot was ~35 px high and PAE ~40 x 40 px at the default size, titles were cut
    // to "exp…", and at 1024 x 640 the heatmap's 20 rows smeared into ~4.5 px each. Plots sit beside
    // the heatmap with room to be read; titles wrap whole; rows keep a readable height and the
    // heatmap scrolls below it.
    void plotsAndHeatmapAreReadableAtEverySize() {
        for (const QSize size : {QSize(1280, 860), QSize(1024, 640), QSize(800, 560)}) {
            MainWindow window;
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openModel(data("esm2_tiny")));
            QVERIFY(window.openFile(data("structures/1hpv.pdb")));
            QTRY_COMPARE(window.size(), size);
            const QString at = QString("%1x%2").arg(size.width()).arg(size.height());
            auto* plots = window.plotsPanel();
            const int least = size.width() >= 1024 ? 200 : 150;
            plots->findChild<QTabWidget*>()->setCurrentWidget(plots->paeView()); // laid out when shown
            QVERIFY(QTest::qWaitForWindowExposed(plots->paeView()));
            qInfo("%s: pLDDT plot %dx%d, PAE %dx%d", qPrintable(at), plots->plddtPlot()->width(),
                  plots->plddtPlot()->height(), plots->paeView()->width(), plots->paeView()->height());
            QVERIFY2(plots->plddtPlot()->height() >= least && plots->plddtPlot()->width() >= least,
                     qPrintable(at));
            QVERIFY2(plots->paeView()->height() >= least && plots->paeView()->width() >= 200, qPrintable(at));
            const QRectF area = QRectF(plots->plddtPlot()->rect()).adjusted(4, 4, -4, -4);
            const esmui::PlddtPlotData& plddt = plots->plddtPlot()->data();
            QVERIFY(!plddt.label.isEmpty());
            const double title =
                esmui::plotTitleHeight(plots->plddtPlot()->font(), plddt.label, area.width());
            const QRectF curve = esmui::plddtPlotArea(area, plots->plddtPlot()->font(), plddt);
            QVERIFY2(curve.top() >= area.top() + title && curve.height() >= least / 2, qPrintable(at));
            const QFontMetrics metrics(plots->plddtPlot()->font());
            QVERIFY2(metrics.boundingRect(QRect(0, 0, int(area.width()), 1000), Qt::TextWordWrap, plddt.label)
                             .width() <= area.width(),
                     qPrintable(at));

            QTRY_VERIFY_WITH_TIMEOUT(window.document()->scoresAreCurrent(), 20000);
            auto* view = window.findChild<esmui::HeatmapView*>("heatmapView");
            double top = 1e9, bottom = -1e9;
            for (int aminoAcid = 0; aminoAcid < 20; ++aminoAcid) {
                top = std::min(top, view->cellCentre(0, aminoAcid).y());
                bottom = std::max(bottom, view->cellCentre(0, aminoAcid).y());
            }
            const double row = (bottom - top) / 19;
            qInfo("%s: heatmap rows %.1f px, scrolls: %d", qPrintable(at), std::abs(row),
                  int(window.findChild<QScrollArea*>("heatmapScroller")->verticalScrollBar()->isVisible()));
            QVERIFY2(std::abs(row) >= 0.75 * view->fontMetrics().height() - 0.5,
                     qPrintable(QString("%1: rows of %2 px").arg(at).arg(row)));
            auto* scroller = window.findChild<QScrollArea*>("heatmapScroller");
            const bool fits = scroller->viewport()->height() >= view->minimumSizeHint().height();
            QCOMPARE(scroller->verticalScrollBar()->isVisible(), !fits);
            if (size == QSize(1280, 860))
                QVERIFY2(fits, "the heatmap scrolls at the default size");
        }
    }

    // The active representation and colouring are checked in their menus, whatever chose them.
    void theActiveColourSchemeIsChecked() {
        MainWindow window;
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        auto checked = [&](const char* prefix) {
            QStringList names;
            for (auto* action : window.findChildren<QAction*>())
                if (action->objectName().startsWith(prefix) && action->isChecked())
                    names << action->objectName();
            return names;
        };
        QMenu* colourMenu = qobject_cast<QMenu*>(window.findChild<QAction*>("colour-chain")->parent());
        QVERIFY(colourMenu);
        Q_EMIT colourMenu->aboutToShow();
        QCOMPARE(checked("colour-"), QStringList{"colour-chain"}); // a crystal structure's default
        esmui::DisplaySettings settings = window.structureView()->displaySettings();
        settings.colorScheme = esmui::ColorScheme::Rainbow;
        settings.style = esmui::Style::Spheres;
        window.structureView()->setDisplaySettings(settings);
        Q_EMIT colourMenu->aboutToShow();
        QCOMPARE(checked("colour-"), QStringList{"colour-rainbow"});
        QMenu* styleMenu = qobject_cast<QMenu*>(window.findChild<QAction*>("style-spheres")->parent());
        QVERIFY(styleMenu);
        Q_EMIT styleMenu->aboutToShow();
        QCOMPARE(checked("style-"), QStringList{"style-spheres"});
    }

    void helpListsMouseControlsAndShortcuts() {
        MainWindow window;
        QAction* help = nullptr;
        for (auto* action : window.findChildren<QAction*>())
            if (action->text() == "&Mouse and Keys")
                help = action;
        QVERIFY(help);
        help->trigger();
        auto* box = window.findChild<QMessageBox*>("controlsHelp");
        QVERIFY(box);
        const QString text = box->text();
        for (const QString& expected :
             {QString("rotate"), QString("zoom"), QString("F2"), QKeySequence(QKeySequence::Open).toString(),
              QString("File › Open"), QString("Home"), QString("Structure › Centre on Selection")})
            QVERIFY2(text.contains(expected), qPrintable(expected));
    }

    // Save dialogs suggest a name in the last folder saved to; the chosen format's extension is added.
    void exportSuggestsANameAndTheFormatDecidesTheExtension() {
        QTemporaryDir dir;
        esmui::Settings::setLastSaveFolder(dir.path());
        MainWindow window;
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        QAction* exportStructure = nullptr;
        for (auto* action : window.findChildren<QAction*>())
            if (action->text() == QString::fromUtf8("Structure (PDB or mmCIF)…"))
                exportStructure = action;
        QVERIFY(exportStructure);
        QString suggested;
        QTimer::singleShot(0, [&] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            suggested = QDir(dialog->directory()).filePath(dialog->selectedFiles().value(0).section('/', -1));
            dialog->selectNameFilter("mmCIF (*.cif)");
            dialog->selectFile(QDir(dir.path()).filePath("written"));
            QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
        });
        exportStructure->trigger();
        QCOMPARE(suggested, QDir(dir.path()).filePath("1ubq-model.pdb"));
        QFile written(QDir(dir.path()).filePath("written.cif"));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().startsWith("data_"));
        QCOMPARE(esmui::Settings::lastSaveFolder(), dir.path());
    }

    // Quitting asks when edits or folds are not in a session: Cancel stays, Save saves, Discard quits.
    void quitAsksWhenThereIsUnsavedWork() {
        QTemporaryDir dir;
        esmui::Settings::setLastSaveFolder(dir.path());
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        QVERIFY(!window.document()->hasUnsavedWork()); // an opened file is not work to lose
        window.document()->mutate(0, 'A');
        QVERIFY(window.document()->hasUnsavedWork());
        auto answer = [&](QMessageBox::StandardButton button, QString* asked) {
            QTimer::singleShot(0, [=] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box || box->objectName() != "unsavedWorkQuestion")
                    return;
                *asked = box->text();
                if (button == QMessageBox::Save) // then the session's save dialog
                    QTimer::singleShot(0, [=] {
                        if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget()))
                            QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
                    });
                box->button(button)->click();
            });
        };
        QString asked;
        answer(QMessageBox::Cancel, &asked);
        QVERIFY(!window.close());
        QVERIFY(asked.contains("not saved"));
        QVERIFY(window.isVisible());
        asked.clear();
        answer(QMessageBox::Save, &asked);
        QVERIFY(window.close());
        QVERIFY(!asked.isEmpty());
        QVERIFY(QFile::exists(QDir(dir.path()).filePath("1ubq.esmx")));
        QVERIFY(!window.document()->hasUnsavedWork());
        // Saved: no question at all.
        window.show();
        asked.clear();
        QVERIFY(window.close());
        QVERIFY(asked.isEmpty());
    }

    // An opened prediction's pLDDT (B-factor column) fills the pLDDT plot like a fold made here, and
    // its PAE file (beside it, or opened after it) fills the PAE plot.
    void anOpenedPredictionShowsItsConfidence() {
        QFile original(data("structures/1ubq.pdb"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QTemporaryDir dir;
        const QString model = QDir(dir.path()).filePath("AF-P0CG48-F1-model_v4.pdb");
        QVERIFY(testpaths::writeFile(
            model, "REMARK   1 PREDICTED BY ALPHAFOLD, PLDDT IN THE B-FACTOR COLUMN\n" + original.readAll()));
        // The AlphaFold DB's first PAE layout: records of residue1, residue2, distance.
        QByteArray first = "[{\"residue1\": [", second = "], \"residue2\": [",
                   distance = "], \"distance\": [";
        for (int i = 1; i <= 76; ++i)
            for (int j = 1; j <= 76; ++j) {
                const QByteArray comma = i == 1 && j == 1 ? "" : ", ";
                first += comma + QByteArray::number(i);
                second += comma + QByteArray::number(j);
                distance += comma + QByteArray::number(std::abs(i - j) / 4.0);
            }
        QVERIFY(
            testpaths::writeFile(QDir(dir.path()).filePath("AF-P0CG48-F1-predicted_aligned_error_v4.json"),
                                 first + second + distance + "], \"max_predicted_aligned_error\": 31.75}]"));
        MainWindow window;
        QVERIFY(window.openFile(model));
        const esmui::PlddtPlotData plddt = window.plotsPanel()->plddtPlot()->data();
        QCOMPARE(plddt.plddt.size(), std::size_t(76));
        QCOMPARE(plddt.plddt[0], float(window.document()->structure().residueConfidence(0)));
        QVERIFY(plddt.label.contains("opened prediction"));
        QCOMPARE(window.plotsPanel()->paeView()->data().matrix.width(), 76);
        QCOMPARE(window.document()->structurePae()->values[std::size_t(5)], 5 / 4.0f); // row 1, column 6
        // A crystal structure has neither; a PAE of the wrong size is refused with the reason.
        QVERIFY(window.openFile(data("structures/1hel.pdb")));
        QVERIFY(window.plotsPanel()->plddtPlot()->data().plddt.empty());
        QVERIFY(window.plotsPanel()->paeView()->data().matrix.isNull());
        QVERIFY(!window.openFile(QDir(dir.path()).filePath("AF-P0CG48-F1-predicted_aligned_error_v4.json")));
        QVERIFY(window.findChild<QMessageBox*>("errorMessage")->text().contains("76 residues"));

        // A real ESMFold prediction, in place (skipped where ../shared is absent).
        const QString esmfold = QString::fromStdString(
            testpaths::shared("data/esmfold-predictions/esmfold_wilke_ESMFoldApp/test_ubiquitin.pdb")
                .string());
        if (!QFileInfo::exists(esmfold))
            QSKIP("../shared/data/esmfold-predictions is absent");
        QVERIFY(window.openFile(esmfold));
        QCOMPARE(window.plotsPanel()->plddtPlot()->data().plddt.size(), std::size_t(76));
    }

    // Colouring a crystal structure by pLDDT asks first: its B-factors are not pLDDT.
    void plddtColouringOfACrystalStructureAsksFirst() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        QAction* plddt = window.findChild<QAction*>("colour-plddt");
        QVERIFY(plddt);
        for (const auto answer : {QMessageBox::No, QMessageBox::Yes}) {
            bool asked = false;
            QTimer::singleShot(0, [&, answer] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                asked = box && box->objectName() == "plddtColouringQuestion";
                if (box)
                    box->button(answer)->click();
            });
            plddt->trigger();
            QVERIFY(asked);
            QCOMPARE(window.structureView()->scene().effectiveScheme(),
                     answer == QMessageBox::Yes ? esmui::ColorScheme::Plddt : esmui::ColorScheme::Chain);
        }
    }

    // Every button, box and field of the window says what it does when hovered.
    void everyControlHasATooltip() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList silent;
        for (bool opened : {false, true})
            for (QWidget* control : window.findChildren<QWidget*>()) {
                if (opened && !window.document()->hasStructure())
                    QVERIFY(window.openFile(data("structures/1ubq.pdb")));
                const bool isControl =
                    qobject_cast<QAbstractButton*>(control) || qobject_cast<QComboBox*>(control) ||
                    qobject_cast<QAbstractSpinBox*>(control) || qobject_cast<QLineEdit*>(control);
                if (!isControl || control->toolTip().isEmpty() == false || !control->isVisibleTo(&window))
                    continue;
                if (qobject_cast<QLineEdit*>(control) &&
                    (qobject_cast<QComboBox*>(control->parentWidget()) ||
                     qobject_cast<QAbstractSpinBox*>(control->parentWidget())))
                    continue; // an editable combo box's or a spin box's own field
                if (control->inherits("QDockWidgetTitleButton") || control->inherits("QTabBar") ||
                    control->parentWidget()->inherits("QTabBar"))
                    continue; // Qt's dock and tab buttons
                silent << control->metaObject()->className() + QString(" ") + control->objectName() + " '" +
                              (qobject_cast<QAbstractButton*>(control)
                                   ? qobject_cast<QAbstractButton*>(control)->text()
                                   : QString()) +
                              "'";
            }
        silent.removeDuplicates();
        QVERIFY2(silent.isEmpty(), qPrintable(silent.join(", ")));
    }

    void recentFilesAndGeometryPersist() {
        {
            MainWindow window;
            window.resize(1000, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openFile(data("structures/1ubq.pdb")));
            QVERIFY(window.openFile(data("structures/1hel.pdb")));
            QVERIFY(window.openFile(data("structures/1ubq.pdb")));
            window.close();
        }
        const QStringList recent = esmui::Settings::recentFiles();
        QCOMPARE(recent.size(), 2);
        QVERIFY(recent[0].endsWith("1ubq.pdb"));
        QVERIFY(recent[1].endsWith("1hel.pdb"));
        MainWindow reopened;
        QCOMPARE(reopened.size(), QSize(1000, 800));
        for (int i = 0; i < 15; ++i)
            esmui::Settings::addRecentFile(QString("/tmp/f%1.pdb").arg(i));
        QCOMPARE(esmui::Settings::recentFiles().size(), esmui::Settings::kMaxRecentFiles);
    }

    void aboutNamesTheLibraryVersions() {
        const QString about = esmui::aboutText();
        QVERIFY(about.contains(QString("Qt %1").arg(qVersion())));
        QVERIFY(about.contains("VTK 9."));
        QVERIFY(about.contains("LibTorch 1."));
    }

    void screenshotFromTheCommandLine() {
        QTemporaryDir dir;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", dir.path());
        const QString png = dir.filePath("window.png");
        auto r = clirunner::run("esm-explorer",
                                {data("structures/1ubq.pdb"), "--screenshot", png, "--size", "900x600"},
                                60000, env);
        QCOMPARE(r.exitCode, 0);
        const QImage image(png);
        QCOMPARE(image.size(), QSize(900, 600));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 10); // menus, text and panels, not a blank image

        r = clirunner::run("esm-explorer", {"--screenshot", png, "--size", "big"}, 60000, env);
        QCOMPARE(r.exitCode, 2);
        r = clirunner::run("esm-explorer", {dir.filePath("absent.pdb"), "--screenshot", png}, 60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("absent.pdb: ") && r.err.count("absent.pdb") >= 2,
                 qPrintable(r.err)); // and why
        r = clirunner::run("esm-explorer", {"--screenshot", dir.filePath("no/dir/x.png")}, 60000, env);
        QCOMPARE(r.exitCode, 1);

        // A platform without OpenGL: one line saying so, not a crash in Qt's first flush.
        env.insert("QT_QPA_PLATFORM", "offscreen");
        r = clirunner::run("esm-explorer", {data("structures/1ubq.pdb"), "--screenshot", png}, 60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'offscreen' platform has no OpenGL"), qPrintable(r.err));
    }

    // Qt takes --style for itself, so the representation has its own option; both it and --color
    // change the picture of the 3D view.
    void screenshotRepresentationAndColour() {
        QTemporaryDir dir;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", dir.path());
        auto shoot = [&](const QString& name, const QStringList& options) {
            const QString png = dir.filePath(name + ".png");
            const auto r = clirunner::run(
                "esm-explorer",
                QStringList{data("structures/1ubq.pdb"), "--screenshot", png, "--size", "400x300"} + options,
                60000, env);
            if (r.exitCode != 0)
                qWarning("esm-explorer %s: %s", qPrintable(options.join(' ')), qPrintable(r.err));
            return QImage(png).convertToFormat(QImage::Format_RGB32); // null, and unequal, on failure
        };
        const QImage plain = shoot("plain", {});
        const QImage spheres = shoot("spheres", {"--representation", "spheres"});
        const QImage rainbow = shoot("rainbow", {"--color", "rainbow"});
        QCOMPARE(plain.size(), QSize(400, 300));
        QCOMPARE(spheres.size(), QSize(400, 300));
        QCOMPARE(rainbow.size(), QSize(400, 300));
        QVERIFY(plain != spheres);
        QVERIFY(plain != rainbow);
        QVERIFY(spheres != rainbow);
        const auto r = clirunner::run("esm-explorer",
                                      {data("structures/1ubq.pdb"), "--screenshot", dir.filePath("x.png"),
                                       "--representation", "ribbons"},
                                      60000, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--representation"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
