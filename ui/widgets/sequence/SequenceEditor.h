// The sequence editor: type, paste or edit residues; chains separated by ':'. Editing is explicit:
// a sequence on show is browsed (select, copy, navigate; single-letter keys stay view shortcuts)
// until the user starts editing (F2, Return or the panel's Edit button) and ends with Esc or Done;
// an empty document starts in editing, ready for typing or pasting. Invalid characters
// are underlined with the reason (hover shows it); a gutter numbers the first residue of every
// line and alternate blocks of ten residues are shaded, as sequence viewers do. Every edit goes
// through the document's undo stack (typing merges into one step), and the residue selection is
// the document's, shared with the 3D view and the plots.
#pragma once

#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLine>

namespace esmui {

class Document;
class LineNumberGutter;

class SequenceEditor : public QPlainTextEdit {
    Q_OBJECT
  public:
    explicit SequenceEditor(Document* document, QWidget* parent = nullptr);

    // "position 3: 'J' is not an amino acid ..." for each invalid character; for tests and tooltips.
    QStringList issueDescriptions() const;
    // The text as a sequence: each chain is shown on lines of its own, and its break reads as ':'
    // (one character either way, so text offsets are sequence offsets).
    QString sequenceText() const;
    // The residue position (0-based, separators not counted) of a text offset, and back.
    int positionOfOffset(int offset) const;
    int offsetOfPosition(int position) const;
    // The position label (Document::positionLabel) at the start of each visual line, as the gutter
    // shows them.
    QStringList lineLabels() const;

    bool isEditing() const { return !isReadOnly(); }
    void setEditing(bool editing);

  Q_SIGNALS:
    void editingChanged(bool editing);

  protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void insertFromMimeData(const QMimeData* source) override;
    QMimeData* createMimeDataFromSelection() const override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    friend class LineNumberGutter;
    void paintGutter(QPaintEvent* event);
    int gutterWidth() const;
    QString lineLabel(const QTextBlock& block, const QTextLine& line) const;
    void onTextEdited();
    void onDocumentChanged(int changes);
    void onCursorSelection();
    void updateDecorations();

    Document* m_document;
    LineNumberGutter* m_gutter;
    int m_editKind = 0;     // Document::Edit of the key being handled
    bool m_syncing = false; // applying the document's text or selection, not a user action
};

} // namespace esmui
