#include "core/nn/checkpoint/safetensors.h"

#include "CliRunner.h"
#include "TensorChecks.h"
#include "TestPaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using clirunner::esmx;

namespace {
QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

esm::TensorRecord withoutBatchAxis(esm::TensorRecord t) {
    t.shape.erase(t.shape.begin());
    return t;
}
} // namespace

class TestCliLanguageModel : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void embedWritesEveryOutputUnpadded() {
        QTemporaryDir dir;
        const QString out = dir.filePath("e.safetensors");
        const auto r =
            esmx({"embed", "--model", data("esm2_tiny"), "--sequence", "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ",
                  "gshmxlvdekuw", "--out", out, "--max-tokens-per-batch", "40"});
        QCOMPARE(r.exitCode, 0);
        const tensorchecks::Reference result(out.toStdString());
        const tensorchecks::Reference ref(testpaths::data("esm2_tiny/reference.safetensors"));
        QCOMPARE(result["seq0/input_ids"].shape, (std::vector<std::int64_t>{35}));
        tensorchecks::expectClose(result["seq0/input_ids"], withoutBatchAxis(ref["single0_input_ids"]), 0,
                                  "input_ids");
        tensorchecks::expectClose(result["seq0/logits"], withoutBatchAxis(ref["single0_logits"]), 1e-4,
                                  "logits");
        tensorchecks::expectClose(result["seq1/logits"], withoutBatchAxis(ref["single2_logits"]), 1e-4,
                                  "logits");
        QCOMPARE(result["seq0/last_hidden_state"].shape, (std::vector<std::int64_t>{35, 64}));
        QCOMPARE(result["seq0/hidden_states"].shape, (std::vector<std::int64_t>{4, 35, 64}));
        QCOMPARE(result["seq0/contacts"].shape, (std::vector<std::int64_t>{33, 33}));
        QCOMPARE(result["seq1/contacts"].shape, (std::vector<std::int64_t>{12, 12}));
        QCOMPARE(result.tensors().size(), std::size_t(10));
    }

    void embedHandlesClassifiersAndFloat64() {
        QTemporaryDir dir;
        const QString fasta = dir.filePath("in.fasta");
        QVERIFY(testpaths::writeFile(
            fasta, ">first protein\nMKTAYIAKQRQ\nISFVKSHFSRQLEERLGLIEVQ\n>second\nGSHMXLVDEKUW\n"));
        const QString seqcls = dir.filePath("s.safetensors"), tokcls = dir.filePath("t.safetensors");
        QCOMPARE(esmx({"embed", "--model", data("esm2_seqcls_tiny"), "--fasta", fasta, "--out", seqcls,
                       "--dtype", "float64"})
                     .exitCode,
                 0);
        const tensorchecks::Reference s(seqcls.toStdString());
        QCOMPARE(s["first/logits"].shape, (std::vector<std::int64_t>{3}));
        QCOMPARE(s["first/logits"].type, esm::ElementType::F64);
        QCOMPARE(
            esmx({"embed", "--model", data("esm2_tokcls_tiny"), "--fasta", fasta, "--out", tokcls}).exitCode,
            0);
        QCOMPARE(tensorchecks::Reference(tokcls.toStdString())["second/logits"].shape,
                 (std::vector<std::int64_t>{14, 8}));
    }

    void embedRefusesBadInputClearly() {
        QTemporaryDir dir;
        const QString out = dir.filePath("e.safetensors");
        auto r = esmx({"embed", "--model", data("esm2_tiny"), "--sequence", "MKTJAY", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("seq0: invalid character 'J' at position 4"));
        r = esmx({"embed", "--model", data("esm1b_tiny"), "--sequence", QString(1100, 'A'), "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("1100 residues is longer than the 1022"));
        r = esmx({"embed", "--model", data("esm2_tiny"), "--sequence", "MKT:GSH", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("several chains"));
        r = esmx({"embed", "--model", data("esm2_tiny"), "--sequence", "MKT", "--out",
                  dir.filePath("no/dir/e.safetensors")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("does not exist"));
        r = esmx({"embed", "--model", dir.filePath("nothing"), "--sequence", "MKT", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("model folder '" + dir.filePath("nothing") + "' does not exist"));
        QVERIFY(QDir(dir.path()).mkdir("empty"));
        r = esmx({"embed", "--model", dir.filePath("empty"), "--sequence", "MKT", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no config.json"));
        r = esmx(
            {"embed", "--model", data("esm2_tiny"), "--sequence", "MKT", "--out", out, "--device", "cuda"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("without CUDA"));
        QCOMPARE(esmx({"embed", "--model", data("esm2_tiny"), "--out", out}).exitCode, 2);
        QCOMPARE(esmx({"embed", "--model", data("esm2_tiny"), "--sequence", "MKT"}).exitCode, 2);
        QVERIFY(!QFile::exists(out));
    }

    void tokenizePrintsJson() {
        const auto r = esmx({"tokenize", "--model", data("esm2_tiny"), "MKTAY", "G<mask>X", "mk"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QString("[[0,20,15,11,5,19,2],[0,6,32,24,2],[0,3,2]]"));
    }

    void infoDescribesModelFolders() {
        const auto r = esmx({"info", "--model", data("esm1b_tiny"), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(info["architecture"].toString(), QString("EsmForMaskedLM"));
        QCOMPARE(info["layers"].toInt(), 3);
        QCOMPARE(info["position_embedding"].toString(), QString("absolute"));
        QCOMPARE(info["complete"].toBool(), true);
        QVERIFY(info["parameters"].toInt() > 100000);
        QCOMPARE(info["dtypes"].toArray().size(), 2);
        const auto text = esmx({"info", "--model", data("esm2_tiny")});
        QVERIFY(text.out.contains("parameters 109102"));
    }

    void benchPrintsAMarkdownTable() {
        const auto r =
            esmx({"bench", "lm", "--config", "esm2_t6_8M", "--lengths", "8,16", "--dtype", "float32"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n');
        QVERIFY(lines[0].startsWith("| length | dtype |"));
        QVERIFY(lines[2].startsWith("| 8 | float32 | 1 |"));
        QVERIFY(lines[3].startsWith("| 16 | float32 | 1 |"));
        QCOMPARE(esmx({"bench", "lm", "--config", "esm2_t99"}).exitCode, 1);
        QCOMPARE(esmx({"bench", "lm", "--lengths", "0"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliLanguageModel)
#include "test_cli_language_model.moc"
