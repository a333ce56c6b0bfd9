// Every output field of HuggingFace's EsmForProteinFolding on the esmfold_tiny fixture.
#include "core/pipeline/folder.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>
#include <algorithm>

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

// Compares every output field of `prefix` in `ref` and reports the largest difference.
void compareAll(const std::vector<esm::OwnedTensor>& out, const Reference& ref, const std::string& prefix,
                double base) {
    int compared = 0;
    double worst = 0;
    std::string worstField;
    for (const auto& t : out) {
        const std::string name = prefix + "." + t.name;
        if (!ref.contains(name))
            continue;
        const esm::TensorRecord& expected = ref[name];
        esm::TensorRecord actual = t.view();
        if (t.name == "ptm" || t.name == "max_predicted_aligned_error")
            actual.shape.clear();
        const double d = tensorchecks::expectClose(actual, expected, tolerance(t.name, base), QString::fromStdString(name));
        if (qEnvironmentVariableIsSet("ESMX_SHOW_DIFFS"))
            qInfo("  %s %.3g", name.c_str(), d);
        if (d > worst) {
            worst = d;
            worstField = t.name;
        }
        ++compared;
    }
    qInfo("%s: %d fields, largest difference %.3g (%s)", prefix.c_str(), compared, worst, worstField.c_str());
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
        const auto out = folder->forwardPadded(owned(ref[p + ".aatype_in"]), owned(ref[p + ".attention_mask"]),
                                               owned(ref[p + ".position_ids"]), 2);
        compareAll(out, ref, p, 1e-4);
    }

    void float64MatchesThePureFloat64Reference() {
        const Reference inputs(testpaths::data("esmfold_tiny/reference.safetensors"));
        const Reference ref(testpaths::data("esmfold_tiny/reference_f64.safetensors"));
        esm::RuntimeOptions f64;
        f64.dtype = "float64";
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), f64);
        for (const std::string p : {"single", "batch"}) {
            const auto out = folder->forwardPadded(owned(inputs[p + ".aatype_in"]), owned(inputs[p + ".attention_mask"]),
                                                   owned(inputs[p + ".position_ids"]), 2);
            compareAll(out, ref, p + "_f64pure", 1e-6);
        }
    }

    void loadsTheFloat16LanguageModelOfEsmFoldV1() {
        // facebook/esmfold_v1 stores esm.* in float16 and the rest in float32; HF upcasts on load.
        QTemporaryDir dir;
        const auto folder = testpaths::in(dir, "esmfold_fp16esm");
        std::filesystem::create_directory(folder);
        for (const char* f : {"config.json", "vocab.txt"})
            std::filesystem::copy_file(testpaths::data(std::string("esmfold_tiny_bin/") + f), folder / f);
        std::filesystem::copy_file(testpaths::data("esmfold_tiny_bin/pytorch_model_fp16esm.bin"),
                                   folder / "pytorch_model.bin");
        const Reference ref(testpaths::data("esmfold_tiny_bin/reference_fp16esm.safetensors"));
        const auto model = esm::Folder::load(folder, {});
        QVERIFY(std::count(model->info().storedTypes.begin(), model->info().storedTypes.end(), "F16") == 1);
        for (const std::string p : {"single", "batch"}) {
            const auto out = model->forwardPadded(owned(ref[p + ".aatype_in"]), owned(ref[p + ".attention_mask"]),
                                                  owned(ref[p + ".position_ids"]), 2);
            compareAll(out, ref, p, 1e-4);
        }
    }

    void chunkedTrunkGivesTheSameResult() {
        const Reference ref(testpaths::data("esmfold_tiny/reference.safetensors"));
        const auto folder = esm::Folder::load(testpaths::data("esmfold_tiny"), {});
        for (std::int64_t chunk : {1, 7, 16}) {
            const auto out = folder->forwardPadded(owned(ref["batch.aatype_in"]), owned(ref["batch.attention_mask"]),
                                                   owned(ref["batch.position_ids"]), 2, chunk);
            compareAll(out, ref, "batch", 1e-4);
        }
    }
};

QTEST_APPLESS_MAIN(TestEsmFoldParity)
#include "test_esmfold_parity.moc"
