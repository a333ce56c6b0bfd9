#include "ui/widgets/folds/FoldsPanel.h"

#include "ui/services/document/Document.h"
#include "ui/services/jobs/FoldService.h"
#include "ui/services/settings/Settings.h"

#include "core/pipeline/runtime_options.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace esmui {

FoldsPanel::FoldsPanel(Document* document, FoldService* folds, QWidget* parent)
    : QWidget(parent), m_document(document), m_folds(folds), m_fold(new QPushButton(tr("Fold"))),
      m_getModel(new QPushButton(tr("Get ESMFold (8.4 GB)…"))), m_chunk(new QComboBox),
      m_recycles(new QSpinBox), m_precision(new QComboBox), m_history(new QListWidget),
      m_compare(new QPushButton(tr("Compare"))), m_status(new QLabel), m_result(new QLabel) {
    setObjectName("foldsPanel");
    m_fold->setObjectName("foldButton");
    m_getModel->setObjectName("getFoldingModelButton");
    m_fold->setToolTip(tr("Fold the sequence with ESMFold (Ctrl+R); the fold joins the history below"));
    m_getModel->setToolTip(tr("Download facebook/esmfold_v1 from HuggingFace (8.4 GB) to fold sequences"));
    m_chunk->setObjectName("chunkSize");
    m_history->setObjectName("foldHistory");
    m_compare->setObjectName("compareButton");
    m_result->setObjectName("comparisonResult");
    m_status->setObjectName("foldStatus");
    m_status->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_history->setMinimumHeight(2 * m_history->fontMetrics().height());
    m_history->setToolTip(
        tr("Folds of this document, oldest first: double-click one to show it; select one or "
           "two to compare"));
    m_chunk->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chunk->setMinimumContentsLength(8); // 800-pixel windows: the list shows every choice whole
    m_chunk->addItem(tr("no chunking"), 0);
    for (int chunk : {256, 128, 64, 32})
        m_chunk->addItem(tr("chunks of %1").arg(chunk), chunk);
    m_chunk->setToolTip(
        tr("Triangular attention in chunks: less memory for long sequences, a little slower"));
    m_compare->setToolTip(tr("Compare the fold on show with the selected one (or the two selected)"));
    m_recycles->setObjectName("recycles");
    // Below 0: the model's own default (esmfold_v1: 3 recycles, HuggingFace's infer()).
    m_recycles->setRange(-1, 12);
    m_recycles->setValue(-1);
    m_recycles->setSpecialValueText(tr("default recycles"));
    m_recycles->setPrefix(tr("recycles "));
    m_recycles->setToolTip(tr("Trunk passes after the first (esmfold_v1's default: 3); fewer is faster, "
                              "more may help hard targets"));
    m_precision->setObjectName("precision");
    const QString foldAuto = QString::fromStdString(esm::autoDtypeChoice(true));
    const QString languageModelAuto = QString::fromStdString(esm::autoDtypeChoice(false));
    m_precision->addItem(foldAuto == languageModelAuto
                             ? tr("auto (%1 here)").arg(foldAuto)
                             : tr("auto (%1 fold, %2 language model here)").arg(foldAuto, languageModelAuto),
                         "auto");
    m_precision->addItem(tr("float32"), "float32");
    m_precision->addItem(tr("bfloat16"), "bfloat16");
    m_precision->addItem(tr("float16 language model weights"), "float16");
    m_precision->addItem(tr("int8 language model"), "int8");
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(Settings::computeType())));
    // As wide as a short choice, not the longest one ("auto (float16 fold, int8 language model
    // here)" would widen the panel past a laptop screen); the list shows every choice whole.
    m_precision->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_precision->setMinimumContentsLength(10);
    m_precision->view()->setMinimumWidth(m_precision->view()->sizeHintForColumn(0));
    m_precision->setToolTip(
        tr("Precision of the models: bfloat16 folds about 1.3x faster than float32 and needs half the "
           "memory on CPUs with native bfloat16; float16 keeps the ESM language model's weights in "
           "float16 (as esmfold_v1 stores them) and computes in float32: half the memory, the same "
           "results for esmfold_v1; int8 runs the language model's layers as int8 products (the rest "
           "in float32), their forward about 2x faster than float32's on x86 CPUs; auto takes bfloat16 "
           "where the CPU has it, else float16 for folds and int8 for the language model; float32 "
           "matches the reference exactly"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_fold);
    top->addWidget(m_chunk);
    top->addWidget(m_compare);
    auto* settings = new QHBoxLayout;
    settings->addWidget(m_recycles);
    settings->addWidget(m_precision);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(settings);
    layout->addWidget(m_getModel);
    layout->addWidget(m_status);
    layout->addWidget(m_history, 1);
    layout->addWidget(m_result);

    connect(m_fold, &QPushButton::clicked, this, [this] {
        const int chunk = m_chunk->currentData().toInt();
        m_folds->setChunkSize(chunk > 0 ? std::optional<int>(chunk) : std::nullopt);
        const int recycles = m_recycles->value();
        m_folds->setRecycles(recycles >= 0 ? std::optional<int>(recycles) : std::nullopt);
        m_folds->fold();
    });
    connect(m_precision, &QComboBox::currentIndexChanged, this,
            [this] { Settings::setComputeType(m_precision->currentData().toString()); });
    connect(m_folds, &FoldService::statusChanged, m_status, &QLabel::setText);
    connect(m_getModel, &QPushButton::clicked, this, &FoldsPanel::getModelRequested);
    connect(m_history, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { m_document->showFold(m_history->row(item)); });
    connect(m_compare, &QPushButton::clicked, this, &FoldsPanel::compareSelected);
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::FoldsChanged | Document::ComparisonChanged | Document::ModelsChanged))
            refresh();
    });
    refresh();
}

void FoldsPanel::refresh() {
    m_history->clear();
    const auto& folds = m_document->folds();
    for (std::size_t i = 0; i < folds.size(); ++i) {
        auto* item = new QListWidgetItem(folds[i].summary(int(i)), m_history);
        item->setToolTip(tr("%1\n%2 residues, folded %3 with %4 in %5 s")
                             .arg(folds[i].sequence)
                             .arg(folds[i].residues)
                             .arg(folds[i].time.toString(Qt::ISODate), folds[i].model)
                             .arg(folds[i].seconds, 0, 'f', 1));
        if (int(i) == m_document->currentFold()) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    }
    m_fold->setText(folds.empty() ? tr("Fold") : tr("Refold"));
    m_getModel->setVisible(m_folds->modelFolder().isEmpty());
    m_compare->setEnabled(folds.size() >= 2);
    const auto& comparison = m_document->comparison();
    m_result->setText(comparison ? comparisonText(*comparison) : QString());
}

void FoldsPanel::compareSelected() {
    QList<int> rows;
    for (auto* item : m_history->selectedItems())
        rows << m_history->row(item);
    std::sort(rows.begin(), rows.end());
    if (rows.size() == 2) {
        m_document->showFold(rows[1]);
        compareWith(rows[0]);
    } else if (rows.size() == 1 && rows[0] != m_document->currentFold()) {
        compareWith(rows[0]);
    } else if (m_document->currentFold() > 0) {
        compareWith(m_document->currentFold() - 1); // with the fold before it
    }
}

bool FoldsPanel::compareWith(int other) {
    try {
        m_document->compareWith(other);
    } catch (const std::exception& e) {
        m_result->setText(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

} // namespace esmui
