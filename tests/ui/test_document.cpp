// The Document without any widget: what each call changes and the one `changed` signal's flags;
// edits as undo steps; positions named and mapped to the structure; folds named against the sequence
// as opened.
#include "core/base/error.h"
#include "ui/services/document/Document.h"
#include "ui/services/document/ResidueSelection.h"

#include "TestPaths.h"

#include <QSignalSpy>
#include <QtTest>

using esmui::Document;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

// The flags of each `changed` signal the spy saw, in order.
std::vector<Document::Changes> flagsOf(const QSignalSpy& spy) {
    std::vector<Document::Changes> flags;
    for (const auto& arguments : spy)
        flags.push_back(arguments.at(0).value<Document::Changes>());
    return flags;
}

esmui::FoldRecord foldOf(const QString& sequence, std::shared_ptr<const esm::Structure> structure) {
    esmui::FoldRecord fold;
    fold.sequence = sequence;
    fold.structure = std::move(structure);
    fold.residues = int(QString(sequence).remove(':').size());
    return fold;
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Document::Changes>(); }

    void openingAStructureReplacesEverythingAtOnce() {
        Document document;
        document.setSequence("MKT", {});
        document.editSequence("MKTW", Document::Edit::Typing);
        document.selection()->selectOnly(1);
        QSignalSpy changed(&document, &Document::changed);
        document.openStructureFile(data("structures/1ubq.pdb"));
        QCOMPARE(changed.count(), 1);
        const Document::Changes flags = flagsOf(changed).front();
        for (Document::Change c : {Document::SequenceChanged, Document::StructureChanged,
                                   Document::FileChanged, Document::FoldsChanged})
            QVERIFY(flags & c);
        QVERIFY(document.hasStructure());
        QCOMPARE(document.sequence().size(), 76);
        QCOMPARE(document.undoStack()->count(), 0);
        QVERIFY(document.selection()->isEmpty());
        QVERIFY(!document.hasUnsavedWork());
        // A file that cannot be read leaves the document as it was.
        QVERIFY_THROWS_EXCEPTION(esm::Error, document.openStructureFile(data("structures/absent.pdb")));
        QCOMPARE(document.sequence().size(), 76);
    }

    void editsAreUndoStepsAndTypingMerges() {
        Document document;
        document.setSequence("", {});
        QSignalSpy changed(&document, &Document::changed);
        for (const char* text : {"M", "MK", "MKT"})
            document.editSequence(text, Document::Edit::Typing);
        QCOMPARE(document.undoStack()->count(), 1); // one run of typing
        QCOMPARE(changed.count(), 3);
        for (const Document::Changes flags : flagsOf(changed))
            QCOMPARE(flags, Document::Changes(Document::SequenceChanged));
        document.mutate(1, 'G');
        QCOMPARE(document.sequence(), QString("MGT"));
        QCOMPARE(document.undoStack()->undoText(), QString("Mutate K2G"));
        QVERIFY(document.hasUnsavedWork());
        document.undoStack()->undo();
        QCOMPARE(document.sequence(), QString("MKT"));
        document.undoStack()->undo();
        QCOMPARE(document.sequence(), QString());
        // The same text again is no step; a protein's length is bounded.
        document.editSequence("", Document::Edit::Typing);
        QCOMPARE(document.undoStack()->index(), 0);
        QVERIFY_THROWS_EXCEPTION(esm::Error,
                                 document.editSequence(QString(100001, 'A'), Document::Edit::Pasting));
    }

    void positionsAreNamedAndMappedToTheStructure() {
        Document document;
        document.openStructureFile(data("structures/1hpv.pdb"));
        QCOMPARE(document.positionLabel(0), QString("A 1"));
        QCOMPARE(document.positionLabel(99), QString("B 1"));
        QVERIFY(document.residueAt(99) >= 0);
        QCOMPARE(document.positionOf(document.residueAt(99)), 99);
        QVERIFY(document.changedPositions().empty());
        document.mutate(99 + 63, 'F');
        QCOMPARE(document.undoStack()->undoText(), QString("Mutate B:I64F"));
        QCOMPARE(document.changedPositions(), (std::set<int>{162}));
        QCOMPARE(document.changesFromStructure(), QString("B:I64F"));
        // An insertion counts on from the residue before and keeps the rest mapped.
        QString inserted = document.sequence();
        inserted.insert(99, 'W'); // after A 99
        document.editSequence(inserted, Document::Edit::Typing);
        QCOMPARE(document.positionLabel(99), QString("A 99+1"));
        QCOMPARE(document.residueAt(99), -1);
        QCOMPARE(document.positionLabel(100), QString("B 1"));
        QVERIFY(document.residueAt(100) >= 0);
    }

    void foldsAreNamedAgainstTheSequenceAsOpened() {
        Document document;
        document.openStructureFile(data("structures/1ubq.pdb"));
        const auto structure = document.sharedStructure();
        document.mutate(13, 'W');
        QSignalSpy changed(&document, &Document::changed);
        document.addFold(foldOf(document.sequence(), structure));
        QVERIFY(flagsOf(changed).back() & Document::FoldsChanged);
        QVERIFY(flagsOf(changed).back() & Document::StructureChanged);
        QCOMPARE(document.folds().front().mutations, QString("T14W"));
        QCOMPARE(document.currentFold(), 0);
        document.undoStack()->undo();
        document.addFold(foldOf(document.sequence(), structure));
        QCOMPARE(document.folds().back().mutations, QString("wild type"));
        // Comparing the two, then showing another fold, ends the comparison.
        document.compareWith(0);
        QVERIFY(document.comparison().has_value());
        changed.clear();
        document.showFold(0);
        QVERIFY(!document.comparison().has_value());
        QVERIFY(flagsOf(changed).back() & Document::ComparisonChanged);

        // A typed sequence: its first fold is the wild type.
        document.setSequence("", {});
        document.editSequence("MKTAY", Document::Edit::Typing);
        document.addFold(foldOf("MKTAY", structure));
        document.mutate(0, 'A');
        document.addFold(foldOf(document.sequence(), structure));
        QCOMPARE(document.folds().front().mutations, QString("wild type"));
        QCOMPARE(document.folds().back().mutations, QString("M1A"));
    }

    void modelsInUseAreAnnouncedOnce() {
        Document document;
        QSignalSpy changed(&document, &Document::changed);
        document.setLanguageModel("/models/esm2");
        document.setLanguageModel("/models/esm2");
        document.setFoldingModel("/models/esmfold");
        QCOMPARE(changed.count(), 2);
        for (const Document::Changes flags : flagsOf(changed))
            QCOMPARE(flags, Document::Changes(Document::ModelsChanged));
        // They outlive documents.
        document.setSequence("MKT", {});
        QCOMPARE(document.languageModel(), QString("/models/esm2"));
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
