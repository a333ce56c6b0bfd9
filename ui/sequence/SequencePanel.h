// The sequence panel: the document's chains and their residues, numbered.
#pragma once

#include <QWidget>

class QListWidget;
class QPlainTextEdit;

namespace esmui {

class Document;

class SequencePanel : public QWidget {
    Q_OBJECT
public:
    explicit SequencePanel(Document* document, QWidget* parent = nullptr);

    // One line per chain, e.g. "A  76 residues"; for tests and accessibility.
    QStringList chainSummaries() const;
    QString displayedSequence() const;

private:
    void refresh();

    Document* m_document;
    QListWidget* m_chains;
    QPlainTextEdit* m_sequence;
};

} // namespace esmui
