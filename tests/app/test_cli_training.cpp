// esmx train and esmx predict as a user runs them: the output folder's contract, the prediction
// TSV/JSON columns, Ctrl-C, and every bad training input refused with one line naming file and line,
// with nothing written to --out.
#include "CliRunner.h"
#include "TestPaths.h"

#include <QtTest>
#include <csignal>

using clirunner::esmx;

namespace {

QString data(const char* relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

QStringList trainArguments(const QString& train, const QString& out,
                           const QString& task = "sequence-classification") {
    return {"train",       "--model",   data("esm2_seqcls_tiny"),
            "--task",      task,        "--train",
            train,         "--out",     out,
            "--max-steps", "2",         "--batch-size",
            "2",           "--threads", "1"};
}

} // namespace

class TestCliTraining : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void trainWritesAModelFolderAndPredictUsesIt() {
        QTemporaryDir dir;
        const QString out = dir.filePath("model");
        auto r = esmx({"train",
                       "--model",
                       data("esm2_tiny"),
                       "--task",
                       "sequence-classification",
                       "--train",
                       data("train/seqcls_train.csv"),
                       "--eval",
                       data("train/seqcls_train.csv"),
                       "--out",
                       out,
                       "--epochs",
                       "2",
                       "--batch-size",
                       "2",
                       "--lr",
                       "1e-3",
                       "--logging-steps",
                       "1",
                       "--threads",
                       "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("a new one is initialised"), qPrintable(r.err)); // esm2_tiny is a masked LM
        QVERIFY(r.err.contains("eval_accuracy"));
        QVERIFY(r.err.contains("step 6/6"));
        for (const char* file : {"config.json", "model.safetensors", "vocab.txt", "trainer_state.json",
                                 "checkpoint-3/optimizer.safetensors", "checkpoint-6/model.safetensors"})
            QVERIFY2(QFile::exists(dir.filePath(QString("model/") + file)), file);

        const QString tsv = dir.filePath("p.tsv");
        r = esmx({"predict", "--model", out, "--csv", data("train/seqcls_train.csv"), "--out", tsv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = testpaths::readLines(tsv);
        QCOMPARE(lines.first(), QString("id\tlabel\tscore\tLABEL_0\tLABEL_1\tLABEL_2\tlabel"));
        QCOMPARE(lines.size(), 7);
        QVERIFY(lines[1].startsWith("s0\tLABEL_"));
        const QStringList cells = lines[1].split('\t');
        const double sum = cells[3].toDouble() + cells[4].toDouble() + cells[5].toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
        QVERIFY(std::abs(cells[2].toDouble() -
                         std::max({cells[3].toDouble(), cells[4].toDouble(), cells[5].toDouble()})) < 1e-6);
        QVERIFY2(r.err.contains("accuracy"), qPrintable(r.err));

        const QString json = dir.filePath("p.json");
        r = esmx({"predict", "--model", out, "--sequence", "MKTAYIAK", "GSHM", "--out", json});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(testpaths::readLines(json).join("").contains("\"records\""));
    }

    void tokenPredictionsHaveOneRowPerResidue() {
        QTemporaryDir dir;
        const QString tsv = dir.filePath("t.tsv");
        const auto r =
            esmx({"predict", "--model", data("esm2_tokcls_tiny"), "--sequence", "MKTAY", "--out", tsv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = testpaths::readLines(tsv);
        QVERIFY(lines.first().startsWith("id\tposition\tresidue\tlabel\tscore\tLABEL_0\t"));
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines[3].startsWith("seq0\t3\tT\t"));
    }

    void loraOutputIsAnAdapterFolder() {
        QTemporaryDir dir;
        const QString out = dir.filePath("lora");
        auto args = trainArguments(data("train/seqcls_train.csv"), out);
        args << "--mode"
             << "lora"
             << "--lora-rank"
             << "2";
        const auto r = esmx(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(out + "/adapter_config.json"));
        QVERIFY(QFile::exists(out + "/adapter_model.safetensors"));
        QVERIFY(!QFile::exists(out + "/model.safetensors")); // no --merge
        const QString tsv = dir.filePath("p.tsv");
        const auto p = esmx({"predict", "--model", data("esm2_seqcls_tiny"), "--adapter", out, "--sequence",
                             "MKTAYIAK", "--out", tsv});
        QVERIFY2(p.exitCode == 0, qPrintable(p.err));
        QCOMPARE(testpaths::readLines(tsv).size(), 2);
    }

    void interruptKeepsTheLastCheckpointWhole() {
        QTemporaryDir dir;
        const QString out = dir.filePath("run");
        QProcess process;
        QStringList args = trainArguments(data("train/tokcls_train.tsv"), out, "token-classification");
        args.replace(args.indexOf("--max-steps") + 1, "100000");
        args.replace(args.indexOf("--model") + 1, data("esm2_tokcls_tiny"));
        args << "--save-steps"
             << "1";
        process.start(clirunner::program("esmx"), args);
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out + "/checkpoint-2/trainer_state.json"), 120000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 130);
        // Every checkpoint there is whole; no temporary folders stay behind.
        const QStringList entries = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY(!entries.isEmpty());
        for (const QString& entry : entries) {
            QVERIFY2(entry.startsWith("checkpoint-"), qPrintable(entry));
            QVERIFY(QFile::exists(out + "/" + entry + "/optimizer.safetensors"));
            QVERIFY(QFile::exists(out + "/" + entry + "/model.safetensors"));
        }
        QVERIFY(!QFile::exists(out + "/model.safetensors"));
    }

    void badInputIsRefusedBeforeAnythingIsWritten_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown residue")
            << "sequence-classification" << QByteArray("sequence,label\nMKTAY,LABEL_0\nMKJ7Y,LABEL_1\n")
            << ".csv"
            << ":3: sequence:";
        QTest::newRow("label not in the set")
            << "sequence-classification" << QByteArray("sequence,label\nMKTAY,LABEL_0\nMKTAY,LABEL_9\n")
            << ".csv"
            << ":3: label 'LABEL_9' is not one of the 3 labels";
        QTest::newRow("residue labels of the wrong length")
            << "token-classification" << QByteArray("sequence\tlabel\nMKTAY\tLABEL_0 LABEL_1\n") << ".tsv"
            << ":2: 2 residue labels for a sequence of 5 residues";
        QTest::newRow("missing column")
            << "sequence-classification" << QByteArray("seq,label\nMKTAY,LABEL_0\n") << ".csv"
            << ":1: no 'sequence' column";
        QTest::newRow("empty file") << "sequence-classification" << QByteArray("") << ".csv"
                                    << ": empty file";
        QTest::newRow("regression label not a number")
            << "sequence-regression" << QByteArray("sequence,label\nMKTAY,1.5\nMKTAY,high\n") << ".csv"
            << ":3: regression label 'high' is not a number";
        QTest::newRow("unclosed quote")
            << "sequence-classification" << QByteArray("sequence,label\n\"MKTAY,LABEL_0\n") << ".csv"
            << ":2: a quoted cell is never closed";
        QTest::newRow("ragged row") << "sequence-classification"
                                    << QByteArray("sequence,label\nMKTAY,LABEL_0,x\n") << ".csv"
                                    << ":2: 3 cells, but the header has 2";
    }

    void badInputIsRefusedBeforeAnythingIsWritten() {
        QFETCH(QString, task);
        QFETCH(QByteArray, content);
        QFETCH(QString, extension);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString train = dir.filePath("train" + extension);
        QVERIFY(testpaths::writeFile(train, content));
        const QString out = dir.filePath("out");
        QStringList args = trainArguments(train, out, task);
        if (task == "token-classification")
            args.replace(args.indexOf("--model") + 1, data("esm2_tokcls_tiny"));
        const auto r = esmx(args);
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains(train + expected), qPrintable(lines[0]));
        QVERIFY(!QFileInfo::exists(out));
    }

    void outputFolderInUseIsRefused() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("used"));
        QVERIFY(testpaths::writeFile(dir.filePath("used/notes.txt"), "mine"));
        const auto r = esmx(trainArguments(data("train/seqcls_train.csv"), dir.filePath("used")));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not empty"), qPrintable(r.err));
        QCOMPARE(QDir(dir.filePath("used")).entryList(QDir::Files).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliTraining)
#include "test_cli_training.moc"
