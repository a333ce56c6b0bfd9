#include "core/base/error.h"
#include "core/io/fasta.h"

#include "TestPaths.h"

#include <QtTest>
#include <sstream>

namespace {
std::vector<esm::FastaRecord> parse(const std::string& text) {
    std::istringstream in(text);
    return esm::readFasta(in, "in.fasta");
}
} // namespace

class TestFasta : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void readsWrappedMultiRecordFiles() {
        const auto records = parse(">sp|P1|ONE first protein\nMKTAY\nIAKQR\n\n>two\r\nmkt\r\ngsh*\r\n\n");
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[0].id, std::string("sp|P1|ONE"));
        QCOMPARE(records[0].description, std::string("first protein"));
        QCOMPARE(records[0].sequence.text(), std::string("MKTAYIAKQR"));
        QCOMPARE(records[1].id, std::string("two"));
        QCOMPARE(records[1].sequence.text(), std::string("MKTGSH"));
    }

    void keepsChainSeparators() {
        const auto records = parse(">complex\nMKTAY:\nGSHM\n");
        QCOMPARE(records[0].sequence.chainCount(), std::size_t(2));
    }

    void errorsGiveLineAndColumn() {
        ESMX_EXPECT_ERROR(parse(">a\nMKTAY\nMK1AY\n"), "in.fasta:3:3: invalid character '1' in record 'a'");
        ESMX_EXPECT_ERROR(parse(">a\nMK*\nAY\n"), "in.fasta:2:3:");
        ESMX_EXPECT_ERROR(parse(">a\nMKJ\n"), "in.fasta:2:3:");
        ESMX_EXPECT_ERROR(parse("MKTAY\n"), "in.fasta:1:1: sequence before the first '>'");
        ESMX_EXPECT_ERROR(parse(">a\n>b\nMK\n"), "in.fasta:1: record 'a' has no sequence");
        ESMX_EXPECT_ERROR(parse(">\nMK\n"), "in.fasta:1:1: header without an id");
        ESMX_EXPECT_ERROR(parse("\n\n"), "no FASTA records");
    }

    // Issue 30: a BOM read as "sequence before the first header", CR-only line ends as "no sequence",
    // raw control characters in messages, and a genome read whole (45 bytes a residue) before any limit.
    void oddButHonestFilesReadAndHostileOnesStopEarly() {
        QCOMPARE(parse("\xEF\xBB\xBF>bom\nMKT\n")[0].sequence.text(), std::string("MKT"));
        const auto mac = parse(">one\rMKT\rAY\r>two\rGSH\r");
        QCOMPARE(mac.size(), std::size_t(2));
        QCOMPARE(mac[0].sequence.text(), std::string("MKTAY"));
        QCOMPARE(mac[1].sequence.text(), std::string("GSH"));
        ESMX_EXPECT_ERROR(parse(">a\nMK\x1b[31mT\n"), "in.fasta:2:3: invalid character 0x1B in record 'a'");
        QCOMPARE(esm::terminalSafe("red \x1b[31m\ttab\nline\x7f"),
                 std::string("red \\x1B[31m\ttab\nline\\x7F"));

        QCOMPARE(parse(">titin\n" + std::string(esm::kMostResidues, 'A') + "\n")[0].sequence.text().size(),
                 esm::kMostResidues);
        std::string genome = ">chr1\n";
        for (int line = 0; line < 100000; ++line) // 8 million bases
            genome += "ACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGT\n";
        ESMX_EXPECT_ERROR(parse(genome),
                          "in.fasta:1252:1: record 'chr1' has more than 100000 residues, longer "
                          "than any protein (a nucleotide or genome file?)");
    }

    void writesWhatItReads() {
        const auto records = parse(">a desc\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ\n>b\nGSH:MKT\n");
        std::ostringstream out;
        esm::writeFasta(out, records, 10);
        QCOMPARE(out.str(), std::string(">a desc\nMKTAYIAKQR\nQISFVKSHFS\nRQLEERLGLI\nEVQ\n>b\nGSH:MKT\n"));
        QCOMPARE(parse(out.str())[0].sequence, records[0].sequence);
    }
};

QTEST_APPLESS_MAIN(TestFasta)
#include "test_fasta.moc"
