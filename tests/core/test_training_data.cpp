// Training data without LibTorch: CSV quoting, label sets and their encoding per task, class
// weights, the metrics the guides report, and transformers' linear warm-up schedule.
#include "core/base/error.h"
#include "core/training/adapter_config.h"
#include "core/training/linear_schedule.h"
#include "core/training/metrics.h"
#include "core/training/trainer_state.h"
#include "core/training/training_labels.h"
#include "core/training/training_table.h"

#include "TestPaths.h"

#include <QtTest>

namespace {

esm::TrainingTable table(const QTemporaryDir& dir, const char* name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    if (!testpaths::writeFile(path, content))
        qFatal("cannot write %s", qPrintable(path));
    return esm::readTrainingTable(path.toStdString(), true);
}

} // namespace

class TestTrainingData : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void csvQuotingAndExtraColumns() {
        QTemporaryDir dir;
        const auto t = table(dir, "t.csv",
                             "\xEF\xBB\xBFid,sequence,label,note\r\n"
                             "a,mkt ay,\"x\",\"said \"\"hi\"\", then\nleft\"\r\n"
                             "\n"
                             "b,GSHM,y,\r\n");
        QCOMPARE(t.columns, (std::vector<std::string>{"id", "sequence", "label", "note"}));
        QCOMPARE(int(t.rows.size()), 2);
        QCOMPARE(t.rows[0].sequence, std::string("MKTAY")); // case and white space tolerated
        QCOMPARE(t.rows[0].cells[3], std::string("said \"hi\", then\nleft"));
        QCOMPARE(t.rows[1].line, 5); // after the quoted line break and the blank line
        QCOMPARE(t.rows[1].id, std::string("b"));
        const auto tsv = table(dir, "t.tsv", "sequence\tlabel\nMKT\t1.5\n");
        QCOMPARE(tsv.rows[0].id, std::string("row1"));
    }

    void labelSetsAndTargets() {
        QTemporaryDir dir;
        const auto t = table(dir, "t.csv", "sequence,label\nMK,b\nGS,a\nAA,b\n");
        auto labels = esm::chooseLabels(esm::TrainingTask::SequenceClassification, t, {}, {});
        QCOMPARE(labels.names, (std::vector<std::string>{"a", "b"})); // sorted distinct
        QCOMPARE(esm::encodeLabels(esm::TrainingTask::SequenceClassification, t, labels)[0].classId, 1);
        labels = esm::chooseLabels(esm::TrainingTask::SequenceClassification, t, {"b", "a"}, {});
        QCOMPARE(esm::encodeLabels(esm::TrainingTask::SequenceClassification, t, labels)[0].classId, 0);
        labels = esm::chooseLabels(esm::TrainingTask::SequenceClassification, t, {}, {{0, "b"}, {1, "a"}});
        QCOMPARE(labels.names, (std::vector<std::string>{"b", "a"})); // the model's own head
        const auto weights = esm::balancedClassWeights(
            esm::TrainingTask::SequenceClassification,
            esm::encodeLabels(esm::TrainingTask::SequenceClassification, t, labels), 2);
        QCOMPARE(weights, (std::vector<double>{3.0 / 4.0, 3.0 / 2.0}));

        const auto ids = table(dir, "ids.csv", "sequence,label\nMK,1\nGS,0\n");
        labels = esm::chooseLabels(esm::TrainingTask::SequenceClassification, ids, {"neg", "pos"}, {});
        QCOMPARE(esm::encodeLabels(esm::TrainingTask::SequenceClassification, ids, labels)[0].classId, 1);

        const auto multi = table(dir, "m.csv", "sequence,label\nMK,x;z\nGS,y\n");
        labels = esm::chooseLabels(esm::TrainingTask::MultiLabel, multi, {}, {});
        QCOMPARE(esm::encodeLabels(esm::TrainingTask::MultiLabel, multi, labels)[0].multiHot,
                 (std::vector<float>{1, 0, 1}));

        const auto tokens = table(dir, "k.csv", "sequence,label\nMKT,-HH\nGS,E -\n");
        labels = esm::chooseLabels(esm::TrainingTask::TokenClassification, tokens, {}, {});
        QCOMPARE(labels.names, (std::vector<std::string>{"-", "E", "H"}));
        const auto rows = esm::encodeLabels(esm::TrainingTask::TokenClassification, tokens, labels);
        QCOMPARE(rows[0].residueClasses, (std::vector<int>{0, 2, 2}));
        QCOMPARE(rows[1].residueClasses, (std::vector<int>{1, 0}));

        const auto values = table(dir, "v.csv", "sequence,label\nMK,-1e-2\nGS,nan\n");
        labels = esm::chooseLabels(esm::TrainingTask::SequenceRegression, values, {}, {});
        QVERIFY_THROWS_EXCEPTION(esm::Error,
                                 esm::encodeLabels(esm::TrainingTask::SequenceRegression, values, labels));
        const auto same = table(dir, "s.csv", "sequence,label\nMK,a\nGS,a\n");
        QVERIFY_THROWS_EXCEPTION(esm::Error,
                                 esm::chooseLabels(esm::TrainingTask::SequenceClassification, same, {}, {}));
    }

    void tasksAndTheirModels() {
        for (const char* name : {"sequence-classification", "sequence-regression", "multi-label",
                                 "token-classification", "masked-lm"}) {
            const auto task = esm::parseTrainingTask(name);
            QCOMPARE(esm::trainingTaskName(task), std::string(name));
            QCOMPARE(esm::taskOfModel(esm::architectureOf(task), esm::problemTypeOf(task), 3), task);
        }
        QCOMPARE(esm::taskOfModel("EsmForSequenceClassification", "", 1),
                 esm::TrainingTask::SequenceRegression);
        QVERIFY(!esm::taskOfModel("EsmForProteinFolding", "", 2));
    }

    void metrics() {
        QCOMPARE(esm::accuracy({0, 1, 1, 2}, {0, 1, 2, 2}), 0.75);
        // Class 0: F1 1; class 1: 2/3; class 2: 2/3.
        QVERIFY(std::abs(esm::macroF1({0, 1, 1, 2}, {0, 1, 2, 2}) - (1 + 2.0 / 3 + 2.0 / 3) / 3) < 1e-12);
        QVERIFY(std::abs(esm::spearman({1, 2, 3, 4}, {10, 20, 30, 40}) - 1) < 1e-12);
        QVERIFY(std::abs(esm::spearman({1, 2, 3, 4}, {4, 3, 2, 1}) + 1) < 1e-12);
        // Ties share their mean rank: ranks (1.5, 1.5, 3) against (1, 2, 3).
        QVERIFY(std::abs(esm::spearman({5, 5, 7}, {1, 2, 3}) - 0.8660254037844386) < 1e-12);
        QCOMPARE(esm::microF1({{true, false}, {true, true}}, {{true, false}, {false, true}}), 0.8);
    }

    // Issue 30: the training inputs users are sent (adapter folders, checkpoints to resume, label
    // lists) are bounded, name the file, and never lead to a path elsewhere.
    void adapterFoldersAndCheckpointsAreBounded() {
        const std::string good = R"({"peft_type":"LORA","task_type":"TOKEN_CLS","r":8,"lora_alpha":16,)"
                                 R"("target_modules":["query","value"],"base_model_name_or_path":"m"})";
        const esm::AdapterConfig c = esm::parseAdapterConfig(good, "a.json");
        QCOMPARE(c.rank, 8);
        QCOMPARE(c.targets, (std::vector<std::string>{"query", "value"}));
        QCOMPARE(c.baseModel, std::string("m"));
        ESMX_EXPECT_ERROR(
            esm::parseAdapterConfig(
                R"({"peft_type":"LORA","task_type":"SEQ_CLS","r":0,"lora_alpha":16,"target_modules":"query"})",
                "a.json"),
            "a.json: r must be 1 to 4096");
        ESMX_EXPECT_ERROR(
            esm::parseAdapterConfig(
                R"({"peft_type":"LORA","task_type":"SEQ_CLS","r":8,"lora_alpha":16,"target_modules":[1]})",
                "a.json"),
            "a.json: target_modules holds 1, not a module name");
        ESMX_EXPECT_ERROR(
            esm::parseAdapterConfig(R"({"peft_type":"LORA","task_type":{"a":1},"r":8})", "a.json"),
            "a.json: task_type an object with 1 field");
        ESMX_EXPECT_ERROR(esm::parseAdapterConfig(std::string(100, '[') + std::string(100, ']'), "a.json"),
                          "a.json: JSON nested deeper than 64 levels");
        QCOMPARE(esm::parseAdapterLabels(R"(["a","b"])", "l.json"), (std::vector<std::string>{"a", "b"}));
        QVERIFY(esm::parseAdapterLabels(R"(["a",2])", "l.json").empty());
        // As many labels as a training table may have, and no more.
        auto labelsJson = [](std::size_t count) {
            std::string json = "[";
            for (std::size_t i = 0; i < count; ++i)
                json += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
            return json + "]";
        };
        QCOMPARE(esm::parseAdapterLabels(labelsJson(esm::kMostLabels), "l.json").size(), esm::kMostLabels);
        QVERIFY(esm::parseAdapterLabels(labelsJson(esm::kMostLabels + 1), "l.json").empty());

        const std::string state = R"({"global_step":8,"log_history":[{"step":4,"loss":0.5}],)"
                                  R"("best_model_checkpoint":"out/checkpoint-8"})";
        QCOMPARE(esm::parseTrainerState(state, "t.json").logHistory.size(), std::size_t(1));
        QCOMPARE(esm::checkpointNameOf("out/checkpoint-8"), std::string("checkpoint-8"));
        QCOMPARE(esm::checkpointNameOf("/home/me/.ssh"), std::string());
        ESMX_EXPECT_ERROR(
            esm::parseTrainerState(R"({"global_step":8,"log_history":[],"best_model_checkpoint":"/etc"})",
                                   "t.json"),
            "t.json: not a trainer state (best_model_checkpoint is not a checkpoint-N folder)");
        ESMX_EXPECT_ERROR(esm::parseTrainerState(R"({"global_step":-1,"log_history":[]})", "t.json"),
                          "global_step or max_steps is negative");
        ESMX_EXPECT_ERROR(esm::parseTrainerState(R"({"log_history":[]})", "t.json"),
                          "t.json: not a trainer state");

        esm::TrainingTable table;
        table.source = "t.csv";
        std::vector<std::string> many;
        for (int i = 0; i <= 100000; ++i)
            many.push_back("L" + std::to_string(i));
        ESMX_EXPECT_ERROR(esm::chooseLabels(esm::TrainingTask::SequenceClassification, table, many, {}),
                          "--labels gives 100001 labels, more than 100000");
    }

    void linearScheduleIsTransformers() {
        // get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=6)
        const double expected[] = {0.0, 0.5, 1.0, 0.75, 0.5, 0.25, 0.0};
        for (int step = 0; step <= 6; ++step)
            QCOMPARE(esm::linearScheduleFactor(step, 2, 6), expected[step]);
        QCOMPARE(esm::warmupStepsFor(0, 0.1, 95), std::int64_t(10)); // ceil(9.5)
        QCOMPARE(esm::warmupStepsFor(3, 0.1, 95), std::int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TestTrainingData)
#include "test_training_data.moc"
