// Hostile input II in the GUI (issue 30), through the real window under the application class the
// program runs: an exception escaping an event handler is reported and the program goes on; a
// genome opened as FASTA, a 300,000-row PAE file and an over-long paste are refused quickly with the
// reason, and the document keeps what it had.
#include "ui/services/document/Document.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"
#include "ui/widgets/mainwindow/MainWindow.h"
#include "ui/widgets/sequence/SequenceEditor.h"
#include "ui/widgets/sequence/SequencePanel.h"

#include "TestPaths.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QtTest>

#include <new>

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

// An object whose every event handler fails as an out-of-memory allocation would.
class Failing : public QObject {
  public:
    bool event(QEvent*) override { throw std::bad_alloc(); }
};

// The text of the message box the window shows, once it is shown; empty when none is.
QString shownMessage() {
    for (int i = 0; i < 50; ++i) {
        QCoreApplication::processEvents();
        for (QWidget* widget : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(widget); box && box->isVisible()) {
                const QString text = box->text();
                box->close();
                return text;
            }
        QTest::qWait(10);
    }
    return {};
}

QString fastaOf(const QTemporaryDir& dir, const char* name, const QByteArray& residues) {
    const QString path = dir.filePath(name);
    testpaths::writeFile(path, ">record\n" + residues + "\n");
    return path;
}

} // namespace

class TestHostileGui : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anExceptionFromAnEventHandlerIsReportedNotFatal() {
        esmui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Failing failing;
        QEvent event(QEvent::User);
        QVERIFY(!QCoreApplication::sendEvent(&failing, &event));
        QVERIFY2(shownMessage().contains("Not enough memory"), "no message for the failed handler");
        QVERIFY(window.isVisible());
    }

    void aGenomeOpenedAsFastaIsRefusedAtOnce() {
        QTemporaryDir dir;
        esmui::MainWindow window;
        window.show();
        QVERIFY(window.openFile(data("structures/1ubq.pdb")));
        const QString before = window.document()->sequence();
        QByteArray genome;
        for (int i = 0; i < 50000; ++i) // 5 million bases
            genome += "ACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTAC"
                      "GTACGTACGTACGT\n";
        const QString path = fastaOf(dir, "chr1.fasta", genome);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!window.openFile(path));
        QVERIFY2(clock.elapsed() < 20000, "a hang guard, not a speed target");
        QVERIFY2(shownMessage().contains("more than 100000 residues, longer than any protein"),
                 "no reason given");
        QCOMPARE(window.document()->sequence(), before);

        // The longest a protein can be opens, and the editor shows all of it.
        QVERIFY(window.openFile(fastaOf(dir, "long.fasta", QByteArray(100000, 'A'))));
        QCOMPARE(window.document()->sequence().size(), 100000);
        QCOMPARE(window.sequencePanel()->editor()->positionOfOffset(99999), 99999);
    }

    void aPaeFileOfEmptyRowsIsRefusedWithoutMemory() {
        QTemporaryDir dir;
        esmui::MainWindow window;
        window.show();
        QVERIFY(window.openFile(data("esmfold_tiny/reference.pdb")));
        QByteArray rows = R"({"pae": [)";
        for (int i = 0; i < 300000; ++i)
            rows += i ? ",[]" : "[]";
        rows += "]}";
        QVERIFY(testpaths::writeFile(dir.filePath("reference.json"), rows));
        QVERIFY(!window.openFile(dir.filePath("reference.json")));
        QVERIFY2(shownMessage().contains("not a square matrix"), "no reason given");
    }

    void anOverLongPasteIsRefusedAndNothingIsLost() {
        esmui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.document()->setSequence("MKTAY", "typed");
        esmui::SequenceEditor* editor = window.sequencePanel()->editor();
        editor->setEditing(true);
        editor->setFocus();
        editor->moveCursor(QTextCursor::End);
        QApplication::clipboard()->setText(QString(100000, 'G'));
        editor->paste();
        QCOMPARE(window.document()->sequence(), QString("MKTAY"));
        QCOMPARE(editor->toPlainText(), QString("MKTAY"));
        QApplication::clipboard()->setText(QString(99995, 'G'));
        editor->paste();
        QCOMPARE(window.document()->sequence().size(), 100000);
    }
};

int main(int argc, char** argv) {
    esmui::GuardedApplication app(argc, argv);
    TestHostileGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_hostile_gui.moc"
