// Every weights format a user has, through the command line: tf_model.h5 folders run like
// safetensors ones, and `esmx models convert` turns each format into a safetensors folder that
// gives identical outputs.
#include "core/nn/checkpoint/safetensors.h"

#include "CliRunner.h"
#include "TensorChecks.h"
#include "TestPaths.h"
#include "ZipWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using clirunner::esmx;
namespace fs = std::filesystem;

namespace {

QString data(const std::string& relative) {
    return QString::fromStdString(testpaths::data(relative).string());
}

const QString kProtein = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";

// esmx embed of one sequence; every tensor of the result by name.
std::map<std::string, std::vector<double>> embed(const QString& model, const QString& out) {
    const auto r = esmx({"embed", "--model", model, "--sequence", kProtein, "GSHMXLVDEKUW", "--out", out});
    if (r.exitCode != 0)
        qFatal("embed failed: %s", qPrintable(r.err));
    std::map<std::string, std::vector<double>> values;
    for (const auto& t : esm::readSafetensors(out.toStdString()).tensors)
        values[t.name] = tensorchecks::values(t);
    return values;
}

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// A folder of `files` (copied from tests/data under new names) and the tokenizer files.
QString folderWith(const QTemporaryDir& dir, const QString& name, const std::string& from,
                   const std::vector<std::pair<std::string, std::string>>& files) {
    const fs::path folder = testpaths::in(dir, name.toStdString());
    fs::create_directories(folder);
    for (const char* f : {"config.json", "vocab.txt", "special_tokens_map.json", "tokenizer_config.json"})
        fs::copy_file(testpaths::data(from + "/" + f), folder / f);
    for (const auto& [source, target] : files)
        fs::copy_file(testpaths::data(source), folder / target);
    return QString::fromStdString(folder.string());
}

std::vector<esm::ElementType> storedTypes(const QString& file) {
    std::vector<esm::ElementType> types;
    for (const auto& t : esm::readSafetensors(file.toStdString()).tensors)
        types.push_back(t.type);
    return types;
}

} // namespace

class TestCliCheckpoints : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void tensorflowFoldersRunLikeSafetensorsFolders() {
        QTemporaryDir dir;
        for (const char* fixture : {"esm2_tiny", "esm1b_tiny", "esm2_seqcls_tiny", "esm2_tokcls_tiny"}) {
            const auto tf = embed(data(std::string("tf/") + fixture), dir.filePath("tf.safetensors"));
            const auto pt = embed(data(fixture), dir.filePath("pt.safetensors"));
            QCOMPARE(tf.size(), pt.size());
            for (const auto& [name, values] : pt) {
                const auto& other = tf.at(name);
                QCOMPARE(other.size(), values.size());
                double worst = 0;
                for (std::size_t i = 0; i < values.size(); ++i)
                    worst = std::max(worst, std::abs(values[i] - other[i]));
                QVERIFY2(worst <= 1e-6,
                         qPrintable(QString("%1 %2: %3").arg(fixture, name.c_str()).arg(worst)));
            }
        }
        const auto info = esmx({"info", "--model", data("tf/esm2_tiny"), "--json"});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains("tf_model.h5"), qPrintable(info.out));
        // A folder with problems: described on stdout, the problem on stderr, exit 1.
        const auto broken = esmx({"info", "--model", data("tf/esm2_tiny_broken")});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY(broken.out.contains("PROBLEMS"));
        QVERIFY2(
            broken.err.contains("1 tensor(s) missing, e.g. esm.encoder.layer.1.attention.self.value.bias"),
            qPrintable(broken.err));
    }

    void convertsEveryLanguageModelFormat_data() {
        QTest::addColumn<QString>("format");
        for (const char* f : {"safetensors", "sharded safetensors", "pytorch_model.bin", "sharded bin",
                              "tf_model.h5", "sharded h5"})
            QTest::newRow(f) << f;
    }

    void convertsEveryLanguageModelFormat() {
        QFETCH(QString, format);
        QTemporaryDir dir;
        QString source = data("esm2_tiny");
        if (format == "tf_model.h5")
            source = data("tf/esm2_tiny");
        else if (format == "sharded h5")
            source = data("tf/esm2_tiny_sharded");
        else if (format == "sharded safetensors") {
            source = dir.filePath("sharded");
            QCOMPARE(
                esmx({"models", "convert", data("esm2_tiny"), source, "--max-shard-size", "200KB"}).exitCode,
                0);
            QVERIFY(QFile::exists(source + "/model.safetensors.index.json"));
            QVERIFY(QFile::exists(source +
                                  "/model-00002-of-00005.safetensors")); // 200 KB each, a bigger tensor alone
        } else if (format.contains("bin")) {
            source = folderWith(dir, "bin", "esm2_tiny", {});
            writeBinFolder(source, format == "sharded bin" ? 2 : 1);
        }
        const QString converted = dir.filePath("converted");
        const auto r = esmx({"models", "convert", source, converted});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), converted);
        QVERIFY(QFile::exists(converted + "/model.safetensors"));
        QVERIFY(QFile::exists(converted + "/vocab.txt"));
        QVERIFY(!QFile::exists(converted + ".incomplete"));
        QCOMPARE(readText(converted + "/config.json"), readText(source + "/config.json"));
        QCOMPARE(esm::readSafetensors((converted + "/model.safetensors").toStdString()).metadata.at("format"),
                 std::string("pt"));
        QVERIFY2(r.err.contains("writing model.safetensors"), qPrintable(r.err)); // progress on stderr
        QVERIFY(embed(converted, dir.filePath("after.safetensors")) ==
                embed(source, dir.filePath("before.safetensors")));
    }

    void convertsEsmFoldWithItsFloat16Stem() {
        QTemporaryDir dir;
        const QString source =
            folderWith(dir, "fp16", "esmfold_tiny_bin",
                       {{"esmfold_tiny_bin/pytorch_model_fp16esm.bin", "pytorch_model.bin"}});
        const QString converted = dir.filePath("converted");
        QCOMPARE(esmx({"models", "convert", source, converted}).exitCode, 0);
        const auto types = storedTypes(converted + "/model.safetensors");
        QVERIFY(std::count(types.begin(), types.end(), esm::ElementType::F16) > 10); // the stem stays 16-bit
        QVERIFY(std::count(types.begin(), types.end(), esm::ElementType::F32) > 10);
        for (const QString& model : {source, converted}) {
            const QString out = dir.filePath(QFileInfo(model).fileName() + "-fold");
            QCOMPARE(esmx({"fold", "--model", model, "--sequence", kProtein, "--out-dir", out}).exitCode, 0);
        }
        QCOMPARE(readText(dir.filePath("converted-fold/seq0.pdb")),
                 readText(dir.filePath("fp16-fold/seq0.pdb")));
        QVERIFY(!readText(dir.filePath("converted-fold/seq0.pdb")).isEmpty());
    }

    void convertsToAnotherType() {
        QTemporaryDir dir;
        const QString converted = dir.filePath("half");
        QCOMPARE(esmx({"models", "convert", data("tf/esm2_tiny"), converted, "--dtype", "float16"}).exitCode,
                 0);
        const auto types = storedTypes(converted + "/model.safetensors");
        QCOMPARE(std::count(types.begin(), types.end(), esm::ElementType::F32), 0L);
        QVERIFY(std::count(types.begin(), types.end(), esm::ElementType::F16) > 10);
        const auto config = QJsonDocument::fromJson(readText(converted + "/config.json").toUtf8()).object();
        QCOMPARE(config["torch_dtype"].toString(), QString("float16"));
        // Float16 weights differ from float32 ones by rounding: close, not identical.
        const auto half = embed(converted, dir.filePath("half.safetensors"));
        const auto full = embed(data("esm2_tiny"), dir.filePath("full.safetensors"));
        const auto& a = half.at("seq0/logits");
        const auto& b = full.at("seq0/logits");
        double worst = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            worst = std::max(worst, std::abs(a[i] - b[i]));
        QVERIFY2(worst > 0 && worst < 0.05, qPrintable(QString::number(worst)));
    }

    void refusesWhatItCannotDo() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("full"));
        QVERIFY(testpaths::writeFile(dir.filePath("full/keep.txt"), "mine"));
        auto r = esmx({"models", "convert", data("esm2_tiny"), dir.filePath("full")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already exists"), qPrintable(r.err));
        QVERIFY(QFile::exists(dir.filePath("full/keep.txt")));
        r = esmx({"models", "convert", data("esm2_tiny"), dir.filePath("no/such/parent/out")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no such folder"), qPrintable(r.err));
        QVERIFY(QDir(dir.path()).mkdir("empty"));
        QVERIFY(testpaths::writeFile(dir.filePath("empty/config.json"), "{}"));
        r = esmx({"models", "convert", dir.filePath("empty"), dir.filePath("out")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no weights"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("out")));
        // A truncated weights file: the error names it and nothing is left behind.
        const QString broken =
            folderWith(dir, "broken", "esm2_tiny", {{"tf/esm2_tiny/tf_model.h5", "tf_model.h5"}});
        fs::resize_file((broken + "/tf_model.h5").toStdString(), 5000);
        r = esmx({"models", "convert", broken, dir.filePath("out")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("tf_model.h5"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("out")));
        QCOMPARE(QDir(dir.path()).entryList({".out*"}, QDir::AllEntries | QDir::Hidden), QStringList());
        QCOMPARE(
            esmx({"models", "convert", data("esm2_tiny"), dir.filePath("x"), "--dtype", "int8"}).exitCode, 2);
        QCOMPARE(esmx({"models", "convert", data("esm2_tiny"), dir.filePath("x"), "--max-shard-size", "lots"})
                     .exitCode,
                 2);
        QCOMPARE(esmx({"models", "convert", data("esm2_tiny")}).exitCode, 2);
    }

    // Issue 30: convert staged in DST.incomplete and removed it whole, so `convert X.incomplete X`
    // deleted its own source and `convert SRC results` a user's results.incomplete; links in the
    // source were copied as their targets.
    void neverDeletesOrCopiesWhatIsNotTheModel() {
        QTemporaryDir dir;
        const QString source = folderWith(dir, "X.incomplete", "esm2_tiny",
                                          {{"esm2_tiny/model.safetensors", "model.safetensors"}});
        auto r = esmx({"models", "convert", source, dir.filePath("X")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(source + "/config.json") && QFile::exists(source + "/model.safetensors"));
        QVERIFY(QFile::exists(dir.filePath("X/config.json")) &&
                QFile::exists(dir.filePath("X/model.safetensors")));

        QVERIFY(QDir(dir.path()).mkdir("results.incomplete"));
        QVERIFY(testpaths::writeFile(dir.filePath("results.incomplete/mine.txt"), "mine"));
        QCOMPARE(esmx({"models", "convert", source, dir.filePath("results")}).exitCode, 0);
        QVERIFY(QFile::exists(dir.filePath("results.incomplete/mine.txt")));

        r = esmx({"models", "convert", source, source + "/inside"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("inside the source folder"), qPrintable(r.err));
        QVERIFY(!QFile::exists(source + "/inside"));
        r = esmx({"models", "convert", source, source});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QFile::exists(source + "/config.json"));

        // Only the files a model folder needs; a needed file linking out of the folder is refused.
        fs::create_symlink("/etc/passwd", (source + "/README.md").toStdString());
        QCOMPARE(esmx({"models", "convert", source, dir.filePath("linked")}).exitCode, 0);
        QVERIFY(!QFile::exists(dir.filePath("linked/README.md")));
        QVERIFY(QFile::exists(dir.filePath("linked/vocab.txt")));
        fs::remove((source + "/special_tokens_map.json").toStdString());
        fs::create_symlink("/etc/passwd", (source + "/special_tokens_map.json").toStdString());
        r = esmx({"models", "convert", source, dir.filePath("leak")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("special_tokens_map.json: not a regular file of the model folder"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("leak")));
        QCOMPARE(QDir(dir.path()).entryList({".leak*"}, QDir::AllEntries | QDir::Hidden), QStringList());
    }

  private:
    // esm2_tiny's float32 tensors as PyTorch zip archives (what save_pretrained writes without
    // safetensors), in `shards` files with pytorch_model.bin.index.json when more than one.
    static void writeBinFolder(const QString& folder, int shards) {
        const auto whole = esm::readSafetensors(testpaths::data("esm2_tiny/model.safetensors"));
        std::vector<const esm::TensorRecord*> floats;
        for (const auto& t : whole.tensors)
            if (t.type == esm::ElementType::F32)
                floats.push_back(&t);
        QJsonObject weightMap;
        const std::size_t perShard = (floats.size() + std::size_t(shards) - 1) / std::size_t(shards);
        for (int s = 0; s < shards; ++s) {
            const QString file = shards == 1 ? QString("pytorch_model.bin")
                                             : QString("pytorch_model-%1-of-%2.bin")
                                                   .arg(s + 1, 5, 10, QChar('0'))
                                                   .arg(shards, 5, 10, QChar('0'));
            const std::vector<const esm::TensorRecord*> part(
                floats.begin() + std::ptrdiff_t(std::min(floats.size(), std::size_t(s) * perShard)),
                floats.begin() + std::ptrdiff_t(std::min(floats.size(), std::size_t(s + 1) * perShard)));
            for (const esm::TensorRecord* t : part)
                weightMap[QString::fromStdString(t->name)] = file;
            zipwriter::writeBytes((folder + "/" + file).toStdString(), zipwriter::torchArchive(part));
        }
        if (shards > 1)
            QVERIFY(testpaths::writeFile(folder + "/pytorch_model.bin.index.json",
                                         QJsonDocument(QJsonObject{{"weight_map", weightMap}}).toJson()));
    }
};

QTEST_GUILESS_MAIN(TestCliCheckpoints)
#include "test_cli_checkpoints.moc"
