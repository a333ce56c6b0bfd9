// The sequence panel: the document's chains and the sequence editor, with a line saying where the
// cursor is and whether the sequence is ready for the models.
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace esmui {

class Document;
class SequenceEditor;

class SequencePanel : public QWidget {
    Q_OBJECT
  public:
    explicit SequencePanel(Document* document, QWidget* parent = nullptr);

    // One line per chain, e.g. "A  76 residues"; for tests and accessibility.
    QStringList chainSummaries() const;
    SequenceEditor* editor() const { return m_editor; }

  private:
    void refresh();
    void describeCursor();
    // "residue B 64 (I) · " for the selection (made in any view) or else the cursor's residue.
    QString selectionOrCursor() const;

    Document* m_document;
    QListWidget* m_chains;
    SequenceEditor* m_editor;
    QPushButton* m_edit;
    QLabel* m_status;
};

} // namespace esmui
