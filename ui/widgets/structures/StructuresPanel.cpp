#include "ui/widgets/structures/StructuresPanel.h"

#include "ui/services/document/Document.h"
#include "ui/services/document/ExtraStructures.h"
#include "ui/services/document/FoldComparison.h"

#include <QColorDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace esmui {
namespace {

QIcon swatch(Rgb colour) {
    QPixmap pixmap(14, 14);
    pixmap.fill(toQColor(colour));
    return QIcon(pixmap);
}

QString documentModelName(const Document& document) {
    if (!document.hasStructure())
        return QObject::tr("#1 (no structure yet)");
    if (document.currentFold() >= 0)
        return QObject::tr("#1 fold #%1 (sequence)").arg(document.currentFold() + 1);
    return QObject::tr("#1 %1 (sequence)").arg(QFileInfo(document.origin()).fileName());
}

} // namespace

StructuresPanel::StructuresPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_structures(document->extraStructures()),
      m_list(new QTreeWidget), m_add(new QPushButton(tr("Add…"))),
      m_superpose(new QPushButton(tr("Superpose"))), m_colour(new QPushButton(tr("Colour…"))),
      m_close(new QPushButton(tr("Close"))), m_result(new QLabel) {
    setObjectName("structuresPanel");
    m_list->setObjectName("structureList");
    m_superpose->setObjectName("superposeButton");
    m_close->setObjectName("closeStructureButton");
    m_result->setObjectName("structureComparison");
    m_list->setHeaderLabels({tr("Structure"), tr("Against #1")});
    m_list->setRootIsDecorated(false);
    // Whole values in both columns: a narrow dock scrolls sideways rather than cutting "RMSD 0.52 Å,…".
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setToolTip(tr("Structures in the 3D view: #1 follows the sequence; tick the others to show "
                          "them, select one to superpose, recolour or close it"));
    m_add->setToolTip(tr("Open another structure beside this one (File > Add Structure, Ctrl+Shift+O)"));
    m_superpose->setToolTip(tr("Superpose the selected structure on #1: residues paired by aligning the "
                               "sequences, then RMSD, TM-score and GDT-TS"));
    m_colour->setToolTip(tr("Colour the selected structure"));
    m_close->setToolTip(tr("Remove the selected structure from the view (Undo below puts it back)"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Three lines always: what a selection says never moves the buttons under the pointer.
    m_result->setFixedHeight(3 * m_result->fontMetrics().lineSpacing() + 4);

    auto* buttons = new QGridLayout; // two by two: the dock shares its width with the folds' on laptops
    buttons->addWidget(m_add, 0, 0);
    buttons->addWidget(m_superpose, 0, 1);
    buttons->addWidget(m_colour, 1, 0);
    buttons->addWidget(m_close, 1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_result);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &StructuresPanel::addRequested);
    connect(m_superpose, &QPushButton::clicked, this, [this] {
        if (const int index = selectedStructure(); index >= 0) {
            m_structures->superposed(index) ? m_structures->unsuperpose(index)
                                            : void(m_structures->superpose(index));
            Q_EMIT structureMoved();
        }
    });
    connect(m_colour, &QPushButton::clicked, this, &StructuresPanel::chooseColour);
    connect(m_close, &QPushButton::clicked, this, &StructuresPanel::closeSelected);
    connect(m_result, &QLabel::linkActivated, this, &StructuresPanel::undoClose);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &StructuresPanel::updateButtons);
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        const int index = m_list->indexOfTopLevelItem(item) - 1;
        if (!m_refreshing && index >= 0)
            m_structures->setVisible(index, item->checkState(0) == Qt::Checked);
    });
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & Document::FileChanged) // another document: a closed structure was this one's
            m_closed.reset();
        if (changes &
            (Document::StructureChanged | Document::FoldsChanged | Document::ExtraStructuresChanged))
            refresh();
    });
    refresh();
}

int StructuresPanel::selectedStructure() const {
    const auto items = m_list->selectedItems();
    return items.isEmpty() ? -1 : m_list->indexOfTopLevelItem(items.front()) - 1;
}

void StructuresPanel::selectStructure(int index) {
    if (QTreeWidgetItem* item = m_list->topLevelItem(index + 1))
        m_list->setCurrentItem(item);
}

void StructuresPanel::refresh() {
    const int selected = selectedStructure();
    m_refreshing = true;
    m_list->clear();
    new QTreeWidgetItem(m_list, {documentModelName(*m_document), QString()});
    const auto& entries = m_structures->structures();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ExtraStructure& m = entries[i];
        const QString against = m.comparison ? tr("RMSD %1 Å, TM %2")
                                                   .arg(m.comparison->rmsd, 0, 'f', 2)
                                                   .arg(m.comparison->tmScore, 0, 'f', 3)
                                : m.problem.isEmpty() ? QString()
                                                      : tr("not superposed");
        auto* item = new QTreeWidgetItem(m_list, {tr("#%1 %2").arg(i + 2).arg(m.name), against});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, m.visible ? Qt::Checked : Qt::Unchecked);
        item->setIcon(0, swatch(m.colour));
        item->setToolTip(0, tr("%1: %2 atoms").arg(m.name).arg(m.structure->atomCount()));
        item->setToolTip(1, m.comparison ? comparisonSummary(*m.comparison) : m.problem);
    }
    m_refreshing = false;
    selectStructure(std::min(selected, int(entries.size()) - 1));
    updateButtons();
}

void StructuresPanel::closeSelected() {
    const int index = selectedStructure();
    std::optional<ExtraStructure> closed = m_structures->remove(index);
    if (!closed)
        return;
    m_closed.emplace(index, std::move(*closed));
    updateButtons();
}

void StructuresPanel::undoClose() {
    if (!m_closed)
        return;
    auto [index, entry] = std::move(*m_closed);
    m_closed.reset();
    m_structures->insert(index, std::move(entry));
    selectStructure(index);
    Q_EMIT structureMoved();
}

void StructuresPanel::updateButtons() {
    const int index = selectedStructure();
    for (QPushButton* b : {m_superpose, m_colour, m_close})
        b->setEnabled(index >= 0);
    m_superpose->setText(index >= 0 && m_structures->superposed(index) ? tr("Unsuperpose") : tr("Superpose"));
    QString text = selectionSummary(index).toHtmlEscaped();
    if (m_closed)
        text += QStringLiteral("%1%2").arg(
            text.isEmpty() ? "" : "<br>",
            tr("Closed %1 — <a href=\"undo\">Undo</a>").arg(m_closed->second.name.toHtmlEscaped()));
    m_result->setText(text);
}

QString StructuresPanel::selectionSummary(int index) const {
    if (index < 0)
        return m_structures->structures().empty() && !m_closed ? tr("Add a structure to compare it with #1")
                                                               : QString();
    const ExtraStructure& m = m_structures->structures()[std::size_t(index)];
    return m.comparison          ? tr("#%1 on #1: %2").arg(index + 2).arg(comparisonSummary(*m.comparison))
           : m.problem.isEmpty() ? tr("#%1 is where its file put it").arg(index + 2)
                                 : tr("#%1 cannot be superposed: %2").arg(index + 2).arg(m.problem);
}

void StructuresPanel::chooseColour() {
    const int index = selectedStructure();
    if (index < 0)
        return;
    const QColor chosen = QColorDialog::getColor(
        toQColor(m_structures->structures()[std::size_t(index)].colour), this, tr("Structure Colour"));
    if (chosen.isValid())
        m_structures->setColour(index, Rgb{static_cast<unsigned char>(chosen.red()),
                                           static_cast<unsigned char>(chosen.green()),
                                           static_cast<unsigned char>(chosen.blue())});
}

} // namespace esmui
