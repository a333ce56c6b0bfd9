#include "ui/widgets/sequence/SequencePanel.h"

#include "ui/services/document/Document.h"
#include "ui/services/document/ResidueSelection.h"
#include "ui/widgets/sequence/SequenceEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace esmui {

SequencePanel::SequencePanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_chains(new QListWidget),
      m_editor(new SequenceEditor(document)), m_edit(new QPushButton), m_status(new QLabel) {
    setObjectName("sequencePanel");
    m_chains->setObjectName("chainList");
    m_status->setObjectName("sequenceStatus");
    m_status->setWordWrap(true);
    m_chains->setMaximumHeight(90);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new QLabel(tr("Chains")));
    layout->addWidget(m_chains);
    auto* title = new QHBoxLayout;
    title->addWidget(new QLabel(tr("Sequence")), 1);
    title->addWidget(m_edit);
    layout->addLayout(title);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);

    m_edit->setObjectName("editSequenceButton");
    m_edit->setCheckable(true);
    auto showEditing = [this](bool editing) {
        m_edit->setChecked(editing);
        m_edit->setText(editing ? tr("Done") : tr("Edit"));
        m_edit->setToolTip(editing ? tr("Stop editing (Esc): keys act on the views again")
                                   : tr("Edit the sequence (F2 or Return in the sequence)"));
    };
    showEditing(m_editor->isEditing());
    connect(m_editor, &SequenceEditor::editingChanged, this, showEditing);
    connect(m_edit, &QPushButton::clicked, this, [this](bool editing) {
        m_editor->setEditing(editing);
        m_editor->setFocus();
    });
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::StructureChanged | Document::FileChanged))
            refresh();
        else if (changes & Document::SelectionChanged) // made in the heatmap, the plots or the 3D view
            describeCursor();
    });
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &SequencePanel::describeCursor);
    refresh();
}

void SequencePanel::refresh() {
    m_chains->clear();
    const QStringList chains = m_document->sequence().split(':');
    QStringList ids;
    if (m_document->hasStructure()) {
        const esm::Structure& s = m_document->structure();
        const auto range = s.conformerChains(0);
        for (int c = range.begin; c < range.end; ++c)
            if (!s.polymerResidues(c).empty())
                ids << QString::fromStdString(s.chainId(c));
    }
    for (int i = 0; !m_document->sequence().isEmpty() && i < chains.size(); ++i) {
        const QString id = i < ids.size() ? ids[i] : QString(QChar('A' + i % 26));
        m_chains->addItem(tr("%1  %2 residues").arg(id).arg(chains[i].size()));
    }
    describeCursor();
}

void SequencePanel::describeCursor() {
    const QStringList issues = m_editor->issueDescriptions();
    if (m_document->sequence().isEmpty()) {
        m_status->clear();
        return;
    }
    if (!issues.isEmpty()) {
        m_status->setText(
            tr("<span style='color:#c00'>%1</span>%2")
                .arg(issues.first().toHtmlEscaped(),
                     issues.size() > 1 ? tr(" (and %1 more)").arg(issues.size() - 1) : QString()));
        return;
    }
    m_status->setText(selectionOrCursor() + tr("%1 residues").arg(m_document->residues().size()));
}

QString SequencePanel::selectionOrCursor() const {
    const std::set<int>& selected = m_document->selection()->positions();
    const QString residues = m_document->residues();
    auto residue = [&](int position) {
        return position < residues.size()
                   ? tr("residue %1 (%2) · ").arg(m_document->positionLabel(position)).arg(residues[position])
                   : QString();
    };
    if (selected.size() == 1)
        return residue(*selected.begin());
    if (selected.size() > 1)
        return tr("%1 selected (%2 … %3) · ")
            .arg(selected.size())
            .arg(m_document->positionLabel(*selected.begin()), m_document->positionLabel(*selected.rbegin()));
    const QString text = m_editor->sequenceText();
    const int offset = m_editor->textCursor().position();
    const int at = offset < text.size() && text[offset] != ':' ? offset : offset - 1;
    return at >= 0 && text[at] != ':' ? residue(m_editor->positionOfOffset(at)) : QString();
}

QStringList SequencePanel::chainSummaries() const {
    QStringList lines;
    for (int i = 0; i < m_chains->count(); ++i)
        lines << m_chains->item(i)->text();
    return lines;
}

} // namespace esmui
