// Folding through the pipeline as the CLI and the GUI use it: structures, confidence, multimers.
#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/geometry/compare.h"
#include "core/io/pdb_writer.h"
#include "core/pipeline/fold_input.h"
#include "core/pipeline/fold_result.h"
#include "core/pipeline/folder.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>

#include <limits>
#include <sstream>

namespace {

const char* kSingle = "MKTAYIAKQRQISFVKSHFSRQLEERLGLI";
const char* kShort = "GSHMXLVDEKWCPYFNG";

std::string hfPdb(const esm::Structure& s) {
    std::ostringstream out;
    esm::PdbWriteOptions hf;
    hf.plddtScale = 1.0;
    hf.huggingFaceLayout = true;
    esm::writePdb(out, s, hf);
    return out.str();
}

std::vector<std::string> atomLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("ATOM", 0) == 0)
            lines.push_back(line);
    return lines;
}

std::unique_ptr<esm::Folder> tinyFolder() {
    return esm::Folder::load(testpaths::data("esmfold_tiny"), {});
}

} // namespace

class TestFolding : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void pdbTextEqualsHuggingFaceFromItsOutputs() {
        // Our structure building and HF-layout writer, fed HuggingFace's own output tensors, give
        // its PDB text byte for byte.
        const tensorchecks::Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        for (const auto& [prefix, pdb] : {std::pair<std::string, const char*>{"single", "reference.pdb"},
                                          {"batch", "reference_batch0.pdb"}}) {
            std::vector<esm::OwnedTensor> own;
            for (const char* field : {"positions", "atom37_atom_exists", "residx_atom37_to_atom14", "plddt",
                                      "predicted_aligned_error", "max_predicted_aligned_error"}) {
                const auto& t = ref[prefix + "." + field];
                esm::TensorRecord record = t;
                if (record.shape.empty())
                    record.shape = {1};
                own.push_back(
                    tensorchecks::selectAxis(record, std::string(field) == "positions" ? 1 : 0, 0, field));
            }
            const auto result = esm::foldResultFromOutputs(kSingle, esm::encodeFoldInput(kSingle), own, 0.5);
            QCOMPARE(hfPdb(result.structure),
                     esm::readFile(testpaths::data(std::string("esmfold_tiny/") + pdb)));
        }
    }

    void foldedPdbMatchesHuggingFaceWithinRoundOff() {
        const auto folder = tinyFolder();
        QCOMPARE(folder->info().defaultRecycles, 2);
        const auto batch = folder->fold({kSingle, kShort}, {});
        for (const auto& [index, pdb] :
             {std::pair<int, const char*>{0, "reference_batch0.pdb"}, {1, "reference_batch1.pdb"}}) {
            const auto ours = atomLines(hfPdb(batch[std::size_t(index)].structure));
            const auto theirs = atomLines(esm::readFile(testpaths::data(std::string("esmfold_tiny/") + pdb)));
            QCOMPARE(ours.size(), theirs.size());
            for (std::size_t i = 0; i < ours.size(); ++i) {
                QCOMPARE(ours[i].substr(0, 30), theirs[i].substr(0, 30)); // names, residues, numbering
                for (std::size_t column : {30, 38, 46}) // coordinates within the last printed digit
                    QVERIFY(std::abs(std::stod(ours[i].substr(column, 8)) -
                                     std::stod(theirs[i].substr(column, 8))) <= 0.0011);
                QVERIFY(std::abs(std::stod(ours[i].substr(60, 6)) - std::stod(theirs[i].substr(60, 6))) <=
                        0.0101);
            }
        }
        const tensorchecks::Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        QVERIFY(std::abs(folder->fold({kSingle}, {})[0].ptm - tensorchecks::values(ref["single.ptm"])[0]) <
                1e-5);
    }

    void batchesMatchRunningAlone() {
        const auto folder = tinyFolder();
        const auto batch = folder->fold({kSingle, kShort}, {});
        // pTM is per sequence over its own residues: the padded batch gives what folding alone gives.
        const auto alone = folder->fold({kShort}, {}).front();
        QVERIFY2(std::abs(batch[1].ptm - alone.ptm) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(batch[1].ptm).arg(alone.ptm)));
        const tensorchecks::Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        const double hfBatchPtm = tensorchecks::values(ref["batch.ptm"])[0];
        QVERIFY(std::abs(batch[1].ptm - hfBatchPtm) > 1e-3); // HF's batch-wide value is not this sequence's
        esm::FoldOptions hf;
        hf.huggingFacePtm = true;
        QVERIFY(std::abs(folder->fold({kSingle, kShort}, hf)[1].ptm - hfBatchPtm) < 1e-5);
    }

    void reportsConfidenceAndErrors() {
        const auto result = tinyFolder()->fold({kShort}, {}).front();
        QCOMPARE(result.residues, std::size_t(17));
        QCOMPARE(result.plddt.size(), std::size_t(17));
        QCOMPARE(result.pae.size(), std::size_t(17 * 17));
        QCOMPARE(result.maxPae, 31.75);
        double sum = 0;
        for (int a = 0; a < result.structure.atomCount(); ++a)
            sum += result.structure.bFactor(a);
        QVERIFY(std::abs(result.meanPlddt - sum / result.structure.atomCount()) < 1e-6);
        QCOMPARE(result.structure.residueCount(), 16); // the X residue has no atoms
        QCOMPARE(result.structure.chainSequence(0), std::string("GSHMLVDEKWCPYFNG"));
        for (float v : result.pae)
            QVERIFY(v >= 0 && v <= 31.75f);
    }

    void foldsMultimersWithALinker() {
        const esm::FoldInput input = esm::encodeFoldInput("MKTAYIAKQR:GSHMLVDEKW");
        QCOMPARE(input.length(), std::size_t(10 + 25 + 10));
        QCOMPARE(input.residueIndex[9], 9L);
        QCOMPARE(input.residueIndex[10], 10L);       // the linker continues the first chain's numbering
        QCOMPARE(input.residueIndex[35], 35L + 512); // the second chain jumps by 512
        const auto result = tinyFolder()->fold({"MKTAYIAKQR:GSHMLVDEKW"}, {}).front();
        const esm::Structure& s = result.structure;
        QCOMPARE(s.chainCount(), 2);
        QCOMPARE(s.chainId(0), std::string("A"));
        QCOMPARE(s.chainId(1), std::string("B"));
        QCOMPARE(s.chainSequence(0), std::string("MKTAYIAKQR"));
        QCOMPARE(s.chainSequence(1), std::string("GSHMLVDEKW"));
        QCOMPARE(s.residueNumber(s.chainResidues(1).begin), 1);
        QCOMPARE(result.plddt.size(), std::size_t(20));
        QCOMPARE(result.pae.size(), std::size_t(400));
    }

    void keepsRawTensorsPerSequence() {
        esm::FoldOptions options;
        options.keepTensors = true;
        const auto results = tinyFolder()->fold({kSingle, kShort}, options);
        const auto& t = results[1].tensors;
        auto shape = [&](const char* name) {
            for (const auto& x : t)
                if (x.name == name)
                    return x.shape;
            return std::vector<std::int64_t>{-1};
        };
        QCOMPARE(shape("positions"), (std::vector<std::int64_t>{2, 17, 14, 3}));
        QCOMPARE(shape("s_z"), (std::vector<std::int64_t>{17, 17, 32}));
        QCOMPARE(shape("plddt"), (std::vector<std::int64_t>{17, 37}));
        QCOMPARE(shape("ptm"), (std::vector<std::int64_t>{}));
        QCOMPARE(shape("aatype"), (std::vector<std::int64_t>{17}));
        QCOMPARE(t.size(), std::size_t(23));
    }

    void refusesWhatWillNotFitAndSaysWhatWould() {
        const auto folder = tinyFolder();
        const auto small = folder->estimate({30}, {});
        QVERIFY(small.fits());
        QVERIFY(small.activations > 0 && small.weights > 0);
        // The tiny model's pair state is small; only an absurd length fails here.
        try {
            folder->checkFits({40000}, {});
            QFAIL("a 40,000-residue fold was accepted");
        } catch (const esm::Error& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("needs about") && message.contains("available"), e.what());
        }
        esm::FoldOptions chunked;
        chunked.chunkSize = 4;
        QVERIFY(folder->estimate({2000}, chunked).activations < folder->estimate({2000}, {}).activations);
        // A million residues: more bytes than a size_t counts; the estimate saturates and is refused.
        const auto huge = folder->estimate({1'000'000}, {});
        QCOMPARE(huge.total(), std::numeric_limits<std::size_t>::max());
        QVERIFY(!huge.fits());
        ESMX_EXPECT_ERROR(folder->checkFits({1'000'000}, {}), "no chunk size is enough");
    }

    void badSequencesAreRefused() {
        const auto folder = tinyFolder();
        QVERIFY_THROWS_EXCEPTION(esm::Error, folder->fold({"MKTJAY"}, {}));
        QVERIFY_THROWS_EXCEPTION(esm::Error, folder->fold({"MKT::AY"}, {}));
        QVERIFY_THROWS_EXCEPTION(esm::Error, folder->fold({}, {}));
    }

    void reportsStagesAndCancels() {
        const auto folder = tinyFolder();
        std::vector<std::string> stages;
        int estimates = 0;
        esm::Progress progress;
        progress.report = [&](std::int64_t, std::int64_t, const std::string& message) {
            // Trunk messages end in a time-left estimate from the pace so far.
            const std::string stage = message.substr(0, message.find(", about "));
            estimates += stage != message && message.find(" left") != std::string::npos;
            if (stages.empty() || stages.back() != stage)
                stages.push_back(stage);
        };
        folder->fold({kShort}, {}, progress);
        QVERIFY(estimates > 0);
        QCOMPARE(stages, (std::vector<std::string>{"language model", "trunk pass 1/3", "structure module 1/3",
                                                   "trunk pass 2/3", "structure module 2/3", "trunk pass 3/3",
                                                   "structure module 3/3", "building structures"}));
        int calls = 0;
        progress.cancelled = [&] { return ++calls > 5; };
        QVERIFY_THROWS_EXCEPTION(esm::Cancelled, folder->fold({kShort}, {}, progress));
    }

    // The reduced precisions a user can choose fold close to float32; the deviation is printed.
    void reducedPrecisionFoldsStayClose_data() {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("bfloat16") << "bfloat16";
        QTest::newRow("int8 stem") << "int8";
        QTest::newRow("float16 stem") << "float16";
    }

    void reducedPrecisionFoldsStayClose() {
        QFETCH(QString, dtype);
        esm::RuntimeOptions options;
        options.dtype = dtype.toStdString();
        const auto reduced = esm::Folder::load(testpaths::data("esmfold_tiny"), options);
        QCOMPARE(QString::fromStdString(reduced->info().computeType), dtype);
        const auto exact = tinyFolder()->fold({kSingle}, {}).front();
        const auto folded = reduced->fold({kSingle}, {}).front();
        double plddt = 0;
        for (std::size_t i = 0; i < exact.plddt.size(); ++i)
            plddt = std::max(plddt, double(std::abs(folded.plddt[i] - exact.plddt[i])));
        const auto c = esm::compareStructures(folded.structure, exact.structure, esm::Pairing::InOrder);
        QCOMPARE(folded.structure.atomCount(), exact.structure.atomCount());
        double position = 0; // the same frame: ESMFold places both folds alike
        for (int a = 0; a < exact.structure.atomCount(); ++a)
            position =
                std::max(position, (folded.structure.position(a) - exact.structure.position(a)).norm());
        qInfo(
            "%s fold vs float32 (%zu residues): max |dpLDDT| %.2f, mean pLDDT %.3f vs %.3f, CA RMSD %.2f A, "
            "TM %.2f, max atom shift %.2f A",
            qPrintable(dtype), exact.plddt.size(), plddt, folded.meanPlddt, exact.meanPlddt, c.rmsd,
            c.tmScore, position);
        QVERIFY(plddt > 0); // not the float32 fold
        QVERIFY(plddt < 5);
        QVERIFY(c.rmsd < 2.0);
    }

    // The structure after pass k of a fold is the structure a fold of k passes ends with: a preview
    // the GUI shows is the real thing, not an approximation.
    void previewsAreTheFoldsOfFewerPasses() {
        const auto folder = tinyFolder();
        const std::vector<std::string> sequences{kSingle, kShort};
        esm::FoldOptions three;
        three.recycles = 2;
        std::vector<std::pair<int, std::vector<esm::FoldResult>>> previews;
        const auto final = folder->fold(sequences, three, esm::Progress::none(),
                                        [&](int pass, int passes, std::vector<esm::FoldResult> sofar) {
                                            QCOMPARE(passes, 3);
                                            previews.emplace_back(pass, std::move(sofar));
                                        });
        QCOMPARE(previews.size(), std::size_t(2));
        for (const auto& [pass, sofar] : previews) {
            esm::FoldOptions fewer;
            fewer.recycles = pass - 1;
            const auto direct = folder->fold(sequences, fewer);
            QCOMPARE(sofar.size(), sequences.size());
            for (std::size_t i = 0; i < sequences.size(); ++i) {
                QCOMPARE(sofar[i].plddt, direct[i].plddt);
                QCOMPARE(sofar[i].pae, direct[i].pae);
                QCOMPARE(sofar[i].ptm, direct[i].ptm);
                QCOMPARE(hfPdb(sofar[i].structure), hfPdb(direct[i].structure));
            }
        }
        // Each pass moves the structure: the previews are not the final fold.
        QVERIFY(hfPdb(previews.front().second.front().structure) != hfPdb(final.front().structure));
        // A preview may cancel the fold.
        QVERIFY_THROWS_EXCEPTION(esm::Cancelled, folder->fold(sequences, three, esm::Progress::none(),
                                                              [](int, int, std::vector<esm::FoldResult>) {
                                                                  throw esm::Cancelled();
                                                              }));
    }
};

QTEST_APPLESS_MAIN(TestFolding)
#include "test_folding.moc"
