// Our DSSP against mkdssp 4.2.2 (Debian package dssp) on real entries and ESMFold predictions;
// the agreement is printed, and must stay high.
#include "core/io/pdb_writer.h"
#include "core/io/structure_files.h"
#include "core/structure/secondary_structure.h"

#include "TestPaths.h"

#include <QtTest>
#include <fstream>
#include <map>
#include <sstream>

namespace {

struct Agreement {
    int residues = 0, eight = 0, three = 0;
    double eightPercent() const { return 100.0 * eight / std::max(residues, 1); }
    double threePercent() const { return 100.0 * three / std::max(residues, 1); }
};

// Reference rows "chain number icode ss" from mkdssp, compared by residue identity.
Agreement compare(const esm::Structure& s, const std::filesystem::path& reference) {
    const auto ours = esm::assignSecondaryStructure(s);
    std::map<std::string, char> byResidue;
    const auto chains = s.conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : s.polymerResidues(c)) {
            const char icode = s.insertionCode(r) == ' ' ? '-' : s.insertionCode(r);
            byResidue[s.chainId(c) + ":" + std::to_string(s.residueNumber(r)) + icode] = ours[std::size_t(r)];
        }
    Agreement a;
    std::ifstream in(reference);
    std::string chain, number, icode, ss;
    while (in >> chain >> number >> icode >> ss) {
        const auto it = byResidue.find(chain + ":" + number + icode[0]);
        if (it == byResidue.end())
            continue;
        ++a.residues;
        a.eight += it->second == ss[0];
        a.three += esm::threeState(it->second) == esm::threeState(ss[0]);
    }
    return a;
}

} // namespace

class TestSecondaryStructure : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void agreesWithMkdssp_data() {
        QTest::addColumn<QString>("structure");
        QTest::addColumn<QString>("reference");
        for (const char* name : {"1ubq.pdb", "1hel.pdb", "1a0q.pdb", "1hpv.pdb", "pdb1ejg.pdb", "5eep.pdb.gz",
                                 "1d3z.pdb", "4ZHL.cif.gz", "1A8O.cif.gz", "1A7G.cif.gz", "6WQA.cif.gz"}) {
            const QString stem = QString(name).section('.', 0, 0);
            QTest::newRow(name)
                << QString::fromStdString(testpaths::data(std::string("structures/") + name).string())
                << QString::fromStdString(testpaths::data("dssp/" + stem.toStdString() + ".tsv").string());
        }
    }
    void agreesWithMkdssp() {
        QFETCH(QString, structure);
        QFETCH(QString, reference);
        const Agreement a = compare(esm::readStructureFile(structure.toStdString()), reference.toStdString());
        qInfo("%s: %d residues, 8-state agreement %.1f %%, 3-state %.1f %%",
              qPrintable(QFileInfo(structure).fileName()), a.residues, a.eightPercent(), a.threePercent());
        QVERIFY(a.residues > 40);
        QVERIFY2(a.eightPercent() >= 99.0, "8-state agreement below 99 %");
        QVERIFY2(a.threePercent() >= 99.0, "3-state agreement below 99 %");
    }

    void agreesOnEsmFoldPredictions() {
        const std::string folder = "data/esmfold-predictions/esmfold_wilke_ESMFoldApp";
        if (!testpaths::sharedExists(folder))
            QSKIP("../shared/data/esmfold-predictions is absent: ESMFold files not checked");
        for (const char* name : {"test_50aa", "P00441_SOD1_HUMAN", "test_200aa"}) {
            const auto s = esm::readStructureFile(testpaths::shared(folder + "/" + name + ".pdb"));
            const Agreement a = compare(s, testpaths::data(std::string("dssp/esmfold_") + name + ".tsv"));
            qInfo("ESMFold %s: %d residues, 8-state agreement %.1f %%, 3-state %.1f %%", name, a.residues,
                  a.eightPercent(), a.threePercent());
            QVERIFY(a.residues > 40);
            QVERIFY(a.eightPercent() >= 99.0);
        }
    }

    void recognisesTheUbiquitinFold() {
        const auto s = esm::readStructureFile(testpaths::data("structures/1ubq.pdb"));
        const std::string ss = esm::secondaryStructureOfChain(s, esm::assignSecondaryStructure(s), 0);
        QCOMPARE(ss.size(), std::size_t(76));
        QVERIFY(ss.substr(22, 12).find("HHHHHHHHHH") != std::string::npos); // the alpha helix 23-34
        QVERIFY(ss.substr(0, 8).find("EEEE") != std::string::npos);         // beta strand 1
    }
};

QTEST_APPLESS_MAIN(TestSecondaryStructure)
#include "test_secondary_structure.moc"
