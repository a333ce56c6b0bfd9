// Fine-tuning against the Python peer (tests/data/train/generate.py: HuggingFace's ESM classes,
// torch.optim.AdamW, the Trainer's loop): every head's loss, every weight after six AdamW steps and
// the logged losses; resume equality; LoRA adapters in PEFT's layout, applied and merged; the head
// mode's frozen encoder; the masked-LM collator.
#include "core/base/error.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/loading/state_dict_loader.h"
#include "core/nn/train/adamw.h"
#include "core/nn/train/losses.h"
#include "core/pipeline/fine_tuning.h"
#include "core/pipeline/task_predictor.h"
#include "core/pipeline/training/training_batches.h"

#include "TensorChecks.h"
#include "TestPaths.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>
#include <nlohmann/json.hpp>

#include <torch/csrc/autograd/function.h>

#include <cstring>
#include <fstream>
#include <limits>
#include <numeric>
#include <set>

using tensorchecks::expectClose;
using tensorchecks::Reference;

namespace {

at::Tensor tensorOf(const esm::TensorRecord& r) {
    return esm::nn::tensorFromRecord(r, esm::nn::toScalarType(r.type), at::kCPU).clone();
}

std::shared_ptr<esm::nn::EsmTaskModel> loadFixture(const char* name) {
    const auto folder = testpaths::data(name);
    const esm::EsmConfig config = esm::readEsmConfig(folder / "config.json");
    auto model =
        esm::nn::loadEsmTaskModel(config, esm::CheckpointFiles::open(folder), {}, esm::Progress::none());
    return model;
}

// The run generate.py made for `name` ("seqcls", "tokcls"), through the same settings.
esm::TrainingSettings peerRun(const std::string& name, const std::filesystem::path& out) {
    esm::TrainingSettings s;
    s.out = out;
    s.shuffle = false;
    s.learningRate = 1e-3;
    s.batchSize = 2;
    s.loggingSteps = 1;
    s.saveSteps = 0;
    s.threads = 1;
    if (name == "seqcls") {
        s.model = testpaths::data("esm2_seqcls_tiny");
        s.task = esm::TrainingTask::SequenceClassification;
        s.train = testpaths::data("train/seqcls_train.csv");
        s.epochs = 2;
        s.warmupSteps = 2;
    } else {
        s.model = testpaths::data("esm2_tokcls_tiny");
        s.task = esm::TrainingTask::TokenClassification;
        s.train = testpaths::data("train/tokcls_train.tsv");
        s.epochs = 3;
        s.gradAccum = 2;
    }
    return s;
}

// A safetensors file's records by name; the records point into the mapping this keeps alive.
struct Tensors {
    explicit Tensors(const std::filesystem::path& path) : file(esm::readSafetensors(path)) {
        for (const auto& t : file.tensors)
            byName[t.name] = t;
    }
    bool count(const std::string& name) const { return byName.count(name) != 0; }
    const esm::TensorRecord& at(const std::string& name) const { return byName.at(name); }
    esm::SafetensorsFile file;
    std::map<std::string, esm::TensorRecord> byName;
};

// How many nodes of the autograd graph below `root` are checkpointed layers.
int recomputedNodes(const std::shared_ptr<torch::autograd::Node>& root) {
    std::set<const torch::autograd::Node*> seen;
    std::vector<std::shared_ptr<torch::autograd::Node>> pending{root};
    int count = 0;
    while (!pending.empty()) {
        const auto node = pending.back();
        pending.pop_back();
        if (!node || !seen.insert(node.get()).second)
            continue;
        count += node->name().find("Recomputed") != std::string::npos;
        for (const auto& edge : node->next_edges())
            pending.push_back(edge.function);
    }
    return count;
}

nlohmann::json readJson(const std::filesystem::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

} // namespace

class TestTraining : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void lossesMatchEveryHead() {
        const Reference ref(testpaths::data("train/losses.safetensors"));
        const at::Tensor ids = tensorOf(ref["input_ids"]), mask = tensorOf(ref["attention_mask"]);
        at::NoGradGuard noGrad;
        const auto seq = loadFixture("esm2_seqcls_tiny");
        const at::Tensor logits = seq->forward(ids, mask, {}).logits;
        int compared = 0;
        for (const std::string problem :
             {"single_label_classification", "multi_label_classification", "regression"}) {
            const at::Tensor labels = tensorOf(ref[problem + ".labels"]);
            QCOMPARE(esm::nn::sequenceProblemType("", 3, labels),
                     problem == "single_label_classification" ? problem
                                                              : std::string("multi_label_classification"));
            const double loss = esm::nn::sequenceLoss(problem, logits, labels).item<double>();
            QVERIFY2(std::abs(loss - tensorOf(ref[problem + ".loss"]).item<double>()) < 1e-5,
                     problem.c_str());
            ++compared;
        }
        QCOMPARE(esm::nn::sequenceProblemType("", 1, at::zeros({2})), std::string("regression"));
        QCOMPARE(esm::nn::sequenceProblemType("regression", 3, at::zeros({2}, at::kLong)),
                 std::string("regression"));

        const auto tok = loadFixture("esm2_tokcls_tiny");
        const double tokenLoss =
            esm::nn::tokenLoss(tok->forward(ids, mask, {}).logits, tensorOf(ref["token.labels"]))
                .item<double>();
        QVERIFY(std::abs(tokenLoss - tensorOf(ref["token.loss"]).item<double>()) < 1e-5);
        const auto mlm = loadFixture("esm2_tiny");
        const double mlmLoss =
            esm::nn::tokenLoss(mlm->forward(tensorOf(ref["mlm.input_ids"]), mask, {}).logits,
                               tensorOf(ref["mlm.labels"]))
                .item<double>();
        QVERIFY(std::abs(mlmLoss - tensorOf(ref["mlm.loss"]).item<double>()) < 1e-5);
        QCOMPARE(compared + 2, 5);
    }

    void weightsAfterTrainingMatchThePeer_data() {
        QTest::addColumn<QString>("run");
        QTest::newRow("sequence classification, warm-up") << "seqcls";
        QTest::newRow("token classification, accumulation") << "tokcls";
    }

    void weightsAfterTrainingMatchThePeer() {
        QFETCH(QString, run);
        QTemporaryDir dir;
        const auto out = testpaths::in(dir, "out");
        const esm::TrainingResult result = esm::fineTune(peerRun(run.toStdString(), out), {});
        QCOMPARE(result.globalStep, std::int64_t(6));

        const auto expected =
            esm::readSafetensors(testpaths::data("train/" + run.toStdString() + "_expected.safetensors"));
        const auto actual = Tensors(out / "model.safetensors");
        int compared = 0;
        double largest = 0;
        for (const auto& e : expected.tensors) {
            // HuggingFace's position_ids buffer (0..1025), and the absolute position table its
            // EsmEmbeddings builds even for rotary models, which no rotary forward reads.
            if (e.name.find("position_ids") != std::string::npos ||
                e.name.find("position_embeddings") != std::string::npos)
                continue;
            QVERIFY2(actual.count(e.name), e.name.c_str());
            largest =
                std::max(largest, expectClose(actual.at(e.name), e, 1e-5, QString::fromStdString(e.name)));
            ++compared;
        }
        QVERIFY(compared > 40);
        // The peer's weights moved from the fixture's: a trainer that did nothing would fail above.
        const Tensors start(peerRun(run.toStdString(), out).model / "model.safetensors");
        QVERIFY(tensorchecks::compare(start.at("esm.encoder.layer.1.attention.self.query.weight"),
                                      actual.at("esm.encoder.layer.1.attention.self.query.weight"))
                    .maxAbs > 1e-4);
        qInfo("%d tensors, largest |difference| %.3g", compared, largest);

        // The same losses and learning rates logged after every step.
        const auto peerLog = readJson(testpaths::data("train/" + run.toStdString() + "_log.json"));
        const auto ours = readJson(out / "trainer_state.json").at("log_history");
        QCOMPARE(int(peerLog.size()), 6);
        for (std::size_t i = 0; i < peerLog.size(); ++i) {
            QCOMPARE(ours[i].at("step").get<int>(), peerLog[i].at("step").get<int>());
            QCOMPARE(ours[i].at("epoch").get<double>(), peerLog[i].at("epoch").get<double>());
            QVERIFY2(std::abs(ours[i].at("loss").get<double>() - peerLog[i].at("loss").get<double>()) <=
                         1.01e-4,
                     qPrintable(QString("step %1: loss %2, peer %3")
                                    .arg(i + 1)
                                    .arg(ours[i].at("loss").get<double>())
                                    .arg(peerLog[i].at("loss").get<double>())));
            QVERIFY(std::abs(ours[i].at("learning_rate").get<double>() -
                             peerLog[i].at("learning_rate").get<double>()) < 1e-12);
        }
        QVERIFY(ours.back().contains("train_loss"));
        const auto config = readJson(out / "config.json");
        QCOMPARE(config.at("architectures")[0].get<std::string>(),
                 std::string(run == "seqcls" ? "EsmForSequenceClassification" : "EsmForTokenClassification"));
        QCOMPARE(config.at("label2id").at("LABEL_1").get<int>(), 1);
        QVERIFY(std::filesystem::exists(out / "vocab.txt"));
    }

    void gradientCheckpointingGivesTheSameWeights_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("full") << int(esm::TrainingMode::Full);
        QTest::newRow("lora") << int(esm::TrainingMode::Lora);
    }

    void gradientCheckpointingGivesTheSameWeights() {
        QFETCH(int, mode);
        QTemporaryDir dir;
        esm::TrainingSettings plain = peerRun("seqcls", testpaths::in(dir, "plain"));
        plain.mode = esm::TrainingMode(mode);
        esm::TrainingSettings recomputed = plain;
        recomputed.out = testpaths::in(dir, "recomputed");
        recomputed.gradientCheckpointing = true;
        esm::fineTune(plain, {});
        esm::fineTune(recomputed, {});
        // The layers did run checkpointed: their backward nodes are the recomputing function's.
        const auto model = loadFixture("esm2_seqcls_tiny");
        for (auto& p : model->parameters())
            p.requires_grad_(true);
        model->setGradientCheckpointing(true);
        model->train();
        const at::Tensor ids = at::tensor({0L, 20L, 15L, 11L, 2L}).unsqueeze(0);
        const at::Tensor logits = model->forward(ids, at::ones_like(ids), {}).logits;
        QCOMPARE(recomputedNodes(logits.grad_fn()), 3); // one per layer of the fixture
        const char* file =
            plain.mode == esm::TrainingMode::Lora ? "adapter_model.safetensors" : "model.safetensors";
        const Tensors a(plain.out / file), b(recomputed.out / file);
        QVERIFY(b.file.tensors.size() > 10);
        for (const auto& t : b.file.tensors)
            expectClose(t, a.at(t.name), 1e-6, QString::fromStdString(t.name));
    }

    void resumingEqualsAnUninterruptedRun() {
        QTemporaryDir dir;
        esm::TrainingSettings whole = peerRun("tokcls", testpaths::in(dir, "whole"));
        esm::fineTune(whole, {});
        esm::TrainingSettings first = peerRun("tokcls", testpaths::in(dir, "first"));
        first.saveSteps = 3;
        esm::fineTune(first, {});
        QVERIFY(std::filesystem::exists(first.out / "checkpoint-3" / "optimizer.safetensors"));
        QVERIFY(std::filesystem::exists(first.out / "checkpoint-6" / "trainer_state.json"));
        esm::TrainingSettings resumed = peerRun("tokcls", testpaths::in(dir, "resumed"));
        resumed.resume = first.out / "checkpoint-3";
        const auto result = esm::fineTune(resumed, {});
        QCOMPARE(result.globalStep, std::int64_t(6));
        const auto a = Tensors(whole.out / "model.safetensors");
        const auto b = esm::readSafetensors(resumed.out / "model.safetensors");
        for (const auto& t : b.tensors)
            expectClose(t, a.at(t.name), 1e-6, QString::fromStdString(t.name));
        // The resumed run's log continues the checkpoint's: steps 1..6 once each.
        const auto log = readJson(resumed.out / "trainer_state.json").at("log_history");
        QCOMPARE(log[5].at("step").get<int>(), 6);
        QCOMPARE(log[2].at("loss").get<double>(),
                 readJson(whole.out / "trainer_state.json").at("log_history")[2].at("loss").get<double>());

        // An existing non-empty folder is refused unless its checkpoint is being resumed.
        esm::TrainingSettings again = peerRun("tokcls", whole.out);
        QVERIFY_THROWS_EXCEPTION(esm::Error, esm::fineTune(again, {}));
    }

    // A checkpoint is a user's file: optimizer state that cannot continue the run is refused by name.
    void unusableOptimizerStateIsRefused_data() {
        QTest::addColumn<QString>("replaced");
        QTest::addColumn<QString>("message");
        QTest::newRow("two step counts") << "classifier.weight.step"
                                         << "not one step count";
        QTest::newRow("negative squares") << "classifier.weight.exp_avg_sq"
                                          << "negative squared gradients";
        QTest::newRow("infinite moments") << "classifier.weight.exp_avg"
                                          << "NaN or infinite";
    }

    void unusableOptimizerStateIsRefused() {
        QFETCH(QString, replaced);
        QFETCH(QString, message);
        QTemporaryDir dir;
        esm::TrainingSettings first = peerRun("tokcls", testpaths::in(dir, "first"));
        first.saveSteps = 3;
        esm::fineTune(first, {});
        const auto checkpoint = first.out / "checkpoint-3";
        const esm::SafetensorsFile saved = esm::readSafetensors(checkpoint / "optimizer.safetensors");
        std::vector<esm::TensorRecord> records = saved.tensors;
        esm::OwnedTensor bad;
        for (esm::TensorRecord& r : records) {
            if (r.name != replaced.toStdString())
                continue;
            const bool step = replaced.endsWith(".step");
            bad = {r.name, r.type, step ? std::vector<std::int64_t>{2} : r.shape, {}};
            bad.bytes.resize(step ? 2 * sizeof(double) : r.contiguousBytes());
            const float value = replaced.endsWith("_sq") ? -1.0f : std::numeric_limits<float>::infinity();
            for (std::size_t i = 0; !step && i < bad.bytes.size(); i += sizeof(float))
                std::memcpy(bad.bytes.data() + i, &value, sizeof(float));
            r = esm::recordOf(bad);
        }
        QVERIFY(!bad.name.empty());
        esm::writeSafetensors(checkpoint / "optimizer.safetensors", records);

        esm::TrainingSettings resumed = peerRun("tokcls", testpaths::in(dir, "resumed"));
        resumed.resume = checkpoint;
        try {
            esm::fineTune(resumed, {});
            QFAIL("resumed from an unusable optimizer state");
        } catch (const esm::Error& e) {
            const QString what = e.what();
            QVERIFY2(what.contains(message) && what.contains("optimizer.safetensors") &&
                         what.contains(replaced),
                     qPrintable(what));
        }
    }

    void loraAdaptersArePeftsAndMergeExactly() {
        QTemporaryDir dir;
        esm::TrainingSettings s = peerRun("seqcls", testpaths::in(dir, "lora"));
        s.mode = esm::TrainingMode::Lora;
        s.loraRank = 4;
        s.loraAlpha = 8;
        s.merge = true;
        esm::fineTune(s, {});
        const auto adapter = Tensors(s.out / "adapter_model.safetensors");
        QVERIFY(adapter.count("base_model.model.esm.encoder.layer.0.attention.self.query.lora_A.weight"));
        QCOMPARE(adapter.at("base_model.model.esm.encoder.layer.0.attention.self.query.lora_A.weight").shape,
                 (std::vector<std::int64_t>{4, 64}));
        QCOMPARE(adapter.at("base_model.model.esm.encoder.layer.2.output.dense.lora_B.weight").shape,
                 (std::vector<std::int64_t>{64, 4}));
        QVERIFY(adapter.count("base_model.model.classifier.out_proj.weight"));
        QVERIFY(!adapter.count("base_model.model.esm.encoder.layer.0.attention.self.query.weight"));
        const auto config = readJson(s.out / "adapter_config.json");
        QCOMPARE(config.at("peft_type").get<std::string>(), std::string("LORA"));
        QCOMPARE(config.at("task_type").get<std::string>(), std::string("SEQ_CLS"));
        QCOMPARE(config.at("r").get<int>(), 4);
        QCOMPARE(config.at("modules_to_save")[0].get<std::string>(), std::string("classifier"));
        // lora_B moved away from zero: the adapters trained.
        const auto b =
            tensorOf(adapter.at("base_model.model.esm.encoder.layer.1.attention.self.value.lora_B.weight"));
        QVERIFY(b.abs().max().item<double>() > 1e-4);

        // The adapter on its base model predicts what the merged model predicts.
        const std::vector<std::string> sequences{"MKTAYIAKQRQISFV", "GSHMLEDPVAAK", "WWCCYYHH"};
        const auto applied = esm::TaskPredictor::load(s.model, s.out)->predict(sequences);
        const auto merged = esm::TaskPredictor::load(s.out, {})->predict(sequences);
        const auto base = esm::TaskPredictor::load(s.model, {})->predict(sequences);
        double baseDifference = 0;
        for (std::size_t i = 0; i < sequences.size(); ++i)
            for (std::size_t k = 0; k < 3; ++k) {
                QVERIFY(std::abs(applied[i].rows[0][k] - merged[i].rows[0][k]) < 1e-5);
                baseDifference =
                    std::max(baseDifference, double(std::abs(applied[i].rows[0][k] - base[i].rows[0][k])));
            }
        QVERIFY(baseDifference > 1e-4);
    }

    void headModeLeavesTheEncoderAsItWas() {
        QTemporaryDir dir;
        esm::TrainingSettings s = peerRun("tokcls", testpaths::in(dir, "head"));
        s.mode = esm::TrainingMode::Head;
        esm::fineTune(s, {});
        const auto before = Tensors(testpaths::data("esm2_tokcls_tiny/model.safetensors"));
        const auto after = esm::readSafetensors(s.out / "model.safetensors");
        bool headMoved = false;
        for (const auto& t : after.tensors) {
            if (t.name.rfind("esm.", 0) == 0)
                expectClose(t, before.at(t.name), 0.0, QString::fromStdString(t.name));
            else if (tensorchecks::compare(t, before.at(t.name)).maxAbs > 1e-4)
                headMoved = true;
        }
        QVERIFY(headMoved);
    }

    void maskedLmMasksAsTheCollatorDoes() {
        const auto tokenizer = esm::EsmTokenizer::fromFile(testpaths::data("esm2_tiny/vocab.txt"));
        std::vector<esm::TokenizedExample> examples;
        for (int i = 0; i < 40; ++i)
            examples.push_back({tokenizer.encode(std::string(200 + i, 'A')), {}});
        std::vector<std::size_t> all(examples.size());
        std::iota(all.begin(), all.end(), 0);
        esm::TrainingBatch batch =
            esm::collate(esm::TrainingTask::MaskedLM, examples, all, tokenizer.padId());
        const at::Tensor original = batch.ids.clone();
        esm::maskForLanguageModelling(batch, tokenizer, at::make_generator<at::CPUGeneratorImpl>(3));
        const at::Tensor chosen = batch.labels.ne(-100);
        const double residues = original.ne(tokenizer.padId()).sum().item<double>() - 2 * 40;
        const double rate = chosen.sum().item<double>() / residues;
        QVERIFY2(rate > 0.13 && rate < 0.17, qPrintable(QString::number(rate)));
        // Never a special token; labels hold the original ids.
        QVERIFY(!(chosen & (original.eq(tokenizer.clsId()) | original.eq(tokenizer.eosId()) |
                            original.eq(tokenizer.padId())))
                     .any()
                     .item<bool>());
        QVERIFY(batch.labels.masked_select(chosen).equal(original.masked_select(chosen)));
        const double toMask = batch.ids.masked_select(chosen).eq(tokenizer.maskId()).sum().item<double>() /
                              chosen.sum().item<double>();
        const double unchanged =
            batch.ids.masked_select(chosen).eq(original.masked_select(chosen)).sum().item<double>() /
            chosen.sum().item<double>();
        QVERIFY2(toMask > 0.75 && toMask < 0.85, qPrintable(QString::number(toMask)));
        QVERIFY2(unchanged > 0.07 && unchanged < 0.15, qPrintable(QString::number(unchanged)));
        QVERIFY(batch.ids.masked_select(chosen.logical_not())
                    .equal(original.masked_select(chosen.logical_not())));
    }

    void maskedLmTrainingWritesATiedModel() {
        QTemporaryDir dir;
        const auto fasta = testpaths::in(dir, "train.fasta");
        std::ofstream(fasta) << ">a\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ\n>b\nGSHMLEDPVAAKWWCCYYHHKKLL\n";
        esm::TrainingSettings s;
        s.model = testpaths::data("esm2_tiny");
        s.task = esm::TrainingTask::MaskedLM;
        s.train = fasta;
        s.out = testpaths::in(dir, "mlm");
        s.maxSteps = 3;
        s.learningRate = 1e-3;
        s.threads = 1;
        const auto result = esm::fineTune(s, {});
        QCOMPARE(result.globalStep, std::int64_t(3));
        const auto saved = Tensors(s.out / "model.safetensors");
        QVERIFY(!saved.count("lm_head.decoder.weight")); // tied, as HuggingFace saves it
        const auto before = Tensors(testpaths::data("esm2_tiny/model.safetensors"));
        QVERIFY(tensorchecks::compare(saved.at("esm.embeddings.word_embeddings.weight"),
                                      before.at("esm.embeddings.word_embeddings.weight"))
                    .maxAbs > 1e-5);
        // The saved folder loads as a language model again (decoder from the embeddings).
        const auto model = loadFixture("esm2_tiny");
        QVERIFY(model != nullptr);
    }

    void bfloat16TrainingKeepsFloat32MasterWeights() {
        QTemporaryDir dir;
        esm::TrainingSettings f32 = peerRun("seqcls", testpaths::in(dir, "f32"));
        esm::fineTune(f32, {});
        esm::TrainingSettings bf16 = peerRun("seqcls", testpaths::in(dir, "bf16"));
        bf16.dtype = "bfloat16";
        esm::fineTune(bf16, {});
        const Tensors a(f32.out / "model.safetensors"), b(bf16.out / "model.safetensors");
        double largest = 0;
        for (const auto& t : b.file.tensors) {
            QVERIFY2(t.type != esm::ElementType::BF16, t.name.c_str()); // the weights stay float32
            largest = std::max(largest, tensorchecks::compare(t, a.at(t.name)).maxAbs);
        }
        // bfloat16 products round differently; AdamW moves a weight at most ~lr a step, so six steps at
        // lr 1e-3 keep the two runs within 1.2e-2 of each other whatever the gradients.
        QVERIFY2(largest > 1e-7 && largest < 1.2e-2, qPrintable(QString::number(largest)));
        const auto la = readJson(f32.out / "trainer_state.json").at("log_history");
        const auto lb = readJson(bf16.out / "trainer_state.json").at("log_history");
        for (int i = 0; i < 6; ++i)
            QVERIFY(std::abs(la[i].at("loss").get<double>() - lb[i].at("loss").get<double>()) < 0.05);
    }

    void adamWIsTorchs() {
        // Three steps of torch.optim.AdamW(lr=0.1, weight_decay=0.5) on p = [1, -2, 3] with
        // gradients 2p (loss p.p), values from torch 1.13.
        at::Tensor p = at::tensor({1.0f, -2.0f, 3.0f}).requires_grad_(true);
        esm::nn::AdamW optimizer({{{{"p", p}}, 0.5}}, {});
        for (int step = 0; step < 3; ++step) {
            (p * p).sum().backward();
            optimizer.step(0.1);
            optimizer.zeroGrad();
        }
        const std::vector<float> expected{0.5749739f, -1.4310251f, 2.2880518f};
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::abs(p[i].item<float>() - expected[std::size_t(i)]) < 1e-6,
                     qPrintable(QString::number(p[i].item<double>(), 'g', 9)));
        const at::Tensor a = at::tensor({3.0f, 4.0f});
        a.mutable_grad() = at::tensor({3.0f, 4.0f});
        QVERIFY(std::abs(esm::nn::clipGradientNorm({a}, 1.0) - 5.0) < 1e-6);
        QVERIFY(std::abs(a.grad().norm().item<double>() - 1.0) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "test_training.moc"
