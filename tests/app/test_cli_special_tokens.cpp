// The tokenizer's special tokens in language-model inputs: esmx embed, heatmap and score take
// <mask>, <unk>, <cls>, <eos> and <pad> exactly where `esmx tokenize` does, from --sequence and
// FASTA alike; fold keeps refusing them.
#include "core/nn/checkpoint/safetensors.h"

#include "CliRunner.h"
#include "TensorChecks.h"
#include "TestPaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using clirunner::esmx;

namespace {

QString model() {
    return QString::fromStdString(testpaths::data("esm2_tiny").string());
}

std::vector<double> tokenIds(const QString& text) {
    const auto r = esmx({"tokenize", "--model", model(), text});
    if (r.exitCode != 0)
        qFatal("tokenize failed: %s", qPrintable(r.err));
    std::vector<double> ids;
    for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).array()[0].toArray())
        ids.push_back(v.toDouble());
    return ids;
}

} // namespace

class TestCliSpecialTokens : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void embedTakesWhatTheTokenizerTakes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tokenized"); // what esmx tokenize is given for the same ids
        QTest::newRow("mask") << "MSEQKL<mask>VR"
                              << "MSEQKL<mask>VR";
        QTest::newRow("every token") << "<cls>MK<unk>T<pad>A<mask><mask>Y<eos>"
                                     << "<cls>MK<unk>T<pad>A<mask><mask>Y<eos>";
        // --sequence is tolerant: residues are upper-cased and white space dropped, tokens kept as written.
        QTest::newRow("lower case residues") << "mseqkl <mask>vr"
                                             << "MSEQKL<mask>VR";
    }

    void embedTakesWhatTheTokenizerTakes() {
        QFETCH(QString, text);
        QFETCH(QString, tokenized);
        QTemporaryDir dir;
        const QString out = dir.filePath("e.safetensors");
        const auto r = esmx({"embed", "--model", model(), "--sequence", text, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const tensorchecks::Reference result(out.toStdString());
        QVERIFY(tensorchecks::values(result["seq0/input_ids"]) == tokenIds(tokenized));
        QCOMPARE(result["seq0/logits"].shape[0], std::int64_t(tokenIds(tokenized).size()));
    }

    void fastaRecordsTakeThemToo() {
        QTemporaryDir dir;
        const QString fasta = dir.filePath("in.fasta");
        QVERIFY(testpaths::writeFile(fasta, ">masked one\nMSEQKL<mask>\nVR*\n>plain\nmkt\n"));
        const QString out = dir.filePath("e.safetensors");
        const auto r = esmx({"embed", "--model", model(), "--fasta", fasta, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const tensorchecks::Reference result(out.toStdString());
        QVERIFY(tensorchecks::values(result["masked/input_ids"]) == tokenIds("MSEQKL<mask>VR"));
        QVERIFY(tensorchecks::values(result["plain/input_ids"]) == tokenIds("MKT"));
    }

    void heatmapShowsTheDistributionAtMaskedPositions() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("h.csv");
        const auto r = esmx({"heatmap", "--model", model(), "--sequence", "MKTA<mask>IAKQR", "--out", csv,
                             "--figure", dir.filePath("h.svg")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList rows = testpaths::readLines(csv);
        QCOMPARE(rows.size(), 1 + 10 * 20);
        // Position 5 is the mask: no wild type, so log_prob_wt and llr are empty; probabilities sum to ~1.
        double total = 0;
        for (const QString& row : rows) {
            const QStringList f = row.split(',');
            if (f[1] != "5")
                continue;
            QCOMPARE(f[2], QString("<mask>"));
            QCOMPARE(f[5], QString());
            QCOMPARE(f[6], QString());
            total += std::exp(f[4].toDouble());
        }
        QVERIFY2(total > 0.5 && total <= 1.0001, qPrintable(QString::number(total)));
        QVERIFY(rows[1].startsWith("seq0,1,M,A,"));
        QVERIFY(!rows[1].endsWith(","));
        QVERIFY(QFile::exists(dir.filePath("h.svg")));
    }

    void scoreRefusesMutatingASpecialToken() {
        auto r = esmx({"score", "--model", model(), "--sequence", "MKTA<mask>IAKQR", "--mutations", "X5A"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("position 5 holds <mask>"), qPrintable(r.err));
        r = esmx({"score", "--model", model(), "--sequence", "MKTA<mask>IAKQR", "--mutations", "K2R,T3S:A4G",
                  "--pll"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.split('\n', Qt::SkipEmptyParts).size(), 4);
    }

    void unknownTokensAndStructurePathsAreRefused() {
        QTemporaryDir dir;
        auto r = esmx({"embed", "--model", model(), "--sequence", "MKT<MASK>V", "--out",
                       dir.filePath("e.safetensors")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("'<' begins no special token"), qPrintable(r.err));
        r = esmx({"fold", "--model", QString::fromStdString(testpaths::data("esmfold_tiny").string()),
                  "--sequence", "MKT<mask>V", "--out-dir", dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("only language-model inputs take"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSpecialTokens)
#include "test_cli_special_tokens.moc"
