// The open document: a sequence the user works on, and the structure it came from or was folded
// into. Widgets observe it through one coarse `changed` signal (Avogadro's idiom); every edit goes
// through its undo stack.
#pragma once

#include "core/structure/structure.h"
#include "document/ResidueSelection.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <memory>
#include <optional>

namespace esmui {

class Document : public QObject {
    Q_OBJECT
public:
    enum Change { SequenceChanged = 1, StructureChanged = 2, FileChanged = 4 };
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
    const esm::Structure& structure() const { return *m_structure; }
    // Shared with views that keep drawing it while the document moves on.
    std::shared_ptr<const esm::Structure> sharedStructure() const { return m_structure; }

    // The structure residue at a sequence position (polymer residues of the first model, in
    // order), or -1 when the structure has none there; and back.
    int residueAt(int position) const;
    int positionOf(int residue) const;
    ResidueSelection* selection() { return &m_selection; }
    const QString& sequence() const { return m_sequence; }
    // The file or example the document came from; empty for a new document.
    const QString& origin() const { return m_origin; }
    QUndoStack* undoStack() { return &m_undo; }

Q_SIGNALS:
    void changed(esmui::Document::Changes changes);

private:
    friend class SequenceEditCommand;
    void setSequenceText(const QString& text);
    void mapPositions();

    std::shared_ptr<const esm::Structure> m_structure;
    std::vector<int> m_residueOfPosition;
    std::vector<int> m_positionOfResidue;
    ResidueSelection m_selection;
    QString m_sequence;
    QString m_origin;
    QUndoStack m_undo;
};

// Chains of the structure's first model joined by ':', the form the sequence editor shows.
QString sequenceOfStructure(const esm::Structure& structure);

} // namespace esmui

Q_DECLARE_OPERATORS_FOR_FLAGS(esmui::Document::Changes)
