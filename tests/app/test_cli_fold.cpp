#include "core/base/atomic_file.h"
#include "core/io/structure_files.h"

#include "CliRunner.h"
#include "TensorChecks.h"
#include "TestPaths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using clirunner::esmx;

namespace {
QString model() {
    return QString::fromStdString(testpaths::data("esmfold_tiny").string());
}
const char* kSingle = "MKTAYIAKQRQISFVKSHFSRQLEERLGLI";

QJsonObject readJson(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}
} // namespace

class TestCliFold : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void writesStructuresAndConfidence() {
        QTemporaryDir dir;
        const auto r = esmx({"fold", "--model", model(), "--sequence", kSingle, "MKTAY:GSHMK", "--out-dir",
                             dir.path(), "--format", "pdb,cif", "--dump-tensors"});
        QCOMPARE(r.exitCode, 0);
        for (const char* f :
             {"seq0.pdb", "seq0.cif", "seq0.json", "seq0.safetensors", "seq1.pdb", "seq1.json"})
            QVERIFY2(QFile::exists(dir.filePath(f)), f);

        const QJsonObject json = readJson(dir.filePath("seq0.json"));
        QCOMPARE(json["id"].toString(), QString("seq0"));
        QCOMPARE(json["sequence"].toString(), QString(kSingle));
        QCOMPARE(json["plddt"].toArray().size(), 30);
        QCOMPARE(json["pae"].toArray().size(), 30);
        QCOMPARE(json["pae"].toArray()[0].toArray().size(), 30);
        QCOMPARE(json["max_pae"].toDouble(), 31.75);
        const tensorchecks::Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        QVERIFY(std::abs(json["ptm"].toDouble() - tensorchecks::values(ref["single.ptm"])[0]) < 1e-3);

        const esm::Structure pdb = esm::readStructureFile(dir.filePath("seq0.pdb").toStdString());
        QCOMPARE(pdb.confidence, esm::Confidence::PLDDT);
        double sum = 0;
        for (int a = 0; a < pdb.atomCount(); ++a)
            sum += pdb.bFactor(a);
        QVERIFY(std::abs(sum / pdb.atomCount() - json["mean_plddt"].toDouble()) < 0.01);
        QVERIFY(sum / pdb.atomCount() > 1.0); // 0-100 scale by default
        QCOMPARE(esm::readStructureFile(dir.filePath("seq0.cif").toStdString()).atomCount(), pdb.atomCount());

        const esm::Structure complex = esm::readStructureFile(dir.filePath("seq1.pdb").toStdString());
        QCOMPARE(complex.chainCount(), 2);
        QCOMPARE(complex.chainSequence(1), std::string("GSHMK"));

        const tensorchecks::Reference tensors(dir.filePath("seq0.safetensors").toStdString());
        QCOMPARE(tensors["positions"].shape, (std::vector<std::int64_t>{2, 30, 14, 3}));
        tensorchecks::expectClose(tensors["positions"],
                                  esm::recordOf(tensorchecks::selectAxis(ref["single.positions"], 1, 0, "p")),
                                  1e-3, "dumped positions");
        QCOMPARE(tensors.tensors().size(), std::size_t(23));
    }

    void huggingFaceScaleWritesItsLayout() {
        QTemporaryDir dir;
        QCOMPARE(esmx({"fold", "--model", model(), "--sequence", kSingle, "--out-dir", dir.path(),
                       "--plddt-scale", "1"})
                     .exitCode,
                 0);
        const std::string text = esm::readFile(dir.filePath("seq0.pdb").toStdString());
        QVERIFY(text.rfind("PARENT N/A\nATOM      1  N   MET A   1", 0) == 0);
        const std::string reference = esm::readFile(testpaths::data("esmfold_tiny/reference.pdb"));
        QCOMPARE(text.size(),
                 reference.size()); // same records; values within float32 round-off (test_folding)
    }

    void resumesAndShards() {
        QTemporaryDir dir;
        QCOMPARE(esmx({"fold", "--model", model(), "--sequence", "MKTAY", "GSHMK", "MQIFV", "--out-dir",
                       dir.path(), "--shard", "2/2"})
                     .exitCode,
                 0);
        QVERIFY(QFile::exists(dir.filePath("seq1.json")));
        QVERIFY(!QFile::exists(dir.filePath("seq0.json")) && !QFile::exists(dir.filePath("seq2.json")));
        const auto again = esmx(
            {"fold", "--model", model(), "--sequence", "MKTAY", "GSHMK", "MQIFV", "--out-dir", dir.path()});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.err.contains("seq1: already done, skipped"));
        QVERIFY(QFile::exists(dir.filePath("seq0.json")) && QFile::exists(dir.filePath("seq2.json")));
    }

    void aFailingRecordDoesNotStopTheOthers() {
        QTemporaryDir dir;
        const QString fasta = dir.filePath("in.fasta");
        QVERIFY(testpaths::writeFile(fasta, ">small\nMKTAYIAKQ\n>huge\n" + QByteArray(40000, 'A') +
                                                "\n>other\nGSHMKL\n"));
        const auto r = esmx({"fold", "--model", model(), "--fasta", fasta, "--out-dir", dir.filePath("out"),
                             "--max-tokens-per-batch", "64"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("huge: failed: folding 1 sequence(s) of up to 40000 residues needs about"));
        QVERIFY(QFile::exists(dir.filePath("out/small.pdb")) && QFile::exists(dir.filePath("out/other.pdb")));
        QVERIFY(!QFile::exists(dir.filePath("out/huge.pdb")));

        // The failure is recorded; fold-summary accounts for every record of the input.
        QCOMPARE(readJson(dir.filePath("out/huge.failed.json"))["id"].toString(), QString("huge"));
        auto summary = esmx({"fold-summary", "--fasta", fasta, "--out-dir", dir.filePath("out")});
        QCOMPARE(summary.exitCode, 0); // failed records are accounted for
        QVERIFY(summary.err.contains("3 records: 2 folded, 1 failed, 0 missing, 0 inconsistent"));
        QFile tsv(dir.filePath("out/summary.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(tsv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0], QString("id\tlength\tmean_plddt\tptm\tstatus"));
        QVERIFY(rows[1].startsWith("small\t9\t") && rows[1].endsWith("\tok"));
        QCOMPARE(rows[2], QString("huge\t40000\t\t\tfailed"));
        const QJsonObject json = readJson(dir.filePath("out/summary.json"));
        QVERIFY(json["records"].toArray()[1].toObject()["error"].toString().contains("needs about"));
        QCOMPARE(json["counts"].toObject()["failed"].toInt(), 1);

        // A record with no result is missing: exit 1, so a pipeline stops there.
        QVERIFY(testpaths::writeFile(fasta, ">small\nMKTAYIAKQ\n>huge\n" + QByteArray(40000, 'A') +
                                                "\n>other\nGSHMKL\n>new\nMKV\n"));
        summary = esmx({"fold-summary", "--fasta", fasta, "--out-dir", dir.filePath("out")});
        QCOMPARE(summary.exitCode, 1);
        QVERIFY(summary.err.contains("new: missing"));
        // A later success replaces the recorded failure.
        QVERIFY(testpaths::writeFile(fasta, ">huge\nMKTAYIAKQ\n"));
        QCOMPARE(
            esmx({"fold", "--model", model(), "--fasta", fasta, "--out-dir", dir.filePath("out")}).exitCode,
            0);
        QVERIFY(!QFile::exists(dir.filePath("out/huge.failed.json")));
        QCOMPARE(esmx({"fold-summary", "--fasta", fasta, "--out-dir", dir.filePath("out")}).exitCode, 0);
    }

    void longIdsBecomeShortFileNames() {
        // A 300-character FASTA id: a file name of at most 200 characters, the same in every run.
        QTemporaryDir dir;
        const QString fasta = dir.filePath("in.fasta");
        const QByteArray id(300, 'a');
        QVERIFY(testpaths::writeFile(fasta, ">" + id + " long\nMKTAYIAKQ\n"));
        auto r = esmx({"fold", "--model", model(), "--fasta", fasta, "--out-dir", dir.filePath("out")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList files = QDir(dir.filePath("out")).entryList({"*.json"});
        QCOMPARE(files.size(), 1);
        QVERIFY(files[0].size() <= 205 && files[0].startsWith(QString(100, 'a')));
        QCOMPARE(readJson(dir.filePath("out/" + files[0]))["id"].toString(), QString::fromLatin1(id));
        r = esmx({"fold", "--model", model(), "--fasta", fasta, "--out-dir", dir.filePath("out")});
        QVERIFY(r.err.contains("already done, skipped"));
        QCOMPARE(esmx({"fold-summary", "--fasta", fasta, "--out-dir", dir.filePath("out")}).exitCode, 0);
    }

    void badUsageAndInput() {
        QTemporaryDir dir;
        QCOMPARE(
            esmx({"fold", "--model", model(), "--sequence", "MKT", "--out-dir", dir.path(), "--shard", "0/2"})
                .exitCode,
            2);
        QCOMPARE(esmx({"fold", "--model", model(), "--sequence", "MKT", "--out-dir", dir.path(), "--format",
                       "xyz"})
                     .exitCode,
                 2);
        QCOMPARE(esmx({"fold", "--model", model(), "--sequence", "MKT", "--out-dir", dir.path(),
                       "--plddt-scale", "50"})
                     .exitCode,
                 2);
        const auto bad = esmx({"fold", "--model", model(), "--sequence", "MK1T", "--out-dir", dir.path()});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains("'1' at position 3"));
        const auto language =
            esmx({"fold", "--model", QString::fromStdString(testpaths::data("esm2_tiny").string()),
                  "--sequence", "MKT", "--out-dir", dir.path()});
        QCOMPARE(language.exitCode, 1);
        QVERIFY(language.err.contains("not a folding model"));
    }
};

QTEST_GUILESS_MAIN(TestCliFold)
#include "test_cli_fold.moc"
