// Getting a model from the GUI: the one-click offer when there is none, the Models dialog's
// download, use and delete, against a fake hub on 127.0.0.1.
#include "core/pipeline/language_model.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/services/settings/Settings.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/models/ModelsDialog.h"
#include "ui/widgets/plots/HeatmapPanel.h"
#include "ui/widgets/plots/HeatmapView.h"

#include "FakeHub.h"
#include "TestPaths.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

class TestModelsGui : public QObject {
    Q_OBJECT
    FakeHub hub_;
    QTemporaryDir cache_;

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_models_gui");
        QSettings().clear();
        hub_.addRepo("facebook/esm2_t6_8M_UR50D",
                     QString::fromStdString(testpaths::data("esm2_tiny").string()));
        qputenv("HF_ENDPOINT", hub_.endpoint().toUtf8());
        qputenv("HF_HUB_CACHE", cache_.path().toUtf8());
        qputenv("HF_TOKEN", "none");
    }

    void oneClickGetsTheHeatmapGoing() {
        esmui::MainWindow window;
        window.resize(1300, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.scoreService()->setDelay(20);
        auto* offer = window.heatmapPanel()->findChild<QPushButton*>("getLanguageModelButton");
        QVERIFY(offer && offer->isVisible());
        QVERIFY(window.findChild<QLabel*>("modelsInUse")->text().contains("Language model: none"));
        window.document()->setSequence("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ", "test");
        QTest::mouseClick(offer, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.document()->languageModel().isEmpty(), 30000);
        QVERIFY(window.document()->languageModel().contains("models--facebook--esm2_t6_8M_UR50D/snapshots/"));
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->scoresAreCurrent(), 30000);
        QVERIFY(window.heatmapPanel()->view()->scores());
        QVERIFY(!offer->isVisible());
        QVERIFY(window.findChild<QLabel*>("modelsInUse")->text().contains("esm2_t6_8M_UR50D"));
    }

    void theDialogListsUsesAndDeletes() {
        esmui::ModelsDialog dialog;
        dialog.show();
        const QString repo = "facebook/esm2_t6_8M_UR50D";
        QVERIFY(dialog.statusOf(repo).contains("/snapshots/")); // downloaded by the test before
        QCOMPARE(dialog.statusOf("facebook/esmfold_v1"), QString("not installed"));
        QSignalSpy chosen(&dialog, &esmui::ModelsDialog::modelChosen);
        dialog.select(repo, false);
        QTest::mouseClick(dialog.findChild<QPushButton*>("useButton"), Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QTest::mouseClick(dialog.findChild<QPushButton*>("deleteButton"), Qt::LeftButton);
        QCOMPARE(dialog.statusOf(repo), QString("not installed"));
        // And back with the Download button.
        QTest::mouseClick(dialog.findChild<QPushButton*>("downloadButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusOf(repo).contains("/snapshots/"), 30000);
        // A typed repo the hub does not have fails with the reason.
        dialog.select("someone/absent", true);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QPushButton*>("downloadButton")->isEnabled(), 30000);
        QCOMPARE(dialog.statusOf("someone/absent"), QString("not installed"));
    }

    void convertsForFasterLoading() {
        QTemporaryDir dir;
        const QString folder = dir.filePath("esm2_tf");
        std::filesystem::copy(testpaths::data("tf/esm2_tiny"), folder.toStdString());
        esmui::ModelsDialog dialog;
        dialog.show();
        auto* convert = dialog.findChild<QPushButton*>("convertButton");
        QVERIFY(convert);
        dialog.select(QString::fromStdString(testpaths::data("esm2_tiny").string()), false);
        QVERIFY(!convert->isEnabled()); // already safetensors
        dialog.select(folder, false);
        QVERIFY(convert->isEnabled());
        QTest::mouseClick(convert, Qt::LeftButton);
        const QString converted = folder + "-safetensors";
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusOf(converted) == converted, 30000);
        QVERIFY(QFile::exists(converted + "/model.safetensors"));
        QVERIFY(esmui::Settings::localModelFolders().contains(converted));
        const QString message = dialog.findChild<QLabel*>("modelsMessage")->text();
        QVERIFY2(QRegularExpression("Reading the weights took [0-9.e+-]+ s before and [0-9.e+-]+ s after")
                     .match(message)
                     .hasMatch(),
                 qPrintable(message));
        QVERIFY(!convert->isEnabled()); // the converted folder is selected now
        // The converted folder scores exactly like the original.
        const auto a = esm::LanguageModel::load(converted.toStdString(), {});
        const auto b = esm::LanguageModel::load(folder.toStdString(), {});
        const auto ids = a->encode("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ");
        QVERIFY(a->forward({ids}, {})[0].logits.bytes == b->forward({ids}, {})[0].logits.bytes);
        // Converting again would overwrite: refused with the reason.
        dialog.select(folder, false);
        QTest::mouseClick(convert, Qt::LeftButton);
        QVERIFY(dialog.findChild<QLabel*>("modelsMessage")->text().contains("already exists"));
        esmui::Settings::forgetLocalModelFolder(converted);
    }

    void localFoldersAreRememberedAndForgotten() {
        const QString folder =
            QFileInfo(QString::fromStdString(testpaths::data("esm2_tiny").string())).absoluteFilePath();
        esmui::Settings::setLanguageModelFolder(folder);
        esmui::Settings::setFoldingModelFolder(
            QFileInfo(QString::fromStdString(testpaths::data("esmfold_tiny").string())).absoluteFilePath());
        esmui::Settings::setLanguageModelFolder(cache_.path() +
                                                "/models--facebook--esm2_t6_8M_UR50D/snapshots/x");
        QCOMPARE(esmui::Settings::localModelFolders().size(), 2); // HuggingFace cache folders are not "local"
        esmui::ModelsDialog dialog;
        QCOMPARE(dialog.statusOf(folder), folder);
        dialog.select(folder, false);
        QTest::mouseClick(dialog.findChild<QPushButton*>("deleteButton"), Qt::LeftButton);
        QCOMPARE(dialog.statusOf(folder), QString());
        QVERIFY(!esmui::Settings::localModelFolders().contains(folder));
        QVERIFY(QFileInfo::exists(folder + "/config.json")); // forgotten, not deleted
        QCOMPARE(esmui::ModelsDialog().statusOf(folder), QString());
    }

    // Issue 29: the dialog could neither add a local folder nor show which folder is in use.
    void aLocalFolderIsAddedAndTheFoldersInUseAreNamed() {
        esmui::MainWindow window;
        const QString esm2 =
            QFileInfo(QString::fromStdString(testpaths::data("esm2_tiny").string())).absoluteFilePath();
        const QString esmfold =
            QFileInfo(QString::fromStdString(testpaths::data("esmfold_tiny").string())).absoluteFilePath();
        QVERIFY(window.openModel(esm2));
        QAction* models = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text().remove('&').startsWith("Models (download"))
                models = action;
        QVERIFY(models);
        models->trigger();
        auto* dialog = window.findChild<esmui::ModelsDialog*>("modelsDialog");
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->inUseOf(esm2), QString("language model"));
        // Not a model: refused with the reason, nothing listed.
        QTemporaryDir empty;
        dialog->addLocalFolder(empty.path());
        QVERIFY(dialog->findChild<QLabel*>("modelsMessage")->text().contains("no config.json"));
        QCOMPARE(dialog->statusOf(empty.path()), QString());
        // ESMFold's folder from disk, then Use: it folds, and the dialog says so.
        esmui::Settings::forgetLocalModelFolder(esmfold);
        dialog->addLocalFolder(esmfold);
        QCOMPARE(dialog->statusOf(esmfold), esmfold);
        QVERIFY(esmui::Settings::localModelFolders().contains(esmfold));
        QTest::mouseClick(dialog->findChild<QPushButton*>("useButton"), Qt::LeftButton);
        QCOMPARE(window.document()->foldingModel(), esmfold);
        QCOMPARE(dialog->inUseOf(esmfold), QString("folding"));
        QCOMPARE(dialog->inUseOf(esm2), QString("language model"));
        QVERIFY(dialog->findChild<QPushButton*>("addFolderButton"));
    }
};

QTEST_MAIN(TestModelsGui)
#include "test_models_gui.moc"
