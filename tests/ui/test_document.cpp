// The Document without any widget: what each call changes and the one `changed` signal's flags;
// edits as undo steps; positions named and mapped to the structure; folds named against the sequence
// as opened; the scores, the structures beside the document's, the fold preview and the view state
// it holds; everything a session keeps saved and restored in one step.
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

    void scoresAreCurrentForWhatWasAsked() {
        Document document;
        document.setLanguageModel("/models/esm2");
        document.setSequence("MKTAY", {});
        QSignalSpy changed(&document, &Document::changed);
        auto result = std::make_shared<esmui::LanguageModelResult>();
        result->scores.residues = "MKTAY";
        document.showScores(document.scoreKey(), result);
        QCOMPARE(flagsOf(changed), (std::vector<Document::Changes>{Document::ScoresChanged}));
        QVERIFY(document.scoresAreCurrent());
        QCOMPARE(document.scores()->residues, std::string("MKTAY"));
        // Masking or another mode asks for other scores: the old ones stay on show, not current.
        document.setMaskedPositions({1, 3});
        document.setScoreMode(esm::ScoreMode::MaskedMarginal);
        document.setScoreMode(esm::ScoreMode::MaskedMarginal);
        QCOMPARE(changed.count(), 3);
        QVERIFY(!document.scoresAreCurrent());
        QCOMPARE(document.languageModelResult(), std::shared_ptr<const esmui::LanguageModelResult>(result));
        // An edit clears the masked positions, which named residues of the sequence before it.
        document.editSequence("MKTAW", Document::Edit::Typing);
        QVERIFY(document.maskedPositions().empty());
        QVERIFY(document.scoreKey().endsWith("|MKTAW"));
        document.setScoreMode(esm::ScoreMode::WildTypeMarginal);
        document.undoStack()->undo(); // the question the scores on show answer, asked again
        QVERIFY(document.scoresAreCurrent());
    }

    void structuresBesideItAreDocumentChanges() {
        Document document;
        document.openStructureFile(data("structures/1ubq.pdb"));
        QSignalSpy changed(&document, &Document::changed);
        esmui::ExtraStructures& extra = *document.extraStructures();
        const int index = extra.addFile(data("structures/1ubq.pdb"));
        QVERIFY(extra.superpose(index));
        extra.setVisible(index, false);
        QCOMPARE(changed.count(), 3);
        for (const Document::Changes flags : flagsOf(changed))
            QCOMPARE(flags, Document::Changes(Document::ExtraStructuresChanged));
        QVERIFY(extra.structures()[0].comparison->rmsd < 1e-3);
        // A fold takes the opened structure's place: it stays beside the fold, superposed, announced
        // with the fold in one signal.
        changed.clear();
        const auto folded = std::make_shared<const esm::Structure>(document.structure());
        document.addFold(foldOf(document.sequence(), folded));
        QCOMPARE(changed.count(), 1);
        QVERIFY(flagsOf(changed).front() & Document::StructureChanged);
        QVERIFY(flagsOf(changed).front() & Document::ExtraStructuresChanged);
        QCOMPARE(int(extra.structures().size()), 2);
        QCOMPARE(extra.structures()[1].name, QString("1ubq.pdb"));
        QVERIFY(extra.structures()[1].superposed && extra.structures()[1].comparison);
    }

    void aFoldEndsItsPreviewAndTheViewFramesIt() {
        Document document;
        document.openStructureFile(data("structures/1ubq.pdb"));
        const auto structure = document.sharedStructure();
        document.setViewState(
            {esmui::Style::Spheres, esmui::ColorScheme::Chain, std::vector<double>(11, 1.0)});
        QSignalSpy changed(&document, &Document::changed);
        document.setFoldPreview(structure);
        document.setFoldPreview(structure);
        QCOMPARE(flagsOf(changed), (std::vector<Document::Changes>{Document::PreviewChanged}));
        document.addFold(foldOf(document.sequence(), structure));
        QVERIFY(!document.foldPreview());
        const Document::Changes flags = flagsOf(changed).back();
        for (Document::Change c : {Document::PreviewChanged, Document::StructureChanged,
                                   Document::FoldsChanged, Document::ViewChanged})
            QVERIFY(flags & c);
        // The representation stays; the colour scheme and camera go back to the new structure's.
        QCOMPARE(document.viewState().style, esmui::Style::Spheres);
        QVERIFY(!document.viewState().colorScheme);
        QVERIFY(document.viewState().camera.empty());
        // A fold that ends without a result clears its preview alone.
        document.setFoldPreview(structure);
        changed.clear();
        document.setFoldPreview(nullptr);
        QCOMPARE(flagsOf(changed), (std::vector<Document::Changes>{Document::PreviewChanged}));
    }

    void savedAndRestoredInOneStep() {
        Document document;
        document.openStructureFile(data("structures/1ubq.pdb"));
        document.setLanguageModel("/models/esm2");
        document.mutate(13, 'W');
        document.selection()->select({2, 5});
        document.setScoreMode(esm::ScoreMode::MaskedMarginal);
        auto result = std::make_shared<esmui::LanguageModelResult>();
        result->scores.residues = document.residues().toStdString();
        document.showScores(document.scoreKey(), result);
        document.extraStructures()->addFile(data("structures/1ubq.pdb"));
        document.extraStructures()->setColour(0, {10, 20, 30});
        const std::vector<double> camera{1, 2, 3, 0, 0, 0, 0, 1, 0, 10, 30};
        document.setViewState({esmui::Style::Trace, esmui::ColorScheme::Rainbow, camera});

        Document restored;
        QSignalSpy changed(&restored, &Document::changed);
        restored.restore(document.saved());
        QCOMPARE(changed.count(), 1);
        const Document::Changes flags = flagsOf(changed).front();
        for (Document::Change c :
             {Document::SequenceChanged, Document::StructureChanged, Document::ModelsChanged,
              Document::ScoresChanged, Document::ExtraStructuresChanged, Document::ViewChanged,
              Document::SelectionChanged})
            QVERIFY(flags & c);
        QCOMPARE(restored.sequence(), document.sequence());
        QCOMPARE(restored.undoStack()->undoText(), QString("Mutate T14W"));
        QCOMPARE(restored.selection()->positions(), (std::set<int>{2, 5}));
        QCOMPARE(restored.languageModel(), QString("/models/esm2"));
        QCOMPARE(restored.scoreMode(), esm::ScoreMode::MaskedMarginal);
        QVERIFY(restored.scoresAreCurrent());
        QCOMPARE(restored.scores()->residues, result->scores.residues);
        QCOMPARE(int(restored.extraStructures()->structures().size()), 1);
        QCOMPARE(restored.extraStructures()->structures()[0].colour, (esmui::Rgb{10, 20, 30}));
        QCOMPARE(restored.viewState(), document.viewState());
        QCOMPARE(restored.viewState().camera, camera);
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
