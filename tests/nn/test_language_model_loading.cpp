// Loading language models from folders as users have them, and as they break.
#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/load_checks.h"
#include "core/pipeline/model_folder.h"

#include "TensorChecks.h"
#include "TestPaths.h"
#include "ZipWriter.h"

#include <QtTest>

#include <cmath>
#include <cstring>

namespace fs = std::filesystem;

namespace {

// A copy of a fixture folder that a test may damage.
fs::path copyFixture(const QTemporaryDir& dir, const char* fixture) {
    const fs::path target = testpaths::in(dir, fixture);
    fs::copy(testpaths::data(fixture), target, fs::copy_options::recursive);
    for (const auto& f : fs::directory_iterator(target))
        fs::permissions(f.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    return target;
}

// Rewrites model.safetensors keeping the records `edit` returns.
void rewriteWeights(const fs::path& folder, const std::function<void(std::vector<esm::OwnedTensor>&)>& edit) {
    const auto file = esm::readSafetensors(folder / "model.safetensors");
    std::vector<esm::OwnedTensor> tensors;
    for (const auto& t : file.tensors)
        tensors.push_back({t.name, t.type, t.shape, std::vector<std::byte>(t.data, t.data + t.bytes)});
    edit(tensors);
    esm::writeSafetensors(folder / "model.safetensors", tensors);
}

std::unique_ptr<esm::LanguageModel> load(const fs::path& folder) {
    return esm::LanguageModel::load(folder, {});
}

} // namespace

class TestLanguageModelLoading : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void loadsInPlaceWithoutCopies() {
        const auto model = load(testpaths::data("esm2_tiny"));
        const auto& info = model->info();
        QCOMPARE(info.architecture, std::string("EsmForMaskedLM"));
        QCOMPARE(info.copiedTensors, 0);
        QVERIFY(info.zeroCopyTensors > 40);
        QCOMPARE(info.maxResidues, std::size_t(1024));
        QCOMPARE(load(testpaths::data("esm1b_tiny"))->info().maxResidues, std::size_t(1022));
        // bfloat16 converts every floating tensor but the float32 ones kept for precision.
        esm::RuntimeOptions bf16;
        bf16.dtype = "bfloat16";
        const auto converted = esm::LanguageModel::load(testpaths::data("esm2_tiny"), bf16);
        QVERIFY(converted->info().copiedTensors > 30);
        // float16 converts the encoder's six Linear weights a layer and nothing else (esmfold_v1's
        // float16 stem would load as views of its file).
        esm::RuntimeOptions half;
        half.dtype = "float16";
        const auto halved = esm::LanguageModel::load(testpaths::data("esm2_tiny"), half);
        QCOMPARE(halved->info().copiedTensors, 3 * 6);
        QCOMPARE(halved->info().computeType, std::string("float16"));
    }

    void readsPytorchBinFolders() {
        // esm2_tiny re-saved as a PyTorch zip archive (float32 records) gives identical outputs.
        QTemporaryDir dir;
        const fs::path folder = copyFixture(dir, "esm2_tiny");
        const auto whole = esm::readSafetensors(folder / "model.safetensors");
        std::vector<const esm::TensorRecord*> floats;
        for (const auto& t : whole.tensors)
            if (t.type ==
                esm::ElementType::F32) // position_ids (int64) is an extra key the loader does not need
                floats.push_back(&t);
        fs::remove(folder / "model.safetensors");
        zipwriter::writeBytes((folder / "pytorch_model.bin").string(), zipwriter::torchArchive(floats));
        const auto fromBin = load(folder);
        const auto reference = load(testpaths::data("esm2_tiny"));
        const auto ids = reference->encode("GSHMXLVDEKUW");
        tensorchecks::expectClose(esm::recordOf(fromBin->forward({ids}, {})[0].logits),
                                  esm::recordOf(reference->forward({ids}, {})[0].logits), 0,
                                  "logits from .bin");
    }

    void foldingModelsAreNotLanguageModels() {
        try {
            load(testpaths::data("esmfold_tiny_bin"));
            QFAIL("a folding model loaded as a language model");
        } catch (const esm::Error& e) {
            QVERIFY(QString(e.what()).contains("folding model"));
        }
    }

    void shardedAndBinFoldersGiveTheSameOutputs() {
        QTemporaryDir dir;
        const fs::path folder = copyFixture(dir, "esm2_tiny");
        const auto whole = esm::readSafetensors(folder / "model.safetensors");
        std::vector<esm::TensorRecord> a(whole.tensors.begin(), whole.tensors.begin() + 20),
            b(whole.tensors.begin() + 20, whole.tensors.end());
        esm::writeSafetensors(folder / "model-00001-of-00002.safetensors", a);
        esm::writeSafetensors(folder / "model-00002-of-00002.safetensors", b);
        std::string index = R"({"weight_map": {)";
        for (std::size_t i = 0; i < whole.tensors.size(); ++i)
            index += std::string(i ? "," : "") + "\"" + whole.tensors[i].name + "\": \"model-0000" +
                     (i < 20 ? "1" : "2") + "-of-00002.safetensors\"";
        esm::writeFileAtomically(folder / "model.safetensors.index.json", index + "}}");
        fs::remove(folder / "model.safetensors");
        const auto sharded = load(folder);
        const auto reference = load(testpaths::data("esm2_tiny"));
        const auto ids = reference->encode("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ");
        tensorchecks::expectClose(esm::recordOf(sharded->forward({ids}, {})[0].logits),
                                  esm::recordOf(reference->forward({ids}, {})[0].logits), 0,
                                  "sharded logits");
    }

    void brokenFoldersGetPreciseErrors() {
        QTemporaryDir dir;
        const fs::path folder = copyFixture(dir, "esm2_tiny");

        rewriteWeights(folder, [](auto& t) {
            t.erase(
                std::remove_if(t.begin(), t.end(),
                               [](auto& x) { return x.name == "esm.encoder.layer.1.output.dense.weight"; }),
                t.end());
        });
        ESMX_EXPECT_ERROR(load(folder),
                          "1 tensor(s) the model needs are missing: esm.encoder.layer.1.output.dense.weight");

        fs::copy_file(testpaths::data("esm2_tiny/model.safetensors"), folder / "model.safetensors",
                      fs::copy_options::overwrite_existing);
        rewriteWeights(folder, [](auto& t) {
            for (auto& x : t)
                if (x.name == "esm.encoder.layer.2.attention.self.query.weight") {
                    x.shape = {32, 128};
                }
        });
        ESMX_EXPECT_ERROR(load(folder), "tensor 'esm.encoder.layer.2.attention.self.query.weight' in");
        ESMX_EXPECT_ERROR(load(folder), "has shape [32, 128], expected [64, 64]");

        // One NaN weight made every output NaN, silently.
        fs::copy_file(testpaths::data("esm2_tiny/model.safetensors"), folder / "model.safetensors",
                      fs::copy_options::overwrite_existing);
        rewriteWeights(folder, [](auto& t) {
            for (auto& x : t)
                if (x.name == "esm.encoder.layer.0.attention.output.dense.bias") {
                    const float nan = std::nanf("");
                    std::memcpy(x.bytes.data() + 8, &nan, sizeof nan);
                }
        });
        ESMX_EXPECT_ERROR(load(folder),
                          "tensor 'esm.encoder.layer.0.attention.output.dense.bias' holds 1 NaN or "
                          "infinite value (of 64); the checkpoint is damaged");

        const std::string good = esm::readFile(testpaths::data("esm2_tiny/model.safetensors"));
        esm::writeFileAtomically(folder / "model.safetensors", good.substr(0, good.size() - 1000));
        ESMX_EXPECT_ERROR(load(folder), "truncated");

        esm::writeFileAtomically(folder / "model.safetensors", good);
        esm::writeFileAtomically(folder / "vocab.txt", std::string("<cls>\n<pad>\n<eos>\n<unk>\n<mask>\n"));
        ESMX_EXPECT_ERROR(load(folder), "vocab.txt has 5 tokens but config.json says vocab_size 33");
        fs::remove(folder / "vocab.txt");
        ESMX_EXPECT_ERROR(load(folder), "no vocab.txt");
        fs::remove(folder / "config.json");
        ESMX_EXPECT_ERROR(load(folder), "no config.json");
        ESMX_EXPECT_ERROR(load(testpaths::in(dir, "nothing")), "no config.json");
    }

    void unsupportedRuntimeChoicesAreExplained() {
        esm::RuntimeOptions half;
        half.dtype = "float8";
        ESMX_EXPECT_ERROR(esm::LanguageModel::load(testpaths::data("esm2_tiny"), half),
                          "unknown dtype 'float8' (use auto, float32, bfloat16, float16, int8 or float64)");
        esm::RuntimeOptions cuda;
        cuda.device = "cuda";
        ESMX_EXPECT_ERROR(esm::LanguageModel::load(testpaths::data("esm2_tiny"), cuda), "without CUDA");
    }

    void modelsTooBigForMemoryAreRefusedBeforeLoading() {
        const auto message =
            esm::memoryShortfall("esm2_t36_3B_UR50D (float32)", 11'400'000'000, 8'000'000'000);
        QVERIFY(message);
        QCOMPARE(QString::fromStdString(*message),
                 QString("esm2_t36_3B_UR50D (float32) needs about 11.4 GB of memory but only 8.0 GB is free; "
                         "close other "
                         "programs, or choose a smaller model or a 16-bit compute type"));
        QVERIFY(!esm::memoryShortfall("tiny", 1000, 1000));
        const auto files = esm::CheckpointFiles::open(testpaths::data("esm2_tiny"));
        esm::checkWeightsFitMemory(testpaths::data("esm2_tiny"), files, "float64",
                                   [](const std::string&) { return std::size_t(8); });
        QVERIFY_THROWS_EXCEPTION(
            esm::Error, esm::checkWeightsFitMemory(testpaths::data("esm2_tiny"), files, "float64",
                                                   [](const std::string&) { return std::size_t(1) << 40; }));
        // Only the tensors asked about at that size: one huge encoder weight is enough to refuse.
        QVERIFY_THROWS_EXCEPTION(
            esm::Error,
            esm::checkWeightsFitMemory(
                testpaths::data("esm2_tiny"), files, "float16", [](const std::string& name) {
                    return std::size_t(
                        name.find("encoder.layer.0.intermediate") != std::string::npos ? 1 << 30 : 2);
                }));
    }

    void tooLongSequencesAreRefused() {
        const auto model = load(testpaths::data("esm1b_tiny"));
        ESMX_EXPECT_ERROR(model->encode(std::string(1023, 'A')), "1023 residues is longer than the 1022");
        QCOMPARE(model->encode(std::string(1022, 'A')).size(), std::size_t(1024));
    }

    void loadingReportsProgressAndCanBeCancelled() {
        std::vector<std::string> stages;
        esm::Progress progress;
        progress.report = [&](std::int64_t, std::int64_t, const std::string& stage) {
            stages.push_back(stage);
        };
        load(testpaths::data("esm2_tiny"));
        esm::LanguageModel::load(testpaths::data("esm2_tiny"), {}, progress);
        QVERIFY(std::count(stages.begin(), stages.end(), "loading weights") > 40);
        int calls = 0;
        progress.cancelled = [&] { return ++calls > 10; };
        QVERIFY_THROWS_EXCEPTION(esm::Cancelled,
                                 esm::LanguageModel::load(testpaths::data("esm2_tiny"), {}, progress));
        const auto model = load(testpaths::data("esm2_tiny"));
        calls = 0;
        progress.cancelled = [&] { return ++calls > 1; };
        QVERIFY_THROWS_EXCEPTION(esm::Cancelled, model->forward({model->encode("MKTAY")}, {}, progress));
    }

    void inspectsFoldersWithoutLoading() {
        const auto info = esm::inspectModelFolder(testpaths::data("esm2_tokcls_tiny"));
        QCOMPARE(info.architecture, std::string("EsmForTokenClassification"));
        QVERIFY(info.problems.empty());
        QCOMPARE(info.parameters, std::int64_t(109102 - 64 * 64 - 64 - 64 - 64 - 64 * 33 - 33 + 8 * 64 + 8));
        QTemporaryDir dir;
        const fs::path folder = copyFixture(dir, "esm2_tiny");
        rewriteWeights(folder, [](auto& t) { t.resize(t.size() - 3); });
        const auto damaged = esm::inspectModelFolder(folder);
        QVERIFY(damaged.problems.find("missing") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestLanguageModelLoading)
#include "test_language_model_loading.moc"
