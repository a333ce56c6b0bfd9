#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/cif_document.h"
#include "core/io/compressed_file.h"
#include "core/io/mmcif_reader.h"
#include "core/io/mmcif_writer.h"
#include "core/io/pdb_reader.h"
#include "core/io/structure_files.h"

#include "StructureChecks.h"
#include "TestPaths.h"

#include <QtTest>
#include <sstream>

using esm::Confidence;
using esm::Structure;
using esm::StructureFormat;

namespace {

Structure viaText(const Structure& s, StructureFormat format) {
    return esm::readStructureText(esm::structureText(s, format), format, "round-trip", s.name);
}

} // namespace

class TestMmcifIo : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void parsesCifSyntax() {
        const auto doc =
            esm::parseCif("# comment\ndata_TEST\n_cell.length_a 10.5\n_struct.title\n;A multi-line\n"
                          "title\n;\nloop_\n_x.a\n_x.b\n'it''s' \"two words\"\n. ?\n",
                          "t.cif");
        QCOMPARE(doc.blockName, std::string("TEST"));
        QCOMPARE(*doc.item("cell", "length_a"), std::string("10.5"));
        QCOMPARE(*doc.item("struct", "title"), std::string("A multi-line\ntitle"));
        const auto* x = doc.table("x");
        QVERIFY(x);
        QCOMPARE(x->rowCount(), std::size_t(2));
        QCOMPARE(x->at(0, 0), std::string("it''s"));
        QCOMPARE(x->at(0, 1), std::string("two words"));
        QVERIFY(esm::isCifNull(x->at(1, 0)) && esm::isCifNull(x->at(1, 1)));
    }

    void syntaxErrorsGetLineNumbers() {
        ESMX_EXPECT_ERROR(esm::parseCif("data_a\nloop_\n_x.a\n_x.b\n1 2\n3\n", "t.cif"),
                          "t.cif:6: loop of _x has 3 values, not a multiple of its 2 columns");
        ESMX_EXPECT_ERROR(esm::parseCif("data_a\n_x.a 'open\n", "t.cif"),
                          "t.cif:2: unterminated quoted value");
        ESMX_EXPECT_ERROR(esm::parseCif("data_a\n_x.a\n;never closed\n", "t.cif"),
                          "t.cif:3: unterminated text field");
        ESMX_EXPECT_ERROR(esm::parseCif("no block here\n", "t.cif"), "no data_ block");
        ESMX_EXPECT_ERROR(esm::readMmcif("data_a\n_cell.a 1\n", "t.cif", ""), "no _atom_site records");
        ESMX_EXPECT_ERROR(esm::readMmcif("data_a\nloop_\n_atom_site.label_atom_id\n_atom_site.label_comp_id\n"
                                         "_atom_site.Cartn_x\n_atom_site.Cartn_y\n_atom_site.Cartn_z\n"
                                         "CA GLY 1.0 2.0 abc\n",
                                         "t.cif", ""),
                          "t.cif:8: bad _atom_site.Cartn_z 'abc'");
        // A huge bad value is quoted in part, not echoed whole; non-finite coordinates are refused.
        const std::string header = "data_a\nloop_\n_atom_site.label_atom_id\n_atom_site.label_comp_id\n"
                                   "_atom_site.Cartn_x\n_atom_site.Cartn_y\n_atom_site.Cartn_z\n";
        try {
            esm::readMmcif(header + "CA GLY 1.0 2.0 " + std::string(10'000'000, '9') + "x\n", "t.cif", "");
            QFAIL("a bad coordinate was accepted");
        } catch (const esm::Error& e) {
            QVERIFY(std::string(e.what()).size() < 200);
            QVERIFY(QString(e.what()).contains("bad _atom_site.Cartn_z '9999"));
        }
        ESMX_EXPECT_ERROR(esm::readMmcif(header + "CA GLY 1.0 nan 3.0\n", "t.cif", ""),
                          "_atom_site.Cartn_y 'nan' is not a finite number");
    }

    void readsEntries_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("chains");
        QTest::addColumn<int>("firstChainResidues");
        QTest::newRow("1A8O") << "1A8O.cif.gz" << 1 << 70;
        QTest::newRow("1A7G") << "1A7G.cif.gz" << 1 << 82;
        QTest::newRow("4ZHL") << "4ZHL.cif.gz" << 2 << 247; // chymotrypsin numbering with insertion codes
        QTest::newRow("6WQA") << "6WQA.cif.gz" << 1 << 391;
    }
    void readsEntries() {
        QFETCH(QString, file);
        QFETCH(int, chains);
        QFETCH(int, firstChainResidues);
        const Structure s = esm::readStructureFile(testpaths::data("structures/" + file.toStdString()));
        QCOMPARE(s.conformerCount(), 1);
        int polymerChains = 0;
        for (int c = 0; c < s.chainCount(); ++c)
            polymerChains += !s.polymerResidues(c).empty();
        QCOMPARE(polymerChains, chains);
        QCOMPARE(int(s.chainSequence(0).size()), firstChainResidues);
        // 6WQA is a minimal mmCIF with no _exptl: B-factors in 0-100 are not guessed to be pLDDT.
        QCOMPARE(s.confidence, Confidence::BFactor);
    }

    void authorNumberingMatchesThePdbFile() {
        // 1UBQ as mmCIF written by us and as PDB give the same residues.
        const Structure pdb = esm::readStructureFile(testpaths::data("structures/1ubq.pdb"));
        const Structure cif = viaText(pdb, StructureFormat::Mmcif);
        structurechecks::compareStructures(pdb, cif);
        QCOMPARE(cif.experimentalMethod, std::string("X-RAY DIFFRACTION"));
    }

    void roundTripsPdbToMmcifToPdb_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : {"1ubq.pdb", "1d3z.pdb", "1a0q.pdb", "1hpv.pdb", "1hel.pdb", "pdb1ejg.pdb",
                              "5eep.pdb.gz", "esmfold_tiny/reference.pdb"})
            QTest::newRow(f) << f;
    }
    void roundTripsPdbToMmcifToPdb() {
        QFETCH(QString, file);
        const std::string relative =
            file.contains('/') ? file.toStdString() : "structures/" + file.toStdString();
        const Structure original = esm::readStructureFile(testpaths::data(relative));
        const Structure cif = viaText(original, StructureFormat::Mmcif);
        const Structure back = viaText(cif, StructureFormat::Pdb);
        structurechecks::compareStructures(original, cif);
        structurechecks::compareStructures(original, back);
    }

    void mmcifEntriesRoundTripThroughPdb() {
        for (const char* f : {"1A8O.cif.gz", "4ZHL.cif.gz"}) {
            const Structure s = esm::readStructureFile(testpaths::data(std::string("structures/") + f));
            structurechecks::compareStructures(
                s, viaText(viaText(s, StructureFormat::Pdb), StructureFormat::Mmcif));
        }
    }

    void writesModelCifPlddt() {
        const Structure s = esm::readStructureFile(testpaths::data("esmfold_tiny/reference.pdb"));
        const std::string text = esm::structureText(s, StructureFormat::Mmcif);
        const auto doc = esm::parseCif(text, "out.cif");
        const auto* metric = doc.table("ma_qa_metric");
        QVERIFY(metric);
        QCOMPARE(metric->at(1, metric->column("type")), std::string("pLDDT"));
        const auto* local = doc.table("ma_qa_metric_local");
        QVERIFY(local);
        QCOMPARE(int(local->rowCount()), 30);
        // One value per residue: the CA atom's pLDDT on 0-100.
        QCOMPARE(std::stod(local->at(0, local->column("metric_value"))), double(s.residueConfidence(0)));
        QVERIFY(doc.item("ma_qa_metric_global", "metric_value"));
        QCOMPARE(viaText(s, StructureFormat::Mmcif).confidence, Confidence::PLDDT);
    }

    void writesFilesAtomically() {
        QTemporaryDir dir;
        const Structure s = esm::readStructureFile(testpaths::data("structures/1ubq.pdb"));
        const auto path = testpaths::in(dir, "ubq.cif");
        esm::writeStructureFile(path, s);
        structurechecks::compareStructures(s, esm::readStructureFile(path));
        ESMX_EXPECT_ERROR(esm::writeStructureFile(testpaths::in(dir, "ubq.cif.gz"), s), "drop the .gz");
        ESMX_EXPECT_ERROR(esm::writeStructureFile(testpaths::in(dir, "missing/ubq.cif"), s),
                          "does not exist");
    }
};

QTEST_APPLESS_MAIN(TestMmcifIo)
#include "test_mmcif_io.moc"
