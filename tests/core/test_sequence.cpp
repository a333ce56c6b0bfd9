#include "core/base/error.h"
#include "core/structure/sequence.h"

#include "TestPaths.h"

#include <QtTest>

using esm::Sequence;

class TestSequence : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void acceptsStandardAndExtraResidues() {
        const Sequence s = Sequence::parse("ACDEFGHIKLMNPQRSTVWYXBZUO");
        QCOMPARE(s.residueCount(), std::size_t(25));
        QCOMPARE(s.chainCount(), std::size_t(1));
    }

    void colonSeparatesChains() {
        const Sequence s = Sequence::parse("MKT:GSHM:AA");
        QCOMPARE(s.chainCount(), std::size_t(3));
        QCOMPARE(std::string(s.chains()[1]), std::string("GSHM"));
        QCOMPARE(s.residueCount(), std::size_t(9));
        QCOMPARE(s.text(), std::string("MKT:GSHM:AA"));
    }

    void terminalStopIsDropped() { QCOMPARE(Sequence::parse("MKT*").text(), std::string("MKT")); }

    void errorsNamePositionAndCharacter() {
        ESMX_EXPECT_ERROR(Sequence::parse("MKTJAY"), "invalid character 'J' at position 4");
        ESMX_EXPECT_ERROR(Sequence::parse("MK3AY"), "'3' at position 3: digits are not residues");
        ESMX_EXPECT_ERROR(Sequence::parse("MK*AY"),
                          "'*' at position 3: '*' (stop) is only allowed at the end");
        ESMX_EXPECT_ERROR(Sequence::parse("MKtAY"), "'t' at position 3: lower-case");
        ESMX_EXPECT_ERROR(Sequence::parse("MK AY"), "' ' at position 3: white space");
        ESMX_EXPECT_ERROR(Sequence::parse(""), "empty");
        ESMX_EXPECT_ERROR(Sequence::parse("*"), "empty");
    }

    void emptyChainsAreRejected() {
        ESMX_EXPECT_ERROR(Sequence::parse(":MKT"), "position 1");
        ESMX_EXPECT_ERROR(Sequence::parse("MKT:"), "position 4");
        ESMX_EXPECT_ERROR(Sequence::parse("MK::T"), "position 3");
    }

    void tolerantModeUppercasesAndDropsWhiteSpace() {
        const Sequence s = Sequence::parse("  mkt ay\n\tiak : gsh\r\n*", Sequence::Mode::Tolerant);
        QCOMPARE(s.text(), std::string("MKTAYIAK:GSH"));
        ESMX_EXPECT_ERROR(Sequence::parse("mk j", Sequence::Mode::Tolerant), "'j' at position 4");
    }

    void findIssuesReportsEveryProblemAtItsOffset() {
        const auto issues = Sequence::findIssues("MK1A J*Y", Sequence::Mode::Tolerant);
        QCOMPARE(issues.size(), std::size_t(3));
        QCOMPARE(issues[0].offset, std::size_t(2));
        QCOMPARE(issues[1].offset, std::size_t(5));
        QCOMPARE(issues[2].offset, std::size_t(6));
        QVERIFY(Sequence::findIssues("MKTAY").empty());
    }

    void languageModelInputsTakeSpecialTokens() {
        const auto lm = Sequence::Alphabet::WithSpecialTokens;
        const Sequence s = Sequence::parse("mk<mask>T <unk>v<cls><eos><pad>*", Sequence::Mode::Tolerant, lm);
        QCOMPARE(s.residueCount(), std::size_t(9)); // one position per token
        QCOMPARE(esm::tokenizerText(s.text()), std::string("MK<mask>T<unk>V<cls><eos><pad>"));
        QCOMPARE(std::string(esm::specialTokenOf(s.text()[2])), std::string("<mask>"));
        QVERIFY(esm::specialTokenOf('M').empty());
        QCOMPARE(Sequence::normalize("mk<mask> v"), std::string("MK<mask>V"));
        // Tokens are spelled as the tokenizer spells them; structures take none.
        const auto unknown = Sequence::findIssues("MK<MASK>", Sequence::Mode::Strict, lm);
        QCOMPARE(unknown.size(), std::size_t(2)); // '<' and '>'; M, A, S, K are residues
        QCOMPARE(unknown.front().offset, std::size_t(2));
        QVERIFY(QString::fromStdString(unknown.front().reason).contains("begins no special token"));
        try {
            Sequence::parse("MK<mask>");
            QFAIL("a structure sequence took <mask>");
        } catch (const esm::Error& e) {
            QVERIFY(QString(e.what()).contains("only language-model inputs take"));
        }
        // A marker character typed literally is no token.
        QVERIFY(!Sequence::findIssues(std::string("MK\x01"), Sequence::Mode::Strict, lm).empty());
    }
};

QTEST_APPLESS_MAIN(TestSequence)
#include "test_sequence.moc"
