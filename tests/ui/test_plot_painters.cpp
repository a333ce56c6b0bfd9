// The plot painters in narrow panels (#12 defect 6): titles and the colour bar's label are elided to
// the room they have instead of running off the edge or into each other.
#include "plots/MatrixPainter.h"
#include "plots/PlddtPainter.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QtTest>

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
    void aNarrowPlddtPlotElidesItsTitleBeforeTheComparison() {
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
        QVERIFY2(!narrow.contains(data.label), qPrintable(narrow.join(" | ")));
        QVERIFY2(hasElidedPrefixOf(narrow, data.label), qPrintable(narrow.join(" | ")));
        QVERIFY(narrow.contains(data.comparisonLabel));
    }

    void aSmallMatrixPlotElidesItsTitleAndColourBarLabel() {
        esmui::MatrixPlotData data = esmui::paeMatrix(std::vector<float>(16 * 16, 5.f), 16);
        const QStringList wide =
            textsDrawn(1200, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, data); });
        QVERIFY(wide.contains(data.title));
        QVERIFY(wide.contains(data.colourBarLabel));
        data.title = "Contacts: language model (upper) · structure < 8 Å (lower)";
        const QStringList narrow =
            textsDrawn(150, [&](QPainter& p, const QRectF& a) { paintMatrixPlot(p, a, data); });
        QVERIFY2(hasElidedPrefixOf(narrow, data.title), qPrintable(narrow.join(" | ")));
        QVERIFY2(!narrow.contains(data.colourBarLabel) && hasElidedPrefixOf(narrow, data.colourBarLabel),
                 qPrintable(narrow.join(" | ")));
    }
};

QTEST_MAIN(TestPlotPainters)
#include "test_plot_painters.moc"
