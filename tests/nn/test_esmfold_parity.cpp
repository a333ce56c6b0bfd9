// Every output field of HuggingFace's EsmForProteinFolding on the esmfold_tiny fixture.
#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/fold/load_esmfold.h"
#include "core/nn/kernels/packed_linear.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/owned_tensor.h"
#include "core/pipeline/folder.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using tensorchecks::Reference;

namespace {

esm::OwnedTensor owned(const esm::TensorRecord& r) {
    return {r.name, r.type, r.shape, std::vector<std::byte>(r.data, r.data + r.contiguousBytes())};
}

double tolerance(const std::string& field, double base) {
    if (field == "positions" || field == "frames" || field == "sidechain_frames")
        return base * 10; // Å: 1e-3 for float32
    return base;
}

// Axes (batch included) that run over residues, per output field; the batch axis comes first
// except for per-block fields, whose batch axis is 1.
struct Axes {
    std::size_t batch;
    std::vector<std::size_t> residues;
};

Axes axesOf(const std::string& field) {
    for (const char* perBlock :
         {"frames", "sidechain_frames", "unnormalized_angles", "angles", "positions", "states", "lddt_head"})
        if (field == perBlock)
            return {1, {2}};
    for (const char* pairwise :
         {"s_z", "distogram_logits", "ptm_logits", "aligned_confidence_probs", "predicted_aligned_error"})
        if (field == pairwise)
            return {0, {1, 2}};
    if (field == "ptm" || field == "max_predicted_aligned_error")
        return {0, {}};
    return {0, {1}};
}

// Elements at padding positions: HuggingFace computes them, but in float32 the -1e5 masks that
// shift those softmax rows quantise their logits to 0.008, so their values are ill-conditioned
// and any implementation differs there. They are compared at `paddingTolerance`; every element of
// a real residue at `tolerance`.
double compareField(const esm::TensorRecord& actual, const esm::TensorRecord& expected,
                    const std::string& field, const std::vector<std::int64_t>& lengths, double tolerance,
                    double paddingTolerance, double* paddingWorst) {
    if (actual.shape != expected.shape) {
        QTest::qFail(qPrintable(QString("%1: shape mismatch").arg(field.c_str())), __FILE__, __LINE__);
        return INFINITY;
    }
    const auto a = tensorchecks::values(actual), e = tensorchecks::values(expected);
    const Axes axes = axesOf(field);
    std::vector<std::int64_t> strides(actual.shape.size(), 1);
    for (std::size_t d = actual.shape.size(); d-- > 1;)
        strides[d - 1] = strides[d] * actual.shape[d];
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        bool padding = false;
        if (!axes.residues.empty() && actual.shape.size() > axes.batch) {
            const auto b = (std::int64_t(i) / strides[axes.batch]) % actual.shape[axes.batch];
            for (std::size_t axis : axes.residues)
                padding = padding ||
                          (std::int64_t(i) / strides[axis]) % actual.shape[axis] >= lengths[std::size_t(b)];
        }
        const double d = std::abs(a[i] - e[i]);
        if (!std::isfinite(a[i]) || d > (padding ? paddingTolerance : tolerance)) {
            QTest::qFail(qPrintable(QString("%1: element %2 differs by %3%4")
                                        .arg(field.c_str())
                                        .arg(i)
                                        .arg(d)
                                        .arg(padding ? " (padding)" : "")),
                         __FILE__, __LINE__);
            return d;
        }
        (padding ? *paddingWorst : worst) = std::max(padding ? *paddingWorst : worst, d);
    }
    return worst;
}

// Compares every output field of `prefix` in `ref` and reports the largest difference.
void compareAll(const std::vector<esm::OwnedTensor>& out, const Reference& ref, const std::string& prefix,
                double base, const Reference& inputs, const std::string& inputPrefix) {
    std::vector<std::int64_t> lengths;
    const auto& mask = inputs[inputPrefix + ".attention_mask"];
    const auto maskValues = tensorchecks::values(mask);
    for (std::int64_t b = 0; b < mask.shape[0]; ++b) {
        std::int64_t n = 0;
        for (std::int64_t j = 0; j < mask.shape[1]; ++j)
            n += maskValues[std::size_t(b * mask.shape[1] + j)] != 0;
        lengths.push_back(n);
    }
    int compared = 0;
    double worst = 0, paddingWorst = 0;
    std::string worstField;
    for (const auto& t : out) {
        const std::string name = prefix + "." + t.name;
        if (!ref.contains(name))
            continue;
        esm::TensorRecord actual = esm::recordOf(t);
        if (t.name == "ptm" || t.name == "max_predicted_aligned_error")
            actual.shape.clear();
        const double d =
            compareField(actual, ref[name], t.name, lengths, tolerance(t.name, base), 1e-2, &paddingWorst);
        if (qEnvironmentVariableIsSet("ESMX_SHOW_DIFFS"))
            qInfo("  %s %.3g", name.c_str(), d);
        if (d > worst) {
            worst = d;
            worstField = t.name;
        }
        ++compared;
    }
    qInfo("%s: %d fields, largest difference over residues %.3g (%s); over padding %.3g", prefix.c_str(),
          compared, worst, worstField.c_str(), paddingWorst);
    QVERIFY(compared >= 20);
}

} // namespace

class TestEsmFoldParity : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void float32MatchesEveryField_data() {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("single") << "single";
        QTest::newRow("batch") << "batch";
    }
    void float32MatchesEveryField() {
        QFETCH(QString, prefix);
        const std::string p = prefix.toStdString();
        const Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), {});
        const auto out =
            folder->forwardPadded(owned(ref[p + ".aatype_in"]), owned(ref[p + ".attention_mask"]),
                                  owned(ref[p + ".position_ids"]), 2);
        compareAll(out, ref, p, 1e-4, ref, p);
    }

    // Every float32 Linear layer packed for oneDNN, down to the fixture's narrowest (a real model packs
    // those of 512 features and more): every field still matches the reference.
    void packedLinearLayersMatchEveryField() {
        const Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        const auto model = esm::nn::loadEsmFold(
            esm::readEsmConfig(testpaths::data("esmfold_tiny/config.json")),
            esm::CheckpointFiles::open(testpaths::data("esmfold_tiny")), {}, esm::Progress::none());
        QCOMPARE(esm::nn::packLinearLayers(*model), 0); // the fixture's layers are all narrower than 512
        int layers = 0; // all but those held directly (the contact head's regression)
        for (const auto& [name, layer] : esm::nn::linearLayers(*model, ""))
            layers += layer->swappable() ? 1 : 0;
        if (esm::nn::packLinearLayers(*model, "", 1) == 0)
            QSKIP("this LibTorch has no oneDNN");
        QCOMPARE(esm::nn::packLinearLayers(*model, "", 1), layers);
        c10::InferenceMode inference;
        for (const std::string p : {"single", "batch"}) {
            esm::nn::FoldRequest request;
            request.recycles = 2;
            const auto out = model->forward(esm::nn::toTensor(owned(ref[p + ".aatype_in"])),
                                            esm::nn::toTensor(owned(ref[p + ".attention_mask"])),
                                            esm::nn::toTensor(owned(ref[p + ".position_ids"])), request);
            std::vector<esm::OwnedTensor> fields;
            for (const auto& [name, t] : out.named())
                fields.push_back(esm::nn::toOwnedTensor(name, t));
            compareAll(fields, ref, p, 1e-4, ref, p);
        }
    }

    void float64MatchesThePureFloat64Reference() {
        const Reference inputs(testpaths::data("esmfold_tiny/reference.safetensors"));
        const Reference ref(testpaths::data("esmfold_tiny/reference_f64.safetensors"));
        esm::RuntimeOptions f64;
        f64.dtype = "float64";
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), f64);
        for (const std::string p : {"single", "batch"}) {
            const auto out =
                folder->forwardPadded(owned(inputs[p + ".aatype_in"]), owned(inputs[p + ".attention_mask"]),
                                      owned(inputs[p + ".position_ids"]), 2);
            compareAll(out, ref, p + "_f64pure", 1e-6, inputs, p);
        }
    }

    // facebook/esmfold_v1 stores esm.* in float16 and the rest in float32; HF upcasts on load. Our
    // float16 dtype keeps the stem's Linear weights as stored and widens them per layer instead:
    // the same numbers in half the memory.
    void loadsTheFloat16LanguageModelOfEsmFoldV1_data() {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("float32") << "float32";
        QTest::newRow("float16 stem") << "float16";
    }

    void loadsTheFloat16LanguageModelOfEsmFoldV1() {
        QFETCH(QString, dtype);
        QTemporaryDir dir;
        const auto folder = testpaths::in(dir, "esmfold_fp16esm");
        std::filesystem::create_directory(folder);
        for (const char* f : {"config.json", "vocab.txt"})
            std::filesystem::copy_file(testpaths::data(std::string("esmfold_tiny_bin/") + f), folder / f);
        std::filesystem::copy_file(testpaths::data("esmfold_tiny_bin/pytorch_model_fp16esm.bin"),
                                   folder / "pytorch_model.bin");
        const Reference ref(testpaths::data("esmfold_tiny_bin/reference_fp16esm.safetensors"));
        esm::RuntimeOptions options;
        options.dtype = dtype.toStdString();
        const auto model = esm::Folder::load(folder, options);
        QCOMPARE(QString::fromStdString(model->info().computeType), dtype);
        QVERIFY(std::count(model->info().storedTypes.begin(), model->info().storedTypes.end(), "F16") == 1);
        if (dtype == "float16") // the stem's encoder weights held at 2 bytes, not 4
            QVERIFY(model->info().weightBytes < esm::Folder::load(folder, {})->info().weightBytes);
        for (const std::string p : {"single", "batch"}) {
            const auto out =
                model->forwardPadded(owned(ref[p + ".aatype_in"]), owned(ref[p + ".attention_mask"]),
                                     owned(ref[p + ".position_ids"]), 2);
            compareAll(out, ref, p, 1e-4, ref, p);
        }
    }

    void chunkedTrunkGivesTheSameResult() {
        const Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), {});
        for (std::int64_t chunk : {1, 7, 16}) {
            const auto out =
                folder->forwardPadded(owned(ref["batch.aatype_in"]), owned(ref["batch.attention_mask"]),
                                      owned(ref["batch.position_ids"]), 2, chunk);
            compareAll(out, ref, "batch", 1e-4, ref, "batch");
        }
    }
};

QTEST_APPLESS_MAIN(TestEsmFoldParity)
#include "test_esmfold_parity.moc"
