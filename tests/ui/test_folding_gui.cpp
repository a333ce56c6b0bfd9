// The fold loop through the real widgets with the tiny ESMFold and ESM-2 fixtures: type, fold,
// mutate from the heatmap, refold, compare, export every format and read it back, save and reopen
// a session, recover after a crash.
#include "core/io/pae_json.h"
#include "core/io/structure_files.h"
#include "core/pipeline/folder.h"
#include "ui/services/document/Document.h"
#include "ui/services/document/ExtraStructures.h"
#include "ui/services/figures/PlddtPainter.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/services/session/SessionFile.h"
#include "ui/services/settings/Settings.h"
#include "ui/view3d/PlddtKey.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/actions/Exports.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/behaviors/AutosaveBehavior.h"
#include "ui/widgets/behaviors/CrashRecoveryBehavior.h"
#include "ui/widgets/folds/FoldsPanel.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/plots/HeatmapPanel.h"
#include "ui/widgets/plots/HeatmapView.h"
#include "ui/widgets/plots/MatrixPlot.h"
#include "ui/widgets/plots/PlddtPlot.h"
#include "ui/widgets/plots/PlotsPanel.h"
#include "ui/widgets/sequence/SequenceEditor.h"
#include "ui/widgets/sequence/SequencePanel.h"

#include "TestPaths.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>

using esmui::AutosaveBehavior;
using esmui::MainWindow;
using esmui::SessionUse;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

const QString kSequence = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";

void prepare(MainWindow& window) {
    window.resize(1400, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.scoreService()->setDelay(20);
    QVERIFY(window.openModel(data("esmfold_tiny")));
    QVERIFY(window.openModel(data("esm2_tiny")));
}

void choosePrecision(MainWindow& window, const QString& type) {
    auto* precision = window.foldsPanel()->findChild<QComboBox*>("precision");
    precision->setCurrentIndex(precision->findData(type));
}

void foldAndWait(MainWindow& window, int expectedFolds) {
    QTest::mouseClick(window.foldsPanel()->findChild<QPushButton*>("foldButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(int(window.document()->folds().size()), expectedFolds, 60000);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestFoldingGui : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_folding_gui");
    }
    void init() {
        QSettings().clear();
        QFile::remove(AutosaveBehavior::path());
    }

    // Issue 29: open 1ubq, mutate T14W, Refold: the Folds list said "#1 wild type" for the mutant.
    void foldsAreNamedAgainstTheOpenedSequence() {
        MainWindow window;
        prepare(window);
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        window.document()->mutate(13, 'W');
        window.document()->mutate(0, 'A');
        foldAndWait(window, 1);
        QCOMPARE(window.document()->folds()[0].mutations, QString("M1A, T14W"));
        auto* history = window.foldsPanel()->findChild<QListWidget*>("foldHistory");
        QVERIFY2(history->item(0)->text().startsWith("#1 M1A, T14W"), qPrintable(history->item(0)->text()));
        // The key says which structure its pLDDT colours are, and names the opened one kept beside it.
        const esmui::KeyContents& key = window.structureView()->scene().keyContents();
        QCOMPARE(key.subject, QString("fold #1 (M1A, T14W)"));
        QCOMPARE(int(key.others.size()), 1);
        QCOMPARE(key.others.front().second, QString("1ubq.pdb"));
        for (double plddt : {95.0, 80.0, 60.0, 25.0})
            QVERIFY(!esmui::coloursCollide(key.others.front().first, esmui::plddtBandColour(plddt)));
        // The edit undone and folded again: that fold is the wild type.
        window.document()->undoStack()->undo();
        window.document()->undoStack()->undo();
        foldAndWait(window, 2);
        QCOMPARE(window.document()->folds()[1].mutations, QString("wild type"));
    }

    void typeFoldMutateRefoldCompare() {
        MainWindow window;
        prepare(window);
        auto* editor = window.sequencePanel()->editor();
        editor->setFocus();
        QTest::keyClicks(editor, kSequence);
        choosePrecision(window, "float32"); // the reference's precision; the default is auto
        foldAndWait(window, 1);
        QVERIFY(window.foldsPanel()->findChild<QLabel*>("foldStatus")->text().contains("(float32, "));
        const esmui::FoldRecord& first = window.document()->folds().front();
        // What the GUI shows is what the model folds.
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), {});
        const auto direct = folder->fold({kSequence.toStdString()}, {}).front();
        QCOMPARE(first.plddt.size(), direct.plddt.size());
        for (std::size_t i = 0; i < direct.plddt.size(); ++i)
            QVERIFY(std::abs(first.plddt[i] - direct.plddt[i]) < 1e-4);
        QVERIFY(std::abs(first.ptm - direct.ptm) < 1e-6);
        QCOMPARE(first.mutations, QString("wild type"));
        // The structure opens coloured by pLDDT; the plots follow.
        QVERIFY(window.structureView()->scene().structure());
        QCOMPARE(window.structureView()->scene().effectiveScheme(), esmui::ColorScheme::Plddt);
        QCOMPARE(window.plotsPanel()->plddtPlot()->data().plddt.size(), std::size_t(kSequence.size()));
        QCOMPARE(window.plotsPanel()->paeView()->data().matrix.width(), int(kSequence.size()));

        // A mutation from the heatmap, then Refold.
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->scoresAreCurrent(), 20000);
        auto* heatmap = window.heatmapPanel()->view();
        QTest::mouseDClick(heatmap, Qt::LeftButton, Qt::NoModifier,
                           heatmap->cellCentre(1, esm::standardAminoAcidIndex('G')).toPoint());
        QCOMPARE(window.document()->sequence(), QString("MGTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ"));
        foldAndWait(window, 2);
        QCOMPARE(window.document()->folds()[1].mutations, QString("K2G"));
        QCOMPARE(window.document()->currentFold(), 1);
        auto* history = window.foldsPanel()->findChild<QListWidget*>("foldHistory");
        QCOMPARE(history->count(), 2);
        QVERIFY(history->item(1)->text().startsWith("#2 K2G"));

        // Compare the two folds: scores, ΔpLDDT in the plot and in 3D.
        QTest::mouseClick(window.foldsPanel()->findChild<QPushButton*>("compareButton"), Qt::LeftButton);
        const auto& comparison = window.document()->comparison();
        QVERIFY(comparison.has_value());
        QCOMPARE(comparison->other, 0);
        QCOMPARE(comparison->result.alignedResidues, int(kSequence.size()));
        QVERIFY(comparison->result.tmScore > 0 && comparison->result.tmScore <= 1.0);
        // With the ΔpLDDT track below it, the curve keeps its height (it collapsed onto its title).
        auto* plddtPlot = window.plotsPanel()->plddtPlot();
        QVERIFY(!plddtPlot->data().comparison.empty());
        const QRectF curve = esmui::plddtPlotArea(QRectF(plddtPlot->rect()).adjusted(4, 4, -4, -4),
                                                  plddtPlot->font(), plddtPlot->data());
        QVERIFY2(curve.height() >= 100, qPrintable(QString::number(curve.height())));
        QVERIFY(comparisonText(*comparison).contains("TM-score"));
        QCOMPARE(window.plotsPanel()->plddtPlot()->data().comparison.size(), std::size_t(kSequence.size()));
        QCOMPARE(window.structureView()->scene().effectiveScheme(), esmui::ColorScheme::Values);

        // Double-click an earlier fold to see it again.
        const QPoint firstRow = history->visualItemRect(history->item(0)).center();
        QTest::mouseClick(history->viewport(), Qt::LeftButton, Qt::NoModifier, firstRow);
        QTest::mouseDClick(history->viewport(), Qt::LeftButton, Qt::NoModifier, firstRow);
        QCOMPARE(window.document()->currentFold(), 0);
    }

    void theFoldPanelChoosesRecyclesAndPrecision() {
        MainWindow window;
        prepare(window);
        auto* precision = window.foldsPanel()->findChild<QComboBox*>("precision");
        QCOMPARE(precision->currentData().toString(), QString("auto"));
        window.sequencePanel()->editor()->setFocus();
        QTest::keyClicks(window.sequencePanel()->editor(), kSequence);
        window.foldsPanel()->findChild<QSpinBox*>("recycles")->setValue(0);
        choosePrecision(window, "bfloat16");
        QCOMPARE(esmui::Settings::computeType(), QString("bfloat16"));
        foldAndWait(window, 1);
        QVERIFY(
            window.foldsPanel()->findChild<QLabel*>("foldStatus")->text().contains("bfloat16, 1 trunk pass"));
        // The same fold as the model gives for these options, not the float32 default's.
        esm::RuntimeOptions bfloat16;
        bfloat16.dtype = "bfloat16";
        esm::FoldOptions onePass;
        onePass.recycles = 0;
        const auto direct = esm::Folder::load(testpaths::data("esmfold_tiny"), bfloat16)
                                ->fold({kSequence.toStdString()}, onePass)
                                .front();
        const auto& shown = window.document()->folds().front().plddt;
        QCOMPARE(shown.size(), direct.plddt.size());
        for (std::size_t i = 0; i < shown.size(); ++i)
            QCOMPARE(shown[i], direct.plddt[i]);
        // The language model in int8 (the fold's stem here), the rest in float32.
        choosePrecision(window, "int8");
        foldAndWait(window, 2);
        QVERIFY(window.foldsPanel()->findChild<QLabel*>("foldStatus")->text().contains("int8, 1 trunk pass"));
        // The stem's weights in float16, computed in float32.
        choosePrecision(window, "float16");
        foldAndWait(window, 3);
        QVERIFY(
            window.foldsPanel()->findChild<QLabel*>("foldStatus")->text().contains("float16, 1 trunk pass"));
    }

    void everyExportReadsBack() {
        MainWindow window;
        prepare(window);
        window.document()->setSequence(kSequence, "test");
        foldAndWait(window, 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->scoresAreCurrent(), 20000);
        const esmui::FoldRecord& fold = window.document()->folds().front();
        QTemporaryDir dir;
        // PDB and mmCIF with pLDDT, so other viewers colour them right.
        for (const char* name : {"f.pdb", "f.cif"}) {
            esm::writeStructureFile(dir.filePath(name).toStdString(), *fold.structure);
            const esm::Structure back = esm::readStructureFile(dir.filePath(name).toStdString());
            QCOMPARE(back.confidence, esm::Confidence::PLDDT);
            for (int r = 0; r < back.residueCount(); ++r)
                QVERIFY(std::abs(back.residueConfidence(r) - fold.plddt[std::size_t(r)]) < 0.006);
        }
        QCOMPARE(exportPaeJson(window.workspace(), dir.filePath("pae.json")), QString());
        const auto pae = esm::parsePaeJson(readAll(dir.filePath("pae.json")).toStdString(), "pae.json");
        QCOMPARE(pae.residues, fold.residues);
        for (std::size_t k = 0; k < pae.values.size(); ++k)
            QVERIFY(std::abs(pae.values[k] - fold.pae[k]) < 0.006);
        QVERIFY(std::abs(pae.maxError - 31.75) < 1e-9);
        QCOMPARE(exportResidueTable(window.workspace(), dir.filePath("residues.csv")), QString());
        const QStringList rows =
            QString(readAll(dir.filePath("residues.csv"))).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.first(), QString("position,residue,plddt,entropy,log_prob_wt,mean_llr,chain,number"));
        QCOMPARE(rows.size(), kSequence.size() + 1);
        QVERIFY2(rows[1].startsWith("1,M,") && rows[1].endsWith(",A,1"), qPrintable(rows[1]));
        QVERIFY(std::abs(rows[1].split(',')[2].toDouble() - fold.plddt[0]) < 1e-5);
        QVERIFY(!rows[1].split(',')[3].isEmpty());
        QCOMPARE(exportPlddtFigure(window.workspace(), dir.filePath("plddt.svg")), QString());
        QVERIFY(readAll(dir.filePath("plddt.svg")).contains("pLDDT"));
        QCOMPARE(exportPaeFigure(window.workspace(), dir.filePath("pae.png")), QString());
        QVERIFY(!QImage(dir.filePath("pae.png")).isNull());
        window.heatmapPanel()->exportFigure(dir.filePath("heatmap.pdf"));
        QVERIFY(readAll(dir.filePath("heatmap.pdf")).startsWith("%PDF-"));
        QCOMPARE(exportReport(window.workspace(), dir.filePath("report.pdf")), QString());
        const QByteArray report = readAll(dir.filePath("report.pdf"));
        QVERIFY(report.startsWith("%PDF-") && report.size() > 50000); // the structure image is in it
        // Unwritable places are reported, not fatal.
        QVERIFY(exportPaeJson(window.workspace(), "/nonexistent/folder/pae.json")
                    .contains("/nonexistent/folder"));
        QVERIFY(!exportReport(window.workspace(), "/nonexistent/folder/r.pdf").isEmpty());
    }

    void aSessionReopensWithoutRecomputing() {
        QTemporaryDir dir;
        const QString path = dir.filePath("work.esmx");
        std::vector<double> camera;
        std::vector<float> pae;
        {
            MainWindow window;
            prepare(window);
            window.document()->setSequence(kSequence, "test");
            foldAndWait(window, 1);
            window.document()->mutate(2, 'W');
            foldAndWait(window, 2);
            QTRY_VERIFY_WITH_TIMEOUT(window.document()->scoresAreCurrent(), 20000);
            window.document()->selection()->select({3, 4});
            // What the user chooses and turns in the view is the document's, and the session's.
            auto* view = window.structureView();
            esmui::DisplaySettings sticks = view->displaySettings();
            sticks.style = esmui::Style::Sticks;
            sticks.colorScheme = esmui::ColorScheme::Chain;
            view->setDisplaySettings(sticks);
            QCOMPARE(window.document()->viewState().style, esmui::Style::Sticks);
            const std::vector<double> framed = view->cameraState();
            const QPoint from = view->rect().center(), to = from + QPoint(60, 15);
            QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
            QMouseEvent drag(QEvent::MouseMove, to, view->mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(view, &drag);
            QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
            camera = view->cameraState();
            QVERIFY(camera != framed);
            QCOMPARE(window.document()->viewState().camera, camera);
            pae = window.document()->folds()[1].pae;
            QVERIFY(saveSessionFile(window.workspace(), path, SessionUse::AsDocument));
        }
        MainWindow reopened;
        reopened.resize(1400, 950);
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QSignalSpy jobs(reopened.jobs(), &esmui::JobRunner::started);
        QVERIFY(reopened.openFile(path));
        QCOMPARE(reopened.document()->sequence(), QString("MKWAYIAKQRQISFVKSHFSRQLEERLGLIEVQ"));
        QCOMPARE(int(reopened.document()->folds().size()), 2);
        QCOMPARE(reopened.document()->currentFold(), 1);
        QCOMPARE(reopened.document()->folds()[1].mutations, QString("T3W"));
        QCOMPARE(reopened.document()->folds()[1].pae, pae);
        QCOMPARE(reopened.document()->selection()->positions(), (std::set<int>{3, 4}));
        QVERIFY(reopened.document()->scoresAreCurrent()); // the scores came back with the session
        QCOMPARE(reopened.structureView()->displaySettings().style, esmui::Style::Sticks);
        QVERIFY(reopened.structureView()->displaySettings().colorScheme == esmui::ColorScheme::Chain);
        const auto restoredCamera = reopened.structureView()->cameraState();
        for (std::size_t k = 0; k < camera.size(); ++k)
            QVERIFY(std::abs(restoredCamera[k] - camera[k]) < 1e-9);
        QTest::qWait(200);
        QCOMPARE(jobs.count(), 0); // nothing was recomputed
        // The edit history came back too.
        QCOMPARE(reopened.document()->undoStack()->undoText(), QString("Mutate T3W"));
        reopened.document()->undoStack()->undo();
        QCOMPARE(reopened.document()->sequence(), kSequence);
        // A damaged session is refused with the reason, and the open work stays.
        const QString damaged = dir.filePath("bad.esmx");
        QVERIFY(testpaths::writeFile(
            damaged, "{\"format\": \"esm-explorer-session\", \"version\": 1, \"document\": {}}"));
        QVERIFY(!reopened.openFile(damaged));
        QVERIFY(reopened.findChild<QMessageBox*>("errorMessage")->text().contains("damaged session"));
        QCOMPARE(int(reopened.document()->folds().size()), 2);
        // A version of the wrong type is refused too, instead of ending the program.
        for (const QByteArray& version : {QByteArray("\"2\""), QByteArray("null")}) {
            QVERIFY(testpaths::writeFile(
                damaged, "{\"format\": \"esm-explorer-session\", \"version\": " + version + "}"));
            QVERIFY(!reopened.openFile(damaged));
            QVERIFY(reopened.findChildren<QMessageBox*>("errorMessage")
                        .last()
                        ->text()
                        .contains("its version is not a number"));
        }
        QCOMPARE(int(reopened.document()->folds().size()), 2);
    }

    // #12: folding an opened experimental structure's sequence used to replace it in the view; it now
    // stays beside the prediction as another model, superposed on it, with RMSD, TM-score, GDT-TS.
    void foldingKeepsTheOpenedStructureBesideThePrediction() {
        MainWindow window;
        prepare(window);
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        const auto opened = window.document()->sharedStructure();
        foldAndWait(window, 1);
        QVERIFY(window.document()->sharedStructure() != opened); // the fold is #1 now
        const auto& models = window.extraStructures()->structures();
        QCOMPARE(int(models.size()), 1);
        QCOMPARE(models.front().structure, opened);
        QCOMPARE(models.front().name, QString("1ubq.pdb"));
        QVERIFY(models.front().superposed && models.front().comparison);
        QCOMPARE(models.front().comparison->alignedResidues, 76);
        QCOMPARE(window.structureView()->otherStructureCount(), 1);
        // A refold moves it onto the new prediction; it is not added twice.
        window.document()->mutate(2, 'W');
        foldAndWait(window, 2);
        QCOMPARE(int(models.size()), 1);
        QVERIFY(models.front().comparison);
        QCOMPARE(models.front().comparison->alignedResidues, 76);
    }

    // After each trunk pass the structure so far is on show, coloured by its pLDDT: the structure
    // a fold of that many passes gives. A cancelled fold puts the opened structure back.
    void eachTrunkPassIsShownAsItEnds() {
        MainWindow window;
        prepare(window);
        window.sequencePanel()->editor()->setFocus();
        QTest::keyClicks(window.sequencePanel()->editor(), kSequence);
        window.foldsPanel()->findChild<QSpinBox*>("recycles")->setValue(2);
        choosePrecision(window, "float32");
        struct Shown {
            int pass;
            std::vector<float> plddt;
            bool onShow, colouredByPlddt;
            QString status;
        };
        std::vector<Shown> shown;
        auto* view = window.structureView();
        auto* document = window.document();
        connect(document, &esmui::Document::changed, this, [&](esmui::Document::Changes changes) {
            if (!(changes & esmui::Document::PreviewChanged) || !document->foldPreview())
                return;
            const int pass = int(shown.size()) + 1;
            const esm::Structure* s = view->scene().structure();
            std::vector<float> plddt;
            for (int r = 0; s && r < s->residueCount(); ++r)
                plddt.push_back(float(s->residueConfidence(r)));
            shown.push_back({pass, plddt, s == window.document()->foldPreview().get() && view->isVisible(),
                             view->scene().effectiveScheme() == esmui::ColorScheme::Plddt,
                             window.foldsPanel()->findChild<QLabel*>("foldStatus")->text()});
        });
        foldAndWait(window, 1);
        QCOMPARE(int(shown.size()), 2);
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), {});
        for (const Shown& preview : shown) {
            QVERIFY(preview.onShow);
            QVERIFY(preview.colouredByPlddt);
            QVERIFY2(preview.status.contains(QString("after pass %1 of 3").arg(preview.pass)),
                     qPrintable(preview.status));
            esm::FoldOptions fewer;
            fewer.recycles = preview.pass - 1;
            const auto direct = folder->fold({kSequence.toStdString()}, fewer).front();
            QCOMPARE(preview.plddt.size(), direct.plddt.size());
            for (std::size_t i = 0; i < direct.plddt.size(); ++i)
                QVERIFY(std::abs(preview.plddt[i] - direct.plddt[i]) <
                        0.05); // pLDDT as the structure stores it
        }
        QCOMPARE(view->scene().structure(), window.document()->sharedStructure().get());
        QVERIFY(!window.document()->foldPreview());

        // Cancelled after its first pass: the opened structure is back on show.
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        auto* jobs = window.jobs();
        connect(document, &esmui::Document::changed, jobs,
                [jobs, document](esmui::Document::Changes changes) {
                    if ((changes & esmui::Document::PreviewChanged) && document->foldPreview())
                        jobs->cancel(jobs->runningJob());
                });
        int abandoned = 0; // previews that ended with no fold to take their place
        connect(window.document(), &esmui::Document::changed, this, [&](esmui::Document::Changes changes) {
            abandoned += (changes & esmui::Document::PreviewChanged) && !window.document()->foldPreview() &&
                         !(changes & esmui::Document::FoldsChanged);
        });
        QTest::mouseClick(window.foldsPanel()->findChild<QPushButton*>("foldButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(abandoned, 1, 60000);
        QCOMPARE(window.foldService()->status(), QString("Fold cancelled"));
        QCOMPARE(view->scene().structure(), window.document()->sharedStructure().get());
        QCOMPARE(int(window.document()->folds().size()), 0);
    }

    // Sessions saved by this version keep opening (the fixture is what aSessionReopensWithoutRecomputing
    // saves; the session fuzz target starts from it too).
    void aSavedSessionFileOpens() {
        const esmui::Document::Saved s = esmui::readSession(data("sessions/two_folds.esmx"));
        QCOMPARE(s.sequence, QString("MKWAYIAKQRQISFVKSHFSRQLEERLGLIEVQ"));
        QCOMPARE(int(s.folds.size()), 2);
        QCOMPARE(s.folds[1].mutations, QString("T3W"));
        QCOMPARE(s.folds[1].structure->residueCount(), 33);
        QCOMPARE(s.folds[1].pae.size(), std::size_t(33 * 33));
        QCOMPARE(s.currentFold, 1);
        QCOMPARE(int(s.undo.size()), 1);
        QCOMPARE(s.selection, (std::set<int>{3, 4}));
        QVERIFY(s.scores && s.scores->scores.residues.size() == 33);
        QCOMPARE(s.view.camera.size(), std::size_t(11));
    }

    void sessionsKeepStructuresPdbCannotHold() {
        esm::Structure wide;
        wide.addConformer(1);
        wide.addChain("AB");
        wide.addResidue("ALA", 12345, ' ', false);
        esm::Structure::AtomRecord atom;
        atom.name = "CA";
        atom.element = "C";
        atom.position = {-1000.5, 1.0, 2.0};
        wide.addAtom(atom);
        esmui::Document::Saved session;
        session.sequence = "A";
        session.structure = std::make_shared<const esm::Structure>(wide);
        QTemporaryDir dir;
        esmui::writeSession(dir.filePath("wide.esmx"), session);
        const auto back = esmui::readSession(dir.filePath("wide.esmx")).structure;
        QVERIFY(back);
        QCOMPARE(back->chainId(0), std::string("AB"));
        QCOMPARE(back->residueNumber(0), 12345);
        QCOMPARE(back->position(0).x(), -1000.5);
    }

    void aCrashLeavesWorkToRecover() {
        {
            MainWindow window;
            prepare(window);
            window.document()->setSequence(kSequence, "test");
            foldAndWait(window, 1);
            window.autosave()->autosave();
        }
        QVERIFY(QFile::exists(AutosaveBehavior::path()));
        // As a crash leaves it: a lock naming a process that is gone.
        QVERIFY(testpaths::writeFile(QFileInfo(AutosaveBehavior::path()).absolutePath() + "/running.lock",
                                     "2147483000"));
        MainWindow restarted;
        restarted.show();
        QCOMPARE(restarted.crashRecovery()->recoverableSession(), AutosaveBehavior::path());
        QMessageBox* question = nullptr;
        QTRY_VERIFY((question = restarted.findChild<QMessageBox*>("recoveryQuestion")) != nullptr);
        QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(int(restarted.document()->folds().size()), 1);
        QCOMPARE(restarted.document()->sequence(), kSequence);
    }
};

QTEST_MAIN(TestFoldingGui)
#include "test_folding_gui.moc"
