// The open document, everything a session keeps: a sequence the user works on and its edit history,
// the structure it came from or was folded into, its folds, the selection, the model folders in
// use, the language model's scores, the structures shown beside it, the fold in progress and the 3D
// view's state. Services compute into it and widgets observe it through one `changed(flags)` signal
// (Avogadro's Molecule idiom); sequence edits go through its undo stack.
#pragma once

#include "core/io/pae_json.h"
#include "core/structure/structure.h"
#include "ui/services/document/ExtraStructures.h"
#include "ui/services/document/FoldComparison.h"
#include "ui/services/document/FoldRecord.h"
#include "ui/services/document/LanguageModelResult.h"
#include "ui/services/document/ResidueSelection.h"
#include "ui/services/document/ViewState.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <memory>
#include <optional>
#include <set>

namespace esmui {

class Document : public QObject {
    Q_OBJECT
  public:
    enum Change {
        SequenceChanged = 1,
        StructureChanged = 2,
        FileChanged = 4,
        FoldsChanged = 8,
        ComparisonChanged = 16,
        ModelsChanged = 32,
        ConfidenceChanged = 64, // pLDDT or PAE of the structure on show
        // The scores on show, the score mode or the masked positions (an edit or another language
        // model changes what scores are due too: SequenceChanged, ModelsChanged).
        ScoresChanged = 128,
        ExtraStructuresChanged = 256, // the structures beside the document's
        PreviewChanged = 512,         // the structure of the fold in progress
        ViewChanged = 1024,           // the 3D view's representation, colour scheme or camera
        SelectionChanged = 2048
    };
    Q_DECLARE_FLAGS(Changes, Change)

    explicit Document(QObject* parent = nullptr);

    // Reads a PDB/mmCIF file; throws esm::Error with the reason. The document is unchanged on error.
    void openStructureFile(const QString& path);
    // A structure from memory (an example, a fold); `origin` names it in the title bar.
    void setStructure(esm::Structure structure, const QString& origin);
    // Replaces the sequence as a new document (no undo step): FASTA open, examples.
    void setSequence(const QString& sequence, const QString& origin);

    // What an undoable sequence edit is: consecutive edits of the same kind (typing, deleting)
    // merge into one undo step.
    enum class Edit { Typing, Deleting, Pasting, Mutating, Other };
    // Replaces the sequence text (upper-case residues, ':' between chains; invalid characters are
    // kept for the editor to mark) as one undo step.
    void editSequence(const QString& text, Edit kind, const QString& description = {});
    // Substitutes the residue at `position` (0-based, separators not counted): "Mutate K2G".
    void mutate(int position, QChar residue);
    // The sequence without chain separators, and whether every residue is one the models take.
    QString residues() const;
    bool isSequenceValid() const;

    bool hasStructure() const { return m_structure != nullptr; }
    // The predicted aligned error that came with an opened prediction: a file beside it (as
    // esm::paeFilesBeside names them) or opened after it. Folds keep theirs in the fold.
    const std::optional<esm::PaeMatrix>& structurePae() const { return m_structurePae; }
    // Reads a PAE file for the opened structure; throws esm::Error when it is not one or its size
    // is not the structure's residue count. The plots show it.
    void attachPaeFile(const QString& path);
    const esm::Structure& structure() const { return *m_structure; }
    // Shared with views that keep drawing it while the document moves on.
    std::shared_ptr<const esm::Structure> sharedStructure() const { return m_structure; }

    // The structure residue at a sequence position, or -1 when the structure has none there; and
    // back. The sequence is aligned with the polymer residues of the structure's first model:
    // residue by residue while the lengths agree, by a global alignment after insertions or
    // deletions, so that hover, selection and colouring keep pointing at the right residues.
    int residueAt(int position) const;
    int positionOf(int residue) const;
    // Positions where the sequence differs from the structure on show (substituted or inserted),
    // and how, named as the structure numbers its residues ("G10A", "B:I64F", "length 76 → 78");
    // empty when they agree.
    const std::set<int>& changedPositions() const { return m_changedPositions; }
    // How panels name a position: the structure's author numbering with insertion code ("27A"),
    // with the chain's id when there are several chains ("B 100"); positions the structure lacks
    // count on from the residue before ("27+1"), and a sequence without a structure counts 1, 2, …
    // in each chain (chains A, B, … in order).
    QString positionLabel(int position) const;
    const std::vector<QString>& positionLabels() const { return m_positionLabels; }
    // The same, as chain id and number ("B", "27A"), the chain named even when it is the only one.
    const std::vector<std::pair<QString, QString>>& positionNames() const { return m_positionNames; }
    QString changesFromStructure() const;
    // The selected positions; its changes are announced as SelectionChanged too.
    ResidueSelection* selection() { return &m_selection; }
    const ResidueSelection* selection() const { return &m_selection; }

    // Folds of this document, oldest first; a new one becomes the structure on show. Each is named by
    // its mutations against the sequence as opened (a typed one: the first fold's).
    void addFold(FoldRecord fold);
    const std::vector<FoldRecord>& folds() const { return m_folds; }
    // Shows an earlier fold (its structure; the sequence being edited stays). -1 when the structure
    // on show is not a fold (an opened file).
    void showFold(int index);
    int currentFold() const { return m_currentFold; }
    const FoldRecord* currentFoldRecord() const {
        return m_currentFold >= 0 ? &m_folds[std::size_t(m_currentFold)] : nullptr;
    }
    // Compares the fold on show with fold `other`; throws esm::Error with the reason when it cannot.
    // The comparison lasts while that fold stays on show.
    void compareWith(int other);
    void clearComparison();
    const std::optional<FoldComparison>& comparison() const { return m_comparison; }
    // The model folders in use (empty for none): a masked language model for the heatmap and
    // ESMFold for folding. They outlive documents: opening a file keeps them.
    void setLanguageModel(const QString& folder);
    void setFoldingModel(const QString& folder);
    // A trained classification or regression model (or PEFT adapter folder) applied to the sequence
    // being edited (TaskModelService); empty for none. Sessions keep it.
    void setTaskModel(const QString& folder);
    const QString& taskModel() const { return m_taskModel; }
    const QString& languageModel() const { return m_languageModel; }
    const QString& foldingModel() const { return m_foldingModel; }
    const QString& sequence() const { return m_sequence; }

    // How the language model scores the sequence (ScoreService computes, the document shows).
    void setScoreMode(esm::ScoreMode mode);
    esm::ScoreMode scoreMode() const { return m_scoreMode; }
    // Positions hidden from the model (<mask>) in every pass, so that the scores show its
    // distribution at exactly those positions given the rest; cleared by any edit of the sequence.
    void setMaskedPositions(std::set<int> positions);
    const std::set<int>& maskedPositions() const { return m_masked; }
    // What scores are asked for now: the model, mode, masked positions and sequence, as a cache key.
    QString scoreKey() const;
    // Scores computed for `key`; shown, current or not, until others come.
    void showScores(const QString& key, std::shared_ptr<const LanguageModelResult> result);
    // The scores on show: the current sequence's, or the last ones while new ones are computed.
    std::shared_ptr<const LanguageModelResult> languageModelResult() const { return m_scores; }
    std::shared_ptr<const esm::SequenceScores> scores() const {
        return m_scores ? std::shared_ptr<const esm::SequenceScores>(m_scores, &m_scores->scores) : nullptr;
    }
    bool scoresAreCurrent() const { return m_scores && m_scoresKey == scoreKey(); }

    // The structures shown beside the document's; their changes are ExtraStructuresChanged.
    ExtraStructures* extraStructures() { return &m_extraStructures; }
    const ExtraStructures* extraStructures() const { return &m_extraStructures; }

    // The structure after the latest trunk pass of the fold in progress (pLDDT per atom), or null.
    // A fold's end clears it: addFold, or null when the fold is cancelled or fails.
    void setFoldPreview(std::shared_ptr<const esm::Structure> structure);
    const std::shared_ptr<const esm::Structure>& foldPreview() const { return m_preview; }

    // The 3D view's representation, colour scheme and camera. A new structure on show goes back to
    // its default colour scheme, and the view frames it (no camera until the view reports one).
    void setViewState(ViewState state);
    const ViewState& viewState() const { return m_view; }

    // The file or example the document came from; empty for a new document.
    const QString& origin() const { return m_origin; }
    // Work a session file does not hold yet: edits or folds since the document was opened or saved.
    bool hasUnsavedWork() const { return !m_undo.isClean() || m_folds.size() != m_savedFolds; }
    void markSaved();
    // The session file Save writes to; empty until the document is saved or opened as one.
    const QString& sessionPath() const { return m_sessionPath; }
    void setSessionPath(const QString& path) { m_sessionPath = path; }
    QUndoStack* undoStack() { return &m_undo; }

    // The edit history: every undo step with the text before and after it.
    struct UndoStep {
        QString text, before, after;
        Edit kind = Edit::Other;
    };
    std::vector<UndoStep> undoHistory() const;
    // Everything a session file keeps: the document as saved() gives it and restore() takes it.
    struct Saved {
        QString sequence, origin;
        std::shared_ptr<const esm::Structure> structure; // on show, when it is not a fold
        std::vector<FoldRecord> folds;
        int currentFold = -1;
        std::vector<UndoStep> undo;
        int undoIndex = 0; // where in the edit history we are
        std::set<int> selection;
        QString languageModel, foldingModel, taskModel;
        esm::ScoreMode scoreMode = esm::ScoreMode::WildTypeMarginal;
        std::shared_ptr<const LanguageModelResult> scores; // of `sequence`, may be null
        ViewState view;
        // Beside the document's structure: name, structure as read, visible, superposed, colour.
        std::vector<ExtraStructure> extraStructures;
    };
    Saved saved() const;
    // Replaces the whole document with a saved one, without recomputing; model folders a session
    // does not name stay as they are.
    void restore(Saved saved);

  Q_SIGNALS:
    void changed(esmui::Document::Changes changes);

  private:
    friend class SequenceEditCommand;
    // Part of a larger change, announced with it (the selection's own signal still fires).
    void replaceSelection(std::set<int> positions);
    // The structure on show is another (`opened`: a file or sequence replaced the document): the
    // structures beside it follow, and the colour scheme and camera go back to the default. What
    // changed.
    Changes structureReplaced(bool opened);
    void putFoldOnShow(int index, Changes changes);
    void setSequenceText(const QString& text);
    void mapPositions();
    void alignWithStructure();
    void labelPositions();
    // A new document: the undo stack, folds and selection belong to the old one.
    void replaceContents(const QString& sequence, std::shared_ptr<const esm::Structure> structure,
                         const QString& origin);

    std::shared_ptr<const esm::Structure> m_structure;
    std::vector<int> m_residueOfPosition;
    std::vector<int> m_positionOfResidue;
    std::set<int> m_changedPositions;
    std::vector<QString> m_positionLabels;
    std::vector<std::pair<QString, QString>> m_positionNames;
    std::optional<esm::PaeMatrix> m_structurePae;
    ResidueSelection m_selection;
    std::vector<FoldRecord> m_folds;
    int m_currentFold = -1;
    std::optional<FoldComparison> m_comparison;
    bool m_restoring = false; // pushing saved undo steps: keep them as they were, unmerged and unannounced
    QString m_sequence;
    // The sequence as opened and the names of its residues: what folds are named against.
    QString m_referenceSequence;
    std::vector<QString> m_referenceLabels;
    QString m_origin;
    QString m_languageModel, m_foldingModel, m_taskModel;
    QString m_sessionPath;
    std::size_t m_savedFolds = 0;
    esm::ScoreMode m_scoreMode = esm::ScoreMode::WildTypeMarginal;
    std::set<int> m_masked;
    QString m_scoresKey;
    std::shared_ptr<const LanguageModelResult> m_scores;
    ExtraStructures m_extraStructures;
    std::shared_ptr<const esm::Structure> m_preview;
    ViewState m_view;
    bool m_quietSelection = false;
    QUndoStack m_undo;
};

// How panels name each polymer residue of the structure's first model, in order: its author number
// and insertion code, after its chain's id when there are several chains ("B 27A").
std::vector<QString> residueLabels(const esm::Structure& structure);
// Chains of the structure's first model joined by ':', the form the sequence editor shows.
QString sequenceOfStructure(const esm::Structure& structure);

} // namespace esmui

Q_DECLARE_OPERATORS_FOR_FLAGS(esmui::Document::Changes)
