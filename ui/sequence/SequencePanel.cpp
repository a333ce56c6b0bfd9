#include "sequence/SequencePanel.h"

#include "document/Document.h"

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace esmui {
namespace {

// Blocks of ten residues with the number of the first residue of each line, as sequence viewers do.
QString numberedBlocks(const QString& chain, int perLine = 60) {
    QString text;
    for (int start = 0; start < chain.size(); start += perLine) {
        text += QStringLiteral("%1 ").arg(start + 1, 6);
        for (int i = start; i < std::min<int>(start + perLine, chain.size()); i += 10)
            text += chain.mid(i, 10) + ' ';
        text += '\n';
    }
    return text;
}

} // namespace

SequencePanel::SequencePanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_chains(new QListWidget), m_sequence(new QPlainTextEdit) {
    setObjectName("sequencePanel");
    m_chains->setObjectName("chainList");
    m_sequence->setObjectName("sequenceText");
    m_sequence->setReadOnly(true);
    m_sequence->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_chains->setMaximumHeight(90);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new QLabel(tr("Chains")));
    layout->addWidget(m_chains);
    layout->addWidget(new QLabel(tr("Sequence")));
    layout->addWidget(m_sequence, 1);

    connect(document, &Document::changed, this, &SequencePanel::refresh);
    refresh();
}

void SequencePanel::refresh() {
    m_chains->clear();
    QString text;
    const QStringList chains = m_document->sequence().split(':', Qt::SkipEmptyParts);
    QStringList ids;
    if (m_document->hasStructure()) {
        const esm::Structure& s = m_document->structure();
        const auto range = s.modelChains(0);
        for (int c = range.begin; c < range.end; ++c)
            if (!s.polymerResidues(c).empty())
                ids << QString::fromStdString(s.chainId(c));
    }
    for (int i = 0; i < chains.size(); ++i) {
        const QString id = i < ids.size() ? ids[i] : QString(QChar('A' + i % 26));
        m_chains->addItem(tr("%1  %2 residues").arg(id).arg(chains[i].size()));
        text += QStringLiteral(">%1\n").arg(id) + numberedBlocks(chains[i]);
    }
    m_sequence->setPlainText(text);
}

QStringList SequencePanel::chainSummaries() const {
    QStringList lines;
    for (int i = 0; i < m_chains->count(); ++i)
        lines << m_chains->item(i)->text();
    return lines;
}

QString SequencePanel::displayedSequence() const { return m_sequence->toPlainText(); }

} // namespace esmui
