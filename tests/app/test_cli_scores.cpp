// esmx heatmap and esmx score: the exact CSV contracts, figures, and errors.
#include "core/pipeline/language_model.h"
#include "core/pipeline/variant_scores.h"

#include "CliRunner.h"
#include "TestPaths.h"

#include <QImage>
#include <QtTest>

using clirunner::esmx;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

const QString kSequence = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";

} // namespace

class TestCliScores : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void heatmapCsvHasARowPerPositionAndAminoAcid() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("h.csv");
        for (const QString mode : {"wt-marginal", "masked-marginal"}) {
            const auto r = esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", kSequence + ":GSHM",
                                 "--mode", mode, "--out", csv});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QStringList lines = testpaths::readLines(csv);
            QCOMPARE(lines.first(), QString("id,position,wt,mut,log_prob_mut,log_prob_wt,llr"));
            QCOMPARE(lines.size(), 1 + (kSequence.size() + 4) * 20);

            const auto model = esm::LanguageModel::load(testpaths::data("esm2_tiny"), {});
            esm::ScoreOptions options;
            options.mode = *esm::parseScoreMode(mode.toStdString());
            const auto scores = esm::scoreSequence(*model, (kSequence + ":GSHM").toStdString(), options);
            for (int line = 1; line < lines.size(); ++line) {
                const QStringList f = lines[line].split(',');
                QCOMPARE(f.size(), 7);
                QCOMPARE(f[0], QString("seq0"));
                const int position = f[1].toInt() - 1,
                          aa = esm::standardAminoAcidIndex(f[3].at(0).toLatin1());
                QCOMPARE(position, (line - 1) / 20);
                QCOMPARE(f[2].at(0).toLatin1(), scores.residues[std::size_t(position)]);
                QCOMPARE(aa, (line - 1) % 20);
                QVERIFY(std::abs(f[4].toDouble() - scores.logProb(position, aa)) < 2e-6);
                QVERIFY(std::abs(f[5].toDouble() - scores.wildTypeLogProb[std::size_t(position)]) < 2e-6);
                QVERIFY(std::abs(f[6].toDouble() - (f[4].toDouble() - f[5].toDouble())) < 3e-6);
                if (f[2] == f[3])
                    QCOMPARE(f[6].toDouble(), 0.0);
            }
        }
    }

    void heatmapFiguresInEveryFormat() {
        QTemporaryDir dir;
        const QString fasta = dir.filePath("in.fasta");
        QVERIFY(testpaths::writeFile(fasta, ">first\nMKTAYIAKQRQ\n>second one\nGSHMKLV\n"));
        const auto r = esmx({"heatmap", "--model", data("esm2_tiny"), "--fasta", fasta, "--out",
                             dir.filePath("h.csv"), "--figure", dir.filePath("h.svg")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(testpaths::readLines(dir.filePath("h.csv")).size(), 1 + 18 * 20);
        for (const char* name : {"h.first.svg", "h.second.svg"}) {
            QFile svg(dir.filePath(name));
            QVERIFY(svg.open(QIODevice::ReadOnly));
            const QByteArray text = svg.readAll();
            QVERIFY(text.contains("<svg") && text.contains("log-likelihood ratio"));
        }
        QVERIFY(esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", kSequence, "--out",
                      dir.filePath("p.csv"), "--figure", dir.filePath("p.pdf"), "--value", "probability"})
                    .exitCode == 0);
        QFile pdf(dir.filePath("p.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", kSequence, "--out",
                      dir.filePath("p.csv"), "--figure", dir.filePath("p.png")})
                    .exitCode == 0);
        const QImage png(dir.filePath("p.png"));
        QVERIFY(png.width() > 1500 && png.height() > 1000); // 300 dpi
    }

    void heatmapErrors() {
        QTemporaryDir dir;
        auto r = esmx(
            {"heatmap", "--model", data("esm2_tiny"), "--sequence", "MKJT", "--out", dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("'J'"));
        r = esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", "MKT", "--mode", "both", "--out",
                  dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 2);
        r = esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", "MKT", "--out",
                  dir.filePath("no/such/x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no/such"));
        r = esmx({"heatmap", "--model", data("esm2_seqcls_tiny"), "--sequence", "MKT", "--out",
                  dir.filePath("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not a masked language model"));
        QVERIFY(!QFile::exists(dir.filePath("x.csv"))); // nothing half-written
        r = esmx({"heatmap", "--model", data("esm2_tiny"), "--sequence", "MKT", "--out",
                  dir.filePath("x.csv"), "--figure", dir.filePath("x.jpg")});
        QCOMPARE(r.exitCode, 2);
    }

    void scorePrintsOneRowPerMutationSet() {
        auto r = esmx(
            {"score", "--model", data("esm2_tiny"), "--sequence", kSequence, "--mutations", "K2G,K2G:Y5W"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("mutations,mode,score"));
        QVERIFY(lines[1].startsWith("K2G,masked-marginal,"));
        QVERIFY(lines[2].startsWith("K2G:Y5W,masked-marginal,"));
        const auto model = esm::LanguageModel::load(testpaths::data("esm2_tiny"), {});
        const auto seq = kSequence.toStdString();
        esm::ScoreOptions masked;
        masked.mode = esm::ScoreMode::MaskedMarginal;
        QVERIFY(std::abs(lines[2].split(',')[2].toDouble() -
                         esm::scoreMutations(*model, seq, esm::parseMutations("K2G:Y5W", seq), masked)) <
                2e-6);

        r = esmx({"score", "--model", data("esm2_tiny"), "--sequence", kSequence, "--mutations", "K2G",
                  "--mode", "wt-marginal", "--pll"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines[0], QString("mutations,mode,score,pll,pseudo_perplexity"));
        QVERIFY(lines[1].startsWith("wt,wt-marginal,0.000000,"));
        const auto wt = esm::scoreSequence(*model, seq, masked);
        QVERIFY(std::abs(lines[1].split(',')[3].toDouble() - wt.pseudoLogLikelihood()) < 1e-4);
        const auto mutant =
            esm::scoreSequence(*model, esm::applyMutations(seq, esm::parseMutations("K2G", seq)), masked);
        QVERIFY(std::abs(lines[2].split(',')[3].toDouble() - mutant.pseudoLogLikelihood()) < 1e-4);

        r = esmx({"score", "--model", data("esm2_tiny"), "--sequence", kSequence, "--mutations", "A2G"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("residue 2 is K, not A"));
    }
};

QTEST_GUILESS_MAIN(TestCliScores)
#include "test_cli_scores.moc"
