// The explorer loop driven through the real widgets: type a sequence, see the heatmap the worker
// computes with the tiny ESM-2 fixture, click a cell to mutate, undo, cancel, select across views.
#include "core/nn/checkpoint/tokenizer.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/variant_scores.h"
#include "core/structure/sequence.h"
#include "ui/services/document/Document.h"
#include "ui/services/document/ResidueSelection.h"
#include "ui/services/jobs/JobRunner.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/services/settings/Settings.h"
#include "ui/view3d/StructureView.h"
#include "ui/view3d/StructureViewMenu.h"
#include "ui/widgets/actions/Exports.h"
#include "ui/widgets/behaviors/StructureContextMenuBehavior.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/plots/HeatmapPanel.h"
#include "ui/widgets/plots/HeatmapView.h"
#include "ui/widgets/plots/MatrixPlot.h"
#include "ui/widgets/sequence/SequenceEditor.h"
#include "ui/widgets/sequence/SequencePanel.h"

#include "TestPaths.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <chrono>

using esmui::MainWindow;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

const QString kSequence = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";

struct Explorer {
    MainWindow window;
    Explorer() {
        window.resize(1300, 900);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("main window not exposed");
        window.scoreService()->setDelay(50);
    }
    esmui::Document& document() { return *window.document(); }
    esmui::SequenceEditor* editor() { return window.sequencePanel()->editor(); }
    esmui::HeatmapView* heatmap() { return window.heatmapPanel()->view(); }
    bool scoresShownFor(const QString& sequence) {
        const auto* s = heatmap()->scores();
        return s && window.document()->scoresAreCurrent() &&
               QString::fromStdString(s->residues) == QString(sequence).remove(':');
    }
};

} // namespace

class TestExplorer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_explorer");
    }
    void init() {
        QSettings().clear();
        // The reference's precision: scores are compared with a direct float32 run.
        esmui::Settings::setComputeType("float32");
    }

    void typingIsOneUndoStepAndInvalidResiduesAreMarked() {
        Explorer e;
        e.editor()->setFocus();
        QTest::keyClicks(e.editor(), "mktay");
        QCOMPARE(e.document().sequence(), QString("MKTAY"));
        QCOMPARE(e.document().undoStack()->count(), 1); // consecutive typing merges
        QTest::keyClick(e.editor(), Qt::Key_Backspace);
        QCOMPARE(e.document().sequence(), QString("MKTA"));
        QCOMPARE(e.document().undoStack()->count(), 2);
        QTest::keyClicks(e.editor(), "J1:GS");
        QCOMPARE(e.document().sequence(), QString("MKTAJ1:GS"));
        const QStringList issues = e.editor()->issueDescriptions();
        QCOMPARE(issues.size(), 2);
        QVERIFY(issues[0].contains("character 5 'J'"));
        QVERIFY(issues[1].contains("character 6 '1'"));
        QVERIFY(!e.document().isSequenceValid());
        QTest::keyClick(e.editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.document().sequence(), QString("MKTA"));
        QTest::keyClick(e.editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.document().sequence(), QString("MKTAY"));
        QTest::keyClick(e.editor(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(e.document().sequence(), QString("MKTA"));
        QCOMPARE(e.editor()->toPlainText(), QString("MKTA"));
    }

    void pastingAFastaKeepsTheResidues() {
        Explorer e;
        auto* mime = new QMimeData; // the clipboard takes it
        mime->setText(">sp|P0|X some protein\nmkta yiak\nQRQ\n>second\nGGG\n");
        e.editor()->setFocus();
        QApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
        QTest::keyClick(e.editor(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(e.document().sequence(), QString("MKTAYIAKQRQ"));
        QCOMPARE(e.editor()->lineLabels().first(), QString("1"));
    }

    void theHeatmapComesFromTheWorkerAndMutatesOnClick() {
        Explorer e;
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        QCOMPARE(esmui::Settings::languageModelFolder(), data("esm2_tiny"));
        e.editor()->setFocus();
        QTest::keyClicks(e.editor(), kSequence);
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(kSequence), 20000);
        // What the heatmap shows is what the model computes.
        const auto model = esm::LanguageModel::load(testpaths::data("esm2_tiny"), {});
        const auto direct = esm::scoreSequence(*model, kSequence.toStdString(), {});
        const auto* shown = e.heatmap()->scores();
        for (std::size_t k = 0; k < direct.logProbs.size(); ++k)
            QVERIFY(std::abs(shown->logProbs[k] - direct.logProbs[k]) < 1e-6);
        QVERIFY(e.heatmap()->describeCell(1, esm::standardAminoAcidIndex('G')).contains("K2G"));

        // A click on the G cell of position 2 selects the position and changes nothing.
        const int before = e.document().undoStack()->count();
        const QPoint g2 = e.heatmap()->cellCentre(1, esm::standardAminoAcidIndex('G')).toPoint();
        QTest::mouseClick(e.heatmap(), Qt::LeftButton, Qt::NoModifier, g2);
        QCOMPARE(e.document().sequence(), kSequence);
        QCOMPARE(e.document().selection()->positions(), std::set<int>{1});
        // The sequence panel's status names what the heatmap selected.
        auto* status = e.window.findChild<QLabel*>("sequenceStatus");
        QVERIFY2(status->text().startsWith("residue 2 (K)"), qPrintable(status->text()));
        // Its menu offers the mutation explicitly (not for the residue already there).
        auto menu = e.heatmap()->cellMenu(1, esm::standardAminoAcidIndex('G'));
        QCOMPARE(menu->actions().first()->text(), QString("Mutate K2G"));
        QVERIFY(menu->actions().first()->isEnabled());
        QVERIFY(!e.heatmap()->cellMenu(1, esm::standardAminoAcidIndex('K'))->actions().first()->isEnabled());
        // A double-click mutates K2G; the heatmap follows the new sequence.
        QTest::mouseDClick(e.heatmap(), Qt::LeftButton, Qt::NoModifier, g2);
        const QString mutated = "MGTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";
        QCOMPARE(e.document().sequence(), mutated);
        QCOMPARE(e.document().undoStack()->count(), before + 1);
        QCOMPARE(e.document().undoStack()->undoText(), QString("Mutate K2G"));
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(mutated), 20000);
        // Undo restores the sequence, and its scores come from the cache at once.
        e.document().undoStack()->undo();
        QCOMPARE(e.document().sequence(), kSequence);
        QVERIFY(e.scoresShownFor(kSequence));
        QCOMPARE(e.window.scoreService()->pendingJob(), 0);

        // Masked marginals on request.
        e.window.heatmapPanel()->findChild<QComboBox*>("scoreMode")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(kSequence) &&
                                     e.heatmap()->scores()->mode == esm::ScoreMode::MaskedMarginal,
                                 30000);

        // Exports.
        QTemporaryDir dir;
        e.window.heatmapPanel()->exportFigure(dir.filePath("h.svg"));
        e.window.heatmapPanel()->exportCsv(dir.filePath("h.csv"));
        QFile csv(dir.filePath("h.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("id,position,wt,mut,log_prob_mut,log_prob_wt,llr"));
        QVERIFY(QFileInfo(dir.filePath("h.svg")).size() > 10000);
    }

    void maskingShowsTheDistributionAtExactlyThosePositions() {
        Explorer e;
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        e.document().setSequence(kSequence, "test");
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(kSequence), 20000);
        auto* panel = e.window.heatmapPanel();
        auto* mask = panel->findChild<QPushButton*>("maskSelectionButton");
        auto* unmask = panel->findChild<QPushButton*>("unmaskButton");
        QVERIFY(mask && unmask);
        QVERIFY(!mask->isEnabled()); // nothing selected yet
        QVERIFY(!unmask->isVisible());

        e.document().selection()->select({4, 9});
        QVERIFY(mask->isEnabled());
        QTest::mouseClick(mask, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            e.scoresShownFor(kSequence) && e.heatmap()->scores()->masked == std::set<int>({4, 9}), 20000);
        QVERIFY(unmask->isVisible());
        QCOMPARE(panel->findChild<QLabel*>("maskedPositionsLabel")->text(), QString("Masked: 5, 10"));
        QCOMPARE(panel->findChild<QComboBox*>("heatmapValue")->currentText(), QString("Probability"));
        QVERIFY(e.heatmap()->describeCell(4, 0).contains("(masked)"));

        // Exactly the model's output with <mask> at positions 5 and 10, and not the unmasked one.
        const auto model = esm::LanguageModel::load(testpaths::data("esm2_tiny"), {});
        QString masked = kSequence;
        masked.replace(9, 1, "<mask>").replace(4, 1, "<mask>");
        const auto ids = model->encode(esm::Sequence::parse(masked.toStdString(), esm::Sequence::Mode::Strict,
                                                            esm::Sequence::Alphabet::WithSpecialTokens)
                                           .text());
        const auto direct = model->logProbabilities({ids}, {{5, 10}}).front();
        const auto* shown = e.heatmap()->scores();
        const auto unmasked = esm::scoreSequence(*model, kSequence.toStdString(), {});
        for (int k = 0; k < 20; ++k) {
            const long token =
                model->tokenizer().tokenToId(std::string(1, esm::kStandardAminoAcids[std::size_t(k)]));
            QVERIFY(std::abs(shown->logProb(4, k) - direct[std::size_t(token)]) < 1e-5);
            QVERIFY(std::abs(shown->logProb(9, k) -
                             direct[model->tokenizer().vocabularySize() + std::size_t(token)]) < 1e-5);
        }
        QVERIFY(std::abs(shown->logProb(4, 0) - unmasked.logProb(4, 0)) > 1e-4);

        // Unmask shows the whole sequence's scores again; an edit clears the masks.
        QTest::mouseClick(unmask, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(kSequence) && e.heatmap()->scores()->masked.empty(), 20000);
        QTest::mouseClick(mask, Qt::LeftButton);
        QCOMPARE(e.window.document()->maskedPositions().size(), std::size_t(2));
        e.document().mutate(0, 'A');
        QVERIFY(e.window.document()->maskedPositions().empty());
        QVERIFY(!unmask->isVisible());
    }

    void cancelStopsARunningJob() {
        Explorer e;
        e.window.document()->setScoreMode(esm::ScoreMode::MaskedMarginal);
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        QString sequence;
        for (int i = 0; i < 40; ++i)
            sequence += kSequence;
        QSignalSpy started(e.window.jobs(), &esmui::JobRunner::started);
        QSignalSpy progressed(e.window.jobs(), &esmui::JobRunner::progress);
        QSignalSpy cancelled(e.window.jobs(), &esmui::JobRunner::cancelled);
        e.document().setSequence(sequence, "long");
        QTRY_VERIFY_WITH_TIMEOUT(progressed.count() > 0 && e.window.jobs()->runningJob() != 0, 20000);
        // The stage is not the job's name again ("Masked marginals: masked marginals").
        auto* jobLabel = e.window.findChild<QWidget*>("jobStatus")->findChild<QLabel*>();
        QTRY_COMPARE_WITH_TIMEOUT(jobLabel->text(), QString("Masked marginals"), 20000);
        auto* cancel = e.window.findChild<QToolButton*>("cancelJobButton");
        QVERIFY(cancel && cancel->isVisible());
        // The UI stays responsive while the worker computes: measure the longest gap between timer ticks.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, longest = 0;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start(5);
        QTest::qWait(500);
        qInfo("longest event-loop stall while masked marginals run: %lld ms", longest);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 10000);
        QCOMPARE(e.window.jobs()->runningJob(), 0);
        QVERIFY(!e.window.document()->scoresAreCurrent());
        QCOMPARE(e.window.scoreService()->status(), QString("Cancelled"));
        QTRY_VERIFY(!cancel->isVisible());
    }

    void staleJobsAreCancelledWhenTheSequenceChanges() {
        Explorer e;
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        e.window.document()->setScoreMode(esm::ScoreMode::MaskedMarginal);
        QString sequence;
        for (int i = 0; i < 30; ++i)
            sequence += kSequence;
        QSignalSpy cancelled(e.window.jobs(), &esmui::JobRunner::cancelled);
        e.document().setSequence(sequence, "long");
        QTRY_VERIFY_WITH_TIMEOUT(e.window.jobs()->runningJob() != 0, 20000);
        e.document().setSequence(kSequence, "short");
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(kSequence), 30000);
        QCOMPARE(cancelled.count(), 1);
    }

    void selectionIsSharedByEditorHeatmapAnd3D() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        // Select residues 3-5 in the editor: the 3D view highlights them.
        QTextCursor cursor = e.editor()->textCursor();
        cursor.setPosition(2);
        cursor.setPosition(5, QTextCursor::KeepAnchor);
        e.editor()->setTextCursor(cursor);
        QCOMPARE(e.document().selection()->positions(), (std::set<int>{2, 3, 4}));
        QCOMPARE(e.window.structureView()->scene().highlighted(), (std::vector<int>{2, 3, 4}));
        // A residue picked in 3D is selected in the editor too.
        e.document().selection()->selectOnly(10);
        bool marked = false;
        for (const auto& selection : e.editor()->extraSelections())
            marked = marked || (selection.cursor.selectionStart() == 10 &&
                                selection.format.background().color().green() > 200);
        QVERIFY(marked);
        // Clicking the heatmap's entropy track selects the position.
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(e.document().sequence()), 20000);
        QTest::mouseClick(e.heatmap(), Qt::LeftButton, Qt::NoModifier,
                          e.heatmap()->entropyCentre(7).toPoint());
        QCOMPARE(e.document().selection()->positions(), std::set<int>{7});
        QCOMPARE(e.window.structureView()->scene().highlighted(), std::vector<int>{7});
        // A substitution keeps the sequence aligned with the structure; an insertion is aligned.
        e.document().mutate(0, 'A');
        QCOMPARE(e.document().residueAt(0), 0);
        e.document().editSequence("G" + e.document().sequence(), esmui::Document::Edit::Typing);
        QCOMPARE(e.document().residueAt(0), -1);
        QCOMPARE(e.document().residueAt(1), 0);
    }

    // Defect: after an edit the 3D view kept the old structure with hover, selection and colouring
    // pointing at the wrong residues. The sequence stays aligned with the structure, the changes
    // are marked in the sequence, the heatmap and the 3D view, and a banner offers to refold.
    void editsStayAlignedWithTheStructureAndAreMarked() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        auto* banner = e.window.findChild<QLabel*>("staleStructureBanner");
        QVERIFY(banner && !banner->isVisible());
        QCOMPARE(e.document().sequence()[9], QChar('G'));
        e.document().mutate(9, 'A');
        QCOMPARE(e.document().changedPositions(), std::set<int>{9});
        QCOMPARE(e.window.structureView()->scene().marked(), std::vector<int>{9});
        QCOMPARE(e.heatmap()->changedPositions(), std::set<int>{9});
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains("G10A"), qPrintable(banner->text()));
        bool markedInEditor = false;
        for (const auto& selection : e.editor()->extraSelections())
            markedInEditor = markedInEditor || (selection.cursor.selectionStart() == 9 &&
                                                selection.format.foreground().color() == QColor(230, 0, 160));
        QVERIFY(markedInEditor);

        // An insertion before it: positions shift, residues do not.
        e.document().editSequence("W" + e.document().sequence(), esmui::Document::Edit::Typing);
        QCOMPARE(e.document().residueAt(0), -1);
        QCOMPARE(e.document().residueAt(1), 0);
        QCOMPARE(e.document().residueAt(10), 9);
        QCOMPARE(e.document().positionOf(9), 10);
        QCOMPARE(e.document().changedPositions(), (std::set<int>{0, 10}));
        QCOMPARE(e.window.structureView()->scene().marked(), std::vector<int>{9}); // the inserted W has none
        QVERIFY(banner->text().contains("length 76"));
        e.document().selection()->selectOnly(5);
        QCOMPARE(e.window.structureView()->scene().highlighted(), std::vector<int>{4});

        // Undone, the sequence is the structure's again: no marks, no banner.
        e.document().undoStack()->undo();
        e.document().undoStack()->undo();
        QVERIFY(e.document().changedPositions().empty());
        QVERIFY(e.window.structureView()->scene().marked().empty());
        QVERIFY(!banner->isVisible());
    }

    // Defect: with residues selected in the editor, C (Centre on Selection) replaced them by one C.
    // A sequence on show is browsed; single-letter keys reach the window's shortcuts and change
    // no data until editing starts explicitly.
    void singleKeysNeverEditASequenceOnShow() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        const QString original = e.document().sequence();
        QVERIFY(!e.editor()->isEditing());
        auto* menu = e.window.findChild<esmui::StructureViewMenu*>();
        QVERIFY(menu);
        QSignalSpy centred(menu, &esmui::StructureViewMenu::centreOnSelectionRequested);
        e.window.activateWindow(); // shortcuts act in the active window
        QVERIFY(QTest::qWaitForWindowActive(&e.window));
        e.editor()->setFocus();
        QTextCursor cursor = e.editor()->textCursor();
        cursor.setPosition(2);
        cursor.setPosition(5, QTextCursor::KeepAnchor);
        e.editor()->setTextCursor(cursor);
        QTest::keyClick(e.editor(), Qt::Key_C);
        QCOMPARE(centred.count(), 1);
        for (Qt::Key key : {Qt::Key_A, Qt::Key_G, Qt::Key_Backspace, Qt::Key_Delete, Qt::Key_Space})
            QTest::keyClick(e.editor(), key);
        QTest::keyClick(e.editor(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(e.document().sequence(), original);
        QCOMPARE(e.document().selection()->positions(), (std::set<int>{2, 3, 4}));
        QCOMPARE(e.document().undoStack()->count(), 0);

        // F2 starts editing (the panel's button shows it); then typing replaces the selection.
        QTest::keyClick(e.editor(), Qt::Key_F2);
        QVERIFY(e.editor()->isEditing());
        auto* edit = e.window.findChild<QPushButton*>("editSequenceButton");
        QVERIFY(edit && edit->isChecked() && edit->text() == "Done");
        QTest::keyClick(e.editor(), Qt::Key_W);
        QCOMPARE(e.document().sequence(), original.left(2) + "W" + original.mid(5));
        // Esc ends editing and cancels nothing; the button starts it again.
        QTest::keyClick(e.editor(), Qt::Key_Escape);
        QVERIFY(!e.editor()->isEditing());
        QCOMPARE(edit->text(), QString("Edit"));
        QTest::keyClick(e.editor(), Qt::Key_K);
        QCOMPARE(e.document().sequence(), original.left(2) + "W" + original.mid(5));
        // Ctrl+Z undoes wherever focus is, as the Edit menu says, also after editing ended.
        QTest::keyClick(e.editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.document().sequence(), original);
        QTest::keyClick(e.editor(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(e.document().sequence(), original.left(2) + "W" + original.mid(5));
        QTest::mouseClick(edit, Qt::LeftButton);
        QVERIFY(e.editor()->isEditing());
        // A new, empty document is ready for typing.
        e.document().setSequence({}, {});
        QVERIFY(e.editor()->isEditing());
    }

    // Issue 29: the heatmap said "I163F · residue B 64" and the banner "before G1W" where the ruler
    // said 8. Mutations are named as the structure numbers them, with the chain where there are several.
    void mutationsAreNamedAsTheStructureNumbersThem() {
        Explorer e;
        QVERIFY(e.window.openModel(data("esm2_tiny")));
        QVERIFY(e.window.openFile(data("structures/1hpv.pdb")));
        QTRY_VERIFY_WITH_TIMEOUT(e.scoresShownFor(e.document().sequence()), 20000);
        const int b64 = 99 + 63; // chain A has 99 residues
        const int f = esm::standardAminoAcidIndex('F');
        const QString cell = e.heatmap()->describeCell(b64, f);
        QVERIFY2(cell.startsWith("B:I64F") && cell.contains("sequence position 163") &&
                     cell.contains("double-click to apply B:I64F") && !cell.contains("I163F"),
                 qPrintable(cell));
        auto menu = e.heatmap()->cellMenu(b64, f);
        QCOMPARE(menu->actions().first()->text(), QString("Mutate B:I64F"));
        QCOMPARE(menu->actions()[1]->text(), QString("Select Residue B 64"));
        menu->actions().first()->trigger(); // the column is scrolled out of view
        QCOMPARE(e.document().undoStack()->undoText(), QString("Mutate B:I64F"));
        auto* banner = e.window.findChild<QLabel*>("staleStructureBanner");
        QVERIFY2(banner->isVisible() && banner->text().contains("before B:I64F"), qPrintable(banner->text()));

        // One chain, numbered from 8: no chain in the name.
        QVERIFY(e.window.openFile(data("structures/5eep.pdb.gz")));
        e.document().mutate(0, 'W');
        QCOMPARE(e.document().undoStack()->undoText(), QString("Mutate G8W"));
        QVERIFY2(banner->text().contains("before G8W"), qPrintable(banner->text()));
        // A typed sequence counts 1, 2, … as before.
        e.document().setSequence("MKTAY", {});
        e.document().mutate(1, 'G');
        QCOMPARE(e.document().undoStack()->undoText(), QString("Mutate K2G"));
    }

    // Issue 29, smaller things: the placeholder named a menu item that is not there, an ensemble's
    // atoms were summed over its models and the shown model was named only in a menu title, and an
    // edited glycine's mark was a dot that a selection hid.
    void messagesNameWhatIsThere() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        QVERIFY2(e.window.scoreService()->status().contains("File → Open Model Folder…"),
                 qPrintable(e.window.scoreService()->status()));
        bool found = false;
        for (QAction* action : e.window.findChildren<QAction*>())
            found |= action->text().remove('&') == "Open Model Folder…";
        QVERIFY(found);

        QVERIFY(e.window.openFile(data("structures/1d3z.pdb")));
        const esm::Structure& nmr = e.document().structure();
        QCOMPARE(nmr.conformerCount(), 10);
        const QString opened = e.window.statusBar()->currentMessage();
        QVERIFY2(opened.contains("10 models; model 1 shown") &&
                     opened.contains(QString("%1 atoms").arg(nmr.conformerAtoms(0).size())) &&
                     !opened.contains(QString::number(nmr.atomCount())),
                 qPrintable(opened));
        QAction* next = e.window.findChild<QAction*>("nextConformer");
        next->trigger();
        QVERIFY2(e.window.statusBar()->currentMessage().startsWith("Conformer 2 of 10 (MODEL 2): "),
                 qPrintable(e.window.statusBar()->currentMessage()));

        // 1ubq's G10 edited and selected: its mark is a magenta ball the selection does not cover.
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        auto magenta = [&] {
            const QImage image = e.window.structureView()->renderImage(QSize(800, 600), false);
            int count = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    count += c.red() > 2 * c.green() + 60 && c.blue() > 2 * c.green() + 40;
                }
            return count;
        };
        const int before = magenta();
        e.document().mutate(9, 'A');
        e.document().selection()->selectOnly(9);
        QCOMPARE(e.window.structureView()->scene().marked(), std::vector<int>{9});
        const int marked = magenta() - before;
        qInfo("magenta pixels of the edited, selected glycine: %d", marked);
        QVERIFY(marked > 150);
    }

    // Defect: the ruler counted 1…N over all chains (1hpv chain B as 100-198) while the 3D view
    // named author numbers (B 1-99; 1a0q chain L starts at 2). Every panel names the author's.
    void residuesAreNamedByTheirAuthorNumberingAndChain() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1hpv.pdb")));
        QCOMPARE(e.document().positionLabel(0), QString("A 1"));
        QCOMPARE(e.document().positionLabel(98), QString("A 99"));
        QCOMPARE(e.document().positionLabel(99), QString("B 1"));
        QCOMPARE(e.document().positionLabel(197), QString("B 99"));
        const QStringList lines = e.editor()->lineLabels();
        QVERIFY(lines.first() == "A 1" &&
                std::any_of(lines.begin(), lines.end(), [](const QString& l) { return l.startsWith("B "); }));
        for (const QString& line : lines)
            QVERIFY2(line.section(' ', 1).toInt() <= 99, qPrintable(line));
        QVERIFY(lines.contains("B 1")); // chain B starts its own line
        // The status line names the residue under the cursor the same way.
        QTextCursor cursor = e.editor()->textCursor();
        cursor.setPosition(e.editor()->offsetOfPosition(99));
        e.editor()->setTextCursor(cursor);
        auto* status = e.window.findChild<QLabel*>("sequenceStatus");
        QVERIFY2(status->text().contains("residue B 1 "), qPrintable(status->text()));
        // So does the per-residue table, beside its 1, 2, … positions.
        QTemporaryDir dir;
        QCOMPARE(esmui::exportResidueTable(e.window.workspace(), dir.filePath("r.csv")), QString());
        QFile csv(dir.filePath("r.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows[1], QString("1,P,,,,,A,1"));
        QCOMPARE(rows[100], QString("100,P,,,,,B,1"));
        // So do the plots' axes and tooltips.
        const auto* contacts = e.window.findChild<esmui::MatrixView*>("contactView");
        QCOMPARE(contacts->data().labels.size(), std::size_t(198));
        QVERIFY2(contacts->data().describe(0, 99).startsWith("A 1 – B 1"),
                 qPrintable(contacts->data().describe(0, 99)));
        // A residue inserted after A 99 counts on from it.
        QString edited = e.document().sequence();
        edited.insert(99, 'W');
        e.document().editSequence(edited, esmui::Document::Edit::Typing);
        QCOMPARE(e.document().positionLabel(99), QString("A 99+1"));
        QCOMPARE(e.document().positionLabel(100), QString("B 1"));

        QVERIFY(e.window.openFile(data("structures/1a0q.pdb")));
        QVERIFY2(e.document().positionLabel(0).endsWith(" 2"), qPrintable(e.document().positionLabel(0)));
        // A typed sequence counts 1, 2, ... in each chain.
        e.document().setSequence("MKT:GGS", {});
        QCOMPARE(e.document().positionLabel(0), QString("A 1"));
        QCOMPARE(e.document().positionLabel(3), QString("B 1"));
        // Each chain starts a line of its own (it ran on after a ':' mid-line); copying gives ':'.
        QCOMPARE(e.editor()->blockCount(), 2);
        QCOMPARE(e.editor()->lineLabels(), QStringList({"A 1", "B 1"}));
        QCOMPARE(e.editor()->sequenceText(), QString("MKT:GGS"));
        e.editor()->selectAll();
        e.editor()->copy();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString("MKT:GGS"));
        // Selecting the second chain's first residue in the text selects position 3.
        QTextCursor second = e.editor()->textCursor();
        second.setPosition(e.editor()->offsetOfPosition(3));
        second.setPosition(e.editor()->offsetOfPosition(3) + 1, QTextCursor::KeepAnchor);
        e.editor()->setTextCursor(second);
        QCOMPARE(e.document().selection()->positions(), (std::set<int>{3}));
        // Typing ':' while editing starts a new chain on a new line.
        e.editor()->setEditing(true);
        QTextCursor end = e.editor()->textCursor();
        end.movePosition(QTextCursor::End);
        e.editor()->setTextCursor(end);
        QTest::keyClicks(e.editor(), ":WW");
        QCOMPARE(e.document().sequence(), QString("MKT:GGS:WW"));
        QCOMPARE(e.editor()->blockCount(), 3);
        QCOMPARE(e.editor()->lineLabels().last(), QString("C 1"));
    }

    // NMR ensembles: Structure > Conformer steps through the conformers; selection and picking follow.
    void theModelsOfAnEnsembleAreBrowsed() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1d3z.pdb")));
        const esm::Structure& s = e.document().structure();
        QCOMPARE(s.conformerCount(), 10);
        auto* next = e.window.findChild<QAction*>("nextConformer");
        auto* previous = e.window.findChild<QAction*>("previousConformer");
        QVERIFY(next && previous);
        next->trigger();
        QCOMPARE(e.window.structureView()->displaySettings().conformer, 1);
        e.document().selection()->selectOnly(4);
        const int inModel2 = esm::residueInConformer(s, e.document().residueAt(4), 1);
        QVERIFY(inModel2 >= 0 && inModel2 != e.document().residueAt(4));
        QCOMPARE(s.chainConformer(s.residueChain(inModel2)), 1);
        QCOMPARE(e.window.structureView()->scene().highlighted(), std::vector<int>{inModel2});
        // Picking a residue of the model shown selects its position.
        Q_EMIT e.window.structureView()->residueClicked(
            esm::residueInConformer(s, e.document().residueAt(9), 1), {});
        QCOMPARE(e.document().selection()->positions(), std::set<int>{9});
        previous->trigger();
        previous->trigger();
        QCOMPARE(e.window.structureView()->displaySettings().conformer, 9); // wraps around
        QCOMPARE(e.window.structureView()->scene().highlighted(),
                 std::vector<int>{esm::residueInConformer(s, e.document().residueAt(9), 9)});
        // A new structure starts at its first model.
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        QCOMPARE(e.window.structureView()->displaySettings().conformer, 0);
    }

    // The 3D view's context menu (a right click that does not drag): select, centre, label.
    void theViewsContextMenuLabelsResidues() {
        Explorer e;
        QVERIFY(e.window.openFile(data("structures/1ubq.pdb")));
        esmui::StructureView* view = e.window.structureView();
        auto actionOf = [](QMenu& menu, const QString& text) -> QAction* {
            for (QAction* action : menu.actions())
                if (QString(action->text()).remove('&') == text)
                    return action;
            return nullptr;
        };
        auto menu = e.window.structureContextMenu()->contextMenu(47);
        QVERIFY(menu->actions().first()->text().contains("LYS 48 A"));
        actionOf(*menu, "Label It")->trigger();
        QCOMPARE(view->scene().labelled(), std::vector<int>{47});
        menu = e.window.structureContextMenu()->contextMenu(47);
        actionOf(*menu, "Remove Its Label")->trigger();
        QVERIFY(view->scene().labelled().empty());
        actionOf(*e.window.structureContextMenu()->contextMenu(47), "Select")->trigger();
        QCOMPARE(e.document().selection()->positions(), std::set<int>{47});
        e.document().selection()->select({1, 2});
        e.document().selection()->clear();
        const QImage unlabelled = view->renderImage(QSize(400, 300), false);
        e.document().selection()->select({1, 2});
        actionOf(*e.window.structureContextMenu()->contextMenu(-1), "Label the Selection")->trigger();
        QCOMPARE(view->scene().labelled(), (std::vector<int>{1, 2}));
        e.document().selection()->clear();
        QVERIFY(view->renderImage(QSize(400, 300), false) != unlabelled); // the labels are drawn
        actionOf(*e.window.structureContextMenu()->contextMenu(-1), "Clear Labels")->trigger();
        QVERIFY(view->scene().labelled().empty());
        // A right click opens it; a right drag zooms instead.
        QSignalSpy asked(view, &esmui::StructureView::contextMenuRequested);
        QTimer::singleShot(100, [] {
            if (QWidget* popup = QApplication::activePopupWidget())
                popup->close();
        });
        QTest::mouseClick(view, Qt::RightButton, Qt::NoModifier, view->rect().center());
        QCOMPARE(asked.count(), 1);
    }

    void modelsThatCannotScoreAreRefused() {
        Explorer e;
        QVERIFY(!e.window.openModel(data("esm2_seqcls_tiny")));
        auto* message = e.window.findChild<QMessageBox*>("errorMessage");
        QVERIFY(message && message->text().contains("masked language model"));
        QTemporaryDir empty;
        QVERIFY(!e.window.openModel(empty.path()));
        QVERIFY(esmui::Settings::languageModelFolder().isEmpty());
        QVERIFY(e.window.scoreService()->status().contains("Open Model"));
    }
};

QTEST_MAIN(TestExplorer)
#include "test_explorer.moc"
