// TensorFlow checkpoints (tf_model.h5): HuggingFace's name mapping, both HDF5 layouts, and the same
// outputs as the safetensors folders they were written from (tests/data/tf/generate.py).
#include "core/base/error.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/checkpoint/tf_weight_names.h"
#include "core/pipeline/language_model.h"
#include "core/pipeline/model_folder.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>

namespace fs = std::filesystem;

namespace {

std::unique_ptr<esm::LanguageModel> load(const fs::path& folder) {
    return esm::LanguageModel::load(folder, {});
}

std::vector<std::vector<long>> someSequences(const esm::LanguageModel& model) {
    return {model.encode("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ"), model.encode("GSHMXLVDEKUW"),
            model.encode("MKV")};
}

// A copy of a TF fixture folder that a test may damage.
fs::path copyOf(const QTemporaryDir& dir, const std::string& fixture) {
    const fs::path target = testpaths::in(dir, "copy");
    fs::copy(testpaths::data("tf/" + fixture), target, fs::copy_options::recursive);
    for (const auto& f : fs::directory_iterator(target))
        fs::permissions(f.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    return target;
}

} // namespace

class TestTfCheckpoints : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void namesMapAsHuggingFaceMapsThem() {
        auto name = esm::pytorchWeightName(
            "tf_esm_for_masked_lm/esm/encoder/layer_._11/attention/self/query/kernel:0", 2);
        QCOMPARE(name.name, std::string("esm.encoder.layer.11.attention.self.query.weight"));
        QCOMPARE(name.axes, (std::vector<int>{1, 0}));
        name = esm::pytorchWeightName("tf_esm_model/esm/embeddings/word_embeddings/embeddings:0", 2);
        QCOMPARE(name.name, std::string("esm.embeddings.word_embeddings.weight"));
        QVERIFY(name.axes.empty());
        QCOMPARE(esm::pytorchWeightName("m/esm/encoder/layer_._0/LayerNorm/gamma:0", 1).name,
                 std::string("esm.encoder.layer.0.LayerNorm.weight"));
        QCOMPARE(esm::pytorchWeightName("m/esm/encoder/emb_layer_norm_after/beta:0", 1).name,
                 std::string("esm.encoder.emb_layer_norm_after.bias"));
        QCOMPARE(esm::pytorchWeightName("m/lm_head/bias:0", 1).name, std::string("lm_head.bias"));
        // '$1___$2' keeps $2; empty levels collapse; convolution kernels permute their axes.
        QCOMPARE(esm::pytorchWeightName("m/a/shared___b/c/bias:0", 1).name, std::string("a.b.c.bias"));
        QCOMPARE(esm::pytorchWeightName("m/a//b/bias:0", 1).name, std::string("a.b.bias"));
        QCOMPARE(esm::pytorchWeightName("m/conv/kernel:0", 4).axes, (std::vector<int>{3, 2, 0, 1}));
        QCOMPARE(esm::pytorchWeightName("m/conv/kernel:0", 3).axes, (std::vector<int>{2, 1, 0}));
        QCOMPARE(esm::pytorchWeightName("bias:0", 1).name, std::string("bias"));
    }

    void kernelsAreTheTransposeOfLinearWeights() {
        const auto tf = esm::CheckpointFiles::open(testpaths::data("tf/esm2_tiny"));
        const auto pt = esm::CheckpointFiles::open(testpaths::data("esm2_tiny"));
        const auto* fromTf = tf.find("esm.encoder.layer.0.intermediate.dense.weight");
        const auto* fromPt = pt.find("esm.encoder.layer.0.intermediate.dense.weight");
        QVERIFY(fromTf && fromPt);
        QCOMPARE(fromTf->shape, fromPt->shape); // [128, 64]
        QCOMPARE(fromTf->strides, (std::vector<std::int64_t>{1, 128}));
        const auto* a = reinterpret_cast<const float*>(fromTf->data);
        const auto* b = reinterpret_cast<const float*>(fromPt->data);
        for (int o = 0; o < 128; ++o)
            for (int i = 0; i < 64; ++i)
                QCOMPARE(a[i * 128 + o], b[o * 64 + i]);
        // The tied decoder is not stored in TensorFlow files; position_ids are not TF variables.
        QVERIFY(!tf.find("lm_head.decoder.weight"));
        QVERIFY(!tf.find("esm.embeddings.position_ids"));
        QVERIFY(tf.find("esm.encoder.layer.2.attention.self.rotary_embeddings.inv_freq"));
    }

    void outputsMatchTheSafetensorsFolders_data() {
        QTest::addColumn<QString>("fixture");
        for (const char* f : {"esm2_tiny", "esm1b_tiny", "esm2_seqcls_tiny", "esm2_tokcls_tiny"})
            QTest::newRow(f) << f;
    }

    void outputsMatchTheSafetensorsFolders() {
        QFETCH(QString, fixture);
        const auto tf = load(testpaths::data("tf/" + fixture.toStdString()));
        const auto pt = load(testpaths::data(fixture.toStdString()));
        QCOMPARE(tf->info().architecture, pt->info().architecture);
        QCOMPARE(tf->info().weightFiles, std::vector<std::string>{"tf_model.h5"});
        const auto batch = someSequences(*pt);
        const auto a = tf->forwardPadded(batch, {true, true, true});
        const auto b = pt->forwardPadded(batch, {true, true, true});
        double worst = 0;
        worst = std::max(worst, tensorchecks::expectClose(esm::recordOf(a.logits), esm::recordOf(b.logits),
                                                          1e-6, "logits"));
        worst =
            std::max(worst, tensorchecks::expectClose(esm::recordOf(a.hiddenStates),
                                                      esm::recordOf(b.hiddenStates), 1e-6, "hidden_states"));
        worst = std::max(worst, tensorchecks::expectClose(esm::recordOf(a.attentions),
                                                          esm::recordOf(b.attentions), 1e-6, "attentions"));
        worst = std::max(worst, tensorchecks::expectClose(esm::recordOf(a.contacts),
                                                          esm::recordOf(b.contacts), 1e-6, "contacts"));
        qInfo("%s from tf_model.h5: largest difference from the safetensors folder %.3g", qPrintable(fixture),
              worst);

        // And against HuggingFace's own outputs for the fixture's padded batch.
        const tensorchecks::Reference ref(testpaths::data(fixture.toStdString() + "/reference.safetensors"));
        const auto ids = tensorchecks::values(ref["input_ids"]),
                   mask = tensorchecks::values(ref["attention_mask"]);
        const auto rows = std::size_t(ref["input_ids"].shape[0]),
                   columns = std::size_t(ref["input_ids"].shape[1]);
        std::vector<std::vector<long>> reference(rows);
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < columns; ++c)
                if (mask[r * columns + c] != 0)
                    reference[r].push_back(long(ids[r * columns + c]));
        const auto out = tf->forwardPadded(reference, {});
        tensorchecks::expectClose(esm::recordOf(out.logits), ref["logits"], 1e-4, "logits");
        tensorchecks::expectClose(esm::recordOf(out.lastHiddenState), ref["last_hidden_state"], 1e-4,
                                  "last_hidden_state");
    }

    void baseModelsAndShardsLoad() {
        // TFEsmModel (with the pooler PyTorch's EsmModel leaves out) gives the masked LM's hidden states.
        const auto base = load(testpaths::data("tf/esm2_base"));
        const auto lm = load(testpaths::data("esm2_tiny"));
        QCOMPARE(base->info().architecture, std::string("EsmModel"));
        const auto ids = someSequences(*lm);
        tensorchecks::expectClose(esm::recordOf(base->forward(ids, {true})[0].hiddenStates),
                                  esm::recordOf(lm->forward(ids, {true})[0].hiddenStates), 1e-6,
                                  "base hidden_states");
        // Shards named by tf_model.h5.index.json, datasets at the variable names.
        const auto sharded = load(testpaths::data("tf/esm2_tiny_sharded"));
        QCOMPARE(sharded->info().weightFiles.size(), std::size_t(3));
        tensorchecks::expectClose(esm::recordOf(sharded->forward(ids, {})[0].logits),
                                  esm::recordOf(lm->forward(ids, {})[0].logits), 1e-6, "sharded logits");
    }

    void brokenFilesGetPreciseErrors() {
        // A missing variable and a wrong shape: the strict report names them, as for safetensors.
        ESMX_EXPECT_ERROR(load(testpaths::data("tf/esm2_tiny_broken")),
                          "esm.encoder.layer.2.intermediate.dense.weight' in ");
        const auto info = esm::inspectModelFolder(testpaths::data("tf/esm2_tiny_broken"));
        QVERIFY(QString::fromStdString(info.problems)
                    .contains("1 tensor(s) missing, e.g. esm.encoder.layer.1.attention.self.value.bias"));
        QVERIFY(QString::fromStdString(info.problems).contains("wrong shape"));

        QTemporaryDir dir;
        const fs::path folder = copyOf(dir, "esm2_tiny");
        const fs::path h5 = folder / "tf_model.h5";
        fs::resize_file(h5, fs::file_size(h5) / 2);
        try {
            load(folder);
            QFAIL("a truncated tf_model.h5 loaded");
        } catch (const esm::Error& e) {
            QVERIFY2(QString(e.what()).contains("tf_model.h5"), e.what());
        }
        testpaths::writeFile(QString::fromStdString(h5.string()), "not hdf5 at all");
        ESMX_EXPECT_ERROR(load(folder), "not an HDF5 file");
    }

    void inspectionDescribesTfFolders() {
        const auto info = esm::inspectModelFolder(testpaths::data("tf/esm2_seqcls_tiny"));
        QCOMPARE(info.weightFiles, std::vector<std::string>{"tf_model.h5"});
        QVERIFY2(info.problems.empty(), info.problems.c_str());
        QCOMPARE(info.storedTypes, std::vector<std::string>{"F32"});
    }
};

QTEST_GUILESS_MAIN(TestTfCheckpoints)
#include "test_tf_checkpoints.moc"
