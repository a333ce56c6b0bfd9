// The plot painters in narrow panels (#12 defect 6): titles and the colour bar's label are elided to
// the room they have instead of running off the edge or into each other. Long chains (#16): the
// matrix image stays bounded, a pixel standing for a block of residue pairs.
#include "ui/services/figures/HeatmapPainter.h"
#include "ui/services/figures/MatrixPainter.h"
#include "ui/services/figures/PlddtPainter.h"
#include "ui/services/figures/ResidueAxis.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QtTest>

#include <cmath>

namespace {

// The texts an SVG rendering of `paint` (width x 200 points) holds.
template <typename Paint> QStringList textsDrawn(double width, Paint&& paint) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(int(width), 200));
    svg.setViewBox(QRectF(0, 0, width, 200));
    {
        QPainter painter(&svg);
        QFont font = painter.font();
        font.setPixelSize(9);
        painter.setFont(font);
        paint(painter, QRectF(0, 0, width, 200));
    }
    QStringList texts;
    const QString xml = QString::fromUtf8(buffer.data());
    static const QRegularExpression text("<text[^>]*>([^<]*)</text>");
    for (auto match = text.globalMatch(xml); match.hasNext();)
        texts << match.next().captured(1).trimmed();
    return texts;
}

// Whether `full` was drawn whole, over one line or several (each line is a text of its own).
bool drawnWhole(const QStringList& texts, const QString& full) {
    return texts.join(' ').replace("&lt;", "<").contains(full);
}

bool hasElidedPrefixOf(const QStringList& texts, const QString& full) {
    for (const QString& t : texts)
        if (t.endsWith(QChar(0x2026)) && t.size() > 2 && full.startsWith(t.chopped(1)))
            return true;
    return false;
}

} // namespace

class TestPlotPainters : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    // Issue 29: titles were cut to "exp…"; a narrow plot wraps its title whole, the comparison's
    // label on a line of its own.
    void aNarrowPlddtPlotWrapsItsTitleWhole() {
        esmui::PlddtPlotData data;
        data.plddt.assign(50, 80.f);
        data.comparison.assign(50, 60.f);
        data.label = "Fold #2 (G10A): mean-pLDDT 50.9, pTM 0.412 and more words to run out of room";
        data.comparisonLabel = "- - fold #1";
        const QStringList wide =
            textsDrawn(2000, [&](QPainter& p, const QRectF& a) { paintPlddtPlot(p, a, data); });
        QVERIFY(wide.contains(data.label));
        const QStringList narrow =
            textsDrawn(260, [&](QPainter& p, const QRectF& a) { paintPlddtPlot(p, a, data); });
        QVERIFY2(!narrow.contains(data.label), qPrintable(narrow.join(" | "))); // more than one line
        QVERIFY2(drawnWhole(narrow, data.label), qPrintable(narrow.join(" | ")));
        QVERIFY(narrow.contains(data.comparisonLabel));
    }

    void aSmallMatrixPlotWrapsItsTitleAndElidesItsColourBarLabel() {
        esmui::MatrixPlotData data = esmui::paeMatrix(std::vector<float>(16 * 16, 5.f), 16);
        const QStringList wide =
            textsDrawn(1200, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, data); });
        QVERIFY(wide.contains(data.title));
        QVERIFY(wide.contains(data.colourBarLabel));
        data.title = "Contacts: language model (upper) · structure < 8 Å (lower)";
        const QStringList narrow =
            textsDrawn(150, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, data); });
        QVERIFY2(drawnWhole(narrow, data.title), qPrintable(narrow.join(" | ")));
        QVERIFY2(!narrow.contains(data.colourBarLabel) && hasElidedPrefixOf(narrow, data.colourBarLabel),
                 qPrintable(narrow.join(" | ")));
    }

    // Issue 29: scrolled to column 69, the first column's label and the next round one ran together
    // ("A 6970"), and the caption sat half under the scroll bar. The first label keeps clear of the
    // next, and the axis has a line for the caption below the residue letters and numbers.
    void heatmapAxisLabelsKeepClearAndTheCaptionFits() {
        esm::SequenceScores scores;
        scores.residues = std::string(120, 'A');
        scores.logProbs.assign(120 * 20, -3.f);
        scores.wildTypeLogProb.assign(120, -1.f);
        scores.entropy.assign(120, 2.f);
        esmui::HeatmapOptions options;
        for (int p = 0; p < 120; ++p)
            options.positionLabels.push_back(QString("A %1").arg(p + 1));
        const double width = 600;
        const QStringList texts = textsDrawn(width, [&](QPainter& p, const QRectF& area) {
            const esmui::HeatmapGeometry g = esmui::heatmapGeometry(area, 68, 40, p.font(), false);
            QVERIFY(g.cells.bottom() + 3 * QFontMetricsF(p.font()).height() <= area.bottom());
            esmui::paintHeatmap(p, g, scores, options);
        });
        QVERIFY2(texts.contains("A 70") && !texts.contains("A 69"), qPrintable(texts.join(" | ")));
        QVERIFY(texts.contains("residue"));
    }

    // #12 defect 5: the plots counted 1…N over all chains while every other panel named the author's
    // numbering with the chain.
    void axesAndTooltipsNameResiduesByTheirAuthorNumbering() {
        const std::vector<QString> labels = {"A 2", "A 3", "A 3A", "B 1", "B 1000"};
        std::vector<float> pae(25);
        for (std::size_t k = 0; k < pae.size(); ++k)
            pae[k] = float(k);
        const auto paePlot = esmui::paeMatrix(pae, 5, labels);
        QCOMPARE(paePlot.describe(0, 3), QString("aligned on A 2, error at B 1: 3.0 Å"));
        const QStringList texts =
            textsDrawn(600, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, paePlot); });
        // Both axes, a tick every other residue at this size; the same ticks counted 1, 2, 4 before.
        for (const char* label : {"A 2", "A 3", "B 1"})
            QVERIFY2(texts.count(label) == 2, qPrintable(texts.join(" | ")));
        QVERIFY(!texts.contains("2") && !texts.contains("4"));
        // The left axis makes room for its widest name.
        QVERIFY(esmui::matrixPlotSquare(QRectF(0, 0, 600, 200), QFont(), paePlot).left() >
                esmui::matrixPlotSquare(QRectF(0, 0, 600, 200), QFont(), esmui::paeMatrix(pae, 5)).left());
        const auto contacts = esmui::contactMatrix({}, {}, 8.0, 5, labels);
        QCOMPARE(contacts.describe(2, 4), QString("A 3A – B 1000"));

        esmui::PlddtPlotData plddt;
        plddt.plddt = {90, 80, 70, 60, 50};
        plddt.labels = labels;
        const QStringList plddtTexts =
            textsDrawn(600, [&](QPainter& p, const QRectF& a) { paintPlddtPlot(p, a, plddt); });
        for (const QString& label : labels)
            QVERIFY2(plddtTexts.contains(label), qPrintable(plddtTexts.join(" | ")));
        QVERIFY(!plddtTexts.contains("1"));
    }

    void residueTicksLeaveRoomBetweenLabels() {
        QCOMPARE(esmui::residueTicks(1000, 100, 50),
                 (std::vector<int>{0,  4,  9,  14, 19, 24, 29, 34, 39, 44, 49,
                                   54, 59, 64, 69, 74, 79, 84, 89, 94, 99}));
        QCOMPARE(esmui::residueTicks(100, 3, 10), (std::vector<int>{0, 1, 2}));
        QCOMPARE(esmui::residueTicks(10, 1'000'000, 30).size(), std::size_t(2)); // 0 and 999,999
        QVERIFY(esmui::residueTicks(100, 0, 10).empty());
    }

    void aLongChainsMatrixIsDrawnInBlocksOfPairs() {
        // 10,000 residues along a line 3.8 Å apart: each is in contact with the two on either side
        // (7.6 Å < 8). The image had one pixel per pair (400 MB); now at most 2,048 a side.
        const int n = 10'000;
        std::vector<Eigen::Vector3d> positions;
        for (int i = 0; i < n; ++i)
            positions.emplace_back(3.8 * i, 0, 0);
        positions[5000] = Eigen::Vector3d::Constant(std::nan("")); // no Cβ or Cα there
        const auto contacts = esmui::contactMatrix({}, positions, 8.0, n);
        QCOMPARE(contacts.residues, n);
        QCOMPARE(contacts.matrix.size(), QSize(esmui::kMaxMatrixImageSide, esmui::kMaxMatrixImageSide));
        const QRgb white = QColor(Qt::white).rgb();
        int band = 0;
        for (int y = 0; y < contacts.matrix.height(); ++y)
            for (int x = 0; x < contacts.matrix.width(); ++x) {
                const bool near = x <= y && y - x <= 1;
                band += contacts.matrix.pixel(x, y) != white;
                QVERIFY2(contacts.matrix.pixel(x, y) == white || near,
                         qPrintable(QString("%1,%2").arg(x).arg(y)));
            }
        QVERIFY(band >= esmui::kMaxMatrixImageSide);
        // Tooltips and selection still name residues, not pixels.
        QCOMPARE(contacts.describe(100, 102), QString("101 – 103, in contact in the structure"));
        QCOMPARE(contacts.describe(100, 103), QString("101 – 104, apart in the structure"));
        QCOMPARE(contacts.describe(5000, 5001), QString("5001 – 5002"));
        // The axes are labelled in residues, a few ticks rather than one per residue.
        const QStringList texts =
            textsDrawn(600, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, contacts); });
        QVERIFY(texts.contains("5000") || texts.contains("10000"));
        QVERIFY2(texts.size() < 80, qPrintable(texts.join(" ")));

        // PAE of 3,000 residues: a block shows its mean error.
        const int m = 3000;
        std::vector<float> pae(std::size_t(m) * m);
        for (std::size_t k = 0; k < pae.size(); ++k)
            pae[k] = k % 2 ? 30.f : 0.f;
        const auto paePlot = esmui::paeMatrix(pae, m);
        QCOMPARE(paePlot.matrix.width(), esmui::kMaxMatrixImageSide);
        QCOMPARE(paePlot.describe(0, 1), QString("aligned on 1, error at 2: 30.0 Å"));
        const QColor mid = QColor(paePlot.matrix.pixel(1000, 1000));
        QVERIFY(mid != QColor(paePlot.palette(0)) && mid != QColor(paePlot.palette(30)));
    }
};

QTEST_MAIN(TestPlotPainters)
#include "test_plot_painters.moc"
