#include "core/io/structure_files.h"

#include "CliRunner.h"
#include "StructureChecks.h"
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
} // namespace

class TestCliStructures : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void helpAndUsage() {
        const auto overview = esmx({"--help"});
        QCOMPARE(overview.exitCode, 0);
        QVERIFY(overview.out.contains("info") && overview.out.contains("convert"));
        for (const char* command : {"info", "convert"}) {
            const auto help = esmx({command, "--help"});
            QCOMPARE(help.exitCode, 0);
            QVERIFY(help.out.startsWith(QString("usage: esmx %1").arg(command)));
        }
        QCOMPARE(esmx({}).exitCode, 2);
        QCOMPARE(esmx({"no-such-command"}).exitCode, 2);
        const auto badOption = esmx({"info", "--bogus", data("structures/1ubq.pdb")});
        QCOMPARE(badOption.exitCode, 2);
        QVERIFY(badOption.err.contains("unknown option --bogus"));
        QCOMPARE(esmx({"info"}).exitCode, 2);
        QCOMPARE(esmx({"convert", data("structures/1ubq.pdb")}).exitCode, 2);
    }

    void infoPrintsChainsAndSequences() {
        const auto r = esmx({"info", data("structures/1ubq.pdb"), data("structures/1a0q.pdb")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("chain A: 76 residues, no pLDDT"));
        QVERIFY(
            r.out.contains("MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG"));
        QVERIFY(r.out.contains("chain L:") && r.out.contains("chain H:"));
    }

    void infoJsonReportsPlddtOverAllAtoms() {
        const auto r =
            esmx({"info", "--json", data("esmfold_tiny/reference.pdb"), data("structures/1ubq.pdb")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(files.size(), 2);
        const QJsonObject chain = files[0].toObject()["chains"].toArray()[0].toObject();
        QCOMPARE(chain["residues"].toInt(), 30);
        QCOMPARE(chain["plddt"].toBool(), true);
        const esm::Structure s = esm::readStructureFile(testpaths::data("esmfold_tiny/reference.pdb"));
        double sum = 0, low = 100, high = 0;
        for (int a = 0; a < s.atomCount(); ++a) {
            sum += s.bFactor(a);
            low = std::min<double>(low, s.bFactor(a));
            high = std::max<double>(high, s.bFactor(a));
        }
        QVERIFY(std::abs(chain["mean_plddt"].toDouble() - sum / s.atomCount()) < 0.006);
        QVERIFY(std::abs(chain["min_plddt"].toDouble() - low) < 0.006);
        QVERIFY(std::abs(chain["max_plddt"].toDouble() - high) < 0.006);
        const QJsonObject ubq = files[1].toObject();
        QCOMPARE(ubq["confidence"].toString(), QString("b-factor"));
        QVERIFY(!ubq["chains"].toArray()[0].toObject().contains("mean_plddt"));
    }

    void badFilesExitOneWithALocatedMessage() {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.pdb");
        QVERIFY(testpaths::writeFile(
            bad, "HEADER    TEST\nATOM      1  N   GLY A   1       1.000   2.000   3.000\n"
                 "ATOM      2  CA  GLY A   1       1.0x0   2.000   3.000\n"));
        const auto r = esmx({"info", bad});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QString("esmx: %1:3: bad x coordinate '1.0x0'").arg(bad));
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(esmx({"info", dir.filePath("missing.pdb")}).exitCode, 1);
    }

    void convertRoundTrips() {
        QTemporaryDir dir;
        const QString cif = dir.filePath("ubq.cif"), pdb = dir.filePath("back.pdb");
        QCOMPARE(esmx({"convert", data("structures/1ubq.pdb"), cif}).exitCode, 0);
        QCOMPARE(esmx({"convert", cif, pdb}).exitCode, 0);
        structurechecks::compareStructures(esm::readStructureFile(testpaths::data("structures/1ubq.pdb")),
                                           esm::readStructureFile(pdb.toStdString()));
        QCOMPARE(esmx({"convert", data("structures/4ZHL.cif.gz"), dir.filePath("4zhl.pdb")}).exitCode, 0);
        structurechecks::compareStructures(esm::readStructureFile(testpaths::data("structures/4ZHL.cif.gz")),
                                           esm::readStructureFile(dir.filePath("4zhl.pdb").toStdString()));
    }

    void convertRefusesUnwritableOrUnknownOutputs() {
        QTemporaryDir dir;
        const auto missingFolder =
            esmx({"convert", data("structures/1ubq.pdb"), dir.filePath("no/dir/x.cif")});
        QCOMPARE(missingFolder.exitCode, 1);
        QVERIFY(missingFolder.err.contains("does not exist"));
        const auto unknown = esmx({"convert", data("structures/1ubq.pdb"), dir.filePath("x.xyz")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("unknown structure format '.xyz'"));
    }

    void comparePrintsJsonScores() {
        auto r = clirunner::esmx({"compare", data("structures/1d3z.pdb"), data("structures/1ubq.pdb")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        for (const char* key : {"rmsd", "tm_score", "gdt_ts", "aligned_residues"})
            QVERIFY2(json.contains(key), key);
        QCOMPARE(json["aligned_residues"].toInt(), 76);
        QVERIFY(std::abs(json["tm_score"].toDouble() - 0.9747) < 6e-4); // TMscore's value
        QCOMPARE(json["pairing"].toString(), QString("identical sequences"));
        r = clirunner::esmx(
            {"compare", data("structures/1ubq.pdb"), data("structures/1hel.pdb"), "--align", "sequence"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object()["pairing"].toString(), QString("sequence"));
        QCOMPARE(clirunner::esmx(
                     {"compare", data("structures/1ubq.pdb"), data("structures/1hel.pdb"), "--align", "best"})
                     .exitCode,
                 2);
        QCOMPARE(clirunner::esmx({"compare", data("structures/1ubq.pdb")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliStructures)
#include "test_cli_structures.moc"
