// Several structures at once (#12): the Structures panel through the real widgets — an experimental
// structure beside another (1ubq, an X-ray structure of ubiquitin, and 1d3z, its NMR ensemble),
// superposed by a sequence alignment with RMSD, TM-score and GDT-TS; shown, hidden, recoloured and
// closed; kept in sessions; and `esm-explorer A.pdb B.cif` opening both.
#include "ui/services/document/Document.h"
#include "ui/services/document/ExtraStructures.h"
#include "ui/view3d/PlddtKey.h"
#include "ui/view3d/StructureView.h"
#include "ui/widgets/actions/SessionReaction.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/structures/StructuresPanel.h"

#include "CliRunner.h"
#include "TestPaths.h"

#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeWidget>
#include <QtTest>

using esmui::MainWindow;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

struct Window {
    MainWindow window;
    Window() {
        window.resize(1300, 900);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("main window not exposed");
    }
    esmui::ExtraStructures& structures() { return *window.extraStructures(); }
    esmui::StructuresPanel* panel() { return window.findChild<esmui::StructuresPanel*>("structuresPanel"); }
    QTreeWidget* list() { return panel()->findChild<QTreeWidget*>("structureList"); }
    QPushButton* button(const char* name) { return panel()->findChild<QPushButton*>(name); }
    const esmui::StructureView& view() { return *window.structureView(); }
};

// The Cα of residue `number` in chain A, first model.
Eigen::Vector3d caOf(const esm::Structure& s, int number) {
    const auto chains = s.conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : s.polymerResidues(c))
            if (s.residueNumber(r) == number)
                return s.position(s.findAtom(r, "CA"));
    return Eigen::Vector3d::Constant(std::nan(""));
}

} // namespace

class TestExtraStructures : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("esm-explorer-tests");
        QCoreApplication::setApplicationName("test_extra_structures");
    }
    void init() { QSettings().clear(); }

    void aSecondStructureIsShownBesideTheFirstAndSuperposed() {
        Window w;
        QVERIFY(w.window.openFile(data("structures/1ubq.pdb")));
        QVERIFY(w.window.addStructure(data("structures/1d3z.pdb")));
        // The document keeps its structure; the other is one more model, drawn in its own colour.
        QCOMPARE(QString::fromStdString(w.window.document()->structure().name).left(4).toLower(),
                 QString("1ubq"));
        QCOMPARE(int(w.structures().structures().size()), 1);
        QCOMPARE(w.view().otherStructureCount(), 1);
        const esmui::ExtraStructure& added = w.structures().structures().front();
        QCOMPARE(w.view().otherScene(0).effectiveScheme(), esmui::ColorScheme::Single);
        QCOMPARE(w.view().otherScene(0).settings().singleColour, added.colour);
        // Superposed by the sequence alignment: 76 ubiquitin residues, the NMR model within ~1 Å
        // of the crystal structure's backbone.
        QVERIFY(added.superposed && added.comparison);
        QCOMPARE(added.comparison->pairing, std::string("sequence"));
        QCOMPARE(added.comparison->alignedResidues, 76);
        QVERIFY2(added.comparison->rmsd < 2.0, qPrintable(QString::number(added.comparison->rmsd)));
        QVERIFY(added.comparison->tmScore > 0.8);
        QVERIFY(added.comparison->gdtTs > 0.7);
        // The drawn copy lies on 1ubq; the structure as read does not.
        const esm::Structure& reference = w.window.document()->structure();
        QVERIFY((caOf(*w.view().otherScene(0).structure(), 30) - caOf(reference, 30)).norm() < 3.0);
        QVERIFY((caOf(*added.structure, 30) - caOf(reference, 30)).norm() > 10.0);
        // The panel lists both and says how they compare.
        QCOMPARE(w.list()->topLevelItemCount(), 2);
        QVERIFY(w.list()->topLevelItem(0)->text(0).startsWith("#1 1ubq.pdb"));
        QVERIFY(w.list()->topLevelItem(1)->text(0).startsWith("#2 1d3z.pdb"));
        QVERIFY(w.list()->topLevelItem(1)->text(1).startsWith("RMSD"));
        w.panel()->selectStructure(0);
        const QString result = w.panel()->findChild<QLabel*>("structureComparison")->text();
        QVERIFY2(result.contains("TM-score") && result.contains("GDT-TS") && result.contains("76 residues"),
                 qPrintable(result));

        // Unsuperpose puts it back where its file has it, Superpose again.
        QTest::mouseClick(w.button("superposeButton"), Qt::LeftButton);
        QVERIFY(!w.structures().structures().front().comparison);
        QCOMPARE(caOf(*w.view().otherScene(0).structure(), 30), caOf(*added.structure, 30));
        QTest::mouseClick(w.button("superposeButton"), Qt::LeftButton);
        QVERIFY(w.structures().structures().front().comparison);

        // Hide with its check box, show again, recolour, close.
        w.list()->topLevelItem(1)->setCheckState(0, Qt::Unchecked);
        QCOMPARE(w.view().otherStructureCount(), 0);
        w.list()->topLevelItem(1)->setCheckState(0, Qt::Checked);
        QCOMPARE(w.view().otherStructureCount(), 1);
        // They follow #1's representation.
        esmui::DisplaySettings trace = w.view().displaySettings();
        trace.style = esmui::Style::Trace;
        w.window.structureView()->setDisplaySettings(trace);
        QCOMPARE(w.view().otherScene(0).settings().style, esmui::Style::Trace);
        w.structures().setColour(0, {255, 0, 255});
        QCOMPARE(w.view().otherScene(0).settings().singleColour, (esmui::Rgb{255, 0, 255}));
        QVERIFY(w.list()->topLevelItem(1)->isSelected());
        QTest::mouseClick(w.button("closeStructureButton"), Qt::LeftButton);
        QVERIFY(w.structures().structures().empty());
        QCOMPARE(w.view().otherStructureCount(), 0);
        QCOMPARE(w.list()->topLevelItemCount(), 1);
        QVERIFY(!w.button("closeStructureButton")->isEnabled());
    }

    // Issue 29: the structure beside a prediction was sky blue, nearly pLDDT's "Confident" colour, and
    // the key did not say which structure it described.
    void otherStructuresNeverTakeTheMainPalettesColours() {
        Window w;
        QVERIFY(w.window.openFile(data("structures/1ubq.pdb")));
        esmui::DisplaySettings byPlddt = w.view().displaySettings();
        byPlddt.colorScheme = esmui::ColorScheme::Plddt;
        w.window.structureView()->setDisplaySettings(byPlddt);
        QVERIFY(w.window.addStructure(data("structures/1d3z.pdb")));
        auto collides = [&](const esmui::Rgb& colour) {
            for (const esmui::Rgb& used : w.view().scene().paletteInUse())
                if (esmui::coloursCollide(used, colour))
                    return true;
            return false;
        };
        const esmui::Rgb confident = esmui::plddtBandColour(80);
        QVERIFY(std::count(w.view().scene().paletteInUse().begin(), w.view().scene().paletteInUse().end(),
                           confident) == 1);
        const esmui::Rgb beside = w.structures().structures().front().colour;
        QVERIFY(!collides(beside));
        QVERIFY(!esmui::coloursCollide(beside, confident));
        QCOMPARE(w.view().otherScene(0).settings().singleColour, beside);
        // The key names the structure it colours and the one beside it, in its colour.
        const esmui::KeyContents& key = w.view().scene().keyContents();
        QCOMPARE(key.subject, QString("1ubq.pdb"));
        QCOMPARE(int(key.others.size()), 1);
        QCOMPARE(key.others.front().first, beside);
        QCOMPARE(key.others.front().second, QString("1d3z.pdb"));
        QVERIFY(esmui::plddtKeyImage(1.0, key).height() > esmui::plddtKeyImage(1.0).height());
        // Another colouring of the main structure: the one beside it moves off that palette too.
        for (esmui::ColorScheme scheme : {esmui::ColorScheme::Chain, esmui::ColorScheme::Rainbow,
                                          esmui::ColorScheme::SecondaryStructure}) {
            esmui::DisplaySettings other = w.view().displaySettings();
            other.colorScheme = scheme;
            w.window.structureView()->setDisplaySettings(other);
            QVERIFY2(!collides(w.structures().structures().front().colour),
                     qPrintable(esmui::colorSchemeName(scheme)));
            QCOMPARE(w.view().otherScene(0).settings().singleColour,
                     w.structures().structures().front().colour);
        }
        // A colour the user chose stays.
        w.structures().setColour(0, confident);
        w.window.structureView()->setDisplaySettings(byPlddt);
        QCOMPARE(w.structures().structures().front().colour, confident);
    }

    // Issue 29: selecting a row pushed the buttons down (a click aimed at Superpose hit Close, which
    // could not be undone), "Against #1" was cut, and an unsuperposed model stayed out of view.
    void theStructuresPanelKeepsItsButtonsAndCanUndoClose() {
        Window w;
        w.window.resize(1024, 640);
        QVERIFY(w.window.openFile(data("structures/1ubq.pdb")));
        QVERIFY(w.window.addStructure(data("structures/1d3z.pdb")));
        w.list()->clearSelection();
        const QPoint superposeAt = w.button("superposeButton")->mapTo(&w.window, QPoint(0, 0));
        const QPoint closeAt = w.button("closeStructureButton")->mapTo(&w.window, QPoint(0, 0));
        w.panel()->selectStructure(0);
        QCOMPARE(w.button("superposeButton")->mapTo(&w.window, QPoint(0, 0)), superposeAt);
        QCOMPARE(w.button("closeStructureButton")->mapTo(&w.window, QPoint(0, 0)), closeAt);
        // Every value whole.
        QTreeWidgetItem* row = w.list()->topLevelItem(1);
        const int needed = w.list()->fontMetrics().horizontalAdvance(row->text(1));
        QVERIFY2(w.list()->header()->sectionSize(1) >= needed,
                 qPrintable(QString("%1 < %2 for %3")
                                .arg(w.list()->header()->sectionSize(1))
                                .arg(needed)
                                .arg(row->text(1))));

        // Unsuperposed, 1d3z goes back to its file's place; the camera follows it there.
        QTest::mouseClick(w.button("superposeButton"), Qt::LeftButton);
        QVERIFY(!w.structures().structures().front().superposed);
        const QRect view = w.window.structureView()->rect();
        const auto& placed = *w.view().otherScene(0).structure();
        for (int number : {1, 30, 70}) {
            const auto p = w.window.structureView()->project(caOf(placed, number));
            QVERIFY2(view.contains(QPoint(int(p.x()), int(p.y()))), qPrintable(QString::number(number)));
        }

        // Close, then Undo in the panel: back in its place, colour and superposition.
        QTest::mouseClick(w.button("superposeButton"), Qt::LeftButton);
        const esmui::Rgb colour = w.structures().structures().front().colour;
        QTest::mouseClick(w.button("closeStructureButton"), Qt::LeftButton);
        QVERIFY(w.structures().structures().empty());
        auto* label = w.panel()->findChild<QLabel*>("structureComparison");
        QVERIFY2(label->text().contains("Closed 1d3z.pdb") && label->text().contains("href"),
                 qPrintable(label->text()));
        Q_EMIT label->linkActivated("undo");
        QCOMPARE(int(w.structures().structures().size()), 1);
        QCOMPARE(w.structures().structures().front().name, QString("1d3z.pdb"));
        QCOMPARE(w.structures().structures().front().colour, colour);
        QVERIFY(w.structures().structures().front().superposed &&
                w.structures().structures().front().comparison);
        QCOMPARE(w.view().otherStructureCount(), 1);
        QVERIFY(!label->text().contains("Closed"));
        // Another document: nothing of the last one to undo.
        QTest::mouseClick(w.button("closeStructureButton"), Qt::LeftButton);
        QVERIFY(label->text().contains("Closed 1d3z.pdb"));
        QVERIFY(w.window.openFile(data("structures/1hel.pdb")));
        QVERIFY(!label->text().contains("Closed"));
    }

    void aFileThatCannotBeReadIsNotAdded() {
        Window w;
        QVERIFY(w.window.openFile(data("structures/1ubq.pdb")));
        QVERIFY(!w.window.addStructure(data("structures/absent.pdb")));
        QVERIFY(w.structures().structures().empty());
        QVERIFY(w.window.findChild<QMessageBox*>("errorMessage")->text().contains("absent.pdb"));
        // An unrelated protein (crambin) is superposed on what the alignment pairs, and scores low.
        QVERIFY(w.window.addStructure(data("structures/pdb1ejg.pdb")));
        QCOMPARE(int(w.structures().structures().size()), 1);
        QVERIFY(w.structures().structures().front().comparison->tmScore < 0.4);
        // One that cannot be superposed (two residues) is shown where its file puts it, and says why.
        QTemporaryDir dir;
        const QString two = dir.filePath("two.pdb");
        QVERIFY(testpaths::writeFile(
            two, "ATOM      1  CA  GLY A   1       1.000   2.000   3.000  1.00 20.00           C\n"
                 "ATOM      2  CA  GLY A   2       4.800   2.000   3.000  1.00 20.00           C\n"
                 "END\n"));
        QVERIFY(w.window.addStructure(two));
        QCOMPARE(int(w.structures().structures().size()), 2);
        QVERIFY(!w.structures().structures()[1].superposed);
        QCOMPARE(w.view().otherStructureCount(), 2);
        QVERIFY2(w.window.statusBar()->currentMessage().contains("not superposed"),
                 qPrintable(w.window.statusBar()->currentMessage()));
    }

    void modelsAreKeptInSessions() {
        QTemporaryDir dir;
        const QString path = dir.filePath("two.esmx");
        {
            Window w;
            QVERIFY(w.window.openFile(data("structures/1ubq.pdb")));
            QVERIFY(w.window.addStructure(data("structures/1d3z.pdb")));
            QVERIFY(w.window.addStructure(data("structures/1hel.pdb")));
            w.structures().setColour(0, {10, 20, 30});
            w.structures().setVisible(1, false);
            QVERIFY(esmui::saveSessionFile(w.window.workspace(), path, esmui::SessionUse::AsDocument));
        }
        Window w;
        QVERIFY(w.window.addStructure(data("structures/1hpv.pdb"))); // replaced by the session's
        QVERIFY(w.window.openFile(path));
        QCOMPARE(int(w.structures().structures().size()), 2);
        const auto& m = w.structures().structures();
        QCOMPARE(m[0].name, QString("1d3z.pdb"));
        QCOMPARE(m[0].colour, (esmui::Rgb{10, 20, 30}));
        QVERIFY(m[0].superposed && m[0].comparison && m[0].comparison->alignedResidues == 76);
        QCOMPARE(m[0].structure->conformerCount(), 10);
        QVERIFY(m[0].visible && !m[1].visible);
        QCOMPARE(w.view().otherStructureCount(), 1);
    }

    void severalFilesOnTheCommandLineOpenTogether() {
        QTemporaryDir dir;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", dir.path());
        const QString one = dir.filePath("one.png"), two = dir.filePath("two.png");
        auto r =
            clirunner::run("esm-explorer", {data("structures/1ubq.pdb"), "--screenshot", one}, 60000, env);
        QCOMPARE(r.exitCode, 0);
        r = clirunner::run("esm-explorer",
                           {data("structures/1ubq.pdb"), data("structures/1d3z.pdb"), "--screenshot", two},
                           60000, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QImage(one) != QImage(two)); // the second structure is drawn too
        r = clirunner::run("esm-explorer",
                           {data("structures/1ubq.pdb"), dir.filePath("absent.cif"), "--screenshot", two},
                           60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("absent.cif"), qPrintable(r.err));
    }
};

QTEST_MAIN(TestExtraStructures)
#include "test_extra_structures.moc"
