// Weight files as users have them, and every way they can be broken.
#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/log.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/checkpoint/hf_config.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/checkpoint/torch_archive.h"

#include "TensorChecks.h"
#include "TestPaths.h"
#include "ZipWriter.h"

#include <QtTest>

#include <cstring>
#include <fstream>
#include <limits>

namespace fs = std::filesystem;

namespace {

std::string bytesOf(const fs::path& p) {
    return esm::readFile(p);
}

void writeText(const fs::path& p, const std::string& text) {
    zipwriter::writeBytes(p.string(), text);
}

// A safetensors file whose header is `json` followed by `dataBytes` zero bytes.
std::string safetensorsWithHeader(const std::string& json, std::size_t dataBytes) {
    std::string out;
    const std::uint64_t n = json.size();
    out.append(reinterpret_cast<const char*>(&n), 8);
    out += json;
    out.append(dataBytes, '\0');
    return out;
}

} // namespace

class TestCheckpointFiles : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void readsSafetensors() {
        const auto file = esm::readSafetensors(testpaths::data("esm2_tiny/model.safetensors"));
        QCOMPARE(file.metadata.at("format"), std::string("pt"));
        const esm::TensorRecord* query = nullptr;
        for (const auto& t : file.tensors)
            if (t.name == "esm.encoder.layer.2.attention.self.query.weight")
                query = &t;
        QVERIFY(query);
        QCOMPARE(query->shape, (std::vector<std::int64_t>{64, 64}));
        QCOMPARE(query->type, esm::ElementType::F32);
        // The data lies inside the mapping: read in place, not copied.
        QVERIFY(query->data > file.mapping->data() &&
                query->data + query->bytes <= file.mapping->data() + file.mapping->size());
    }

    void writesWhatItReads() {
        QTemporaryDir dir;
        const auto original = esm::readSafetensors(testpaths::data("esm1b_tiny/model.safetensors"));
        const auto path = testpaths::in(dir, "copy.safetensors");
        esm::writeSafetensors(path, original.tensors, {{"note", "copy"}});
        const auto copy = esm::readSafetensors(path);
        QCOMPARE(copy.tensors.size(), original.tensors.size());
        QCOMPARE(copy.metadata.at("note"), std::string("copy"));
        for (const auto& t : original.tensors) {
            const auto it = std::find_if(copy.tensors.begin(), copy.tensors.end(),
                                         [&](auto& c) { return c.name == t.name; });
            QVERIFY(it != copy.tensors.end());
            QCOMPARE(it->shape, t.shape);
            QVERIFY(std::memcmp(it->data, t.data, t.bytes) == 0);
            QCOMPARE(reinterpret_cast<std::uintptr_t>(it->data) % esm::elementSize(it->type),
                     std::uintptr_t(0));
        }
    }

    void brokenSafetensorsGetPreciseErrors() {
        QTemporaryDir dir;
        const auto path = testpaths::in(dir, "model.safetensors");
        const std::string good = bytesOf(testpaths::data("esm2_tiny/model.safetensors"));

        writeText(path, good.substr(0, good.size() / 2));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "lies outside the file");
        writeText(path, good.substr(0, 5));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "too short to be a safetensors file");
        writeText(path, std::string("\xff\xff\xff\xff\x00\x00\x00\x00", 8) + "{}");
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "exceeds the file size");
        writeText(path, safetensorsWithHeader("{not json", 0));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "header is not valid JSON");
        writeText(path, safetensorsWithHeader(R"({"w":{"dtype":"F8","shape":[2],"data_offsets":[0,2]}})", 2));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "tensor 'w' has unsupported dtype 'F8'");
        // Found by fuzz_safetensors: a dtype that is not a string ended the program.
        writeText(path,
                  safetensorsWithHeader(R"({"w":{"dtype":["F32"],"shape":[2],"data_offsets":[0,8]}})", 8));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "tensor 'w' has unsupported dtype 'a list of 1 item'");
        writeText(path,
                  safetensorsWithHeader(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 24));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path),
                          "tensor 'w' has shape [2, 3] of F32 but 20 bytes of data");
        writeText(path,
                  safetensorsWithHeader(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "tensor 'w' has an invalid shape");
        // 2^63 and 2^64 - 1 are unsigned in JSON and negative as int64: refused, not read as -2^63 or -1.
        writeText(path,
                  safetensorsWithHeader(
                      R"({"w":{"dtype":"F32","shape":[9223372036854775808],"data_offsets":[0,8]}})", 8));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "tensor 'w' has an invalid shape");
        writeText(path,
                  safetensorsWithHeader(
                      R"({"w":{"dtype":"F32","shape":[18446744073709551615,2],"data_offsets":[0,8]}})", 8));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "tensor 'w' has an invalid shape");
        writeText(path, safetensorsWithHeader(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                              R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                                              12));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "overlap");
    }

    void readsPytorchBinAsSafetensorsHasIt() {
        // The same weights saved both ways by HuggingFace: every tensor byte-identical.
        const auto bin =
            esm::CheckpointFiles::openFile(testpaths::data("esmfold_tiny_bin/pytorch_model.bin"));
        const auto st = esm::CheckpointFiles::openFile(testpaths::data("esmfold_tiny/model.safetensors"));
        QCOMPARE(bin.names(), st.names());
        for (const auto& name : st.names()) {
            const auto* a = bin.find(name);
            const auto* b = st.find(name);
            QCOMPARE(a->shape, b->shape);
            QCOMPARE(a->type, b->type);
            QVERIFY2(std::memcmp(a->data, b->data, b->bytes) == 0, name.c_str());
        }
    }

    void readsFloat16LanguageModelAsEsmFoldShipsIt() {
        const auto bin =
            esm::CheckpointFiles::openFile(testpaths::data("esmfold_tiny_bin/pytorch_model_fp16esm.bin"));
        const auto st = esm::CheckpointFiles::openFile(testpaths::data("esmfold_tiny/model.safetensors"));
        int halves = 0;
        for (const auto& name : st.names()) {
            const auto* a = bin.find(name);
            if (name.rfind("esm.", 0) == 0 && esm::isFloatingPoint(a->type)) {
                QCOMPARE(a->type, esm::ElementType::F16);
                ++halves;
            } else {
                QCOMPARE(a->type, st.find(name)->type);
            }
        }
        QVERIFY(halves > 30);
        QVERIFY(bin.elementTypes().count(esm::ElementType::F16));
    }

    void readsHandMadeArchivesUnderAnyPrefix() {
        QTemporaryDir dir;
        std::string data(6 * 4, '\0');
        for (int i = 0; i < 6; ++i) {
            const float v = 0.5f * float(i);
            std::memcpy(data.data() + 4 * i, &v, 4);
        }
        const auto pickle = zipwriter::pickleStateDict({{"layer.weight", {2, 3}, 6}});
        const auto path = testpaths::in(dir, "pytorch_model.bin");
        zipwriter::writeBytes(path.string(),
                              zipwriter::zip({{"archive/data.pkl", pickle}, {"archive/data/0", data}}));
        const auto archive = esm::readTorchArchive(path);
        QCOMPARE(archive.tensors.size(), std::size_t(1));
        QCOMPARE(archive.tensors[0].shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(tensorchecks::values(archive.tensors[0])[5], 2.5);
    }

    void brokenArchivesGetPreciseErrors() {
        QTemporaryDir dir;
        const auto path = testpaths::in(dir, "pytorch_model.bin");
        const std::string good = bytesOf(testpaths::data("esmfold_tiny_bin/pytorch_model.bin"));
        writeText(path, good.substr(0, good.size() - 3000));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "truncated");
        writeText(path, "not a zip file at all, just some text that is long enough");
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "no zip end-of-directory record");

        const auto pickle = zipwriter::pickleStateDict({{"w", {4, 4}, 16}});
        zipwriter::writeBytes(path.string(),
                              zipwriter::zip({{"m/data.pkl", pickle}, {"m/data/0", std::string(8, '\0')}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path),
                          "tensor 'w' of shape [4, 4] reaches past its storage record");
        zipwriter::writeBytes(path.string(), zipwriter::zip({{"m/data.pkl", pickle}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path),
                          "tensor 'w' refers to a missing storage record data/0");
        zipwriter::writeBytes(path.string(),
                              zipwriter::zip({{"m/data.pkl", pickle.substr(0, pickle.size() / 2)}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "data.pkl");
        zipwriter::writeBytes(path.string(), zipwriter::zip({{"m/data.pkl", "\x80\x02"
                                                                            "cos\nsystem\n\xff."}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "unsupported pickle opcode 0xff");
        zipwriter::writeBytes(path.string(), zipwriter::zip({{"m/other", "x"}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "no data.pkl");

        // Offsets and strides chosen to overflow the bounds check, or negative: refused, never mapped.
        const std::string storage(64, '\0');
        auto archiveOf = [&](const zipwriter::PickledFloat& t) {
            zipwriter::writeBytes(
                path.string(),
                zipwriter::zip({{"m/data.pkl", zipwriter::pickleStateDict({t})}, {"m/data/0", storage}}));
            return path;
        };
        constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
        ESMX_EXPECT_ERROR(esm::readTorchArchive(archiveOf({"w", {4, 4}, 16, kMax})),
                          "reaches past its storage record");
        ESMX_EXPECT_ERROR(esm::readTorchArchive(archiveOf({"w", {4, 4}, 16, kMax - 8})),
                          "reaches past its storage record");
        ESMX_EXPECT_ERROR(esm::readTorchArchive(archiveOf({"w", {4, 4}, 16, 0, {-4, 1}})),
                          "impossible strides");
        ESMX_EXPECT_ERROR(esm::readTorchArchive(archiveOf({"w", {4, 4}, 16, 0, {std::int64_t(1) << 62, 1}})),
                          "impossible strides");

        // Hostile pickles: 5 M nested tuples (a stack overflow before), 10 M MARKs (1.75 GB before),
        // a text memo index that is no number ("esmx: stoull" before).
        std::string nested = "\x80\x02N";
        nested += std::string(5'000'000, '\x85') + ".";
        zipwriter::writeBytes(path.string(), zipwriter::zip({{"m/data.pkl", nested}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "nested deeper than 1000 levels");
        zipwriter::writeBytes(
            path.string(), zipwriter::zip({{"m/data.pkl", "\x80\x02" + std::string(10'000'000, '(') + "."}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "values on the stack");
        zipwriter::writeBytes(path.string(), zipwriter::zip({{"m/data.pkl", "\x80\x02Np12x\n."}}));
        ESMX_EXPECT_ERROR(esm::readTorchArchive(path), "memo index '12x' is not a number");
    }

    void readsShardedFolders() {
        QTemporaryDir dir;
        const fs::path folder = dir.path().toStdString();
        const auto whole = esm::readSafetensors(testpaths::data("esm2_tiny/model.safetensors"));
        std::vector<esm::TensorRecord> first(whole.tensors.begin(), whole.tensors.begin() + 10),
            second(whole.tensors.begin() + 10, whole.tensors.end());
        esm::writeSafetensors(folder / "model-00001-of-00002.safetensors", first);
        esm::writeSafetensors(folder / "model-00002-of-00002.safetensors", second);
        std::string index = R"({"metadata": {}, "weight_map": {)";
        for (std::size_t i = 0; i < whole.tensors.size(); ++i)
            index += (i ? "," : "") + std::string("\"") + whole.tensors[i].name + "\": \"model-0000" +
                     (i < 10 ? "1" : "2") + "-of-00002.safetensors\"";
        writeText(folder / "model.safetensors.index.json", index + "}}");
        const auto files = esm::CheckpointFiles::open(folder);
        QCOMPARE(files.files().size(), std::size_t(2));
        QCOMPARE(files.names().size(), whole.tensors.size());

        fs::remove(folder / "model-00002-of-00002.safetensors");
        ESMX_EXPECT_ERROR(esm::CheckpointFiles::open(folder),
                          "names the shard 'model-00002-of-00002.safetensors', which is missing");

        // A shard name that leads out of the model folder is refused, whatever is there.
        writeText(folder / "model.safetensors.index.json",
                  R"({"weight_map": {"a": "../../../../etc/passwd"}})");
        ESMX_EXPECT_ERROR(esm::CheckpointFiles::open(folder), "which is not a file name in the model folder");
        writeText(folder / "model.safetensors.index.json", R"({"weight_map": {"a": "/etc/passwd"}})");
        ESMX_EXPECT_ERROR(esm::CheckpointFiles::open(folder), "which is not a file name in the model folder");

        // A sharded .bin folder reads the same way.
        const fs::path binFolder = folder / "bin";
        fs::create_directory(binFolder);
        fs::copy_file(testpaths::data("esmfold_tiny_bin/pytorch_model.bin"),
                      binFolder / "pytorch_model-00001-of-00001.bin");
        writeText(
            binFolder / "pytorch_model.bin.index.json",
            R"({"weight_map": {"esm.embeddings.word_embeddings.weight": "pytorch_model-00001-of-00001.bin"}})");
        QVERIFY(esm::CheckpointFiles::open(binFolder).find("trunk.structure_module.ipa.linear_q.weight"));
    }

    void foldersWithoutWeightsAreExplained() {
        QTemporaryDir dir;
        ESMX_EXPECT_ERROR(esm::CheckpointFiles::open(dir.path().toStdString()), "no weights");
        ESMX_EXPECT_ERROR(esm::CheckpointFiles::open(testpaths::in(dir, "absent")), "not a folder");
    }

    void openingCanBeCancelled() {
        esm::Progress progress;
        progress.cancelled = [] { return true; };
        QVERIFY_THROWS_EXCEPTION(esm::Cancelled,
                                 esm::CheckpointFiles::open(testpaths::data("esm2_tiny"), progress));
    }

    void readsConfigWithHuggingFaceDefaults() {
        const auto c = esm::readEsmConfig(testpaths::data("esm2_tiny/config.json"));
        QCOMPARE(c.hidden_size, 64);
        QCOMPARE(c.num_hidden_layers, 3);
        QVERIFY(c.isRotary());
        QCOMPARE(*c.mask_token_id, 32);
        QCOMPARE(c.vocab_list.size(), std::size_t(33));
        QVERIFY(!c.esmfold_config);
        const auto d = esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1})", "c.json");
        QCOMPARE(d.hidden_size, 768);
        QCOMPARE(d.layer_norm_eps, 1e-12);
        QCOMPARE(d.position_embedding_type, std::string("absolute"));
        QVERIFY(!d.token_dropout);
        const auto fold = esm::readEsmConfig(testpaths::data("esmfold_tiny/config.json"));
        QVERIFY(fold.is_folding_model && fold.esmfold_config);
        QCOMPARE(fold.esmfold_config->trunk.num_blocks, 2);
        QCOMPARE(fold.esmfold_config->trunk.structure_module.num_heads_ipa, 4);
        QVERIFY(!fold.esmfold_config->trunk.chunk_size);
        QCOMPARE(fold.esmfold_config->lddt_head_hid_dim, 32);
        const auto labels = esm::readEsmConfig(testpaths::data("esm2_seqcls_tiny/config.json"));
        QCOMPARE(labels.num_labels, 3);
        QCOMPARE(labels.id2label.at(2), std::string("LABEL_2"));
    }

    // Issue 30: ESMFold sizes that divided by zero, overflowed or asked for gigabytes, and eps that
    // gave NaN outputs with exit 0; each refused by name before anything is built.
    void hostileEsmFoldConfigsAreRefused_data() {
        QTest::addColumn<QString>("trunk");
        QTest::addColumn<QString>("top");
        QTest::addColumn<QString>("message");
        QTest::newRow("sequence head width 0") << R"("sequence_head_width": 0)"
                                               << ""
                                               << "trunk.sequence_head_width 0 is outside";
        QTest::newRow("pairwise head width 0") << R"("pairwise_head_width": 0)"
                                               << ""
                                               << "trunk.pairwise_head_width 0 is outside";
        QTest::newRow("INT_MIN state, width -1")
            << R"("sequence_state_dim": -2147483648, "sequence_head_width": -1)"
            << ""
            << "trunk.sequence_state_dim -2147483648 is outside";
        QTest::newRow("not divisible") << R"("sequence_state_dim": 100, "sequence_head_width": 32)"
                                       << ""
                                       << "multiples of their head widths (sequence 100 / 32";
        QTest::newRow("resnet blocks 1e8") << R"("structure_module": {"num_resnet_blocks": 100000000})"
                                           << ""
                                           << "structure_module.num_resnet_blocks 100000000 is outside";
        QTest::newRow("transition layers 1e8")
            << R"("structure_module": {"num_transition_layers": 100000000})"
            << ""
            << "structure_module.num_transition_layers 100000000";
        QTest::newRow("angles overflow") << R"("structure_module": {"num_angles": 2000000000})"
                                         << ""
                                         << "structure_module.num_angles 2000000000 is not 7";
        QTest::newRow("qk points overflow") << R"("structure_module": {"num_qk_points": 2000000000})"
                                            << ""
                                            << "structure_module.num_qk_points 2000000000 is outside";
        QTest::newRow("ipa epsilon 0") << R"("structure_module": {"epsilon": 0})"
                                       << ""
                                       << "structure_module.epsilon 0.000000 must be a positive number";
        QTest::newRow("chunk size 0") << R"("chunk_size": 0)"
                                      << ""
                                      << "trunk.chunk_size 0 is outside";
        QTest::newRow("layer_norm_eps -1") << ""
                                           << R"("layer_norm_eps": -1,)"
                                           << "layer_norm_eps -1.000000 must be a positive number";
        QTest::newRow("dropout 1") << ""
                                   << R"("hidden_dropout_prob": 1,)"
                                   << "hidden_dropout_prob 1.000000 must be at least 0 and below 1";
    }
    void hostileEsmFoldConfigsAreRefused() {
        QFETCH(QString, trunk);
        QFETCH(QString, top);
        QFETCH(QString, message);
        const std::string config = R"({"vocab_size": 33, "pad_token_id": 1, "is_folding_model": true, )" +
                                   top.toStdString() + R"("esmfold_config": {"trunk": {)" +
                                   trunk.toStdString() + "}}}";
        try {
            esm::parseEsmConfig(config, "c.json");
            QFAIL("accepted");
        } catch (const esm::Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    // Issue 30: nlohmann's dump, copy and comparison recurse per level; a million-deep value in a
    // typed field, a safetensors header or a PAE file overflowed the stack where it was quoted.
    void deeplyNestedJsonIsRefusedBeforeParsing() {
        const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": )" + deep + "}",
                                "c.json"),
            "c.json: JSON nested deeper than 64 levels");
        QTemporaryDir dir;
        const fs::path path = testpaths::in(dir, "model.safetensors");
        writeText(path, safetensorsWithHeader(
                            R"({"w":{"dtype":)" + deep + R"(,"shape":[2],"data_offsets":[0,8]}})", 8));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path),
                          "header is not valid JSON (corrupt file?): JSON nested deeper");
        writeText(path, safetensorsWithHeader(R"({"__metadata__":{"format":)" + deep + "}}", 0));
        ESMX_EXPECT_ERROR(esm::readSafetensors(path), "nested deeper than 64 levels");
        // 64 levels are fine (quoted in short), and a long value is cut.
        const std::string sixtyFour = std::string(63, '[') + "1" + std::string(63, ']');
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": )" + sixtyFour + "}",
                                "c.json"),
            "must be an integer, not a list of 1 item");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig("{\"vocab_size\": 33, \"pad_token_id\": 1, \"hidden_size\": \"" +
                                    std::string(10000, '7') + "\"}",
                                "c.json"),
            "must be an integer, not string \"77777777777777777777777777777777777777777777777777777777...");
        try {
            esm::parseEsmConfig("{\"vocab_size\": 33, \"pad_token_id\": 1, \"model_type\": \"" +
                                    std::string(10000, 'x') + "\"}",
                                "c.json");
            QFAIL("model_type xxx... accepted");
        } catch (const esm::Error& e) {
            QVERIFY2(std::strlen(e.what()) < 200, e.what());
        }
    }

    void badConfigsAreErrorsOrWarnings() {
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": "64"})", "c.json"),
            "c.json: field 'hidden_size' must be an integer, not string \"64\"");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "esmfold_config": {"trunk": )"
                                R"({"num_blocks": 1.5}}})",
                                "c.json"),
            "field 'esmfold_config.trunk.num_blocks' must be an integer");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"model_type": "bert", "vocab_size": 3, "pad_token_id": 0})", "c.json"),
            "not an ESM model");
        ESMX_EXPECT_ERROR(esm::parseEsmConfig(R"({"pad_token_id": 1})", "c.json"), "vocab_size is missing");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": 65})", "c.json"),
            "not a multiple of num_attention_heads");
        // Dimensions no model has are refused before anything is built (2.7 GB and 5.7 GB went first before).
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": 4294967360})",
                                "c.json"),
            "field 'hidden_size' is 4294967360, outside any model's range");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "num_hidden_layers": 50000})",
                                "c.json"),
            "num_hidden_layers 50000 is beyond any ESM model (at most 1000)");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "hidden_size": 1000000000})",
                                "c.json"),
            "hidden_size 1000000000 is beyond any ESM model");
        ESMX_EXPECT_ERROR(
            esm::parseEsmConfig(R"({"vocab_size": 33, "pad_token_id": 1, "is_folding_model": true, )"
                                R"("esmfold_config": {"trunk": {"num_blocks": 1000000}}})",
                                "c.json"),
            "trunk.num_blocks 1000000 is outside any ESMFold model");
        ESMX_EXPECT_ERROR(esm::parseEsmConfig("[1, 2]", "c.json"), "not a JSON object");
        ESMX_EXPECT_ERROR(esm::parseEsmConfig("{", "c.json"), "not valid JSON");

        std::vector<std::string> warnings;
        const auto previous =
            esm::setLogSink([&](esm::LogLevel, const std::string& m) { warnings.push_back(m); });
        esm::parseEsmConfig(
            R"({"vocab_size": 33, "pad_token_id": 1, "my_field": 3, "output_attentions": false,)"
            R"( "esmfold_config": {"trunk": {"extra": 1}}})",
            "c.json");
        esm::setLogSink(previous);
        QCOMPARE(warnings.size(), std::size_t(2));
        QVERIFY(
            QString::fromStdString(warnings[0] + warnings[1]).contains("unknown field 'my_field' ignored"));
        QVERIFY(QString::fromStdString(warnings[0] + warnings[1])
                    .contains("unknown field 'esmfold_config.trunk.extra'"));
    }
};

QTEST_APPLESS_MAIN(TestCheckpointFiles)
#include "test_checkpoint_files.moc"
