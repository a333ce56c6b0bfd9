// Every output tensor of the ESM fixtures, computed through the pipeline, against HuggingFace's.
#include "core/pipeline/language_model.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <QtTest>
#include <map>

using tensorchecks::expectClose;
using tensorchecks::Reference;

namespace {

std::vector<std::vector<long>> unpaddedRows(const esm::TensorRecord& ids, const esm::TensorRecord& mask) {
    const auto id = tensorchecks::values(ids), m = tensorchecks::values(mask);
    const auto rows = static_cast<std::size_t>(ids.shape[0]),
               columns = static_cast<std::size_t>(ids.shape[1]);
    std::vector<std::vector<long>> batch(rows);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c)
            if (m[r * columns + c] != 0)
                batch[r].push_back(static_cast<long>(id[r * columns + c]));
    return batch;
}

std::unique_ptr<esm::LanguageModel> load(const char* fixture, const char* dtype) {
    esm::RuntimeOptions options;
    options.dtype = dtype;
    return esm::LanguageModel::load(testpaths::data(fixture), options);
}

// A slice [index] of the first axis of a reference record, as a record.
esm::TensorRecord row(const esm::TensorRecord& t, std::int64_t index) {
    esm::TensorRecord r = t;
    r.shape.erase(r.shape.begin());
    r.bytes = r.contiguousBytes();
    r.data = t.data + index * r.bytes;
    return r;
}

} // namespace

class TestEsmParity : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyOutputMatches_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<double>("tolerance");
        for (const char* fixture : {"esm2_tiny", "esm1b_tiny", "esm2_seqcls_tiny", "esm2_tokcls_tiny"}) {
            QTest::newRow(qPrintable(QString("%1 float32").arg(fixture))) << fixture << "float32" << 1e-4;
            QTest::newRow(qPrintable(QString("%1 float64").arg(fixture))) << fixture << "float64" << 1e-9;
        }
    }

    void everyOutputMatches() {
        QFETCH(QString, fixture);
        QFETCH(QString, dtype);
        QFETCH(double, tolerance);
        const Reference ref(testpaths::data(fixture.toStdString() + "/reference.safetensors"));
        const auto model = load(qPrintable(fixture), qPrintable(dtype));

        const auto batch = unpaddedRows(ref["input_ids"], ref["attention_mask"]);
        const auto out = model->forwardPadded(batch, {true, true, true});
        expectClose(esm::recordOf(out.inputIds), ref["input_ids"], 0, "input_ids");
        expectClose(esm::recordOf(out.attentionMask), ref["attention_mask"], 0, "attention_mask");
        // Every reference output of this precision: the fixture decides which exist.
        const std::map<std::string, esm::TensorRecord> computed{
            {"logits", esm::recordOf(out.logits)},
            {"last_hidden_state", esm::recordOf(out.lastHiddenState)},
            {"hidden_states", esm::recordOf(out.hiddenStates)},
            {"attentions_all", esm::recordOf(out.attentions)},
            {"attentions_last", row(esm::recordOf(out.attentions), out.attentions.shape[0] - 1)},
            {"contacts", esm::recordOf(out.contacts)}};
        double worst = 0;
        int compared = 0;
        for (const auto& expected : ref.tensors()) {
            std::string name = expected.name;
            const bool isF64 = name.size() > 4 && name.compare(name.size() - 4, 4, "_f64") == 0;
            if (isF64)
                name.resize(name.size() - 4);
            if (isF64 != (dtype == "float64") || name == "input_ids" || name == "attention_mask" ||
                name.rfind("single", 0) == 0)
                continue;
            const auto it = computed.find(name);
            QVERIFY2(it != computed.end(),
                     qPrintable("no computed counterpart for " + QString::fromStdString(expected.name)));
            worst = std::max(
                worst, expectClose(it->second, expected, tolerance, QString::fromStdString(expected.name)));
            ++compared;
        }
        QVERIFY(compared >= 2);
        qInfo("%s %s: largest difference over all outputs %.3g", qPrintable(fixture), qPrintable(dtype),
              worst);
    }

    // The language-model fixtures' reference files hold three single runs each (the classification
    // fixtures hold none: their heads are compared in batches); a renamed key fails, not skips.
    void singleRunsMatch() {
        for (const char* fixture : {"esm2_tiny", "esm1b_tiny"}) {
            const Reference ref(testpaths::data(std::string(fixture) + "/reference.safetensors"));
            const auto model = load(fixture, "float32");
            int compared = 0;
            for (int i = 0; ref.contains("single" + std::to_string(i) + "_input_ids"); ++i, ++compared) {
                const std::string prefix = "single" + std::to_string(i);
                const auto& ids = ref[prefix + "_input_ids"];
                esm::TensorRecord mask = ids;
                std::vector<std::int64_t> ones(static_cast<std::size_t>(ids.numel()), 1);
                mask.data = reinterpret_cast<const std::byte*>(ones.data());
                const auto out = model->forwardPadded(unpaddedRows(ids, mask), {});
                expectClose(esm::recordOf(out.logits), ref[prefix + "_logits"], 1e-4,
                            QString("%1 %2").arg(fixture).arg(prefix.c_str()));
            }
            QVERIFY2(compared == 3, fixture);
        }
    }

    void paddedBatchEqualsRunningAlone() {
        const auto model = load("esm2_tiny", "float32");
        const std::vector<std::string> sequences{"MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ", "GSHM", "MKTAYIAKQ"};
        std::vector<std::vector<long>> batch;
        for (const auto& s : sequences)
            batch.push_back(model->encode(s));
        const auto together = model->forward(batch, {true, false, true});
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto alone = model->forward({batch[i]}, {true, false, true}).front();
            const QString what = QString::fromStdString(sequences[i]);
            expectClose(esm::recordOf(together[i].logits), esm::recordOf(alone.logits), 1e-5,
                        what + " logits");
            expectClose(esm::recordOf(together[i].hiddenStates), esm::recordOf(alone.hiddenStates), 1e-5,
                        what + " hidden_states");
            expectClose(esm::recordOf(together[i].contacts), esm::recordOf(alone.contacts), 1e-5,
                        what + " contacts");
            QCOMPARE(together[i].contacts.shape,
                     (std::vector<std::int64_t>{std::int64_t(sequences[i].size()),
                                                std::int64_t(sequences[i].size())}));
        }
    }

    // The reduced precisions against the float32 reference: the deviation a user gets (printed).
    void reducedPrecisionStaysCloseToFloat32_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<double>("logitsBound");
        QTest::addColumn<double>("contactsBound");
        QTest::newRow("bfloat16") << "bfloat16" << 0.25 << 0.05;
        QTest::newRow("int8") << "int8" << 0.25 << 0.05;
        QTest::newRow("float16 weights") << "float16" << 0.05 << 0.01;
    }

    void reducedPrecisionStaysCloseToFloat32() {
        QFETCH(QString, dtype);
        QFETCH(double, logitsBound);
        QFETCH(double, contactsBound);
        const Reference ref(testpaths::data("esm2_tiny/reference.safetensors"));
        const auto batch = unpaddedRows(ref["input_ids"], ref["attention_mask"]);
        const auto model = load("esm2_tiny", qPrintable(dtype));
        QCOMPARE(QString::fromStdString(model->info().computeType), dtype);
        const auto out = model->forwardPadded(batch, {false, false, true});
        const auto logits = tensorchecks::compare(esm::recordOf(out.logits), ref["logits"]);
        const auto contacts = tensorchecks::compare(esm::recordOf(out.contacts), ref["contacts"]);
        qInfo("%s vs float32 reference on esm2_tiny: logits max |diff| %.4f, contacts %.4f",
              qPrintable(dtype), logits.maxAbs, contacts.maxAbs);
        QVERIFY(logits.shapeMatches && logits.maxAbs < logitsBound);
        QVERIFY(contacts.shapeMatches && contacts.maxAbs < contactsBound);
        // Not the float32 model under another name.
        QVERIFY(logits.maxAbs > 1e-4);
    }
};

QTEST_APPLESS_MAIN(TestEsmParity)
#include "test_esm_parity.moc"
