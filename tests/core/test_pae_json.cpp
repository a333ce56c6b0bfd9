// Predicted aligned error files as AlphaFold DB (current and first layout), ColabFold and esmx fold
// write them, and where each is found beside its structure.
#include "core/base/error.h"
#include "core/io/pae_json.h"

#include "TestPaths.h"

#include <QtTest>

namespace {

const std::vector<float> kPae{0.25f, 3.5f, 7.f, 1.f}; // 2 x 2, row-major

} // namespace

class TestPaeJson : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void theCurrentAlphaFoldLayoutRoundTrips() {
        const auto pae = esm::parsePaeJson(esm::paeJson({2, kPae, 31.75}), "x.json");
        QCOMPARE(pae.residues, 2);
        QCOMPARE(pae.values, kPae);
        QCOMPARE(pae.maxError, 31.75);
    }

    void theFirstAlphaFoldLayoutIsAListOfRecords() {
        const auto pae = esm::parsePaeJson(R"([{"residue1": [1, 1, 2, 2], "residue2": [1, 2, 1, 2],
                                               "distance": [0.25, 3.5, 7.0, 1.0],
                                               "max_predicted_aligned_error": 31.75}])",
                                           "old.json");
        QCOMPARE(pae.residues, 2);
        QCOMPARE(pae.values, kPae);
        QCOMPARE(pae.maxError, 31.75);
    }

    void colabFoldAndEsmxFoldScores() {
        const auto pae = esm::parsePaeJson(R"({"plddt": [90.1, 80.2], "pae": [[0.25, 3.5], [7, 1]],
                                               "max_pae": 30.0, "ptm": 0.8})",
                                           "scores.json");
        QCOMPARE(pae.values, kPae);
        QCOMPARE(pae.maxError, 30.0);
        // Without a maximum, the largest value.
        QCOMPARE(esm::parsePaeJson(R"({"pae": [[0.25, 3.5], [7, 1]]})", "s.json").maxError, 7.0);
    }

    void damagedFilesAreRefusedWithTheReason() {
        ESMX_EXPECT_ERROR(esm::parsePaeJson("{", "a.json"), "a.json: not valid JSON");
        ESMX_EXPECT_ERROR(esm::parsePaeJson(R"({"plddt": [1]})", "b.json"),
                          "b.json: no predicted aligned error");
        ESMX_EXPECT_ERROR(esm::parsePaeJson(R"({"pae": [[1, 2], [3]]})", "c.json"), "not a square matrix");
        ESMX_EXPECT_ERROR(esm::parsePaeJson(R"({"pae": [[1, "x"], [3, 4]]})", "d.json"),
                          "not a finite number");
        ESMX_EXPECT_ERROR(
            esm::parsePaeJson(R"([{"residue1": [1, 9], "residue2": [1, 1], "distance": [1, 2, 3, 4]}])",
                              "e.json"),
            "not lists of one length");
        ESMX_EXPECT_ERROR(esm::parsePaeJson(R"([{"residue1": [1, 1, 2, 3], "residue2": [1, 2, 1, 2],
                                                 "distance": [1, 2, 3, 4]}])",
                                            "f.json"),
                          "out of 1-2");
    }

    // Issue 30: 300,000 empty rows (900 KB) set aside 300,000² values before the first row was
    // checked (std::bad_alloc, and the GUI aborted); a deep value overflowed the stack when quoted.
    void hostileFilesFailFastWithoutMemory() {
        std::string rows = R"({"pae": [)";
        for (int i = 0; i < 300000; ++i)
            rows += i ? ",[]" : "[]";
        rows += "]}";
        ESMX_EXPECT_ERROR(esm::parsePaeJson(rows, "rows.json"),
                          "rows.json: predicted_aligned_error is not a square matrix");
        const std::string deep =
            R"({"pae": [[)" + std::string(100000, '[') + std::string(100000, ']') + "]]}";
        ESMX_EXPECT_ERROR(esm::parsePaeJson(deep, "deep.json"),
                          "deep.json: JSON nested deeper than 64 levels");
        ESMX_EXPECT_ERROR(
            esm::parsePaeJson(R"({"pae": [[)" + std::string(60, '[') + std::string(60, ']') + "]]}",
                              "nested.json"),
            "not a finite number (a list of 1 item)");
    }

    void theFileBesideAStructure() {
        auto names = [](const char* structure) {
            QStringList list;
            for (const auto& p : esm::paeFilesBeside(std::string("/d/") + structure))
                list << QString::fromStdString(p.string());
            return list;
        };
        QVERIFY(names("P1.pdb").contains("/d/P1.json"));
        QVERIFY(
            names("AF-P69905-F1-model_v4.pdb").contains("/d/AF-P69905-F1-predicted_aligned_error_v4.json"));
        QVERIFY(names("AF-P69905-F1-model_v4.cif.gz")
                    .contains("/d/AF-P69905-F1-predicted_aligned_error_v4.json"));
        QVERIFY(names("x_unrelaxed_rank_001_alphafold2_ptm_model_1_seed_000.pdb")
                    .contains("/d/x_scores_rank_001_alphafold2_ptm_model_1_seed_000.json"));
    }
};

QTEST_MAIN(TestPaeJson)
#include "test_pae_json.moc"
