// Training and trained models through the real widgets: Tools > Train… on the tiny token-classifier
// fixture to the model appearing in the Task Model panel with its per-residue track and the
// structure coloured by a label's probability; a sequence classifier's label and probabilities
// following edits; a regression model's substitution landscape that mutates on double-click; the
// applied model kept by sessions; the curves exported.
#include "core/pipeline/fine_tuning.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/TaskModelService.h"
#include "ui/services/settings/Settings.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/plots/HeatmapView.h"
#include "ui/widgets/sequence/SequenceEditor.h"
#include "ui/widgets/sequence/SequencePanel.h"
#include "ui/widgets/taskmodel/ResidueLabelTrack.h"
#include "ui/widgets/taskmodel/TaskModelPanel.h"
#include "ui/widgets/training/TrainDialog.h"
#include "ui/widgets/training/TrainingCurves.h"

#include "TestPaths.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <fstream>

using esmui::MainWindow;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

void prepare(MainWindow& window) {
    window.resize(1280, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.workspace().tasks->setDelay(10);
}

bool waitForPrediction(MainWindow& window, int timeoutMs = 60000) {
    return QTest::qWaitFor(
        [&] { return window.workspace().tasks->isCurrent() && !window.workspace().tasks->isBusy(); },
        timeoutMs);
}

} // namespace

class TestTrainingGui : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_training_gui");
    }
    void init() { QSettings().clear(); }

    void trainDialogTrainsATokenClassifierThatColoursTheStructure() {
        MainWindow window;
        prepare(window);
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        window.findChild<QAction*>("trainAction")->trigger();
        auto* dialog = window.findChild<esmui::TrainDialog*>("trainDialog");
        QVERIFY(dialog && dialog->isVisible());
        QTemporaryDir dir;
        dialog->setBaseModel(data("esm2_tokcls_tiny"));
        dialog->setTask(esm::TrainingTask::TokenClassification);
        dialog->setTrainingFile(data("train/tokcls_train.tsv"));
        QVERIFY2(dialog->preview().startsWith("8 rows · columns: id, sequence, label · labels: LABEL_0 "),
                 qPrintable(dialog->preview()));
        dialog->setEpochs(2);
        dialog->setOutputFolder(dir.filePath("tokens"));
        QSignalSpy trained(dialog, &esmui::TrainDialog::trained);
        QTest::mouseClick(dialog->findChild<QPushButton*>("trainStart"), Qt::LeftButton);
        QVERIFY(trained.wait(120000));
        QVERIFY2(dialog->findChild<QLabel*>("trainState")->text().startsWith("Done: 2 steps"),
                 qPrintable(dialog->findChild<QLabel*>("trainState")->text()));
        QCOMPARE(int(dialog->curves()->log().size()),
                 3); // a loss per step (8 rows, batch 8), then the summary
        // The trained model is applied to the sequence being edited and joins the local models.
        QCOMPARE(window.document()->taskModel(), dir.filePath("tokens"));
        QVERIFY(esmui::Settings::localModelFolders().contains(dir.filePath("tokens")));
        QVERIFY(waitForPrediction(window));
        esmui::TaskModelPanel* panel = window.taskModelPanel();
        QVERIFY(panel->track()->isVisible());
        QCOMPARE(panel->track()->length(), 76);
        QVERIFY(panel->track()->labelAt(0) >= 0);
        QVERIFY(panel->track()->describe(0).startsWith("M 1: LABEL_"));

        // Colour the structure by the probability of LABEL_2.
        auto* colouring = panel->findChild<QComboBox*>("taskColouring");
        colouring->setCurrentIndex(3);
        const auto& view = window.structureView()->displaySettings();
        QVERIFY(view.colorScheme == esmui::ColorScheme::Values);
        QCOMPARE(int(view.residueValues.size()), window.document()->structure().residueCount());
        int coloured = 0;
        for (double v : view.residueValues)
            coloured += !std::isnan(v) && v >= -0.5 && v <= 0.5;
        QCOMPARE(coloured, 76);
        colouring->setCurrentIndex(0);
        QVERIFY(window.structureView()->displaySettings().colorScheme != esmui::ColorScheme::Values);

        // The curves export as figures and numbers.
        dialog->curves()->exportTo(dir.filePath("curves.svg"));
        dialog->curves()->exportTo(dir.filePath("curves.csv"));
        QVERIFY(testpaths::readLines(dir.filePath("curves.svg")).join("").contains("<svg"));
        const QStringList csv = testpaths::readLines(dir.filePath("curves.csv"));
        QCOMPARE(csv.first(), QString("step,epoch,name,value"));
        QCOMPARE(csv.filter(",loss,").size(), 2);
        window.grab().save(qEnvironmentVariable("ESMX_SCREENSHOT_DIR", dir.path()) + "/training.png");
        dialog->grab().save(qEnvironmentVariable("ESMX_SCREENSHOT_DIR", dir.path()) + "/train-dialog.png");
    }

    void sequenceClassifierFollowsEditsAndSessionsKeepIt() {
        MainWindow window;
        prepare(window);
        window.document()->setSequence("MKTAYIAKQRQISFVKSHFSRQ", "typed");
        window.applyTaskModel(data("esm2_seqcls_tiny"));
        QVERIFY(waitForPrediction(window));
        esmui::TaskModelPanel* panel = window.taskModelPanel();
        QVERIFY2(panel->summary().startsWith("Predicted: <b>LABEL_"), qPrintable(panel->summary()));
        const auto before = window.workspace().tasks->result()->prediction.rows.front();
        QCOMPARE(int(before.size()), 3);
        window.document()->mutate(3, 'W');
        QVERIFY(waitForPrediction(window));
        const auto after = window.workspace().tasks->result()->prediction.rows.front();
        QVERIFY(std::abs(after[0] - before[0]) > 1e-6); // recomputed for the edited sequence
        QVERIFY(!panel->track()->isVisible());

        QTemporaryDir dir;
        const QString path = dir.filePath("s.esmx");
        QVERIFY(esmui::saveSessionFile(window.workspace(), path, esmui::SessionUse::AsDocument));
        MainWindow other;
        prepare(other);
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document()->taskModel(), data("esm2_seqcls_tiny"));
    }

    void regressionLandscapeMutatesOnDoubleClick() {
        QTemporaryDir dir;
        const auto train = testpaths::in(dir, "values.csv");
        std::ofstream(train) << "sequence,label\nMKTAYIAK,1.5\nGSHMLEDP,-0.5\nWWCCYYHH,2.0\nAAAAGGGG,0.1\n";
        esm::TrainingSettings s;
        s.model = testpaths::data("esm2_tiny");
        s.task = esm::TrainingTask::SequenceRegression;
        s.train = train;
        s.out = testpaths::in(dir, "regression");
        s.maxSteps = 2;
        s.batchSize = 2;
        s.learningRate = 1e-3;
        esm::fineTune(s, {});

        MainWindow window;
        prepare(window);
        window.document()->setSequence("MKTAYIAKQR", "typed");
        window.applyTaskModel(QString::fromStdString(s.out.string()));
        QVERIFY(waitForPrediction(window));
        esmui::TaskModelPanel* panel = window.taskModelPanel();
        QVERIFY2(panel->summary().startsWith("Predicted value: "), qPrintable(panel->summary()));
        esmui::HeatmapView* landscape = panel->landscape();
        QVERIFY(landscape->isVisible());
        const esm::SequenceScores* scores = landscape->scores();
        QVERIFY(scores && scores->length() == 10);
        // The wild type's own cell is 0: its "mutant" is the sequence itself.
        const int k = esm::standardAminoAcidIndex('K');
        QVERIFY(std::abs(scores->llr(1, k)) < 1e-5);
        const int w = esm::standardAminoAcidIndex('W');
        QVERIFY2(landscape->describeCell(1, w).startsWith("K2W\npredicted "),
                 qPrintable(landscape->describeCell(1, w)));
        window.grab().save(qEnvironmentVariable("ESMX_SCREENSHOT_DIR", dir.path()) + "/landscape.png");
        QTest::mouseDClick(landscape, Qt::LeftButton, {}, landscape->cellCentre(1, w).toPoint());
        QCOMPARE(window.document()->sequence(), QString("MWTAYIAKQR"));
    }
};

QTEST_MAIN(TestTrainingGui)
#include "test_training_gui.moc"
