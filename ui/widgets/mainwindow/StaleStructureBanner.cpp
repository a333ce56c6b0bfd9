#include "ui/widgets/mainwindow/StaleStructureBanner.h"

#include "ui/services/document/Document.h"

namespace esmui {

StaleStructureBanner::StaleStructureBanner(Document* document, QWidget* parent)
    : QLabel(parent), m_document(document) {
    setObjectName("staleStructureBanner");
    setWordWrap(true);
    setContentsMargins(8, 4, 8, 4);
    setStyleSheet("QLabel { background: #fff4d6; color: #5a4300; }");
    connect(this, &QLabel::linkActivated, this, &StaleStructureBanner::refoldRequested);
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::StructureChanged))
            refresh();
    });
    refresh();
}

void StaleStructureBanner::refresh() {
    const QString changes = m_document->hasStructure() ? m_document->changesFromStructure() : QString();
    setVisible(!changes.isEmpty());
    if (!changes.isEmpty())
        setText(tr("This structure is from the sequence before %1 (marked in magenta) — "
                   "<a href=\"refold\">Refold</a> to see the edited one")
                    .arg(changes.toHtmlEscaped()));
}

} // namespace esmui
