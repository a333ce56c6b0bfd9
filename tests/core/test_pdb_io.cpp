#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/io/compressed_file.h"
#include "core/io/pdb_reader.h"
#include "core/io/pdb_writer.h"
#include "core/io/structure_files.h"
#include "core/structure/residue_names.h"

#include "StructureChecks.h"
#include "TestPaths.h"

#include <QtTest>
#include <set>
#include <sstream>
#include <zlib.h>

using esm::Confidence;
using esm::Structure;

namespace {

Structure parsePdb(const std::string& text) {
    std::istringstream in(text);
    return esm::readPdb(in, "in.pdb", "test");
}

std::string pdbText(const Structure& s, const esm::PdbWriteOptions& options = {}) {
    std::ostringstream out;
    esm::writePdb(out, s, options);
    return out.str();
}

std::vector<std::string> linesStartingWith(const std::string& text,
                                           std::initializer_list<const char*> records) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        for (const char* record : records)
            if (line.rfind(record, 0) == 0) {
                while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
                    line.pop_back();
                lines.push_back(line);
            }
    }
    return lines;
}

// An ESMFold-style file as fair-esm writes it: PARENT first, no HEADER, per-atom pLDDT, and the
// empty trailing PARENT/TER block some versions leave.
const char* kEsmFoldStyle =
    "PARENT N/A\n"
    "ATOM      1  N   MET A   1      -1.810   3.756  -0.581  1.00 48.25           N  \n"
    "ATOM      2  CA  MET A   1      -2.090   3.429   0.814  1.00 47.10           C  \n"
    "ATOM      3  N   LYS A   2      -3.103   4.402   1.409  1.00 91.50           N  \n"
    "ATOM      4  CA  LYS A   2      -0.802   3.446   1.639  1.00 93.00           C  \n"
    "TER       5      LYS A   2\n"
    "PARENT N/A\n"
    "TER       6      ALA A   1\n"
    "END\n";

} // namespace

class TestPdbIo : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void readsUbiquitin() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/1ubq.pdb"));
        QCOMPARE(s.name, std::string("1ubq"));
        QCOMPARE(s.conformerCount(), 1);
        QCOMPARE(s.chainCount(), 1);
        QCOMPARE(s.chainId(0), std::string("A"));
        QCOMPARE(s.chainSequence(0),
                 std::string("MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG"));
        QCOMPARE(s.residueCount(), 76 + 58); // protein + waters
        QCOMPARE(s.atomCount(), 602 + 58);
        QCOMPARE(s.confidence, Confidence::BFactor);
        QCOMPARE(s.experimentalMethod, std::string("X-RAY DIFFRACTION"));
        const int ca = s.findAtom(0, "CA");
        QCOMPARE(s.element(ca), std::string("C"));
        QCOMPARE(s.position(ca).x(), 26.266);
        QCOMPARE(s.bFactor(ca), 10.38);
        QVERIFY(!s.isPolymerResidue(100));
    }

    void readsNmrEnsembleWithHydrogens() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/1d3z.pdb"));
        QCOMPARE(s.conformerCount(), 10);
        QCOMPARE(s.conformerNumber(9), 10);
        QCOMPARE(s.chainCount(), 10);
        for (int m = 0; m < s.conformerCount(); ++m)
            QCOMPARE(s.chainSequence(s.conformerChains(m).begin).size(), std::size_t(76));
        QVERIFY(s.findAtom(0, "H1") >= 0);
        QCOMPARE(s.element(s.findAtom(0, "HA")), std::string("H"));
        QCOMPARE(s.confidence, Confidence::BFactor);
    }

    void readsInsertionCodesAndTwoChains() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/1a0q.pdb"));
        QCOMPARE(s.chainCount(), 2);
        QCOMPARE(s.chainId(0), std::string("L"));
        QCOMPARE(s.chainId(1), std::string("H"));
        int inserted = 0;
        for (int r = 0; r < s.residueCount(); ++r)
            inserted += s.insertionCode(r) != ' ';
        QCOMPARE(inserted, 5); // H 52A, 82A, 82B, 82C, 100B
        bool found52A = false;
        for (int r = 0; r < s.residueCount(); ++r)
            found52A = found52A || (s.chainId(s.residueChain(r)) == "H" && s.residueNumber(r) == 52 &&
                                    s.insertionCode(r) == 'A' && s.residueName(r) == "PRO");
        QVERIFY(found52A);
    }

    void readsLigandsAsHetero() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/1hpv.pdb"));
        QCOMPARE(s.chainCount(), 3); // A, B, and the inhibitor 478 with a blank chain id
        QCOMPARE(s.chainId(2), std::string());
        QCOMPARE(s.chainSequence(0).size(), std::size_t(99));
        QCOMPARE(s.chainSequence(1).size(), std::size_t(99));
        QCOMPARE(s.confidence, Confidence::BFactor); // no EXPDTA, but a real CRYST1 cell
        int ligands = 0;
        for (int r = 0; r < s.residueCount(); ++r)
            ligands += s.isHetero(r) && !s.isPolymerResidue(r) && !esm::isWaterName(s.residueName(r));
        QCOMPARE(ligands, 1);
    }

    void keepsTheHighestOccupancyAlternate() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/pdb1ejg.pdb"));
        QCOMPARE(s.chainSequence(0).size(), std::size_t(46));
        for (int r = 0; r < s.residueCount(); ++r) {
            std::set<std::string> names;
            const auto atoms = s.residueAtoms(r);
            for (int a = atoms.begin; a < atoms.end; ++a)
                QVERIFY2(names.insert(s.atomName(a)).second, "duplicate atom after resolving alternates");
        }
        const Structure t =
            parsePdb("ATOM      1  CA ASER A   1       1.000   1.000   1.000  0.40 10.00           C\n"
                     "ATOM      2  CA BSER A   1       2.000   2.000   2.000  0.60 10.00           C\n"
                     "ATOM      3  CA APRO A   2       3.000   3.000   3.000  0.70 10.00           C\n"
                     "ATOM      4  CA BSER A   2       4.000   4.000   4.000  0.30 10.00           C\n");
        QCOMPARE(t.residueCount(), 2);
        QCOMPARE(t.atomCount(), 2);
        QCOMPARE(t.position(0).x(), 2.0);
        QCOMPARE(t.residueName(1), std::string("PRO")); // microheterogeneity: the better-occupied type
    }

    void readsGzip() {
        const Structure s = esm::readStructureFile(testpaths::data("structures/5eep.pdb.gz"));
        QCOMPARE(s.name, std::string("5eep"));
        QCOMPARE(s.chainSequence(0).size(), std::size_t(140));
    }

    void detectsEsmFoldPlddt() {
        const Structure s = parsePdb(kEsmFoldStyle);
        QCOMPARE(s.confidence, Confidence::PLDDT);
        QCOMPARE(s.residueCount(), 2);
        QCOMPARE(s.chainSequence(0), std::string("MK"));
        QCOMPARE(s.residueConfidence(1), 93.0);
    }

    void rescalesHuggingFacePlddt() {
        const Structure s = esm::readStructureFile(testpaths::data("esmfold_tiny/reference.pdb"));
        QCOMPARE(s.confidence, Confidence::PLDDT);
        QCOMPARE(s.bFactor(0), 48.0); // 0.48 in the file
    }

    void doesNotTakeBFactorsForPlddtWithoutEvidence() {
        const Structure constant =
            parsePdb("ATOM      1  CA  GLY A   1       1.000   1.000   1.000  1.00  0.00           C\n"
                     "ATOM      2  CA  GLY A   2       2.000   1.000   1.000  1.00  0.00           C\n");
        QCOMPARE(constant.confidence, Confidence::BFactor);
        const Structure large =
            parsePdb("ATOM      1  CA  GLY A   1       1.000   1.000   1.000  1.00 20.00           C\n"
                     "ATOM      2  CA  GLY A   2       2.000   1.000   1.000  1.00 120.0           C\n");
        QCOMPARE(large.confidence, Confidence::BFactor);
    }

    void toleratesShortLinesAndCrlf() {
        const Structure s = parsePdb("ATOM      1  N   GLY A   1       1.000   2.000   3.000\r\n"
                                     "HETATM    2 FE   HEM A   2       4.000   5.000   6.000  1.00\r\n");
        QCOMPARE(s.atomCount(), 2);
        QCOMPARE(s.element(0), std::string("N"));
        QCOMPARE(s.element(1), std::string("FE"));
        QCOMPARE(s.occupancy(0), 1.0f);
        QCOMPARE(s.position(1).z(), 6.0);
    }

    void badInputGetsLineNumbers() {
        ESMX_EXPECT_ERROR(parsePdb("HEADER\nATOM      1  N   GLY A   1       1.0x0   2.000   3.000\n"),
                          "in.pdb:2: bad x coordinate '1.0x0'");
        ESMX_EXPECT_ERROR(parsePdb("ATOM      1  N   GLY A   1       1.000\n"),
                          "in.pdb:1: missing y coordinate");
        ESMX_EXPECT_ERROR(parsePdb("ATOM      1  N   GLY A   X       1.000   2.000   3.000\n"),
                          "in.pdb:1: bad residue number 'X'");
        ESMX_EXPECT_ERROR(parsePdb("HEADER    nothing here\n"), "no ATOM or HETATM records");
        ESMX_EXPECT_ERROR(esm::readStructureFile(testpaths::data("structures/absent.pdb")), "cannot open");
        ESMX_EXPECT_ERROR(esm::readStructureFile(testpaths::data("structures/1ubq.xyz")),
                          "unknown structure format");
    }

    // Defect: a download cut short inside its last line rejected the whole file.
    void aLastLineCutShortIsLeftOutWithAWarning() {
        const std::string whole =
            "ATOM      1  N   GLY A   1       1.000   2.000   3.000  1.00  0.00           N\n"
            "ATOM      2  CA  GLY A   1       2.000   2.000   3.000  1.00  0.00           C\n";
        const esm::Structure s = parsePdb(whole + "ATOM      3  C   GLY A   1       3.0");
        QCOMPARE(s.atomCount(), 2);
        QCOMPARE(s.warnings.size(), std::size_t(1));
        QVERIFY2(s.warnings[0].find("in.pdb:3") != std::string::npos &&
                     s.warnings[0].find("ends inside this line") != std::string::npos,
                 s.warnings[0].c_str());
        QVERIFY(parsePdb(whole).warnings.empty());
        // Inside the file the same line is an error, and a file of nothing else has no atoms.
        ESMX_EXPECT_ERROR(parsePdb("ATOM      3  C   GLY A   1       3.0\n" + whole), "in.pdb:1: missing y");
        ESMX_EXPECT_ERROR(parsePdb("ATOM      3  C   GLY A   1       3.0"), "no ATOM or HETATM records");
    }

    void truncatedGzipIsAnError() {
        QTemporaryDir dir;
        const std::string bytes = esm::readFile(testpaths::data("structures/5eep.pdb.gz"));
        const auto path = testpaths::in(dir, "cut.pdb.gz");
        esm::writeFileAtomically(path, bytes.substr(0, bytes.size() / 2));
        ESMX_EXPECT_ERROR(esm::readStructureFile(path), "truncated gzip data");
        std::string corrupt = bytes;
        for (std::size_t i = 100; i < 400; ++i)
            corrupt[i] = static_cast<char>(i);
        esm::writeFileAtomically(path, corrupt);
        ESMX_EXPECT_ERROR(esm::readStructureFile(path), "corrupt gzip data");
    }

    void nonFiniteCoordinatesAreRefused() {
        const std::string atom = "ATOM      1  CA  ALA A   1    %s  12.000  13.000  1.00 90.00           C\n";
        char line[200];
        for (const char* x : {"     nan", "     inf", "    -inf"}) {
            std::snprintf(line, sizeof line, atom.c_str(), x);
            ESMX_EXPECT_ERROR(esm::readStructureText(line, esm::StructureFormat::Pdb, "n.pdb", "n"),
                              "is not a finite number");
        }
        std::snprintf(line, sizeof line, atom.c_str(), "  11.000");
        QCOMPARE(esm::readStructureText(line, esm::StructureFormat::Pdb, "ok.pdb", "ok").atomCount(), 1);
    }

    void gzipBombsAreStopped() {
        // 200 MB of blanks in about 0.2 MB: stopped at 64 MB with the file's name, not after taking the
        // memory.
        const std::string blanks(200u << 20, ' ');
        z_stream z{};
        QCOMPARE(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
        std::string packed(deflateBound(&z, uLong(blanks.size())), '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(blanks.data()));
        z.avail_in = uInt(blanks.size());
        z.next_out = reinterpret_cast<Bytef*>(packed.data());
        z.avail_out = uInt(packed.size());
        QCOMPARE(deflate(&z, Z_FINISH), Z_STREAM_END);
        packed.resize(z.total_out);
        deflateEnd(&z);
        QTemporaryDir dir;
        const auto path = testpaths::in(dir, "bomb.pdb.gz");
        esm::writeFileAtomically(path, packed);
        ESMX_EXPECT_ERROR(esm::readStructureFile(path), "bomb.pdb.gz: decompresses to more than 64 MB");
    }

    void valuesPdbCannotHoldAreRefusedNotCut() {
        // Each of these was cut silently before (chain "AB" -> "A", residue 12345 -> 2345, ...).
        auto structureWith = [](const std::string& chain, int number, double x, const std::string& residue) {
            esm::Structure s;
            s.addConformer(1);
            s.addChain(chain);
            s.addResidue(residue, number, ' ', false);
            esm::Structure::AtomRecord atom;
            atom.name = "CA";
            atom.element = "C";
            atom.position = {x, 1.0, 2.0};
            s.addAtom(atom);
            return s;
        };
        std::ostringstream out;
        ESMX_EXPECT_ERROR(esm::writePdb(out, structureWith("AB", 1, 0.0, "ALA")),
                          "chain id 'AB' (PDB has one character)");
        ESMX_EXPECT_ERROR(esm::writePdb(out, structureWith("A", 12345, 0.0, "ALA")), "residue number 12345");
        ESMX_EXPECT_ERROR(esm::writePdb(out, structureWith("A", 1, -1000.5, "ALA")), "coordinate -1000.5");
        ESMX_EXPECT_ERROR(esm::writePdb(out, structureWith("A", 1, 0.0, "LIGAND")),
                          "write mmCIF (.cif) instead");
        QVERIFY(out.str().empty());
        // mmCIF holds them, and reads them back unchanged.
        const esm::Structure wide = structureWith("AB", 12345, -1000.5, "LIGAND");
        const esm::Structure back = esm::readStructureText(
            esm::structureText(wide, esm::StructureFormat::Mmcif), esm::StructureFormat::Mmcif, "w.cif", "w");
        QCOMPARE(back.chainId(0), std::string("AB"));
        QCOMPARE(back.residueNumber(0), 12345);
        QCOMPARE(back.residueName(0), std::string("LIGAND"));
        QCOMPARE(back.position(0).x(), -1000.5);
        std::ostringstream fits;
        esm::writePdb(fits, structureWith("A", 9999, -999.9, "ALA"));
        QVERIFY(fits.str().find("9999") != std::string::npos);
    }

    void writerIsColumnExact() {
        // Our records equal the PDB's own for ubiquitin, line for line.
        const std::string original = esm::readFile(testpaths::data("structures/1ubq.pdb"));
        const std::string written = pdbText(esm::readStructureFile(testpaths::data("structures/1ubq.pdb")));
        QCOMPARE(linesStartingWith(written, {"ATOM", "HETATM", "TER"}),
                 linesStartingWith(original, {"ATOM", "HETATM", "TER"}));
        QVERIFY(written.rfind("HEADER    ", 0) == 0);
        QVERIFY(written.find("EXPDTA    X-RAY DIFFRACTION") != std::string::npos);
        QVERIFY(written.size() > 2 && written.substr(written.size() - 4) == "END\n");
    }

    void writerMatchesHuggingFaceLayout() {
        const auto path = testpaths::data("esmfold_tiny/reference.pdb");
        const Structure s = esm::readStructureFile(path);
        esm::PdbWriteOptions hf;
        hf.plddtScale = 1.0f;
        hf.huggingFaceLayout = true;
        QCOMPARE(pdbText(s, hf), esm::readFile(path));
    }

    void writesPlddtOnTheHundredScaleWithAHeader() {
        const Structure s = parsePdb(kEsmFoldStyle);
        const std::string text = pdbText(s);
        QVERIFY(text.rfind("HEADER    PREDICTED STRUCTURE", 0) == 0);
        QVERIFY(text.find(" 93.00           C") != std::string::npos);
        const Structure back = parsePdb(text);
        QCOMPARE(back.confidence, Confidence::PLDDT);
        structurechecks::compareStructures(s, back);
    }

    void roundTripsEveryEntry_data() {
        QTest::addColumn<QString>("file");
        for (const char* f :
             {"1ubq.pdb", "1d3z.pdb", "1a0q.pdb", "1hpv.pdb", "1hel.pdb", "pdb1ejg.pdb", "5eep.pdb.gz"})
            QTest::newRow(f) << f;
    }
    void roundTripsEveryEntry() {
        QFETCH(QString, file);
        const Structure s = esm::readStructureFile(testpaths::data("structures/" + file.toStdString()));
        structurechecks::compareStructures(s, parsePdb(pdbText(s)));
    }

    void readsRealEsmFoldPredictions() {
        const std::string folder = "data/esmfold-predictions";
        if (!testpaths::sharedExists(folder))
            QSKIP("../shared/data/esmfold-predictions is absent: real ESMFold files not tested");
        // Residue counts and all-atom mean pLDDT as MANIFEST.tsv and the ESMFold logs give them.
        const std::map<std::string, std::pair<int, double>> expected{
            {"esmfold_wilke_ESMFoldApp/test_50aa.pdb", {49, 86.37}},
            {"esmfold_wilke_ESMFoldApp/test_100aa.pdb", {115, 68.55}},
            {"esmfold_wilke_ESMFoldApp/test_200aa.pdb", {236, 43.05}},
            {"esmfold_wilke_ESMFoldApp/test_400aa_chunk128.pdb", {390, 35.42}},
            {"esmfold_silviacambiago/result.pdb", {65, 88.29}},
        };
        int files = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(testpaths::shared(folder))) {
            if (entry.path().extension() != ".pdb")
                continue;
            ++files;
            const Structure s = esm::readStructureFile(entry.path());
            QVERIFY2(s.confidence == Confidence::PLDDT, entry.path().c_str());
            QCOMPARE(s.chainCount(), 1);
            const auto key = std::filesystem::relative(entry.path(), testpaths::shared(folder)).string();
            if (auto it = expected.find(key); it != expected.end()) {
                QCOMPARE(int(s.chainSequence(0).size()), it->second.first);
                double sum = 0;
                for (int a = 0; a < s.atomCount(); ++a)
                    sum += s.bFactor(a);
                QVERIFY2(std::abs(sum / s.atomCount() - it->second.second) < 0.006, key.c_str());
            }
            structurechecks::compareStructures(s, parsePdb(pdbText(s)));
        }
        QCOMPARE(files, 13);
    }
};

QTEST_APPLESS_MAIN(TestPdbIo)
#include "test_pdb_io.moc"
