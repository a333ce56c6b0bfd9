#include "ui/widgets/plots/HeatmapPanel.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/pipeline/score_csv.h"
#include "ui/services/document/Document.h"
#include "ui/services/jobs/ScoreService.h"
#include "ui/widgets/plots/HeatmapView.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace esmui {

HeatmapPanel::HeatmapPanel(Document* document, ScoreService* scores, QWidget* parent)
    : QWidget(parent), m_document(document), m_scores(scores), m_mode(new QComboBox), m_value(new QComboBox),
      m_view(new HeatmapView(document->selection())), m_getModel(new QPushButton(tr("Get ESM-2…"))),
      m_mask(new QPushButton(tr("Mask Selected"))), m_unmask(new QPushButton(tr("Unmask"))),
      m_maskedLabel(new QLabel) {
    m_mask->setObjectName("maskSelectionButton");
    m_unmask->setObjectName("unmaskButton");
    m_maskedLabel->setObjectName("maskedPositionsLabel");
    m_maskedLabel->setStyleSheet("color: rgb(200, 100, 0)"); // the colour of the masked columns' frames
    m_mask->setToolTip(
        tr("Hide the selected residues from the model (<mask>) and show its distribution at exactly "
           "those positions, given the rest of the sequence"));
    m_unmask->setToolTip(tr("Show the model's scores of the whole sequence again"));
    m_getModel->setObjectName("getLanguageModelButton");
    m_getModel->setToolTip(
        tr("Download ESM-2 with 8M parameters (31 MB) from HuggingFace and score the sequence"));
    setObjectName("heatmapPanel");
    m_mode->setObjectName("scoreMode");
    m_value->setObjectName("heatmapValue");
    m_mode->setToolTip(
        tr("Wild-type marginals score every substitution from one pass over the sequence; masked "
           "marginals mask each position in turn (slower, as the ESM papers score variants)"));
    m_value->setToolTip(
        tr("What the cells show: the log-likelihood ratio of each substitution against the wild "
           "type, its log-probability or its probability"));
    m_mode->addItem(tr("Wild-type marginals (one pass)"), int(esm::ScoreMode::WildTypeMarginal));
    m_mode->addItem(tr("Masked marginals (a pass per position)"), int(esm::ScoreMode::MaskedMarginal));
    m_value->addItem(tr("Log-likelihood ratio"), int(HeatmapValue::LogLikelihoodRatio));
    m_value->addItem(tr("Probability"), int(HeatmapValue::Probability));
    // Narrow windows shorten the choices (their tooltips say them whole) instead of widening the window.
    for (QComboBox* box : {m_mode, m_value}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Scores:")));
    bar->addWidget(m_mode);
    bar->addWidget(new QLabel(tr("Show:")));
    bar->addWidget(m_value);
    bar->addWidget(m_mask);
    bar->addWidget(m_unmask);
    bar->addWidget(m_maskedLabel);
    bar->addStretch(1);
    bar->addWidget(m_getModel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    // Vertical room below the rows' readable height scrolls; the view scrolls its columns itself.
    auto* scroller = new QScrollArea;
    scroller->setObjectName("heatmapScroller");
    scroller->setWidget(m_view);
    scroller->setWidgetResizable(true);
    scroller->setFrameShape(QFrame::NoFrame);
    scroller->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroller, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this] { m_document->setScoreMode(esm::ScoreMode(m_mode->currentData().toInt())); });
    connect(m_value, &QComboBox::currentIndexChanged, this,
            [this] { m_view->setValue(HeatmapValue(m_value->currentData().toInt())); });
    connect(m_view, &HeatmapView::mutationRequested, document, &Document::mutate);
    connect(m_getModel, &QPushButton::clicked, this, &HeatmapPanel::getModelRequested);
    connect(m_mask, &QPushButton::clicked, this, [this] {
        m_document->setMaskedPositions(m_document->selection()->positions());
        m_value->setCurrentIndex(
            m_value->findData(int(HeatmapValue::Probability))); // the distribution itself
    });
    connect(m_unmask, &QPushButton::clicked, this, [this] { m_document->setMaskedPositions({}); });
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::StructureChanged)) {
            m_view->setChangedPositions(m_document->changedPositions());
            m_view->setPositionLabels(m_document->positionLabels());
        }
        if (changes & (Document::SequenceChanged | Document::ModelsChanged | Document::ScoresChanged))
            refresh();
        if (changes & (Document::SequenceChanged | Document::ScoresChanged | Document::SelectionChanged))
            refreshMasking();
    });
    connect(scores, &ScoreService::statusChanged, this, &HeatmapPanel::refresh);
    refresh();
    refreshMasking();
}

void HeatmapPanel::refresh() {
    {
        const QSignalBlocker quiet(m_mode); // showing the document's mode, not choosing one
        m_mode->setCurrentIndex(m_mode->findData(int(m_document->scoreMode())));
    }
    m_getModel->setVisible(m_document->languageModel().isEmpty());
    m_view->setMessage(m_scores->status());
    m_view->setScores(m_document->scores(), m_document->scoresAreCurrent());
}

void HeatmapPanel::refreshMasking() {
    const auto& masked = m_document->maskedPositions();
    m_mask->setEnabled(!m_document->selection()->isEmpty());
    m_unmask->setVisible(!masked.empty());
    QStringList positions;
    for (int p : masked)
        positions << QString::number(p + 1);
    m_maskedLabel->setVisible(!masked.empty());
    m_maskedLabel->setText(tr("Masked: %1").arg(positions.join(", ")));
}

void HeatmapPanel::exportFigure(const QString& path) const {
    const auto scores = m_document->scores();
    if (!scores || !m_document->scoresAreCurrent())
        throw esm::Error("no scores of the current sequence yet");
    const QString model = QFileInfo(m_document->languageModel()).fileName();
    exportHeatmapFigure(path, *scores, m_view->value(),
                        tr("%1 — %2").arg(model, QString::fromStdString(esm::scoreModeName(scores->mode))));
}

void HeatmapPanel::exportCsv(const QString& path) const {
    const auto scores = m_document->scores();
    if (!scores || !m_document->scoresAreCurrent())
        throw esm::Error("no scores of the current sequence yet");
    const QString id = m_document->origin().isEmpty() ? QStringLiteral("sequence")
                                                      : QFileInfo(m_document->origin()).completeBaseName();
    esm::writeFileAtomically(path.toStdString(), [&](std::ostream& out) {
        out << esm::kScoreCsvHeader << "\n";
        esm::writeScoreRows(out, id.toStdString(), *scores);
    });
}

} // namespace esmui
