// Save dialogs (#12): a suggested name in the last folder saved to, and the extension deciding the
// format, so that an image chosen as PNG never lands in a .svg.
#include "ui/widgets/actions/SavePaths.h"

#include <QtTest>

using esmui::checkedSavePath;
using esmui::filterExtensions;
using esmui::suggestedSavePath;

class TestSavePaths : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void extensionsComeFromTheFilter() {
        QCOMPARE(filterExtensions("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"),
                 (QStringList{"svg", "pdf", "png"}));
        QCOMPARE(filterExtensions("Structures (*.pdb *.cif.gz)"), (QStringList{"pdb", "cif.gz"}));
        QVERIFY(filterExtensions("All files (*)").isEmpty());
    }

    void theSuggestionNamesTheDocumentAndWhatIsSaved() {
        const QString figures = "SVG (*.svg);;PDF (*.pdf);;PNG (*.png)";
        QCOMPARE(suggestedSavePath("/data/out", "/pdb/6WQA.cif.gz", "heatmap", figures),
                 QString("/data/out/6WQA-heatmap.svg"));
        QCOMPARE(suggestedSavePath("/data/out", "/seq/ubiquitin.fasta", {}, "ESM Explorer session (*.esmx)"),
                 QString("/data/out/ubiquitin.esmx"));
        QCOMPARE(suggestedSavePath({}, "example: ubiquitin (1UBQ)", "report", "PDF (*.pdf)"),
                 QString("untitled-report.pdf"));
    }

    void theExtensionDecidesTheFormat() {
        const QString figures = "SVG (*.svg);;PDF (*.pdf);;PNG (*.png)";
        // No extension: the chosen filter's.
        QCOMPARE(checkedSavePath("/o/fig", "PNG (*.png)", figures).path, QString("/o/fig.png"));
        QCOMPARE(checkedSavePath("/o/fig", "PDF (*.pdf)", figures).path, QString("/o/fig.pdf"));
        // An offered extension wins over the filter: a .svg name gets SVG, whatever was selected.
        QCOMPARE(checkedSavePath("/o/fig.svg", "PNG (*.png)", figures).path, QString("/o/fig.svg"));
        QCOMPARE(checkedSavePath("/o/FIG.PNG", "SVG (*.svg)", figures).path, QString("/o/FIG.PNG"));
        // Another format's extension is refused with the formats this export writes.
        const auto refused = checkedSavePath("/o/fig.jpg", "PNG (*.png)", figures);
        QVERIFY(refused.path.isEmpty());
        QVERIFY2(refused.error.contains(".jpg") && refused.error.contains(".svg, .pdf, .png"),
                 qPrintable(refused.error));
        // A dot inside a name is not an extension the dialog should have added to.
        QCOMPARE(checkedSavePath("/o/run.2", "CSV (*.csv)", "CSV (*.csv)").error.isEmpty(), false);
    }
};

QTEST_MAIN(TestSavePaths)
#include "test_save_paths.moc"
