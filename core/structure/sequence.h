// A protein sequence as users type it: one-letter residues, chains separated by ':' (ESMFold's
// multimer convention). Inputs of the language models may also hold the tokenizer's special tokens
// (<mask>, <unk>, <cls>, <eos>, <pad>) where its text does; a Sequence stores each as one marker
// character, never a residue letter, so that every position stays one character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace esm {

// One problem found in sequence text: where it is (0-based offset into the text), the character,
// and why it is not accepted.
// No protein is longer (titin, the longest known, has 34,350 residues): a longer input is a nucleotide
// or genome file opened by mistake, refused before it costs memory or time.
constexpr std::size_t kMostResidues = 100'000;

// Throws Error "<what> has more than 100000 residues, longer than any protein (...)" when `residues`
// exceeds kMostResidues.
void requireProteinLength(std::size_t residues, const std::string& what);
// The residues of a sequence text (chain breaks ':' not counted).
std::size_t residueCountOf(std::string_view text);

// "'J'" for a printable character, "0x1B" for any other (never a raw control character in a message).
std::string describeCharacter(char c);

struct SequenceIssue {
    std::size_t offset = 0;
    char character = 0;
    std::string reason;
};

// "<mask>" for the marker character of a special token, empty for any other character.
std::string_view specialTokenOf(char c);
// The text the tokenizer reads: each marker written as its token, e.g. "MK<mask>V".
std::string tokenizerText(std::string_view sequenceText);
// The special tokens, as the tokenizer spells them.
inline constexpr std::string_view kSpecialTokens[] = {"<mask>", "<unk>", "<cls>", "<eos>", "<pad>"};

class Sequence {
  public:
    enum class Mode {
        Strict,   // the text must already be upper-case residues and ':'
        Tolerant, // upper-cases letters and drops white space first
    };
    enum class Alphabet {
        Residues,          // what a structure is made of
        WithSpecialTokens, // a language model's input: residues and <mask>, <unk>, <cls>, <eos>, <pad>
    };

    Sequence() = default;
    // Throws Error naming the 1-based position and the character of the first problem.
    static Sequence parse(std::string_view text, Mode mode = Mode::Strict,
                          Alphabet alphabet = Alphabet::Residues);
    // Every problem in `text`, without throwing: for editors that underline each of them.
    static std::vector<SequenceIssue> findIssues(std::string_view text, Mode mode = Mode::Strict,
                                                 Alphabet alphabet = Alphabet::Residues);
    // What Tolerant mode does to text before checking it (special tokens keep their case).
    static std::string normalize(std::string_view text);

    // The residues with ':' between chains, e.g. "MKT:GSH" (special tokens as markers).
    const std::string& text() const { return text_; }
    std::vector<std::string_view> chains() const;
    std::size_t chainCount() const;
    // Residues in all chains, separators not counted.
    std::size_t residueCount() const;
    bool empty() const { return text_.empty(); }
    bool operator==(const Sequence&) const = default;

  private:
    explicit Sequence(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

} // namespace esm
