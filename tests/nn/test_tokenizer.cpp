#include "core/nn/checkpoint/tokenizer.h"

#include "TestPaths.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <fstream>

using nlohmann::json;

namespace {

json loadCases(const char* file) {
    std::ifstream in(testpaths::data(std::string("tokenizer/") + file));
    return json::parse(in);
}

template <typename T> std::vector<T> list(const json& j) {
    return j.get<std::vector<T>>();
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void matchesEveryHuggingFaceCase_data() {
        QTest::addColumn<int>("index");
        const json cases = loadCases("tokenizer_cases.json")["cases"];
        QCOMPARE(cases.size(), std::size_t(21));
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i]["name"].get<std::string>().c_str()) << int(i);
    }

    void matchesEveryHuggingFaceCase() {
        QFETCH(int, index);
        const json c = loadCases("tokenizer_cases.json")["cases"][std::size_t(index)];
        const esm::EsmTokenizer tok = esm::EsmTokenizer::fromFile(testpaths::data("tokenizer/vocab.txt"));
        const std::string text = c["text"];
        std::optional<std::string> pair;
        if (!c["text_pair"].is_null())
            pair = c["text_pair"].get<std::string>();

        QCOMPARE(tok.tokenize(text), list<std::string>(c["tokens"]));
        if (pair)
            QCOMPARE(tok.tokenize(*pair), list<std::string>(c["tokens_pair"]));
        const auto ids = tok.encode(text, pair);
        QCOMPARE(ids, list<long>(c["input_ids"]));
        QCOMPARE(tok.encode(text, pair, false), list<long>(c["input_ids_no_special"]));
        QCOMPARE(std::vector<int>(ids.size(), 1), list<int>(c["attention_mask"]));
        QCOMPARE(tok.idsToTokens(ids), list<std::string>(c["ids_to_tokens"]));
        QCOMPARE(tok.decode(ids), c["decoded"].get<std::string>());
        QCOMPARE(tok.decode(ids, true), c["decoded_skip_special"].get<std::string>());
        const auto first = tok.encode(text, std::nullopt, false).size();
        const std::optional<std::size_t> second =
            pair ? std::optional<std::size_t>(tok.encode(*pair, std::nullopt, false).size()) : std::nullopt;
        QCOMPARE(tok.specialTokensMask(first, second), list<int>(c["special_tokens_mask"]));
        QCOMPARE(tok.specialIdsMask(ids), list<int>(c["special_tokens_mask_already_has"]));
    }

    void paddedBatchAndTruncation() {
        const json all = loadCases("tokenizer_cases.json");
        const esm::EsmTokenizer tok = esm::EsmTokenizer::fromFile(testpaths::data("tokenizer/vocab.txt"));
        const json batch = all["batch_padding"];
        const auto expected = batch["input_ids"].get<std::vector<std::vector<long>>>();
        const auto texts = list<std::string>(batch["texts"]);
        std::size_t longest = 0;
        for (const auto& t : texts)
            longest = std::max(longest, tok.encode(t).size());
        for (std::size_t i = 0; i < texts.size(); ++i) {
            auto ids = tok.encode(texts[i]);
            ids.resize(longest, tok.padId());
            QCOMPARE(ids, expected[i]);
            QCOMPARE(tok.decode(ids), batch["batch_decode"][i].get<std::string>());
            QCOMPARE(tok.decode(ids, true), batch["batch_decode_skip_special"][i].get<std::string>());
        }
        const json truncation = all["truncation"];
        QCOMPARE(tok.encode(truncation["text"], std::nullopt, true, 6), list<long>(truncation["input_ids"]));
    }

    void laterTransformersAgree() {
        // The same cases rerun with transformers 4.54: the behaviour did not change.
        QCOMPARE(loadCases("tokenizer_cases.json")["cases"],
                 loadCases("tokenizer_cases_transformers_main.json")["cases"]);
    }

    void badVocabularyIsAClearError() {
        QVERIFY_THROWS_EXCEPTION(std::exception, esm::EsmTokenizer({"A", "B"}));
        QTemporaryDir dir;
        try {
            esm::EsmTokenizer::fromFile(testpaths::in(dir, "vocab.txt"));
            QFAIL("no error");
        } catch (const std::exception& e) {
            QVERIFY(QString(e.what()).contains("no vocab.txt"));
        }
        // A token listed twice is refused with its lines, not resolved silently to one id.
        const auto vocab = testpaths::in(dir, "vocab.txt");
        QVERIFY(testpaths::writeFile(QString::fromStdString(vocab.string()),
                                     "<cls>\n<pad>\n<eos>\n<unk>\nL\nA\nL\n<mask>\n"));
        try {
            esm::EsmTokenizer::fromFile(vocab);
            QFAIL("a vocabulary with a duplicate was accepted");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("vocab.txt: the vocabulary lists 'L' twice (lines 5 and 7)"),
                     e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
